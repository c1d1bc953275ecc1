package product

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

// listProducts returns one page of products (without relations) and the total count. The
// lists the admin dashboard asks for most cost what their page holds, as storefront pages
// do: the whole catalogue in id, creation or title order (its count kept in product_count), the
// products of some channels in id order (a walk of product_listing) and a search term, with
// or without channels (the term's matches). Any other filter reads the products it selects.
func (s *Service) listProducts(ctx context.Context, q db.DBTX, f Filter, p Page) ([]*Product, int, error) {
	// A limited caller lists the products of its channels (§5.6 step 3); a product in no
	// channel is listed to global readers only.
	f.SalesChannelIDs = visible.Narrow(ctx, "product", f.SalesChannelIDs)
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	rest := f
	rest.SalesChannelIDs, rest.Q = nil, ""
	walk, walkable := walkOrder(p.Order)
	byID := walkable && walk.columns == "product_id"
	scope := listingScope{chans: uniqueSorted(f.SalesChannelIDs)}
	switch {
	case !(StoreFilter{Filter: rest}).empty() || len(f.SalesChannelIDs) == 0 && f.SalesChannelIDs != nil:
	case f.Q != "" && byID:
		return s.searchListing(ctx, q, scope, f.Q, order, p, nil)
	case f.Q == "" && f.SalesChannelIDs != nil && byID:
		return s.walkListing(ctx, q, scope, walk, order, p, nil)
	case f.Q == "" && f.SalesChannelIDs == nil && catalogueOrder(p.Order):
		return s.catalogue(ctx, q, order, p)
	}
	w := sqlq.NewWhere(s.db.ILike())
	if err := buildWhere(w, f, s.db.Engine); err != nil {
		return nil, 0, err
	}
	if !w.HasOp("deleted_at") {
		w.Add("deleted_at IS NULL")
	}
	return productList.Run(ctx, q, "products", w, order, p.Limit, p.Offset)
}

// catalogueOrder reports whether an index of live products serves a page order: the primary
// key for id, idx_product_live_created both ways for created_at, idx_product_live_title both
// ways for title.
func catalogueOrder(order string) bool {
	switch strings.TrimPrefix(strings.TrimSpace(order), "-") {
	case "", "id", "created_at", "title":
		return true
	}
	return false
}

// catalogue reads a page of every live product: the count kept in product_count, the page a
// walk of an index of live products from the offset.
func (s *Service) catalogue(ctx context.Context, q db.DBTX, order string, p Page) ([]*Product, int, error) {
	count, err := sqlq.KeptCount(ctx, q, `SELECT n FROM product_count WHERE scope = 'all'`)
	if err != nil {
		return nil, 0, fmt.Errorf("count products: %w", err)
	}
	w := sqlq.NewWhere(s.db.ILike())
	w.Add("deleted_at IS NULL")
	return productList.Within(ctx, q, "products", count, w, order, p.Limit, p.Offset)
}
