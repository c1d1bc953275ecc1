package product

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

func insertOption(ctx context.Context, tx db.DBTX, o *Option) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO product_option (id, product_id, title, metadata, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		o.ID, o.ProductID, o.Title, nullJSON(o.Metadata), db.FormatTime(o.CreatedAt), db.FormatTime(o.UpdatedAt))
	if err != nil {
		return fmt.Errorf("insert product option: %w", err)
	}
	return nil
}

func insertOptionValue(ctx context.Context, tx db.DBTX, v *OptionValue) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO product_option_value (id, option_id, value, rank, metadata, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		v.ID, v.OptionID, v.Value, v.Rank, nullJSON(v.Metadata), db.FormatTime(v.CreatedAt), db.FormatTime(v.UpdatedAt))
	if err != nil {
		return fmt.Errorf("insert product option value: %w", err)
	}
	return nil
}

const variantColumns = `id, product_id, title, sku, barcode, ean, upc, allow_backorder, manage_inventory, variant_rank,
	weight, length, height, width, hs_code, origin_country, mid_code, material, thumbnail, metadata,
	created_at, updated_at, deleted_at`

func scanVariant(r row) (*Variant, error) {
	var v Variant
	var sku, barcode, ean, upc, thumb sql.NullString
	var phys physicalCols
	var meta db.JSON
	var created, updated db.Time
	var deleted db.NullTime
	dest := []any{&v.ID, &v.ProductID, &v.Title, &sku, &barcode, &ean, &upc, &v.AllowBackorder, &v.ManageInventory, &v.VariantRank}
	dest = append(dest, phys.dest()...)
	dest = append(dest, &thumb, &meta, &created, &updated, &deleted)
	if err := r.Scan(dest...); err != nil {
		return nil, err
	}
	v.SKU, v.Barcode, v.EAN, v.UPC, v.Thumbnail = nstr(sku), nstr(barcode), nstr(ean), nstr(upc), nstr(thumb)
	v.Physical = phys.value()
	if meta != nil {
		v.Metadata = []byte(meta)
	}
	v.CreatedAt, v.UpdatedAt = created.Time, updated.Time
	if deleted.Valid {
		t := deleted.Time
		v.DeletedAt = &t
	}
	return &v, nil
}

