package cart

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"channeld/internal/outbox"
	"channeld/internal/payment"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/region"
	"channeld/internal/saleschannel"
	"channeld/internal/shop"
)

// Availability returns the sellable quantity of a variant at the channel's locations, and
// whether the variant has stock levels at any of them (stock.Service.AvailableAt).
type Availability func(ctx context.Context, q db.DBTX, channelID, variantID string) (int64, bool, error)

// Service creates and changes carts.
type Service struct {
	db        *db.DB
	now       clock.Clock
	newID     id.Source
	channels  *saleschannel.Service
	regions   *region.Service
	shop      *shop.Service
	available Availability
}

// NewService returns a cart service reading channels, regions, the store and stock.
func NewService(d *db.DB, now clock.Clock, newID id.Source, channels *saleschannel.Service, regions *region.Service,
	sh *shop.Service, available Availability) *Service {
	return &Service{db: d, now: now, newID: newID, channels: channels, regions: regions, shop: sh, available: available}
}

// Medusa's messages for the request "errors" body of POST /store/carts.
const (
	msgNotOnKey   = "Sales channel ID in payload %s is not associated with the Publishable API Key in the header."
	msgMultiOnKey = "Cannot assign sales channel to cart. The Publishable API Key in the header has multiple associated sales channels. Please provide a sales channel ID in the request body."
)

func errInsufficient() error {
	return apperr.NotAllowedf("Some variant does not have the required inventory").WithCode("insufficient_inventory")
}

// resolveChannel finds the channel a cart goes to (nil: none) and refuses a disabled one.
func (s *Service) resolveChannel(ctx context.Context, tx db.DBTX, channelID string, useDefault bool) (*saleschannel.SalesChannel, error) {
	if useDefault {
		def, err := s.shop.DefaultChannelID(ctx, tx)
		if err != nil {
			return nil, err
		}
		channelID = def
	}
	if channelID == "" {
		return nil, nil
	}
	ch, err := s.channels.Find(ctx, tx, channelID)
	if err != nil {
		return nil, err
	}
	if ch.IsDisabled {
		return nil, apperr.Invalidf("Unable to assign cart to disabled Sales Channel: %s", ch.Name)
	}
	return ch, nil
}

func (s *Service) regionCurrency(ctx context.Context, tx db.DBTX, regionID string) (string, error) {
	r, err := s.regions.Get(ctx, tx, regionID)
	if apperr.Is(err, apperr.NotFound) {
		return "", apperr.NotFoundf("No regions found")
	}
	if err != nil {
		return "", err
	}
	return r.CurrencyCode, nil
}

// Create makes a cart with Medusa's channel resolution (§4.4), then adds its items.
func (s *Service) Create(ctx context.Context, in CreateInput) (*Cart, error) {
	b := in.SalesChannelID
	var errs []string
	if len(in.KeyChannels) > 0 {
		if b.Set && !b.Null && b.Value != "" {
			if !slices.Contains(in.KeyChannels, b.Value) {
				errs = append(errs, fmt.Sprintf(msgNotOnKey, b.Value))
			}
		} else if len(in.KeyChannels) > 1 {
			errs = append(errs, msgMultiOnKey)
		} else {
			b = Opt[string]{Set: true, Value: in.KeyChannels[0]}
		}
	}
	if len(errs) > 0 {
		return nil, &MultiError{Messages: errs}
	}
	var c *Cart
	// A cart is private to its shopper: writing it leaves cached storefront pages valid.
	err := s.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		ch, err := s.resolveChannel(ctx, tx, b.Value, !b.Set)
		if err != nil {
			return err
		}
		now := s.now()
		c = &Cart{ID: s.newID(id.Cart), Email: in.Email, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now, Items: []*LineItem{}}
		if ch != nil {
			c.SalesChannelID = &ch.ID
		}
		switch {
		case in.RegionID != nil:
			cur, err := s.regionCurrency(ctx, tx, *in.RegionID)
			if err != nil {
				return err
			}
			c.RegionID, c.CurrencyCode = in.RegionID, cur
		case in.CurrencyCode != nil:
			c.CurrencyCode = *in.CurrencyCode
		default:
			cur, err := defaultCurrency(ctx, tx)
			if err != nil {
				return err
			}
			c.CurrencyCode = cur
		}
		if err := insertCart(ctx, tx, c); err != nil {
			return err
		}
		for _, it := range in.Items {
			if err := s.addLine(ctx, tx, c, ch, it); err != nil {
				return err
			}
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventCreated, c.ID))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// reachable refuses a cart outside the key's channels with the same 404 as an unknown cart.
// A key without channels reaches carts of the store's default channel and carts without one.
func (s *Service) reachable(ctx context.Context, q db.DBTX, c *Cart, keyChannels []string) error {
	if len(keyChannels) > 0 {
		if c.SalesChannelID == nil || !slices.Contains(keyChannels, *c.SalesChannelID) {
			return errCartNotFound(c.ID)
		}
		return nil
	}
	if c.SalesChannelID == nil {
		return nil
	}
	def, err := s.shop.DefaultChannelID(ctx, q)
	if err != nil {
		return err
	}
	if def != *c.SalesChannelID {
		return errCartNotFound(c.ID)
	}
	return nil
}

