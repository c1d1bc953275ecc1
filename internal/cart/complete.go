package cart

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"channeld/internal/apikey"
	"channeld/internal/order"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/stock"
)

// Complete turns the cart into an order in one transaction: it re-checks every line
// (channel, product in channel, price, stock), reserves stock for managed lines at the
// channel's locations through the stock service, authorizes the payment, places the order
// through the order service and marks the cart completed. Completing a completed cart
// returns its order.
func (s *Service) Complete(ctx context.Context, cartID string, key apikey.Scope) (*order.Order, error) {
	var o *order.Order
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		c, err := getCart(ctx, tx, cartID, s.db.ForUpdate())
		if err != nil {
			return err
		}
		if err := s.reachable(ctx, tx, c, key); err != nil {
			return err
		}
		if c.CompletedAt != nil {
			o, err = s.Orders.ForCart(ctx, tx, c.ID)
			if apperr.Is(err, apperr.NotFound) {
				return fmt.Errorf("completed cart %s has no order", c.ID)
			}
			return err
		}
		// Stock is reserved at the channel's locations: a cart without a channel could take
		// managed stock no location accounts for.
		if c.SalesChannelID == nil {
			return apperr.Invalidf("Field(s) are required to have value to continue - sales_channel_id")
		}
		// An order of nothing, or one nobody can be told about, is no order (Medusa refuses both).
		if len(c.Items) == 0 {
			return apperr.Invalidf("Cannot complete a cart with no items")
		}
		if c.Email == nil || *c.Email == "" {
			return apperr.Invalidf("Cannot complete a cart without an email: set one with POST /store/carts/%s", c.ID)
		}
		o, err = s.placeOrder(ctx, tx, c)
		if err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cart SET completed_at = $2, updated_at = $2, version = version + 1 WHERE id = $1`,
			c.ID, db.Time{Time: o.CreatedAt}); err != nil {
			return fmt.Errorf("complete cart %s: %w", c.ID, err)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// placeOrder re-checks and reserves every line of c, authorizes its payment and places its
// order, all in tx.
func (s *Service) placeOrder(ctx context.Context, tx db.DBTX, c *Cart) (*order.Order, error) {
	ch, err := s.cartChannel(ctx, tx, c)
	if err != nil {
		return nil, err
	}
	var sellerID *string // the channel's seller as of now: a later change of seller leaves the order alone
	if ch != nil {
		sellerID = ch.SellerID
	}
	now := s.now()
	o := &order.Order{ID: s.newID(id.Order), CartID: &c.ID, Status: "pending", Email: c.Email, CurrencyCode: c.CurrencyCode,
		RegionID: c.RegionID, SalesChannelID: c.SalesChannelID, SellerID: sellerID, CustomerID: c.CustomerID, CreatedAt: now, UpdatedAt: now, Items: []*order.Item{},
		ShippingMethods: []*order.ShippingMethod{}}
	// Lines in variant order so that concurrent completions lock levels in one order.
	lines := slices.Clone(c.Items)
	slices.SortFunc(lines, func(a, b *LineItem) int { return strings.Compare(a.VariantID, b.VariantID) })
	for _, li := range lines {
		// The line keeps the price it was added at: the order copies it (§2.5).
		v, err := s.checkVariant(ctx, tx, c, ch, nil, li.VariantID, li.Quantity)
		if err != nil {
			return nil, err
		}
		if v.ManageInventory && !v.AllowBackorder {
			hold := stock.Hold{LineItemID: li.ID, VariantID: li.VariantID, Quantity: li.Quantity}
			if err := s.Stock.Reserve(ctx, tx, ch.ID, hold); err != nil {
				return nil, err
			}
		}
		o.Items = append(o.Items, &order.Item{ID: s.newID(id.OrderLineItem), OrderID: o.ID, VariantID: li.VariantID,
			ProductID: li.ProductID, Title: li.Title, ProductTitle: li.ProductTitle, VariantTitle: li.VariantTitle,
			VariantSKU: li.VariantSKU, Quantity: li.Quantity, UnitPrice: li.UnitPrice, CreatedAt: now, UpdatedAt: now})
		o.ItemTotal += li.UnitPrice * li.Quantity
	}
	o.ShippingAddress = s.copyAddress(c.ShippingAddress, now)
	o.BillingAddress = s.copyAddress(c.BillingAddress, now)
	o.Locale = c.Locale
	for _, m := range c.ShippingMethods {
		opt := m.ShippingOptionID
		o.ShippingMethods = append(o.ShippingMethods, &order.ShippingMethod{ID: s.newID(id.OrderShipping), OrderID: o.ID,
			ShippingOptionID: &opt, Name: m.Name, Amount: m.Amount, IsTaxInclusive: m.IsTaxInclusive, Data: m.Data,
			Metadata: m.Metadata, CreatedAt: now, UpdatedAt: now})
		o.ShippingTotal += m.Amount
	}
	o.Total = o.ItemTotal + o.ShippingTotal
	if o.PaymentStatus, err = s.Payments.Authorize(ctx, tx, c.ID); err != nil {
		return nil, err
	}
	return o, s.Orders.Place(ctx, tx, o)
}

// copyAddress is a cart's address as the order keeps it: the same fields under an id of the
// order's own; nil stays nil.
func (s *Service) copyAddress(a *order.Address, now time.Time) *order.Address {
	if a == nil {
		return nil
	}
	cp := *a
	cp.ID, cp.CreatedAt, cp.UpdatedAt = s.newID(id.OrderAddress), now, now
	return &cp
}