func variantArgs(v *Variant) []any {
	args := []any{v.ID, v.ProductID, v.Title, v.SKU, v.Barcode, v.EAN, v.UPC, v.AllowBackorder, v.ManageInventory, v.VariantRank}
	args = append(args, physicalArgs(v.Physical)...)
	return append(args, v.Thumbnail, nullJSON(v.Metadata), db.FormatTime(v.CreatedAt), db.FormatTime(v.UpdatedAt))
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
	_, err := tx.ExecContext(ctx, `INSERT INTO product_variant (`+variantColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7,
		$8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, NULL)`, variantArgs(v)...)
	if db.IsUniqueViolation(err) {
		return errDuplicateSKU(v.SKU)
	}
	if err != nil {
		return fmt.Errorf("insert variant: %w", err)
	}
	return nil
}

func updateVariant(ctx context.Context, tx db.DBTX, v *Variant) error {
	args := variantArgs(v)
	args = append(args[:20:20], args[21]) // every column but created_at
	_, err := tx.ExecContext(ctx, `UPDATE product_variant SET product_id = $2, title = $3, sku = $4, barcode = $5,
		ean = $6, upc = $7, allow_backorder = $8, manage_inventory = $9, variant_rank = $10, weight = $11,
		length = $12, height = $13, width = $14, hs_code = $15, origin_country = $16, mid_code = $17,
		material = $18, thumbnail = $19, metadata = $20, updated_at = $21 WHERE id = $1`, args...)
	if db.IsUniqueViolation(err) {
		return errDuplicateSKU(v.SKU)
	}
	if err != nil {
		return fmt.Errorf("update variant %s: %w", v.ID, err)
	}
	return nil
}

// variantNotFound is the message for a variant missing from its product.
const variantNotFound = "Variant with id: %s was not found"

func getVariant(ctx context.Context, q db.DBTX, productID, variantID string) (*Variant, error) {
	v, err := scanVariant(q.QueryRowContext(ctx, `SELECT `+variantColumns+` FROM product_variant
		WHERE id = $1 AND product_id = $2 AND deleted_at IS NULL`, variantID, productID))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf(variantNotFound, variantID)
	}
	if err != nil {
		return nil, fmt.Errorf("get variant %s: %w", variantID, err)
	}
	return v, nil
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
	_, err := tx.ExecContext(ctx, `INSERT INTO price (id, variant_id, currency_code, amount, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6)`,
		p.ID, p.VariantID, p.CurrencyCode, p.Amount, db.FormatTime(p.CreatedAt), db.FormatTime(p.UpdatedAt))
	if err != nil {
		return fmt.Errorf("insert price: %w", err)
	}
	return nil
}

// inWhere starts a WHERE clause col IN (ids).
func inWhere(col string, ids []string) *sqlq.Where {
	w := sqlq.NewWhere("LIKE")
	w.In(col, ids)
	return w
}

// loadOptions fills the options of ps, with their values when withValues, in two queries.
func loadOptions(ctx context.Context, q db.DBTX, ps []*Product, withValues bool) error {
	byID := map[string]*Product{}
	ids := make([]string, len(ps))
	for i, p := range ps {
		byID[p.ID], ids[i] = p, p.ID
		p.Options = []*Option{}
	}
	w := inWhere("product_id", ids)
	rows, err := q.QueryContext(ctx, `SELECT id, product_id, title, metadata, created_at, updated_at, deleted_at
		FROM product_option`+w.SQL()+` AND deleted_at IS NULL ORDER BY id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load options: %w", err)
	}
	defer rows.Close()
	options := map[string]*Option{}
	var optionIDs []string
	for rows.Next() {
		o, err := scanOption(rows)
		if err != nil {
			return fmt.Errorf("load options: %w", err)
		}
		o.Values = []*OptionValue{}
		options[o.ID] = o
		optionIDs = append(optionIDs, o.ID)
		byID[o.ProductID].Options = append(byID[o.ProductID].Options, o)
	}
	if err := rows.Err(); err != nil || !withValues || len(optionIDs) == 0 {
		return err
	}
	// The values are reached through the product ids, not the option ids, so the query
	// takes as many arguments as the page has products.
	vw := inWhere("o.product_id", ids)
	vrows, err := q.QueryContext(ctx, `SELECT v.id, v.option_id, v.value, v.rank, v.metadata, v.created_at, v.updated_at, v.deleted_at
		FROM product_option_value v JOIN product_option o ON o.id = v.option_id`+
		vw.SQL()+` AND v.deleted_at IS NULL AND o.deleted_at IS NULL ORDER BY v.id`, vw.Args()...)
	if err != nil {
		return fmt.Errorf("load option values: %w", err)
	}
	defer vrows.Close()
	for vrows.Next() {
		v, err := scanValue(vrows)
		if err != nil {
			return fmt.Errorf("load option values: %w", err)
		}
		if o := options[v.OptionID]; o != nil {
			o.Values = append(o.Values, v)
		}
	}
	return vrows.Err()
}

func scanOption(r row) (*Option, error) {
	var o Option
	var meta db.JSON
	var created, updated db.Time
	var deleted db.NullTime
	if err := r.Scan(&o.ID, &o.ProductID, &o.Title, &meta, &created, &updated, &deleted); err != nil {
		return nil, err
	}
	if meta != nil {
		o.Metadata = []byte(meta)
	}
	o.CreatedAt, o.UpdatedAt = created.Time, updated.Time
	if deleted.Valid {
		t := deleted.Time
		o.DeletedAt = &t
	}
	return &o, nil
}

func scanValue(r row, extra ...any) (*OptionValue, error) {
	var v OptionValue
	var rank sql.NullInt64
	var meta db.JSON
	var created, updated db.Time
	var deleted db.NullTime
	if err := r.Scan(append([]any{&v.ID, &v.OptionID, &v.Value, &rank, &meta, &created, &updated, &deleted}, extra...)...); err != nil {
		return nil, err
	}
	if rank.Valid {
		v.Rank = &rank.Int64
	}
	if meta != nil {
		v.Metadata = []byte(meta)
	}
	v.CreatedAt, v.UpdatedAt = created.Time, updated.Time
	if deleted.Valid {
		t := deleted.Time
		v.DeletedAt = &t
	}
	return &v, nil
}

