package product

import (
	"context"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

func insertOption(ctx context.Context, tx db.DBTX, o *Option) error {
	return sqlq.Exec(ctx, tx, "insert product option", `INSERT INTO product_option (id, product_id, title, metadata,
		created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`,
		o.ID, o.ProductID, o.Title, db.JSON(o.Metadata), db.FormatTime(o.CreatedAt), db.FormatTime(o.UpdatedAt))
}

func insertOptionValue(ctx context.Context, tx db.DBTX, v *OptionValue) error {
	return sqlq.Exec(ctx, tx, "insert product option value", `INSERT INTO product_option_value (id, option_id, value, rank,
		metadata, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		v.ID, v.OptionID, v.Value, v.Rank, db.JSON(v.Metadata), db.FormatTime(v.CreatedAt), db.FormatTime(v.UpdatedAt))
}

// optionDest returns the scan destinations of optionColumns.
func optionDest(o *Option) []any {
	return append([]any{&o.ID, &o.ProductID, &o.Title, db.JSONDest(&o.Metadata)},
		db.SoftStamps(&o.CreatedAt, &o.UpdatedAt, &o.DeletedAt)...)
}

var scanOption = sqlq.Into(optionDest)

// valueDest returns the scan destinations of an option value's columns: id, option_id,
// value, rank, metadata and the stamps.
func valueDest(v *OptionValue) []any {
	return append([]any{&v.ID, &v.OptionID, &v.Value, &v.Rank, db.JSONDest(&v.Metadata)},
		db.SoftStamps(&v.CreatedAt, &v.UpdatedAt, &v.DeletedAt)...)
}

var scanValue = sqlq.Into(valueDest)

const variantColumns = `id, product_id, title, sku, barcode, ean, upc, allow_backorder, manage_inventory, variant_rank,
	weight, length, height, width, hs_code, origin_country, mid_code, material, thumbnail, metadata,
	created_at, updated_at, deleted_at`

func scanVariant(r row) (*Variant, error) {
	var v Variant
	dest := []any{&v.ID, &v.ProductID, &v.Title, &v.SKU, &v.Barcode, &v.EAN, &v.UPC, &v.AllowBackorder, &v.ManageInventory, &v.VariantRank}
	dest = append(dest, physicalDest(&v.Physical)...)
	dest = append(dest, &v.Thumbnail, db.JSONDest(&v.Metadata))
	if err := r.Scan(append(dest, db.SoftStamps(&v.CreatedAt, &v.UpdatedAt, &v.DeletedAt)...)...); err != nil {
		return nil, err
	}
	return &v, nil
}

func variantArgs(v *Variant) []any {
	args := []any{v.ID, v.ProductID, v.Title, v.SKU, v.Barcode, v.EAN, v.UPC, v.AllowBackorder, v.ManageInventory, v.VariantRank}
	args = append(args, physicalArgs(v.Physical)...)
	return append(args, v.Thumbnail, db.JSON(v.Metadata), db.FormatTime(v.CreatedAt), db.FormatTime(v.UpdatedAt))
}

// errDuplicateSKU is the message for a SKU a live variant already has.
func errDuplicateSKU(sku *string) error {
	s := ""
	if sku != nil {
		s = *sku
	}
	return apperr.New(apperr.Duplicate, "Product variant with sku: %s, already exists.", s)
}

func insertVariant(ctx context.Context, tx db.DBTX, v *Variant) error {
	return sqlq.ExecUnique(ctx, tx, errDuplicateSKU(v.SKU), "insert variant", `INSERT INTO product_variant (`+variantColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7,
		$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, NULL)`, variantArgs(v)...)
}

func updateVariant(ctx context.Context, tx db.DBTX, v *Variant) error {
	return sqlq.ExecUnique(ctx, tx, errDuplicateSKU(v.SKU), "update variant "+v.ID, `UPDATE product_variant SET product_id = $2,
		title = $3, sku = $4, barcode = $5, ean = $6, upc = $7, allow_backorder = $8, manage_inventory = $9,
		variant_rank = $10, weight = $11, length = $12, height = $13, width = $14, hs_code = $15, origin_country = $16,
		mid_code = $17, material = $18, thumbnail = $19, metadata = $20, updated_at = $21 WHERE id = $1`,
		updateArgs(variantArgs(v))...)
}

// variantNotFound is the message for a variant missing from its product.
const variantNotFound = "Variant with id: %s was not found"

func getVariant(ctx context.Context, q db.DBTX, productID, variantID string) (*Variant, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+variantColumns+` FROM product_variant
		WHERE id = $1 AND product_id = $2 AND deleted_at IS NULL`, variantID, productID),
		scanVariant, apperr.NotFoundf(variantNotFound, variantID), "get variant "+variantID)
}

