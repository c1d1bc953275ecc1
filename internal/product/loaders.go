package product

import (
	"cmp"
	"context"
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

// key names a product or a variant for sqlq.Index.
func (p *Product) key() string { return p.ID }
func (v *Variant) key() string { return v.ID }

// loadOptions fills the options of ps, with their values when withValues, in two queries.
func loadOptions(ctx context.Context, q db.DBTX, ps []*Product, withValues bool) error {
	byID, ids := sqlq.Index(ps, (*Product).key)
	for _, p := range ps {
		p.Options = []*Option{}
	}
	w := inWhere("product_id", ids)
	options, err := sqlq.Collect(ctx, q, scanOption, `SELECT id, product_id, title, metadata, created_at, updated_at, deleted_at
		FROM product_option`+w.SQL()+` AND deleted_at IS NULL ORDER BY id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load options: %w", err)
	}
	for _, o := range options {
		o.Values = []*OptionValue{}
		byID[o.ProductID].Options = append(byID[o.ProductID].Options, o)
	}
	if !withValues || len(options) == 0 {
		return nil
	}
	// The values are reached through the product ids, not the option ids, so the query
	// takes as many arguments as the page has products.
	byOption, _ := sqlq.Index(options, func(o *Option) string { return o.ID })
	vw := inWhere("o.product_id", ids)
	values, err := sqlq.Collect(ctx, q, scanValue, `SELECT v.id, v.option_id, v.value, v.rank, v.metadata, v.created_at, v.updated_at, v.deleted_at
		FROM product_option_value v JOIN product_option o ON o.id = v.option_id`+
		vw.SQL()+` AND v.deleted_at IS NULL AND o.deleted_at IS NULL ORDER BY v.id`, vw.Args()...)
	if err != nil {
		return fmt.Errorf("load option values: %w", err)
	}
	for _, v := range values {
		if o := byOption[v.OptionID]; o != nil {
			o.Values = append(o.Values, v)
		}
	}
	return nil
}

// loadVariants fills the live variants of ps, in rank then id order, in one query.
func loadVariants(ctx context.Context, q db.DBTX, ps []*Product) ([]*Variant, error) {
	byID, ids := sqlq.Index(ps, (*Product).key)
	for _, p := range ps {
		p.Variants = []*Variant{}
	}
	w := inWhere("product_id", ids)
	all, err := sqlq.Collect(ctx, q, scanVariant, `SELECT `+variantColumns+` FROM product_variant`+w.SQL()+
		` AND deleted_at IS NULL ORDER BY variant_rank, id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load variants: %w", err)
	}
	for _, v := range all {
		byID[v.ProductID].Variants = append(byID[v.ProductID].Variants, v)
	}
	return all, nil
}

// indexVariants returns vs by id and their ids, each with its options emptied for a loader
// to fill.
func indexVariants(vs []*Variant) (map[string]*Variant, []string) {
	for _, v := range vs {
		v.Options = []*OptionValue{}
	}
	return sqlq.Index(vs, (*Variant).key)
}

// loadVariantOptions fills each variant's option values, each with its option, in one query.
func loadVariantOptions(ctx context.Context, q db.DBTX, vs []*Variant) error {
	if len(vs) == 0 {
		return nil
	}
	byID, ids := indexVariants(vs)
	w := inWhere("vo.variant_id", ids)
	type variantValue struct {
		variantID string
		value     *OptionValue
	}
	rows, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (variantValue, error) {
		vv := variantValue{value: &OptionValue{Option: &Option{}}}
		dest := append(valueDest(vv.value), optionDest(vv.value.Option)...)
		err := r.Scan(append(dest, &vv.variantID)...)
		return vv, err
	}, `SELECT v.id, v.option_id, v.value, v.rank, v.metadata, v.created_at, v.updated_at, v.deleted_at,
		o.id, o.product_id, o.title, o.metadata, o.created_at, o.updated_at, o.deleted_at, vo.variant_id
		FROM product_variant_option vo
		JOIN product_option_value v ON v.id = vo.option_value_id
		JOIN product_option o ON o.id = v.option_id`+w.SQL()+` ORDER BY vo.variant_id, o.id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load variant options: %w", err)
	}
	for _, vv := range rows {
		byID[vv.variantID].Options = append(byID[vv.variantID].Options, vv.value)
	}
	return nil
}

// priceColumns are read by scanPrice.
const priceColumns = `id, variant_id, currency_code, amount, sales_channel_id, created_at, updated_at`

var scanPrice = sqlq.Into(func(p *Price) []any {
	return append([]any{&p.ID, &p.VariantID, &p.CurrencyCode, &p.Amount, &p.SalesChannelID}, db.Stamps(&p.CreatedAt, &p.UpdatedAt)...)
})

// loadPrices fills each variant's explicit prices, base and channel prices, in one query.
func loadPrices(ctx context.Context, q db.DBTX, vs []*Variant) error {
	if len(vs) == 0 {
		return nil
	}
	byID, ids := sqlq.Index(vs, (*Variant).key)
	for _, v := range vs {
		v.Prices = []*Price{}
	}
	w := inWhere("variant_id", ids)
	prices, err := sqlq.Collect(ctx, q, scanPrice, `SELECT `+priceColumns+` FROM price`+w.SQL()+
		` AND deleted_at IS NULL ORDER BY variant_id, sales_channel_id IS NOT NULL, currency_code, sales_channel_id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load prices: %w", err)
	}
	for _, p := range prices {
		byID[p.VariantID].Prices = append(byID[p.VariantID].Prices, p)
	}
	return nil
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
	byID, ids := indexVariants(vs)
	w := inWhere("variant_id", ids)
	links, err := sqlq.Collect(ctx, q, sqlq.Pairs, `SELECT variant_id, option_value_id FROM product_variant_option`+w.SQL(), w.Args()...)
	if err != nil {
		return fmt.Errorf("load variant options: %w", err)
	}
	var again []*Variant
	for _, l := range links {
		v := byID[l.A]
		known, ok := values[l.B]
		if !ok {
			again = append(again, v)
			continue
		}
		val := *known.value
		val.Option = known.option
		v.Options = append(v.Options, &val)
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