// Get returns a cart the key reaches.
func (s *Service) Get(ctx context.Context, cartID string, keyChannels []string) (*Cart, error) {
	q := s.db.Read()
	c, err := getCart(ctx, q, cartID, "")
	if err != nil {
		return nil, err
	}
	if err := s.reachable(ctx, q, c, keyChannels); err != nil {
		return nil, err
	}
	if c.hasPayment {
		if c.Payment, err = payment.ForCart(ctx, q, c.ID); err != nil {
			return nil, err
		}
	}
	return c, nil
}

// PaymentTarget locks a cart the key reaches and that is still open, for the payment module
// to pay its total.
func (s *Service) PaymentTarget(ctx context.Context, tx db.DBTX, cartID string, keyChannels []string) (payment.Target, error) {
	c, err := getCart(ctx, tx, cartID, s.db.ForUpdate())
	if err != nil {
		return payment.Target{}, err
	}
	if err := s.reachable(ctx, tx, c, keyChannels); err != nil {
		return payment.Target{}, err
	}
	if c.CompletedAt != nil {
		return payment.Target{}, errCompleted(c.ID)
	}
	return target(c), nil
}

func target(c *Cart) payment.Target {
	return payment.Target{CartID: c.ID, RegionID: c.RegionID, CurrencyCode: c.CurrencyCode, Total: c.Total()}
}

func errCompleted(cartID string) error {
	return apperr.NotAllowedf("Cart %s is already completed", cartID)
}

