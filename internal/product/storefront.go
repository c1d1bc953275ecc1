package product

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/sqlq"
)

// The storefront's reads: only published, live products sold through at least one enabled
// channel of a scope. The scope is a subquery in the page's own SQL, so a page costs one
// query whatever the catalogue or the number of channels.

// StoreFilter is a storefront's filter: the admin Filter plus the store-only parameters.
// Categories and tags are not modelled, so naming any makes the filter match nothing.
type StoreFilter struct {
	Filter
	CollectionIDs  []string
	TypeIDs        []string
	OptionValues   []string // variants[options][value]
	OptionIDs      []string // variants[options][option_id]
	CategoryOrTags bool
}

func buildStoreWhere(w *sqlq.Where, f StoreFilter) error {
	if err := buildWhere(w, f.Filter); err != nil {
		return err
	}
	if f.CollectionIDs != nil {
		w.In("collection_id", f.CollectionIDs)
	}
	if f.TypeIDs != nil {
		w.In("type_id", f.TypeIDs)
	}
	if f.OptionValues != nil || f.OptionIDs != nil {
		sub := w.Sub()
		if f.OptionValues != nil {
			sub.In("ov.value", f.OptionValues)
		}
		if f.OptionIDs != nil {
			sub.In("ov.option_id", f.OptionIDs)
		}
		w.Add(`EXISTS (SELECT 1 FROM product_variant pv JOIN product_variant_option pvo ON pvo.variant_id = pv.id
			JOIN product_option_value ov ON ov.id = pvo.option_value_id
			WHERE pv.product_id = product.id AND pv.deleted_at IS NULL` + sub.And() + `)`)
	}
	if f.CategoryOrTags {
		w.Add("1 = 0")
	}
	return nil
}

// scopedFrom returns what follows FROM in a storefront read: the distinct products linked to
// one of channelIDs whose channel is live and enabled, joined to product, with w's conditions
// for published, live products. The join starts from the link table, so a read costs what
// the scope holds, not the catalogue; CROSS JOIN keeps SQLite to that order (PostgreSQL plans
// it as any join). channelIDs must not be empty.
//
// This is a read model across modules, kept for speed: it checks the channels' state in
// sales_channel inside the page query, where asking the channel service first would cost a
// round trip on every storefront page.
func scopedFrom(w *sqlq.Where, channelIDs []string) string {
	in := w.ArgList(channelIDs)
	w.Add("product.id = scope.product_id")
	w.Add("status = " + w.Arg(StatusPublished))
	w.Add("deleted_at IS NULL")
	return `(SELECT DISTINCT psc.product_id FROM product_sales_channel psc
		JOIN sales_channel sc ON sc.id = psc.sales_channel_id
		WHERE psc.sales_channel_id IN (` + in + `) AND sc.deleted_at IS NULL AND NOT sc.is_disabled) scope
		CROSS JOIN product`
}

// ListInScope returns a page of the products f selects that a storefront scoped to channelIDs
// may see, with the relations inc asks for and the total count, reading through q: one count
// query, one page query, then one query per relation. f's deleted_at filter cannot reveal
// deleted products here.
func (s *Service) ListInScope(ctx context.Context, q db.DBTX, channelIDs []string, f StoreFilter, p Page, inc Include) ([]*Product, int, error) {
	w := sqlq.NewWhere(s.db.ILike())
	if len(channelIDs) == 0 {
		return []*Product{}, 0, nil
	}
	if err := buildStoreWhere(w, f); err != nil {
		return nil, 0, err
	}
	from := scopedFrom(w, channelIDs)
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	out, count, err := sqlq.List[*Product]{From: from, Columns: productColumns, Scan: scanProduct}.
		Run(ctx, q, "store products", w, order, p.Limit, p.Offset)
	if err != nil {
		return nil, 0, err
	}
	if out == nil {
		out = []*Product{}
	}
	inc.Visible = channelIDs
	return out, count, s.load(ctx, q, out, inc)
}

// GetInScope returns one product a storefront scoped to channelIDs may see, or Medusa's
// not-found error when it is missing, unpublished or sold through none of those channels.
func (s *Service) GetInScope(ctx context.Context, q db.DBTX, channelIDs []string, productID string, inc Include) (*Product, error) {
	if len(channelIDs) == 0 {
		return nil, apperr.NotFoundf(notFound, productID)
	}
	w := sqlq.NewWhere(s.db.ILike())
	w.Eq("id", productID)
	from := scopedFrom(w, channelIDs)
	p, err := scanProduct(q.QueryRowContext(ctx, `SELECT `+productColumns+` FROM `+from+w.SQL(), w.Args()...))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf(notFound, productID)
	}
	if err != nil {
		return nil, fmt.Errorf("get store product %s: %w", productID, err)
	}
	inc.Visible = channelIDs
	return p, s.load(ctx, q, []*Product{p}, inc)
}

// IncludeFor returns the relations a product selection needs loaded.
func IncludeFor(sel *fields.Selection) Include { return include(sel) }
