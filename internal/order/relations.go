package order

import (
	"context"
	"encoding/json"
	"fmt"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Address columns, shared by the insert and the read.
const addressColumns = `id, first_name, last_name, company, address_1, address_2, city, country_code, province,
	postal_code, phone, metadata, created_at, updated_at`

func addressID(a *Address) *string {
	if a == nil {
		return nil
	}
	return &a.ID
}

func jsonArg(raw json.RawMessage) any {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return string(raw)
}

// insertAddress writes a; nil writes nothing.
func insertAddress(ctx context.Context, tx db.DBTX, a *Address) error {
	if a == nil {
		return nil
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO order_address (`+addressColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		a.ID, a.FirstName, a.LastName, a.Company, a.Address1, a.Address2, a.City, a.CountryCode, a.Province, a.PostalCode,
		a.Phone, jsonArg(a.Metadata), db.Time{Time: a.CreatedAt}, db.Time{Time: a.UpdatedAt})
	if err != nil {
		return fmt.Errorf("insert order address: %w", err)
	}
	return nil
}

// ScanAddress is the row scanner of addressColumns; the cart module reads its own address
// table into the same type.
var ScanAddress = sqlq.Into(func(a *Address) []any {
	return []any{&a.ID, &a.FirstName, &a.LastName, &a.Company, &a.Address1, &a.Address2, &a.City, &a.CountryCode,
		&a.Province, &a.PostalCode, &a.Phone, db.JSONDest(&a.Metadata), db.TimeDest(&a.CreatedAt), db.TimeDest(&a.UpdatedAt)}
})

// AddressColumns lists the columns ScanAddress reads, in its order.
const AddressColumns = addressColumns

// loadAddresses fills the addresses the orders point at.
func loadAddresses(ctx context.Context, q db.DBTX, orders []*Order) error {
	var ids []string
	for _, o := range orders {
		for _, a := range []*Address{o.ShippingAddress, o.BillingAddress} {
			if a != nil {
				ids = append(ids, a.ID)
			}
		}
	}
	if len(ids) == 0 {
		return nil
	}
	args := make([]any, 0, len(ids))
	ph := sqlq.In(&args, ids...)
	rows, err := sqlq.Collect(ctx, q, ScanAddress, `SELECT `+addressColumns+` FROM order_address WHERE id IN (`+ph+`)`, args...)
	if err != nil {
		return fmt.Errorf("read order addresses: %w", err)
	}
	byID, _ := sqlq.Index(rows, func(a *Address) string { return a.ID })
	for _, o := range orders {
		if o.ShippingAddress != nil && byID[o.ShippingAddress.ID] != nil {
			o.ShippingAddress = byID[o.ShippingAddress.ID]
		}
		if o.BillingAddress != nil && byID[o.BillingAddress.ID] != nil {
			o.BillingAddress = byID[o.BillingAddress.ID]
		}
	}
	return nil
}

// loadMethods fills the orders' shipping methods.
func loadMethods(ctx context.Context, q db.DBTX, orders []*Order) error {
	if len(orders) == 0 {
		return nil
	}
	byID, ids := sqlq.Index(orders, func(o *Order) string { return o.ID })
	args := make([]any, 0, len(ids))
	ph := sqlq.In(&args, ids...)
	ms, err := sqlq.Collect(ctx, q, sqlq.Into(func(m *ShippingMethod) []any {
		return []any{&m.ID, &m.OrderID, &m.ShippingOptionID, &m.Name, &m.Amount, &m.IsTaxInclusive, db.JSONDest(&m.Data),
			db.JSONDest(&m.Metadata), db.TimeDest(&m.CreatedAt), db.TimeDest(&m.UpdatedAt)}
	}), `SELECT id, order_id, shipping_option_id, name, amount, is_tax_inclusive, data, metadata, created_at, updated_at
		FROM order_shipping_method WHERE order_id IN (`+ph+`) ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("read order shipping methods: %w", err)
	}
	for _, m := range ms {
		o := byID[m.OrderID]
		o.ShippingMethods = append(o.ShippingMethods, m)
	}
	return nil
}