// change runs fn on a locked cart the key reaches, then saves it and emits cart.updated. fn
// keeps c.Items as it leaves the stored lines, so that they need not be read again.
func (s *Service) change(ctx context.Context, cartID string, keyChannels []string, fn func(tx db.DBTX, c *Cart) error) (*Cart, error) {
	var c *Cart
	err := s.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		var err error
		c, err = getCart(ctx, tx, cartID, s.db.ForUpdate())
		if err != nil {
			return err
		}
		if err := s.reachable(ctx, tx, c, keyChannels); err != nil {
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
		// A payment started for the old total follows the new one.
		if !c.hasPayment {
			return nil
		}
		if c.Payment, err = payment.ForCart(ctx, tx, c.ID); err != nil || c.Payment == nil {
			return err
		}
		t := target(c)
		if c.Payment.Amount == t.Total && c.Payment.CurrencyCode == t.CurrencyCode {
			return nil
		}
		if err := payment.Refresh(ctx, tx, t, c.UpdatedAt); err != nil {
			return err
		}
		c.Payment, err = payment.ForCart(ctx, tx, c.ID)
		return err
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
	return s.channels.Find(ctx, tx, *c.SalesChannelID)
}

// Update changes the cart's region, email, channel or metadata. A new channel or currency
// re-checks and re-prices every line.
func (s *Service) Update(ctx context.Context, cartID string, keyChannels []string, in UpdateInput) (*Cart, error) {
	return s.change(ctx, cartID, keyChannels, func(tx db.DBTX, c *Cart) error {
		recheck := false
		if in.SalesChannelID.Set {
			var newID *string
			if !in.SalesChannelID.Null && in.SalesChannelID.Value != "" {
				v := in.SalesChannelID.Value
				newID = &v
			}
			if len(keyChannels) > 0 && (newID == nil || !slices.Contains(keyChannels, *newID)) {
				shown := "null"
				if newID != nil {
					shown = *newID
				}
				return apperr.Invalidf(msgNotOnKey, shown)
			}
			if newID != nil {
				ch, err := s.resolveChannel(ctx, tx, *newID, false)
				if err != nil {
					return err
				}
				c.SalesChannelID = &ch.ID
			} else {
				c.SalesChannelID = nil
			}
			recheck = true
		}
		if in.RegionID != nil {
			cur, err := s.regionCurrency(ctx, tx, *in.RegionID)
			if err != nil {
				return err
			}
			c.RegionID = in.RegionID
			if cur != c.CurrencyCode {
				c.CurrencyCode = cur
				recheck = true
			}
		}
		if in.Email.Set {
			if in.Email.Null {
				c.Email = nil
			} else {
				e := in.Email.Value
				c.Email = &e
			}
		}
		if in.Metadata.Set {
			c.Metadata = nil
			if !in.Metadata.Null {
				c.Metadata = in.Metadata.Value
			}
		}
		if !recheck {
			return nil
		}
		ch, err := s.cartChannel(ctx, tx, c)
		if err != nil {
			return err
		}
		for _, li := range c.Items {
			v, err := s.checkVariant(ctx, tx, c, ch, li.VariantID, li.Quantity)
			if err != nil {
				return err
			}
			li.UnitPrice, li.UpdatedAt = *v.price, s.now()
			if err := updateItem(ctx, tx, li); err != nil {
				return err
			}
		}
		return nil
	})
}

// AddItem adds a variant to the cart; a variant already in it gets its quantity raised.
//
// The line is checked on a read connection against the cart as last committed, and written
// in a transaction that only writes, provided the cart is still at the version read: on
// SQLite the checks are several reads that would otherwise hold the single writer. When the
// cart changed meanwhile, or has a payment collection to keep in step with its total, the
// line is checked again and added under the cart's lock.
func (s *Service) AddItem(ctx context.Context, cartID string, keyChannels []string, it ItemInput) (*Cart, error) {
	c, err := s.addToSnapshot(ctx, cartID, keyChannels, it)
	if err != nil || c != nil {
		return c, err
	}
	return s.change(ctx, cartID, keyChannels, func(tx db.DBTX, c *Cart) error {
		ch, err := s.cartChannel(ctx, tx, c)
		if err != nil {
			return err
		}
		return s.addLine(ctx, tx, c, ch, it)
	})
}

// addToSnapshot adds the line to the cart as read without a lock, and returns the cart as
// the line leaves it; nil, nil when the cart is no longer as read, or has a payment.
func (s *Service) addToSnapshot(ctx context.Context, cartID string, keyChannels []string, it ItemInput) (*Cart, error) {
	q := s.db.Read()
	snap, ch, err := getCartInChannel(ctx, q, cartID)
	if err != nil {
		return nil, err
	}
	if err := s.reachable(ctx, q, snap, keyChannels); err != nil {
		return nil, err
	}
	if snap.CompletedAt != nil {
		return nil, errCompleted(snap.ID)
	}
	if snap.hasPayment {
		return nil, nil
	}
	if ch == nil && snap.SalesChannelID != nil {
		// The cart's channel is gone: cartChannel reports it.
		if _, err := s.cartChannel(ctx, q, snap); err != nil {
			return nil, err
		}
	}
	v, err := s.checkVariant(ctx, q, snap, ch, it.VariantID, it.Quantity+quantityOf(snap, it.VariantID))
	if err != nil {
		return nil, err
	}
	var c *Cart
	err = s.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		// A fresh copy on every attempt: on PostgreSQL, Tx may run this again.
		c = snap.clone()
		c.UpdatedAt = s.now()
		current, err := touchIfCurrent(ctx, tx, c)
		if err != nil || !current {
			c = nil
			return err
		}
		if err := s.writeLine(ctx, tx, c, it, v); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, c.UpdatedAt, outbox.IDEvent(EventUpdated, c.ID))
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

func quantityOf(c *Cart, variantID string) int64 {
	for _, li := range c.Items {
		if li.VariantID == variantID {
			return li.Quantity
		}
	}
	return 0
}

func (s *Service) addLine(ctx context.Context, tx db.DBTX, c *Cart, ch *saleschannel.SalesChannel, it ItemInput) error {
	v, err := s.checkVariant(ctx, tx, c, ch, it.VariantID, it.Quantity+quantityOf(c, it.VariantID))
	if err != nil {
		return err
	}
	return s.writeLine(ctx, tx, c, it, v)
}

// writeLine stores a checked line: a new one, or the existing line of the variant with the
// quantity raised.
func (s *Service) writeLine(ctx context.Context, tx db.DBTX, c *Cart, it ItemInput, v *variantInfo) error {
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
		existing.Quantity, existing.UnitPrice, existing.UpdatedAt = total, *v.price, now
		if len(it.Metadata) > 0 {
			existing.Metadata = it.Metadata
		}
		return updateItem(ctx, tx, existing)
	}
	li := &LineItem{ID: s.newID(id.LineItem), CartID: c.ID, VariantID: v.id, ProductID: v.productID, Title: v.title,
		ProductTitle: v.productTitle, VariantTitle: v.title, VariantSKU: v.sku, Quantity: it.Quantity, UnitPrice: *v.price,
		Metadata: it.Metadata, CreatedAt: now, UpdatedAt: now}
	if err := insertItem(ctx, tx, li); err != nil {
		return err
	}
	c.Items = append(c.Items, li)
	return nil
}

