package product

import (
	"cmp"
	"context"
	"database/sql"
	"fmt"
	"slices"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// The relation loaders: each fills one relation of a page of products or variants with one
// statement that reads the page's rows through an index on their owner's id.

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

// loadVariantOptionsFrom fills each variant's option values from those loadOptions already
// read for ps (with their values), so it reads only the variants' (variant, value) pairs, from
// the link's primary key: the join to values and options that loadVariantOptions runs was
// the costliest statement of a storefront page. Variants holding a value that is not among
// them (a deleted value or option) are read again with loadVariantOptions.
func loadVariantOptionsFrom(ctx context.Context, q db.DBTX, vs []*Variant, ps []*Product) error {
	if len(vs) == 0 {
		return nil
	}
	type valueOf struct {
		value  *OptionValue
		option *Option // the value's option without its values, as loadVariantOptions reads it
	}
	values := map[string]valueOf{}
	for _, p := range ps {
		for _, o := range p.Options {
			bare := *o
			bare.Values = nil
			for _, v := range o.Values {
				values[v.ID] = valueOf{value: v, option: &bare}
			}
		}
	}
	byID := make(map[string]*Variant, len(vs))
	ids := make([]string, len(vs))
	for i, v := range vs {
		byID[v.ID], ids[i] = v, v.ID
		v.Options = []*OptionValue{}
	}
	w := inWhere("variant_id", ids)
	rows, err := q.QueryContext(ctx, `SELECT variant_id, option_value_id FROM product_variant_option`+w.SQL(), w.Args()...)
	if err != nil {
		return fmt.Errorf("load variant options: %w", err)
	}
	defer rows.Close()
	var again []*Variant
	for rows.Next() {
		var variantID, valueID string
		if err := rows.Scan(&variantID, &valueID); err != nil {
			return fmt.Errorf("load variant options: %w", err)
		}
		v := byID[variantID]
		known, ok := values[valueID]
		if !ok {
			again = append(again, v)
			continue
		}
		val := *known.value
		val.Option = known.option
		v.Options = append(v.Options, &val)
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("load variant options: %w", err)
	}
	for _, v := range vs {
		slices.SortFunc(v.Options, func(a, b *OptionValue) int {
			return cmp.Or(cmp.Compare(a.Option.ID, b.Option.ID), cmp.Compare(a.ID, b.ID))
		})
	}
	if len(again) > 0 {
		return loadVariantOptions(ctx, q, slices.Compact(again))
	}
	return nil
}
