package cart

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"channeld/internal/order"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/saleschannel"
)

// cartHead selects a cart's own columns and whether it has a payment collection. Reading
// payment_collection here is a read model across modules, kept for speed: adding a line reads
// the cart on every request, and the payment module is asked for the collection only when
// there is one.
const cartHead = `SELECT c.id, c.region_id, c.sales_channel_id, c.publishable_key_id, c.currency_code, c.email, c.metadata, c.completed_at,
	c.created_at, c.updated_at, c.version, (SELECT pc.id FROM payment_collection pc WHERE pc.cart_id = c.id),
	c.shipping_address_id, c.billing_address_id, c.locale,
	EXISTS (SELECT 1 FROM cart_shipping_method sm WHERE sm.cart_id = c.id), c.customer_id`

// cartRow scans cartHead.
type cartRow struct {
	c                 Cart
	paymentID         sql.NullString
	shipping, billing *string
	hasMethods        bool
}

func (r *cartRow) dest() []any {
	c := &r.c
	return []any{&c.ID, &c.RegionID, &c.SalesChannelID, &c.KeyID, &c.CurrencyCode, &c.Email, db.JSONDest(&c.Metadata),
		db.NullTimeDest(&c.CompletedAt), db.TimeDest(&c.CreatedAt), db.TimeDest(&c.UpdatedAt), &c.version, &r.paymentID,
		&r.shipping, &r.billing, &c.Locale, &r.hasMethods, &c.CustomerID}
}

// cart returns the cart read, its addresses and shipping methods still to be read by
// loadParts (only their ids are known).
func (r *cartRow) cart() *Cart {
	r.c.hasPayment = r.paymentID.Valid
	r.c.ShippingMethods = []*ShippingMethod{}
	if r.shipping != nil {
		r.c.ShippingAddress = &order.Address{ID: *r.shipping}
	}
	if r.billing != nil {
		r.c.BillingAddress = &order.Address{ID: *r.billing}
	}
	return &r.c
}

// loadParts reads the cart's lines, addresses and shipping methods; the last two only when
// the cart has any, which the cart row tells.
func (r *cartRow) loadParts(ctx context.Context, q db.DBTX) error {
	c := &r.c
	var err error
	if c.Items, err = getItems(ctx, q, c.ID); err != nil {
		return err
	}
	if err := loadAddresses(ctx, q, c); err != nil {
		return err
	}
	if r.hasMethods {
		if c.ShippingMethods, err = getMethods(ctx, q, c.ID); err != nil {
			return err
		}
	}
	return nil
}

// getCart reads a live cart and its lines; lock is appended to the cart query.
func getCart(ctx context.Context, q db.DBTX, cartID, lock string) (*Cart, error) {
	var r cartRow
	err := q.QueryRowContext(ctx, cartHead+` FROM cart c WHERE c.id = $1 AND c.deleted_at IS NULL`+lock, cartID).Scan(r.dest()...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, errCartNotFound(cartID)
	}
	if err != nil {
		return nil, fmt.Errorf("get cart %s: %w", cartID, err)
	}
	c := r.cart()
	if err := r.loadParts(ctx, q); err != nil {
		return nil, err
	}
	return c, nil
}

// getCartInChannel reads a live cart, its lines and its live sales channel (nil when the
// cart has none, or its channel was deleted) without locking anything. The join to
// sales_channel is a read model across modules, kept for speed: it saves adding a line one
// round trip to the channel service.
func getCartInChannel(ctx context.Context, q db.DBTX, cartID string) (*Cart, *saleschannel.SalesChannel, error) {
	var r cartRow
	var chName sql.NullString
	var chDisabled sql.NullBool
	err := q.QueryRowContext(ctx, cartHead+`, sc.name, sc.is_disabled
		FROM cart c LEFT JOIN sales_channel sc ON sc.id = c.sales_channel_id AND sc.deleted_at IS NULL
		WHERE c.id = $1 AND c.deleted_at IS NULL`, cartID).Scan(append(r.dest(), &chName, &chDisabled)...)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, nil, errCartNotFound(cartID)
	}
	if err != nil {
		return nil, nil, fmt.Errorf("get cart %s: %w", cartID, err)
	}
	c := r.cart()
	if err := r.loadParts(ctx, q); err != nil {
		return nil, nil, err
	}
	var ch *saleschannel.SalesChannel
	if c.SalesChannelID != nil && chName.Valid {
		ch = &saleschannel.SalesChannel{ID: *c.SalesChannelID, Name: chName.String, IsDisabled: chDisabled.Bool}
	}
	return c, ch, nil
}

