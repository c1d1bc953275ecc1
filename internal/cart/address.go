package cart

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"time"

	"channeld/internal/order"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
	"channeld/internal/region"
)

// errPromoCode is Medusa's answer to a promotion code it does not know. channeld has no
// promotions, so every code is unknown; an empty list is accepted.
func checkPromoCodes(codes []string) error {
	if len(codes) > 0 {
		return apperr.Invalidf("The promotion code %s is invalid", codes[0])
	}
	return nil
}

// cartRegion returns the cart's region with its countries, nil when the cart has none.
func (s *Service) cartRegion(ctx context.Context, q db.DBTX, c *Cart) (*region.Region, error) {
	if c.RegionID == nil {
		return nil, nil
	}
	r, err := s.Regions.Get(ctx, q, *c.RegionID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, nil
	}
	return r, err
}

// checkCountry refuses a shipping address outside the cart's region, with Medusa's message.
// The code is compared in lower case, as regions keep their countries.
func checkCountry(in *AddressInput, r *region.Region) error {
	if in == nil || in.CountryCode == nil || *in.CountryCode == "" || r == nil {
		return nil
	}
	code := strings.ToLower(*in.CountryCode)
	in.CountryCode = &code
	if !slices.ContainsFunc(r.Countries, func(c *region.Country) bool { return c.ISO2 == code }) {
		return apperr.Invalidf("Country with code %s is not within region %s", code, r.Name)
	}
	return nil
}

// onlyCountry is the address a cart gets in a region of one country when the shopper gave
// none, as Medusa prepares it.
func onlyCountry(r *region.Region) *AddressInput {
	if r == nil || len(r.Countries) != 1 {
		return nil
	}
	code := r.Countries[0].ISO2
	return &AddressInput{CountryCode: &code}
}

// putAddress writes in as the address *cur points at: over the current row, keeping its id,
// or as a new row. in nil leaves the address alone.
func (s *Service) putAddress(ctx context.Context, tx db.DBTX, cur **order.Address, in *AddressInput, now time.Time) error {
	if in == nil {
		return nil
	}
	a := &order.Address{FirstName: in.FirstName, LastName: in.LastName, Company: in.Company, Address1: in.Address1,
		Address2: in.Address2, City: in.City, CountryCode: in.CountryCode, Province: in.Province, PostalCode: in.PostalCode,
		Phone: in.Phone, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	if *cur != nil {
		a.ID, a.CreatedAt = (*cur).ID, (*cur).CreatedAt
		_, err := tx.ExecContext(ctx, `UPDATE cart_address SET first_name = $2, last_name = $3, company = $4, address_1 = $5,
			address_2 = $6, city = $7, country_code = $8, province = $9, postal_code = $10, phone = $11, metadata = $12,
			updated_at = $13 WHERE id = $1`, a.ID, a.FirstName, a.LastName, a.Company, a.Address1, a.Address2, a.City,
			a.CountryCode, a.Province, a.PostalCode, a.Phone, jsonArg(a.Metadata), db.Time{Time: now})
		if err != nil {
			return fmt.Errorf("update cart address %s: %w", a.ID, err)
		}
		*cur = a
		return nil
	}
	a.ID = s.newID(id.CartAddress)
	_, err := tx.ExecContext(ctx, `INSERT INTO cart_address (`+order.AddressColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		a.ID, a.FirstName, a.LastName, a.Company, a.Address1, a.Address2, a.City, a.CountryCode, a.Province, a.PostalCode,
		a.Phone, jsonArg(a.Metadata), db.Time{Time: now}, db.Time{Time: now})
	if err != nil {
		return fmt.Errorf("insert cart address: %w", err)
	}
	*cur = a
	return nil
}

// dropShippingAddress forgets the cart's shipping address.
func dropShippingAddress(ctx context.Context, tx db.DBTX, c *Cart) error {
	a := c.ShippingAddress
	if a == nil {
		return nil
	}
	// The cart row points at the address until it is saved: unlink it first.
	if _, err := tx.ExecContext(ctx, `UPDATE cart SET shipping_address_id = NULL WHERE id = $1`, c.ID); err != nil {
		return fmt.Errorf("unlink shipping address of cart %s: %w", c.ID, err)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM cart_address WHERE id = $1`, a.ID); err != nil {
		return fmt.Errorf("delete cart address %s: %w", a.ID, err)
	}
	c.ShippingAddress = nil
	return nil
}

// loadAddresses reads the rows of the cart's addresses, whose ids the cart row gave.
func loadAddresses(ctx context.Context, q db.DBTX, c *Cart) error {
	var ids []string
	for _, a := range []*order.Address{c.ShippingAddress, c.BillingAddress} {
		if a != nil {
			ids = append(ids, a.ID)
		}
	}
	if len(ids) == 0 {
		return nil
	}
	args := make([]any, 0, len(ids))
	ph := sqlq.In(&args, ids...)
	rows, err := sqlq.Collect(ctx, q, order.ScanAddress, `SELECT `+order.AddressColumns+` FROM cart_address WHERE id IN (`+ph+`)`, args...)
	if err != nil {
		return fmt.Errorf("read addresses of cart %s: %w", c.ID, err)
	}
	for _, a := range rows {
		if c.ShippingAddress != nil && c.ShippingAddress.ID == a.ID {
			c.ShippingAddress = a
		}
		if c.BillingAddress != nil && c.BillingAddress.ID == a.ID {
			c.BillingAddress = a
		}
	}
	return nil
}
