package order

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

const orderColumns = `id, display_id, cart_id, status, payment_status, email, currency_code, region_id, sales_channel_id, item_total, total, created_at, updated_at, seller_id,
	shipping_address_id, billing_address_id, locale, shipping_total, customer_id`

// insert writes an order and its lines in tx and sets its display id: the next value of a
// sequence on PostgreSQL, MAX + 1 under SQLite's single writer.
func insert(ctx context.Context, tx db.DBTX, engine db.Engine, o *Order) error {
	display := `(SELECT COALESCE(MAX(display_id), 0) + 1 FROM "order")`
	if engine == db.Postgres {
		display = `DEFAULT`
	}
	for _, a := range []*Address{o.ShippingAddress, o.BillingAddress} {
		if err := insertAddress(ctx, tx, a); err != nil {
			return err
		}
	}
	err := tx.QueryRowContext(ctx, `INSERT INTO "order" (id, display_id, cart_id, status, payment_status, email, currency_code,
		region_id, sales_channel_id, item_total, total, created_at, updated_at, seller_id, shipping_address_id,
		billing_address_id, locale, shipping_total, customer_id)
		VALUES ($1, `+display+`, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18) RETURNING display_id`,
		o.ID, o.CartID, o.Status, o.PaymentStatus, o.Email, o.CurrencyCode, o.RegionID, o.SalesChannelID, o.ItemTotal, o.Total,
		db.Time{Time: o.CreatedAt}, db.Time{Time: o.UpdatedAt}, o.SellerID, addressID(o.ShippingAddress),
		addressID(o.BillingAddress), o.Locale, o.ShippingTotal, o.CustomerID).Scan(&o.DisplayID)
	if err != nil {
		return fmt.Errorf("insert order: %w", err)
	}
	for _, m := range o.ShippingMethods {
		_, err := tx.ExecContext(ctx, `INSERT INTO order_shipping_method (id, order_id, shipping_option_id, name, amount,
			is_tax_inclusive, data, metadata, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			m.ID, o.ID, m.ShippingOptionID, m.Name, m.Amount, m.IsTaxInclusive, jsonArg(m.Data), jsonArg(m.Metadata),
			db.Time{Time: m.CreatedAt}, db.Time{Time: m.UpdatedAt})
		if err != nil {
			return fmt.Errorf("insert order shipping method: %w", err)
		}
	}
	for _, it := range o.Items {
		_, err := tx.ExecContext(ctx, `INSERT INTO order_line_item (id, order_id, variant_id, product_id, title, product_title,
			variant_title, variant_sku, quantity, unit_price, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
			it.ID, o.ID, it.VariantID, it.ProductID, it.Title, it.ProductTitle, it.VariantTitle, it.VariantSKU,
			it.Quantity, it.UnitPrice, db.Time{Time: it.CreatedAt}, db.Time{Time: it.UpdatedAt})
		if err != nil {
			return fmt.Errorf("insert order line: %w", err)
		}
	}
	return nil
}

// ErrNotFound is the 404 for an unknown order id.
func ErrNotFound(orderID string) error {
	return apperr.NotFoundf("Order with id: %s was not found", orderID)
}

// scanOrder reads one row of orderColumns, with no lines yet.
func scanOrder(row sqlq.Scanner) (*Order, error) {
	o := Order{Items: []*Item{}, ShippingMethods: []*ShippingMethod{}}
	var shipping, billing *string
	if err := row.Scan(&o.ID, &o.DisplayID, &o.CartID, &o.Status, &o.PaymentStatus, &o.Email, &o.CurrencyCode, &o.RegionID,
		&o.SalesChannelID, &o.ItemTotal, &o.Total, db.TimeDest(&o.CreatedAt), db.TimeDest(&o.UpdatedAt), &o.SellerID,
		&shipping, &billing, &o.Locale, &o.ShippingTotal, &o.CustomerID); err != nil {
		return nil, err
	}
	// Only the ids for now: loadAddresses reads the rows when they are asked for.
	if shipping != nil {
		o.ShippingAddress = &Address{ID: *shipping}
	}
	if billing != nil {
		o.BillingAddress = &Address{ID: *billing}
	}
	return &o, nil
}

var scanItem = sqlq.Into(func(it *Item) []any {
	return append([]any{&it.ID, &it.OrderID, &it.VariantID, &it.ProductID, &it.Title, &it.ProductTitle, &it.VariantTitle,
		&it.VariantSKU, &it.Quantity, &it.UnitPrice}, db.Stamps(&it.CreatedAt, &it.UpdatedAt)...)
})

// loadItems fills the lines of the orders.
func loadItems(ctx context.Context, q db.DBTX, orders []*Order) error {
	if len(orders) == 0 {
		return nil
	}
	byID, ids := sqlq.Index(orders, func(o *Order) string { return o.ID })
	args := make([]any, 0, len(ids))
	ph := sqlq.In(&args, ids...)
	items, err := sqlq.Collect(ctx, q, scanItem, `SELECT id, order_id, variant_id, product_id, title, product_title, variant_title,
		variant_sku, quantity, unit_price, created_at, updated_at FROM order_line_item WHERE order_id IN (`+ph+`) ORDER BY id`, args...)
	if err != nil {
		return fmt.Errorf("read order lines: %w", err)
	}
	for _, it := range items {
		byID[it.OrderID].Items = append(byID[it.OrderID].Items, it)
	}
	return nil
}

// errNoCartOrder says a cart has no order; callers treat it as an inconsistency.
func errNoCartOrder(cartID string) error {
	return apperr.NotFoundf("Cart %s has no order", cartID)
}

// getWhere reads the one live order matching where (with arg as $1) and its lines, or
// answers notFound.
func getWhere(ctx context.Context, q db.DBTX, where string, arg string, notFound error) (*Order, error) {
	w := sqlq.NewWhere("")
	w.Add("deleted_at IS NULL")
	w.Add(strings.Replace(where, "$1", w.Arg(arg), 1))
	// An order of a channel the admin caller may not read is answered as missing (§5.6).
	visible.Restrict(ctx, w, "order", "sales_channel_id")
	o, err := sqlq.One(q.QueryRowContext(ctx, `SELECT `+orderColumns+` FROM "order"`+w.SQL(), w.Args()...),
		scanOrder, notFound, "read order")
	if err != nil {
		return nil, err
	}
	return o, loadItems(ctx, q, []*Order{o})
}
