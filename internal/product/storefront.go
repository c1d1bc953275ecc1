package product

import (
	"context"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/sqlq"
)

// The storefront's reads: only published, live products sold through at least one enabled
// channel of a scope. They read the listing read model (see Listing), whose rows say which
// products each channel lists, so a page costs what the page holds: an unfiltered page walks
// an index of product_listing from its offset and takes its count from product_count; a page
// filtered by ids, handles or `q` starts from those and checks each product's listing row;
// only the other filters read the scope's products.

// StoreFilter is a storefront's filter: the admin Filter plus the store-only parameters.
type StoreFilter struct {
	Filter
	CollectionIDs []string
	TypeIDs       []string
	TagIDs        []string
	OptionValues  []string // variants[options][value]
	OptionIDs     []string // variants[options][option_id]
	CategoryIDs   []string
}

// empty reports whether f filters nothing, so that a page is a walk of the listing.
func (f StoreFilter) empty() bool {
	return f.Q == "" && f.IDs == nil && f.Handles == nil && f.Titles == nil && f.Statuses == nil &&
		f.SalesChannelIDs == nil && f.IsGiftcard == nil && f.CreatedAt == nil && f.UpdatedAt == nil &&
		f.DeletedAt == nil && len(f.And) == 0 && len(f.Or) == 0 && f.CollectionIDs == nil && f.TypeIDs == nil && f.TagIDs == nil &&
		f.OptionValues == nil && f.OptionIDs == nil && f.CategoryIDs == nil
}

// searchOnly reports whether f is a search term and nothing else.
func (f StoreFilter) searchOnly() bool {
	g := f
	g.Q = ""
	return f.Q != "" && g.empty()
}

// selective reports whether f names the products it can match (ids, handles, a search
// term, collections, types, tags or categories, each read through an index), so a read starts from those
// rather than from the scope.
func (f StoreFilter) selective() bool {
	return f.IDs != nil || f.Handles != nil || f.Q != "" || f.CollectionIDs != nil || f.TypeIDs != nil || f.TagIDs != nil ||
		f.CategoryIDs != nil
}

func buildStoreWhere(w *sqlq.Where, f StoreFilter, e db.Engine) error {
	if err := buildWhere(w, f.Filter, e); err != nil {
		return err
	}
	if f.CollectionIDs != nil {
		w.In("collection_id", f.CollectionIDs)
	}
	if f.TypeIDs != nil {
		w.In("type_id", f.TypeIDs)
	}
	if f.TagIDs != nil {
		w.Add(`id IN (SELECT product_id FROM product_tags WHERE product_tag_id IN (` + w.ArgList(f.TagIDs) + `))`)
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
	if f.CategoryIDs != nil {
		w.Add(`id IN (SELECT product_id FROM product_category_product WHERE product_category_id IN (` + w.ArgList(f.CategoryIDs) + `))`)
	}
	return nil
}

// listedIn adds to w that the product is listed in one of channelIDs, checked per product
// through the listing's product index. channelIDs must not be empty.
func listedIn(w *sqlq.Where, channelIDs []string) {
	w.Add(`EXISTS (SELECT 1 FROM product_listing l WHERE l.product_id = product.id
		AND l.sales_channel_id IN (` + w.ArgList(channelIDs) + `) AND l.listed)`)
}

// ListInScope returns a page of the products f selects that a storefront scoped to channelIDs
// may see, with the relations inc asks for and the total count, reading through q: one count
// query, one page query, then one query per relation. f's deleted_at filter cannot reveal
// deleted products here.
func (s *Service) ListInScope(ctx context.Context, q db.DBTX, channelIDs []string, f StoreFilter, p Page, inc Include) ([]*Product, int, error) {
	if len(channelIDs) == 0 {
		return []*Product{}, 0, nil
	}
	chans := uniqueSorted(channelIDs)
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	var out []*Product
	var count int
	walk, walkable := walkOrder(p.Order)
	switch {
	case walkable && f.empty():
		out, count, err = s.walkListing(ctx, q, listingScope{chans: chans, listed: true}, walk, order, p, inc.Rendered)
	case walkable && walk.columns == "product_id" && f.searchOnly():
		out, count, err = s.searchListing(ctx, q, listingScope{chans: chans, listed: true}, f.Q, order, p, inc.Rendered)
	default:
		out, count, err = s.filterListing(ctx, q, chans, f, order, p)
	}
	if err != nil {
		return nil, 0, err
	}
	if out == nil {
		out = []*Product{}
	}
	inc.Visible = channelIDs
	return out, count, s.load(ctx, q, Unrendered(out, inc.Rendered), inc)
}

// Unrendered returns the products of ps that rendered does not name: all of them when it
// is nil.
func Unrendered(ps []*Product, rendered func(productID string) bool) []*Product {
	if rendered == nil {
		return ps
	}
	out := make([]*Product, 0, len(ps))
	for _, p := range ps {
		if !rendered(p.ID) {
			out = append(out, p)
		}
	}
	return out
}

// filterListing reads a filtered page: from the products a selective filter names, checking
// each one's listing, or else from the scope's listing rows.
func (s *Service) filterListing(ctx context.Context, q db.DBTX, chans []string, f StoreFilter, order string, p Page) ([]*Product, int, error) {
	w := sqlq.NewWhere(s.db.ILike())
	if err := buildStoreWhere(w, f, s.db.Engine); err != nil {
		return nil, 0, err
	}
	w.Add("deleted_at IS NULL")
	if f.selective() {
		listedIn(w, chans)
	} else {
		w.Add("id IN (SELECT product_id FROM product_listing WHERE sales_channel_id IN (" + w.ArgList(chans) + ") AND listed)")
	}
	return productList.Run(ctx, q, "store products", w, order, p.Limit, p.Offset)
}

// GetInScope returns one product a storefront scoped to channelIDs may see, or Medusa's
// not-found error when it is missing, unpublished or sold through none of those channels.
func (s *Service) GetInScope(ctx context.Context, q db.DBTX, channelIDs []string, productID string, inc Include) (*Product, error) {
	if len(channelIDs) == 0 {
		return nil, apperr.NotFoundf(notFound, productID)
	}
	w := sqlq.NewWhere(s.db.ILike())
	w.Eq("id", productID)
	w.Add("deleted_at IS NULL")
	listedIn(w, uniqueSorted(channelIDs))
	p, err := sqlq.One(q.QueryRowContext(ctx, `SELECT `+productColumns+` FROM product`+w.SQL(), w.Args()...),
		scanProduct, apperr.NotFoundf(notFound, productID), "get store product "+productID)
	if err != nil {
		return nil, err
	}
	inc.Visible = channelIDs
	return p, s.load(ctx, q, []*Product{p}, inc)
}

// IncludeFor returns the relations a product selection needs loaded.
func IncludeFor(sel *fields.Selection) Include { return include(sel) }
