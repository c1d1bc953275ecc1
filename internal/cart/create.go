package cart

import (
	"context"
	"fmt"
	"slices"

	"channeld/internal/outbox"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
)

// Create makes a cart with Medusa's channel resolution (§4.4), then adds its items.
func (s *Service) Create(ctx context.Context, in CreateInput) (*Cart, error) {
	b := in.SalesChannelID
	var errs []string
	if len(in.Key.ChannelIDs) > 0 {
		if b.Set && !b.Null && b.Value != "" {
			if !slices.Contains(in.Key.ChannelIDs, b.Value) {
				errs = append(errs, fmt.Sprintf(msgNotOnKey, b.Value))
			}
		} else if len(in.Key.ChannelIDs) > 1 {
			errs = append(errs, msgMultiOnKey)
		} else {
			b = Opt[string]{Set: true, Value: in.Key.ChannelIDs[0]}
		}
	}
	if len(errs) > 0 {
		return nil, &MultiError{Messages: errs}
	}
	if err := checkPromoCodes(in.PromoCodes); err != nil {
		return nil, err
	}
	var c *Cart
	// A cart is private to its shopper: writing it leaves cached storefront pages valid.
	err := s.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		ch, err := s.resolveChannel(ctx, tx, b.Value, !b.Set)
		if err != nil {
			return err
		}
		now := s.now()
		c = &Cart{ID: s.newID(id.Cart), Email: in.Email, Locale: in.Locale, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now,
			Items: []*LineItem{}, ShippingMethods: []*ShippingMethod{}}
		if in.Key.KeyID != "" {
			c.KeyID = &in.Key.KeyID
		}
		if ch != nil {
			c.SalesChannelID = &ch.ID
		}
		if in.CustomerID != nil {
			if err := s.belongTo(ctx, tx, c, *in.CustomerID, in.Email == nil); err != nil {
				return err
			}
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
			cur, err := s.defaultCurrency(ctx, tx, c)
			if err != nil {
				return err
			}
			c.CurrencyCode = cur
		}
		lp, err := newPricer(ctx, tx, c)
		if err != nil {
			return err
		}
		if err := s.createAddresses(ctx, tx, c, in); err != nil {
			return err
		}
		if err := insertCart(ctx, tx, c); err != nil {
			return err
		}
		for _, it := range in.Items {
			if err := s.addLine(ctx, tx, c, ch, lp, it); err != nil {
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

// createAddresses writes the new cart's addresses: the shipping one checked against the
// cart's region, or, when none is given and the region has one country, an address of that
// country (Medusa's create-cart).
func (s *Service) createAddresses(ctx context.Context, tx db.DBTX, c *Cart, in CreateInput) error {
	r, err := s.cartRegion(ctx, tx, c)
	if err != nil {
		return err
	}
	ship := in.ShippingAddress
	if err := checkCountry(ship, r); err != nil {
		return err
	}
	if ship == nil {
		ship = onlyCountry(r)
	}
	if err := s.putAddress(ctx, tx, &c.ShippingAddress, ship, c.CreatedAt); err != nil {
		return err
	}
	return s.putAddress(ctx, tx, &c.BillingAddress, in.BillingAddress, c.CreatedAt)
}