// loadVariants fills the live variants of ps, in rank then id order, in one query.
func loadVariants(ctx context.Context, q db.DBTX, ps []*Product) ([]*Variant, error) {
	byID := map[string]*Product{}
	ids := make([]string, len(ps))
	for i, p := range ps {
		byID[p.ID], ids[i] = p, p.ID
		p.Variants = []*Variant{}
	}
	w := inWhere("product_id", ids)
	rows, err := q.QueryContext(ctx, `SELECT `+variantColumns+` FROM product_variant`+w.SQL()+
		` AND deleted_at IS NULL ORDER BY variant_rank, id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load variants: %w", err)
	}
	defer rows.Close()
	var all []*Variant
	for rows.Next() {
		v, err := scanVariant(rows)
		if err != nil {
			return nil, fmt.Errorf("load variants: %w", err)
		}
		byID[v.ProductID].Variants = append(byID[v.ProductID].Variants, v)
		all = append(all, v)
	}
	return all, rows.Err()
}

// loadVariantOptions fills each variant's option values, each with its option, in one query.
func loadVariantOptions(ctx context.Context, q db.DBTX, vs []*Variant) error {
	if len(vs) == 0 {
		return nil
	}
	byID := map[string]*Variant{}
	ids := make([]string, len(vs))
	for i, v := range vs {
		byID[v.ID], ids[i] = v, v.ID
		v.Options = []*OptionValue{}
	}
	w := inWhere("vo.variant_id", ids)
	rows, err := q.QueryContext(ctx, `SELECT v.id, v.option_id, v.value, v.rank, v.metadata, v.created_at, v.updated_at, v.deleted_at,
		o.id, o.product_id, o.title, o.metadata, o.created_at, o.updated_at, o.deleted_at, vo.variant_id
		FROM product_variant_option vo
		JOIN product_option_value v ON v.id = vo.option_value_id
		JOIN product_option o ON o.id = v.option_id`+w.SQL()+` ORDER BY vo.variant_id, o.id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load variant options: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var o Option
		var ometa db.JSON
		var ocreated, oupdated db.Time
		var odeleted db.NullTime
		var variantID string
		v, err := scanValue(rows, &o.ID, &o.ProductID, &o.Title, &ometa, &ocreated, &oupdated, &odeleted, &variantID)
		if err != nil {
			return fmt.Errorf("load variant options: %w", err)
		}
		if ometa != nil {
			o.Metadata = []byte(ometa)
		}
		o.CreatedAt, o.UpdatedAt = ocreated.Time, oupdated.Time
		if odeleted.Valid {
			t := odeleted.Time
			o.DeletedAt = &t
		}
		v.Option = &o
		byID[variantID].Options = append(byID[variantID].Options, v)
	}
	return rows.Err()
}

// loadPrices fills each variant's base prices, in one query.
func loadPrices(ctx context.Context, q db.DBTX, vs []*Variant) error {
	if len(vs) == 0 {
		return nil
	}
	byID := map[string]*Variant{}
	ids := make([]string, len(vs))
	for i, v := range vs {
		byID[v.ID], ids[i] = v, v.ID
		v.Prices = []*Price{}
	}
	w := inWhere("variant_id", ids)
	rows, err := q.QueryContext(ctx, `SELECT id, variant_id, currency_code, amount, created_at, updated_at FROM price`+w.SQL()+
		` AND sales_channel_id IS NULL AND deleted_at IS NULL ORDER BY variant_id, currency_code`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load prices: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var p Price
		var created, updated db.Time
		if err := rows.Scan(&p.ID, &p.VariantID, &p.CurrencyCode, &p.Amount, &created, &updated); err != nil {
			return fmt.Errorf("load prices: %w", err)
		}
		p.CreatedAt, p.UpdatedAt = created.Time, updated.Time
		byID[p.VariantID].Prices = append(byID[p.VariantID].Prices, &p)
	}
	return rows.Err()
}

var variantOrderColumns = map[string]string{
	"id": "id", "title": "title", "sku": "sku", "variant_rank": "variant_rank",
	"created_at": "created_at", "updated_at": "updated_at",
}

// listVariants returns a page of a product's live variants and their count.
func listVariants(ctx context.Context, q db.DBTX, productID string, p Page) ([]*Variant, int, error) {
	order, err := sqlq.OrderBy(p.Order, variantOrderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	w := sqlq.NewWhere("LIKE")
	w.Eq("product_id", productID)
	w.Add("deleted_at IS NULL")
	return sqlq.List[*Variant]{From: "product_variant", Columns: variantColumns, Scan: scanVariant}.
		Run(ctx, q, "variants", w, order, p.Limit, p.Offset)
}
