package product

import (
	"context"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Reader answers the questions other modules ask of products that need nothing but the
// database. The stock module is built before the product service (which calls stock when a
// variant is created) and checks variants through a Reader; Service embeds one, so the cart
// asks the product service itself.
type Reader struct{ db *db.DB }

// NewReader returns a reader on d.
func NewReader(d *db.DB) *Reader { return &Reader{db: d} }

// VariantExists returns nil when variantID is a live variant of the live product productID,
// and the product module's not-found error for whichever of the two is missing.
func (r *Reader) VariantExists(ctx context.Context, productID, variantID string) error {
	q := r.db.Read()
	if _, err := getProduct(ctx, q, productID); err != nil {
		return err
	}
	_, err := getVariant(ctx, q, productID, variantID)
	return err
}

// SellableVariant is what a cart line needs of a variant: its titles, inventory flags and
// whether its product is in the cart's channel. Its price is the pricing engine's
// (pricing.Chain.Resolve), which follows the channel's overrides and inheritance rules.
type SellableVariant struct {
	ID, Title, ProductID, ProductTitle string
	SKU                                *string
	ManageInventory, AllowBackorder    bool
	InChannel                          bool
}

// SellableVariant returns a live variant of a live published product as seen from a
// channel, read through q (a cart's transaction or a read connection). An unknown, deleted
// or unpublished variant is a not-found error.
func (r *Reader) SellableVariant(ctx context.Context, q db.DBTX, variantID, channelID string) (*SellableVariant, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT v.id, v.title, v.sku, v.manage_inventory, v.allow_backorder, p.id, p.title,
		CASE WHEN EXISTS (SELECT 1 FROM product_sales_channel psc WHERE psc.product_id = p.id AND psc.sales_channel_id = $2) THEN 1 ELSE 0 END
		FROM product_variant v JOIN product p ON p.id = v.product_id AND p.deleted_at IS NULL AND p.status = 'published'
		WHERE v.deleted_at IS NULL AND v.id = $1`, variantID, channelID),
		scanSellable, apperr.NotFoundf("Variant %s is not a live variant of a published product", variantID), "read variant "+variantID)
}

func scanSellable(r sqlq.Scanner) (*SellableVariant, error) {
	var v SellableVariant
	var inChannel int
	if err := r.Scan(&v.ID, &v.Title, &v.SKU, &v.ManageInventory, &v.AllowBackorder, &v.ProductID, &v.ProductTitle,
		&inChannel); err != nil {
		return nil, err
	}
	v.InChannel = inChannel == 1
	return &v, nil
}