// UpdateItem sets a line's quantity (0 removes it) and metadata.
func (s *Service) UpdateItem(ctx context.Context, cartID, lineID string, keyChannels []string, quantity int64, meta Opt[json.RawMessage]) (*Cart, error) {
	return s.change(ctx, cartID, keyChannels, func(tx db.DBTX, c *Cart) error {
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
		v, err := s.checkVariant(ctx, tx, c, ch, li.VariantID, quantity)
		if err != nil {
			return err
		}
		li.Quantity, li.UnitPrice, li.UpdatedAt = quantity, *v.price, s.now()
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
func (s *Service) DeleteItem(ctx context.Context, cartID, lineID string, keyChannels []string) (*Cart, error) {
	return s.change(ctx, cartID, keyChannels, func(tx db.DBTX, c *Cart) error {
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

// checkVariant applies every rule for quantity units of a variant in the cart: it exists
// and is published, the channel is enabled and sells its product, it has a price in the
// cart's currency, and the channel's locations stock it.
func (s *Service) checkVariant(ctx context.Context, tx db.DBTX, c *Cart, ch *saleschannel.SalesChannel, variantID string, quantity int64) (*variantInfo, error) {
	chID := ""
	if ch != nil {
		chID = ch.ID
	}
	v, err := readVariant(ctx, tx, variantID, chID, c.CurrencyCode)
	if err != nil {
		return nil, err
	}
	if v == nil {
		return nil, apperr.Invalidf("Variants %s do not exist or belong to a product that is not published", variantID)
	}
	if ch != nil {
		if ch.IsDisabled {
			return nil, apperr.Invalidf("Unable to add items to cart in disabled Sales Channel: %s", ch.Name)
		}
		if !v.inChannel {
			return nil, apperr.Invalidf("Product %q (%s) is not available in sales channel %q (%s)", v.productTitle, v.productID, ch.Name, ch.ID)
		}
	}
	if v.price == nil {
		return nil, apperr.Invalidf("Variant %s has no price in %s", v.id, c.CurrencyCode)
	}
	if ch == nil || !v.manage {
		return v, nil
	}
	qty, located, err := s.available(ctx, tx, ch.ID, v.id)
	if err != nil {
		return nil, err
	}
	if !located {
		return nil, apperr.Invalidf("Sales channel %s is not associated with any stock location for variant %s.", ch.ID, v.id)
	}
	if v.backorder {
		return v, nil
	}
	if qty < quantity {
		return nil, errInsufficient()
	}
	return v, nil
}
