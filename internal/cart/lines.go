package cart

import (
	"context"
	"encoding/json"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/product"
	"channeld/internal/saleschannel"
	"channeld/internal/stock"
)

// AddItem adds a variant to the cart; a variant already in it gets its quantity raised.
//
// The line is checked on a read connection against the cart as last committed, and written
// in a transaction that only writes, provided the cart is still at the version read: on
// SQLite the checks are several reads that would otherwise hold the single writer. When the
// cart changed meanwhile, or has a payment collection to keep in step with its total, the
// line is checked again and added under the cart's lock.
func (s *Service) AddItem(ctx context.Context, cartID string, key apikey.Scope, it ItemInput) (*Cart, error) {
	c, done, err := s.addToSnapshot(ctx, cartID, key, it)
	if err != nil || done {
		return c, err
	}
	return s.change(ctx, cartID, key, func(tx db.DBTX, c *Cart) error {
		ch, err := s.cartChannel(ctx, tx, c)
		if err != nil {
			return err
		}
		lp, err := newPricer(ctx, tx, c)
		if err != nil {
			return err
		}
		return s.addLine(ctx, tx, c, ch, lp, it)
	})
}

// addToSnapshot adds the line to the cart as read without a lock, and returns the cart as
// the line leaves it. done is false, and nothing is written, when the cart is no longer as
// read or has a payment: the caller then adds the line under the cart's lock.
func (s *Service) addToSnapshot(ctx context.Context, cartID string, key apikey.Scope, it ItemInput) (c *Cart, done bool, err error) {
	q := s.db.Read()
	snap, ch, err := getCartInChannel(ctx, q, cartID)
	if err != nil {
		return nil, false, err
	}
	if err := s.reachable(ctx, q, snap, key); err != nil {
		return nil, false, err
	}
	if snap.CompletedAt != nil {
		return nil, false, errCompleted(snap.ID)
	}
	if snap.hasPayment {
		return nil, false, nil
	}
	if ch == nil && snap.SalesChannelID != nil {
		// The cart's channel is gone: cartChannel reports it.
		if _, err := s.cartChannel(ctx, q, snap); err != nil {
			return nil, false, err
		}
	}
	lp, err := newPricer(ctx, q, snap)
	if err != nil {
		return nil, false, err
	}
	v, err := s.checkVariant(ctx, q, snap, ch, lp, it.VariantID, it.Quantity+quantityOf(snap, it.VariantID))
	if err != nil {
		return nil, false, err
	}
	err = s.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		// A fresh copy on every attempt: on PostgreSQL, Tx may run this again.
		c = snap.clone()
		c.UpdatedAt = s.now()
		current, err := touchIfCurrent(ctx, tx, c)
		if done = current; err != nil || !current {
			return err
		}
		if err := s.writeLine(ctx, tx, c, it, v); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, c.UpdatedAt, outbox.IDEvent(EventUpdated, c.ID))
	})
	if err != nil || !done {
		return nil, false, err
	}
	return c, true, nil
}

func quantityOf(c *Cart, variantID string) int64 {
	for _, li := range c.Items {
		if li.VariantID == variantID {
			return li.Quantity
		}
	}
	return 0
}

func (s *Service) addLine(ctx context.Context, tx db.DBTX, c *Cart, ch *saleschannel.SalesChannel, lp *linePricer, it ItemInput) error {
	v, err := s.checkVariant(ctx, tx, c, ch, lp, it.VariantID, it.Quantity+quantityOf(c, it.VariantID))
	if err != nil {
		return err
	}
	return s.writeLine(ctx, tx, c, it, v)
}

// writeLine stores a checked line: a new one, or the existing line of the variant with the
// quantity raised.
func (s *Service) writeLine(ctx context.Context, tx db.DBTX, c *Cart, it ItemInput, v *checkedLine) error {
	var existing *LineItem
	for _, li := range c.Items {
		if li.VariantID == it.VariantID {
			existing = li
			break
		}
	}
	total := it.Quantity
	if existing != nil {
		total += existing.Quantity
	}
	now := s.now()
	if existing != nil {
		existing.Quantity, existing.UnitPrice, existing.IsTaxInclusive, existing.UpdatedAt = total, v.UnitPrice, v.TaxInclusive, now
		if len(it.Metadata) > 0 {
			existing.Metadata = it.Metadata
		}
		return updateItem(ctx, tx, existing)
	}
	li := &LineItem{ID: s.newID(id.LineItem), CartID: c.ID, VariantID: v.ID, ProductID: v.ProductID, Title: v.Title,
		ProductTitle: v.ProductTitle, VariantTitle: v.Title, VariantSKU: v.SKU, Quantity: it.Quantity, UnitPrice: v.UnitPrice,
		IsTaxInclusive: v.TaxInclusive, Metadata: it.Metadata, CreatedAt: now, UpdatedAt: now}
	if err := insertItem(ctx, tx, li); err != nil {
		return err
	}
	c.Items = append(c.Items, li)
	return nil
}

