package product

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

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
// Categories and tags are not modelled, so naming any makes the filter match nothing.
type StoreFilter struct {
	Filter
	CollectionIDs  []string
	TypeIDs        []string
	OptionValues   []string // variants[options][value]
	OptionIDs      []string // variants[options][option_id]
	CategoryOrTags bool
}

// empty reports whether f filters nothing, so that a page is a walk of the listing.
func (f StoreFilter) empty() bool {
	return f.Q == "" && f.IDs == nil && f.Handles == nil && f.Titles == nil && f.Statuses == nil &&
		f.SalesChannelIDs == nil && f.IsGiftcard == nil && f.CreatedAt == nil && f.UpdatedAt == nil &&
		f.DeletedAt == nil && len(f.And) == 0 && len(f.Or) == 0 && f.CollectionIDs == nil && f.TypeIDs == nil &&
		f.OptionValues == nil && f.OptionIDs == nil && !f.CategoryOrTags
}

// searchOnly reports whether f is a search term and nothing else.
func (f StoreFilter) searchOnly() bool {
	g := f
	g.Q = ""
	return f.Q != "" && g.empty()
}

// selective reports whether f names the products it can match (ids, handles, a search
// term), so a read starts from those rather than from the scope.
func (f StoreFilter) selective() bool { return f.IDs != nil || f.Handles != nil || f.Q != "" }

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
		out, count, err = s.walkListing(ctx, q, chans, walk, order, p)
	case walkable && walk.columns == "product_id" && f.searchOnly():
		out, count, err = s.searchListing(ctx, q, chans, f.Q, order, p)
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
	return out, count, s.load(ctx, q, out, inc)
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
	return sqlq.List[*Product]{From: "product", Columns: productColumns, Scan: scanProduct}.
		Run(ctx, q, "store products", w, order, p.Limit, p.Offset)
}

// listingWalk is a page order that an index of product_listing serves.
type listingWalk struct {
	columns string // the listing columns the order reads, product_id first
	orderBy string // the ORDER BY over them
}

// walkOrder returns the walk for a page order of one field among id, created_at and title,
// either way, ties broken by id ascending as sqlq.OrderBy breaks them; ok is false for any
// other order, which then sorts the scope's products.
func walkOrder(order string) (listingWalk, bool) {
	field, dir := strings.TrimSpace(order), "ASC"
	if rest, desc := strings.CutPrefix(field, "-"); desc {
		field, dir = rest, "DESC"
	}
	switch field {
	case "", "id":
		return listingWalk{columns: "product_id", orderBy: " ORDER BY product_id " + dir}, true
	case "created_at", "title":
		return listingWalk{columns: "product_id, " + field, orderBy: " ORDER BY " + field + " " + dir + ", product_id ASC"}, true
	}
	return listingWalk{}, false
}

// walkListing reads an unfiltered page: the count from product_count (for one channel) or
// from the channels' listing index (for several), and the page's ids by walking the
// listing index in the page's order from the offset, several channels merged without
// duplicates.
func (s *Service) walkListing(ctx context.Context, q db.DBTX, chans []string, walk listingWalk, order string, p Page) ([]*Product, int, error) {
	count, err := listedCount(ctx, q, chans)
	if err != nil {
		return nil, 0, err
	}
	if p.Limit == 0 || count <= p.Offset {
		return nil, count, nil
	}
	var args []any
	ids := walkSQL(&args, s.db.Engine, chans, walk, p.Limit, p.Offset)
	rows, err := q.QueryContext(ctx, `SELECT `+productColumns+` FROM product WHERE id IN (`+ids+`)`+order, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list store products: %w", err)
	}
	defer rows.Close()
	var out []*Product
	for rows.Next() {
		pr, err := scanProduct(rows)
		if err != nil {
			return nil, 0, fmt.Errorf("list store products: %w", err)
		}
		out = append(out, pr)
	}
	return out, count, rows.Err()
}

// listedCount counts the products listed in chans: one row of product_count for one channel;
// for several, the distinct products of their listing index, a cost that grows with what
// those channels list.
func listedCount(ctx context.Context, q db.DBTX, chans []string) (int, error) {
	var count int
	var err error
	if len(chans) == 1 {
		err = q.QueryRowContext(ctx, `SELECT n FROM product_count WHERE scope = $1`, "listed:"+chans[0]).Scan(&count)
		if errors.Is(err, sql.ErrNoRows) {
			return 0, nil
		}
	} else {
		var args []any
		in := sqlq.In(&args, chans...)
		err = q.QueryRowContext(ctx, `SELECT count(DISTINCT product_id) FROM product_listing
			WHERE sales_channel_id IN (`+in+`) AND listed`, args...).Scan(&count)
	}
	if err != nil {
		return 0, fmt.Errorf("count store products: %w", err)
	}
	return count, nil
}

// walkSQL returns a query selecting the ids of one page of the listing of chans in walk's
// order. One channel is one index walk from the offset. Several are merged without
// duplicates, in the form each engine runs within the page's bounds: SQLite runs a compound
// UNION with the page's ORDER BY as a merge of the channels' index walks, dropping duplicates
// as they meet and stopping at the page's end. PostgreSQL hashes or sorts a UNION whole, so
// there each channel's walk stops after offset+limit rows first (the page cannot hold a
// product further down every channel's walk), and what it hashes and sorts is the channels
// times the page's end, never the channels' size.
func walkSQL(args *[]any, e db.Engine, chans []string, walk listingWalk, limit, offset int) string {
	arm := func(c string) string {
		return `SELECT ` + walk.columns + ` FROM product_listing WHERE sales_channel_id = ` + sqlq.In(args, c) + ` AND listed`
	}
	var page string
	switch {
	case len(chans) == 1:
		page = arm(chans[0])
	case e == db.Postgres:
		end := sqlq.In(args, offset+limit)
		arms := make([]string, len(chans))
		for i, c := range chans {
			arms[i] = fmt.Sprintf(`SELECT %s FROM (%s%s LIMIT %s) arm%d`, walk.columns, arm(c), walk.orderBy, end, i)
		}
		page = strings.Join(arms, " UNION ")
	default:
		arms := make([]string, len(chans))
		for i, c := range chans {
			arms[i] = arm(c)
		}
		page = strings.Join(arms, " UNION ")
	}
	page += walk.orderBy + sqlq.Window(args, limit, offset)
	if len(chans) == 1 && walk.columns == "product_id" {
		return page
	}
	return `SELECT product_id FROM (` + page + `) page`
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
	p, err := scanProduct(q.QueryRowContext(ctx, `SELECT `+productColumns+` FROM product`+w.SQL(), w.Args()...))
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
