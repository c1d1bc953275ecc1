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
	return s.change(ctx, cartID, key, func(tx db.DBTX, c *Cart) error {
		recheck := false
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
