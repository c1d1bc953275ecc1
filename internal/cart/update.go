package cart

import (
	"context"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
)

// Update changes the cart's region, email, channel or metadata. A new channel or currency
// re-checks and re-prices every line.
func (s *Service) Update(ctx context.Context, cartID string, key apikey.Scope, in UpdateInput) (*Cart, error) {
	if err := checkPromoCodes(in.PromoCodes); err != nil {
		return nil, err
	}
	return s.change(ctx, cartID, key, func(tx db.DBTX, c *Cart) error {
		recheck := false
		regionChanged := false
		if in.SalesChannelID.Set {
			var newID *string
			if !in.SalesChannelID.Null && in.SalesChannelID.Value != "" {
				v := in.SalesChannelID.Value
				newID = &v
			}
			if len(key.ChannelIDs) > 0 && (newID == nil || !slices.Contains(key.ChannelIDs, *newID)) {
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
			regionChanged = c.RegionID == nil || *c.RegionID != *in.RegionID
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
		if in.Locale.Set {
			c.Locale = nil
			if !in.Locale.Null {
				l := in.Locale.Value
				c.Locale = &l
			}
		}
		if in.Metadata.Set {
			c.Metadata = nil
			if !in.Metadata.Null {
				c.Metadata = in.Metadata.Value
			}
		}
		if err := s.updateAddresses(ctx, tx, c, in, regionChanged); err != nil {
			return err
		}
		if !recheck {
			return nil
		}
		ch, err := s.cartChannel(ctx, tx, c)
		if err != nil {
			return err
		}
		lp, err := newPricer(ctx, tx, c)
		if err != nil {
			return err
		}
		for _, li := range c.Items {
			v, err := s.checkVariant(ctx, tx, c, ch, lp, li.VariantID, li.Quantity)
			if err != nil {
				return err
			}
			li.UnitPrice, li.IsTaxInclusive, li.UpdatedAt = v.UnitPrice, v.TaxInclusive, s.now()
			if err := updateItem(ctx, tx, li); err != nil {
				return err
			}
		}
		return nil
	})
}

// updateAddresses writes the addresses the update gives, the shipping one checked against the
// cart's region. A new region empties the shipping address unless the update gives one, or
// the region has one country, which the address then names (Medusa's update-cart).
func (s *Service) updateAddresses(ctx context.Context, tx db.DBTX, c *Cart, in UpdateInput, regionChanged bool) error {
	if in.ShippingAddress == nil && in.BillingAddress == nil && !regionChanged {
		return nil
	}
	r, err := s.cartRegion(ctx, tx, c)
	if err != nil {
		return err
	}
	ship := in.ShippingAddress
	if err := checkCountry(ship, r); err != nil {
		return err
	}
	if regionChanged && ship == nil {
		if ship = onlyCountry(r); ship == nil {
			if err := dropShippingAddress(ctx, tx, c); err != nil {
				return err
			}
		}
	}
	now := s.now()
	if err := s.putAddress(ctx, tx, &c.ShippingAddress, ship, now); err != nil {
		return err
	}
	return s.putAddress(ctx, tx, &c.BillingAddress, in.BillingAddress, now)
}