// touchIfCurrent raises the version of c and sets its updated_at, provided that the cart is
// still at c's version, open and without a payment collection. It reports whether it was.
func touchIfCurrent(ctx context.Context, tx db.DBTX, c *Cart) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE cart SET updated_at = $3, version = version + 1
		WHERE id = $1 AND version = $2 AND completed_at IS NULL AND deleted_at IS NULL
		AND NOT EXISTS (SELECT 1 FROM payment_collection pc WHERE pc.cart_id = cart.id)`,
		c.ID, c.version, db.Time{Time: c.UpdatedAt})
	if err != nil {
		return false, fmt.Errorf("update cart %s: %w", c.ID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return false, fmt.Errorf("update cart %s: %w", c.ID, err)
	}
	if n == 1 {
		c.version++
	}
	return n == 1, nil
}

func errCartNotFound(cartID string) error { return apperr.NotFoundf("Cart id not found: %s", cartID) }

func getItems(ctx context.Context, q db.DBTX, cartID string) ([]*LineItem, error) {
	out, err := sqlq.Collect(ctx, q, sqlq.Into(func(li *LineItem) []any {
		return append([]any{&li.ID, &li.CartID, &li.VariantID, &li.ProductID, &li.Title, &li.ProductTitle, &li.VariantTitle,
			&li.VariantSKU, &li.Quantity, &li.UnitPrice, &li.IsTaxInclusive, db.JSONDest(&li.Metadata)}, db.Stamps(&li.CreatedAt, &li.UpdatedAt)...)
	}), `SELECT id, cart_id, variant_id, product_id, title, product_title, variant_title,
		variant_sku, quantity, unit_price, is_tax_inclusive, metadata, created_at, updated_at
		FROM cart_line_item WHERE cart_id = $1 ORDER BY id`, cartID)
	if err != nil {
		return nil, fmt.Errorf("read lines of cart %s: %w", cartID, err)
	}
	if out == nil {
		out = []*LineItem{}
	}
	return out, nil
}

func jsonArg(raw []byte) any {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return string(raw)
}

func insertCart(ctx context.Context, tx db.DBTX, c *Cart) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO cart (id, region_id, sales_channel_id, publishable_key_id, currency_code, email, metadata,
		created_at, updated_at, shipping_address_id, billing_address_id, locale, customer_id)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13)`,
		c.ID, c.RegionID, c.SalesChannelID, c.KeyID, c.CurrencyCode, c.Email, jsonArg(c.Metadata), db.Time{Time: c.CreatedAt}, db.Time{Time: c.UpdatedAt},
		addressID(c.ShippingAddress), addressID(c.BillingAddress), c.Locale, c.CustomerID)
	if err != nil {
		return fmt.Errorf("insert cart: %w", err)
	}
	return nil
}

func updateCart(ctx context.Context, tx db.DBTX, c *Cart) error {
	_, err := tx.ExecContext(ctx, `UPDATE cart SET region_id = $2, sales_channel_id = $3, currency_code = $4, email = $5,
		metadata = $6, updated_at = $7, shipping_address_id = $8, billing_address_id = $9, locale = $10, customer_id = $11,
		version = version + 1 WHERE id = $1`,
		c.ID, c.RegionID, c.SalesChannelID, c.CurrencyCode, c.Email, jsonArg(c.Metadata), db.Time{Time: c.UpdatedAt},
		addressID(c.ShippingAddress), addressID(c.BillingAddress), c.Locale, c.CustomerID)
	if err != nil {
		return fmt.Errorf("update cart %s: %w", c.ID, err)
	}
	return nil
}

func insertItem(ctx context.Context, tx db.DBTX, li *LineItem) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO cart_line_item (id, cart_id, variant_id, product_id, title, product_title,
		variant_title, variant_sku, quantity, unit_price, is_tax_inclusive, metadata, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
		li.ID, li.CartID, li.VariantID, li.ProductID, li.Title, li.ProductTitle, li.VariantTitle, li.VariantSKU,
		li.Quantity, li.UnitPrice, li.IsTaxInclusive, jsonArg(li.Metadata), db.Time{Time: li.CreatedAt}, db.Time{Time: li.UpdatedAt})
	if err != nil {
		return fmt.Errorf("insert line item: %w", err)
	}
	return nil
}

func updateItem(ctx context.Context, tx db.DBTX, li *LineItem) error {
	_, err := tx.ExecContext(ctx, `UPDATE cart_line_item SET quantity = $2, unit_price = $3, is_tax_inclusive = $4, metadata = $5,
		updated_at = $6 WHERE id = $1`, li.ID, li.Quantity, li.UnitPrice, li.IsTaxInclusive, jsonArg(li.Metadata), db.Time{Time: li.UpdatedAt})
	if err != nil {
		return fmt.Errorf("update line item %s: %w", li.ID, err)
	}
	return nil
}

func deleteItem(ctx context.Context, tx db.DBTX, lineID string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM cart_line_item WHERE id = $1`, lineID); err != nil {
		return fmt.Errorf("delete line item %s: %w", lineID, err)
	}
	return nil
}

func addressID(a *order.Address) *string {
	if a == nil {
		return nil
	}
	return &a.ID
}

const methodColumns = `id, cart_id, shipping_option_id, shipping_profile_id, name, amount, is_tax_inclusive, data, metadata,
	created_at, updated_at`

func getMethods(ctx context.Context, q db.DBTX, cartID string) ([]*ShippingMethod, error) {
	out, err := sqlq.Collect(ctx, q, sqlq.Into(func(m *ShippingMethod) []any {
		return []any{&m.ID, &m.CartID, &m.ShippingOptionID, &m.ShippingProfileID, &m.Name, &m.Amount, &m.IsTaxInclusive,
			db.JSONDest(&m.Data), db.JSONDest(&m.Metadata), db.TimeDest(&m.CreatedAt), db.TimeDest(&m.UpdatedAt)}
	}), `SELECT `+methodColumns+` FROM cart_shipping_method WHERE cart_id = $1 ORDER BY id`, cartID)
	if err != nil {
		return nil, fmt.Errorf("read shipping methods of cart %s: %w", cartID, err)
	}
	if out == nil {
		out = []*ShippingMethod{}
	}
	return out, nil
}