// UpdateItem sets a line's quantity (0 removes it) and metadata.
func (s *Service) UpdateItem(ctx context.Context, cartID, lineID string, key apikey.Scope, quantity int64, meta Opt[json.RawMessage]) (*Cart, error) {
	return s.change(ctx, cartID, key, func(tx db.DBTX, c *Cart) error {
		li := findLine(c, lineID)
		if li == nil {
			return apperr.NotFoundf("Line item with id: %s was not found", lineID)
		}
		if quantity == 0 {
			return removeLine(ctx, tx, c, li.ID)
		}
		ch, err := s.cartChannel(ctx, tx, c)
		if err != nil {
			return err
		}
		lp, err := newPricer(ctx, tx, c)
		if err != nil {
			return err
		}
		v, err := s.checkVariant(ctx, tx, c, ch, lp, li.VariantID, quantity)
		if err != nil {
			return err
		}
		li.Quantity, li.UnitPrice, li.IsTaxInclusive, li.UpdatedAt = quantity, v.UnitPrice, v.TaxInclusive, s.now()
		if meta.Set {
			li.Metadata = nil
			if !meta.Null {
				li.Metadata = meta.Value
			}
		}
		return updateItem(ctx, tx, li)
	})
}

// DeleteItem removes a line.
func (s *Service) DeleteItem(ctx context.Context, cartID, lineID string, key apikey.Scope) (*Cart, error) {
	return s.change(ctx, cartID, key, func(tx db.DBTX, c *Cart) error {
		if findLine(c, lineID) == nil {
			return apperr.NotFoundf("Line item with id: %s was not found", lineID)
		}
		return removeLine(ctx, tx, c, lineID)
	})
}

func removeLine(ctx context.Context, tx db.DBTX, c *Cart, lineID string) error {
	if err := deleteItem(ctx, tx, lineID); err != nil {
		return err
	}
	c.Items = slices.DeleteFunc(c.Items, func(li *LineItem) bool { return li.ID == lineID })
	return nil
}

func findLine(c *Cart, lineID string) *LineItem {
	for _, li := range c.Items {
		if li.ID == lineID {
			return li
		}
	}
	return nil
}

// checkedLine is a variant checked for a cart line, with its unit price when it was priced.
type checkedLine struct {
	*product.SellableVariant
	UnitPrice    int64
	TaxInclusive bool
}

// checkVariant applies every rule for quantity units of a variant in the cart: it exists
// and is published, the channel is enabled and sells its product, it has a price in the
// cart's currency for the cart's channel (priced by lp; nil when the line keeps its price),
// and the channel's locations stock it.
func (s *Service) checkVariant(ctx context.Context, tx db.DBTX, c *Cart, ch *saleschannel.SalesChannel, lp *linePricer,
	variantID string, quantity int64) (*checkedLine, error) {
	chID := ""
	if ch != nil {
		chID = ch.ID
	}
	sv, err := s.Products.SellableVariant(ctx, tx, variantID, chID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.Invalidf("Variants %s do not exist or belong to a product that is not published", variantID)
	}
	if err != nil {
		return nil, err
	}
	v := &checkedLine{SellableVariant: sv}
	if ch != nil {
		if ch.IsDisabled {
			return nil, apperr.Invalidf("Unable to add items to cart in disabled Sales Channel: %s", ch.Name)
		}
		if !v.InChannel {
			return nil, apperr.Invalidf("Product %q (%s) is not available in sales channel %q (%s)", v.ProductTitle, v.ProductID, ch.Name, ch.ID)
		}
	}
	if lp != nil {
		if v.UnitPrice, v.TaxInclusive, err = lp.price(ctx, tx, v.ID); err != nil {
			return nil, err
		}
		if !totalFits(c, v.ID, v.UnitPrice, quantity) {
			return nil, apperr.Invalidf("The cart's total with %d of variant %s would exceed %d in minor units of %s, the most an order can hold",
				quantity, v.ID, maxTotal, c.CurrencyCode)
		}
	}
	if ch == nil || !v.ManageInventory {
		return v, nil
	}
	qty, located, err := s.Stock.AvailableAt(ctx, tx, ch.ID, v.ID)
	if err != nil {
		return nil, err
	}
	if !located {
		return nil, apperr.Invalidf("Sales channel %s is not associated with any stock location for variant %s.", ch.ID, v.ID)
	}
	if v.AllowBackorder {
		return v, nil
	}
	if qty < quantity {
		return nil, stock.ErrInsufficient()
	}
	return v, nil
}

// maxTotal is the largest amount in minor units that clients reading JSON numbers (JavaScript's
// safe integers) see exactly: no cart or order total may exceed it.
const maxTotal = 1<<53 - 1

// totalFits reports whether the cart's total stays within maxTotal with quantity units of the
// variant at price replacing the variant's line, computed without overflowing.
func totalFits(c *Cart, variantID string, price, quantity int64) bool {
	if price < 0 || (quantity > 0 && price > maxTotal/quantity) {
		return false
	}
	sum := price*quantity + c.ShippingTotal()
	for _, li := range c.Items {
		if li.VariantID != variantID {
			sum += li.UnitPrice * li.Quantity
			if sum > maxTotal {
				return false
			}
		}
	}
	return sum <= maxTotal
}
