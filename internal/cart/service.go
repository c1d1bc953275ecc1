package cart

import (
	"channeld/internal/customer"
	"context"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/order"
	"channeld/internal/outbox"
	"channeld/internal/payment"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/product"
	"channeld/internal/region"
	"channeld/internal/saleschannel"
	"channeld/internal/shop"
	"channeld/internal/stock"
)

// Deps are the modules a cart reaches through their services: it reads channels, regions,
// the store and sellable variants, and it writes stock reservations, orders and payments in
// its own transactions through the methods of those services that join one.
type Deps struct {
	Channels *saleschannel.Service
	Regions  *region.Service
	Shop     *shop.Service
	Products *product.Service
	Stock    *stock.Service
	Orders   *order.Service
	Payments *payment.Service
	// Customers gives a logged-in customer's cart their email.
	Customers Customers
}

// Customers is what carts ask of the customer module: the email of a live customer, read
// through q.
type Customers interface {
	Email(ctx context.Context, q db.DBTX, customerID string) (*string, error)
	ByIDs(ctx context.Context, ids []string, withAddresses bool) (map[string]*customer.Customer, error)
}

// Service creates, changes, pays and completes carts.
type Service struct {
	db    *db.DB
	now   clock.Clock
	newID id.Source
	Deps
}

// NewService returns a cart service on d.
func NewService(d *db.DB, now clock.Clock, newID id.Source, deps Deps) *Service {
	return &Service{db: d, now: now, newID: newID, Deps: deps}
}

// Medusa's messages for the request "errors" body of POST /store/carts.
const (
	msgNotOnKey   = "Sales channel ID in payload %s is not associated with the Publishable API Key in the header."
	msgMultiOnKey = "Cannot assign sales channel to cart. The Publishable API Key in the header has multiple associated sales channels. Please provide a sales channel ID in the request body."
)

// resolveChannel finds the channel a cart goes to (nil: none) and refuses a disabled one.
func (s *Service) resolveChannel(ctx context.Context, tx db.DBTX, channelID string, useDefault bool) (*saleschannel.SalesChannel, error) {
	if useDefault {
		def, err := s.Shop.DefaultChannelID(ctx, tx)
		if err != nil {
			return nil, err
		}
		channelID = def
	}
	if channelID == "" {
		return nil, nil
	}
	ch, err := s.Channels.Find(ctx, tx, channelID)
	if err != nil {
		return nil, err
	}
	if ch.IsDisabled {
		return nil, apperr.Invalidf("Unable to assign cart to disabled Sales Channel: %s", ch.Name)
	}
	return ch, nil
}

func (s *Service) regionCurrency(ctx context.Context, tx db.DBTX, regionID string) (string, error) {
	r, err := s.Regions.Get(ctx, tx, regionID)
	if apperr.Is(err, apperr.NotFound) {
		return "", apperr.NotFoundf("No regions found")
	}
	if err != nil {
		return "", err
	}
	return r.CurrencyCode, nil
}

// reachable refuses a cart outside the key's reach with the same 404 as an unknown cart. A key
// with channels reaches the carts of its channels. A key without channels reaches the carts
// made with it, wherever they were moved (Medusa lets such a key move a cart to any channel);
// a cart that does not record its key is reached when it is in the store's default channel or
// in none, as before keys were recorded.
func (s *Service) reachable(ctx context.Context, q db.DBTX, c *Cart, key apikey.Scope) error {
	if len(key.ChannelIDs) > 0 {
		if c.SalesChannelID == nil || !slices.Contains(key.ChannelIDs, *c.SalesChannelID) {
			return errCartNotFound(c.ID)
		}
		return nil
	}
	if c.KeyID != nil {
		if *c.KeyID != key.KeyID {
			return errCartNotFound(c.ID)
		}
		return nil
	}
	if c.SalesChannelID == nil {
		return nil
	}
	def, err := s.Shop.DefaultChannelID(ctx, q)
	if err != nil {
		return err
	}
	if def != *c.SalesChannelID {
		return errCartNotFound(c.ID)
	}
	return nil
}

// Get returns a cart the key reaches.
func (s *Service) Get(ctx context.Context, cartID string, key apikey.Scope) (*Cart, error) {
	q := s.db.Read()
	c, err := getCart(ctx, q, cartID, "")
	if err != nil {
		return nil, err
	}
	if err := s.reachable(ctx, q, c, key); err != nil {
		return nil, err
	}
	if c.hasPayment {
		if c.Payment, err = s.Payments.ForCart(ctx, q, c.ID); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// target is what a payment collection of c pays.
func target(c *Cart) payment.Target {
	return payment.Target{CartID: c.ID, RegionID: c.RegionID, CurrencyCode: c.CurrencyCode, Total: c.Total()}
}

func errCompleted(cartID string) error {
	return apperr.NotAllowedf("Cart %s is already completed", cartID)
}

// change runs fn on a locked cart the key reaches, then saves it and emits cart.updated. fn
// keeps c.Items as it leaves the stored lines, so that they need not be read again.
func (s *Service) change(ctx context.Context, cartID string, key apikey.Scope, fn func(tx db.DBTX, c *Cart) error) (*Cart, error) {
	var c *Cart
	err := s.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		var err error
		c, err = getCart(ctx, tx, cartID, s.db.ForUpdate())
		if err != nil {
			return err
		}
		if err := s.reachable(ctx, tx, c, key); err != nil {
			return err
		}
		if c.CompletedAt != nil {
			return errCompleted(c.ID)
		}
		if err := fn(tx, c); err != nil {
			return err
		}
		c.UpdatedAt = s.now()
		if err := updateCart(ctx, tx, c); err != nil {
			return err
		}
		if err := outbox.Append(ctx, tx, c.UpdatedAt, outbox.IDEvent(EventUpdated, c.ID)); err != nil {
			return err
		}
		return s.followPayment(ctx, tx, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func (s *Service) cartChannel(ctx context.Context, tx db.DBTX, c *Cart) (*saleschannel.SalesChannel, error) {
	if c.SalesChannelID == nil {
		return nil, nil
	}
	return s.Channels.Find(ctx, tx, *c.SalesChannelID)
}
