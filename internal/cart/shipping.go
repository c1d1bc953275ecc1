package cart

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"

	"channeld/internal/apikey"
	"channeld/internal/fulfillment"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
)

// MethodInput is a shipping option the shopper picks, with the data its provider needs.
type MethodInput struct {
	OptionID string
	Data     json.RawMessage
}

// destination is where a cart ships: its channel, region, currency and shipping address.
func destination(c *Cart) fulfillment.Destination {
	d := fulfillment.Destination{CurrencyCode: c.CurrencyCode}
	if c.SalesChannelID != nil {
		d.SalesChannelID = *c.SalesChannelID
	}
	if c.RegionID != nil {
		d.RegionID = *c.RegionID
	}
	if a := c.ShippingAddress; a != nil {
		d.CountryCode, d.Province, d.City, d.PostalCode = deref(a.CountryCode), deref(a.Province), deref(a.City), deref(a.PostalCode)
	}
	return d
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// ShippingOptions lists the options a cart the key reaches may ship with, priced in its
// currency: those of service zones covering its shipping address, at stock locations of its
// channel.
func (s *Service) ShippingOptions(ctx context.Context, cartID string, key apikey.Scope) ([]fulfillment.Offer, error) {
	c, err := s.Get(ctx, cartID, key)
	if err != nil {
		return nil, err
	}
	return s.Shipping.OffersFor(ctx, s.db.Read(), destination(c))
}

// QuoteOption prices one option for a cart the key reaches, or says why the cart cannot use it.
func (s *Service) QuoteOption(ctx context.Context, optionID, cartID string, key apikey.Scope) (fulfillment.Offer, error) {
	c, err := s.Get(ctx, cartID, key)
	if err != nil {
		return fulfillment.Offer{}, err
	}
	return s.Shipping.Quote(ctx, s.db.Read(), optionID, destination(c))
}

// AddShippingMethods prices each option for the cart and adds it as a shipping method,
// replacing the cart's methods of the same shipping profiles (and those of none), as Medusa
// does. An option the cart cannot use is refused with why; nothing is written then.
func (s *Service) AddShippingMethods(ctx context.Context, cartID string, key apikey.Scope, in []MethodInput) (*Cart, error) {
	return s.change(ctx, cartID, key, func(tx db.DBTX, c *Cart) error {
		d := destination(c)
		now := s.now()
		var added []*ShippingMethod
		profiles := map[string]bool{}
		for _, m := range in {
			o, err := s.Shipping.Quote(ctx, tx, m.OptionID, d)
			if err != nil {
				return err
			}
			data := m.Data
			if len(data) == 0 && len(o.Data) > 0 {
				if data, err = json.Marshal(o.Data); err != nil {
					return fmt.Errorf("encode data of shipping option %s: %w", o.OptionID, err)
				}
			}
			sm := &ShippingMethod{ID: s.newID(id.CartShipping), CartID: c.ID, ShippingOptionID: o.OptionID, Name: o.Name,
				Amount: o.Amount, IsTaxInclusive: o.IsTaxInclusive, Data: data, CreatedAt: now, UpdatedAt: now}
			if o.ShippingProfileID != "" {
				p := o.ShippingProfileID
				sm.ShippingProfileID = &p
				profiles[p] = true
			}
			added = append(added, sm)
		}
		kept := c.ShippingMethods[:0:0]
		for _, m := range c.ShippingMethods {
			if m.ShippingProfileID == nil || profiles[*m.ShippingProfileID] {
				if err := deleteMethod(ctx, tx, m.ID); err != nil {
					return err
				}
				continue
			}
			kept = append(kept, m)
		}
		c.ShippingMethods = append(kept, added...)
		if c.Total() > maxTotal || c.Total() < 0 {
			return apperr.Invalidf("The cart's total would exceed %d", maxTotal)
		}
		for _, m := range added {
			if err := insertMethod(ctx, tx, m); err != nil {
				return err
			}
		}
		slices.SortFunc(c.ShippingMethods, func(a, b *ShippingMethod) int { return strings.Compare(a.ID, b.ID) })
		return nil
	})
}

// requote prices the cart's shipping methods again after its channel, region or address
// changed, in tx: a method whose option the cart can no longer use is removed, as Medusa's
// cart refresh does, and the others take their option's new price.
func (s *Service) requote(ctx context.Context, tx db.DBTX, c *Cart) error {
	if len(c.ShippingMethods) == 0 {
		return nil
	}
	d := destination(c)
	kept := c.ShippingMethods[:0:0]
	for _, m := range c.ShippingMethods {
		o, err := s.Shipping.Quote(ctx, tx, m.ShippingOptionID, d)
		if apperr.Is(err, apperr.Invalid) || apperr.Is(err, apperr.NotFound) {
			if err := deleteMethod(ctx, tx, m.ID); err != nil {
				return err
			}
			continue
		}
		if err != nil {
			return err
		}
		if o.Amount != m.Amount || o.IsTaxInclusive != m.IsTaxInclusive {
			m.Amount, m.IsTaxInclusive, m.UpdatedAt = o.Amount, o.IsTaxInclusive, s.now()
			if _, err := tx.ExecContext(ctx, `UPDATE cart_shipping_method SET amount = $2, is_tax_inclusive = $3, updated_at = $4
				WHERE id = $1`, m.ID, m.Amount, m.IsTaxInclusive, db.Time{Time: m.UpdatedAt}); err != nil {
				return fmt.Errorf("reprice shipping method %s: %w", m.ID, err)
			}
		}
		kept = append(kept, m)
	}
	c.ShippingMethods = kept
	return nil
}

func insertMethod(ctx context.Context, tx db.DBTX, m *ShippingMethod) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO cart_shipping_method (`+methodColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		m.ID, m.CartID, m.ShippingOptionID, m.ShippingProfileID, m.Name, m.Amount, m.IsTaxInclusive, jsonArg(m.Data),
		jsonArg(m.Metadata), db.Time{Time: m.CreatedAt}, db.Time{Time: m.UpdatedAt})
	if err != nil {
		return fmt.Errorf("insert shipping method: %w", err)
	}
	return nil
}

func deleteMethod(ctx context.Context, tx db.DBTX, methodID string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM cart_shipping_method WHERE id = $1`, methodID); err != nil {
		return fmt.Errorf("delete shipping method %s: %w", methodID, err)
	}
	return nil
}