func setVariantOptions(ctx context.Context, tx db.DBTX, variantID string, valueIDs []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM product_variant_option WHERE variant_id = $1`, variantID); err != nil {
		return fmt.Errorf("clear options of variant %s: %w", variantID, err)
	}
	for _, id := range valueIDs {
		if _, err := tx.ExecContext(ctx, `INSERT INTO product_variant_option (variant_id, option_value_id) VALUES ($1, $2)`,
			variantID, id); err != nil {
			return fmt.Errorf("set option of variant %s: %w", variantID, err)
		}
	}
	return nil
}

func insertPrice(ctx context.Context, tx db.DBTX, p *Price) error {
	return sqlq.Exec(ctx, tx, "insert price", `INSERT INTO price (id, variant_id, currency_code, amount, sales_channel_id, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		p.ID, p.VariantID, p.CurrencyCode, p.Amount, p.SalesChannelID, db.FormatTime(p.CreatedAt), db.FormatTime(p.UpdatedAt))
}

var variantOrderColumns = map[string]string{
	"id": "id", "title": "title", "sku": "sku", "variant_rank": "variant_rank",
	"created_at": "created_at", "updated_at": "updated_at",
}

// listVariants returns a page of live variants of live products the caller may read that f
// selects, and their count.
// ilike is the engine's case-insensitive LIKE, for q.
func listVariants(ctx context.Context, q db.DBTX, ilike string, f AdminVariantFilter, p Page) ([]*Variant, int, error) {
	order, err := sqlq.OrderBy(p.Order, variantOrderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	w := sqlq.NewWhere(ilike)
	if f.ProductID != "" {
		w.Eq("product_id", f.ProductID)
	} else {
		w.Add("product_id IN (SELECT id FROM product WHERE deleted_at IS NULL)")
		visible.RestrictLinked(ctx, w, "product_variant", "product_id", ChannelLink.Name, ChannelLink.Left)
	}
	w.Add("deleted_at IS NULL")
	if err := buildVariantWhere(w, f); err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Variant]{From: "product_variant", Columns: variantColumns, Scan: scanVariant}.
		Run(ctx, q, "variants", w, order, p.Limit, p.Offset)
}

// buildVariantWhere adds the conditions of f on the product_variant table.
func buildVariantWhere(w *sqlq.Where, f AdminVariantFilter) error {
	if f.Q != "" {
		// Medusa searches a variant's searchable fields and its product's.
		own, ofProduct, pw := w.Sub(), w.Sub(), w.Sub()
		own.Search(f.Q, "title", "sku", "barcode", "ean", "upc")
		pw.Search(f.Q, "title", "subtitle", "description")
		ofProduct.Add("product_id IN (SELECT id FROM product" + pw.SQL() + ")")
		w.AnyOf([]*sqlq.Where{own, ofProduct})
	}
	w.InFilter("id", f.IDs)
	w.InFilter("sku", f.SKUs)
	w.InFilter("ean", f.EANs)
	w.InFilter("upc", f.UPCs)
	w.InFilter("barcode", f.Barcodes)
	if f.ManageInventory != nil {
		w.Eq("manage_inventory", *f.ManageInventory)
	}
	if f.AllowBackorder != nil {
		w.Eq("allow_backorder", *f.AllowBackorder)
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt},
		sqlq.TimeOp{Field: "deleted_at", Ops: f.DeletedAt}); err != nil {
		return err
	}
	return sqlq.Groups(w, f.And, f.Or, buildVariantWhere)
}
