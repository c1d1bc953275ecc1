package product

import (
	"context"
	"database/sql"
	"fmt"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Pages walked along an index of product_listing, for the storefront and for the admin's
// list of a channel's products.

// listingScope is what a read of product_listing covers: the products linked to chans,
// only those storefronts list when listed is true (the storefront), all of them otherwise
// (the admin).
type listingScope struct {
	chans  []string
	listed bool
}

// cond returns the condition a scope adds to a listing row's channel.
func (sc listingScope) cond() string {
	if sc.listed {
		return " AND listed"
	}
	return ""
}

// counter returns the product_count scope holding the count of one channel.
func (sc listingScope) counter(channelID string) string {
	if sc.listed {
		return "listed:" + channelID
	}
	return "linked:" + channelID
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
func (s *Service) walkListing(ctx context.Context, q db.DBTX, sc listingScope, walk listingWalk, order string, p Page, rendered func(string) bool) ([]*Product, int, error) {
	if rendered != nil && p.Limit > 0 {
		return s.walkCounted(ctx, q, sc, walk, p, rendered)
	}
	count, err := s.scopeCount(ctx, q, sc)
	if err != nil {
		return nil, 0, err
	}
	if p.Limit == 0 || count <= p.Offset {
		return nil, count, nil
	}
	var args []any
	ids := walkSQL(&args, s.db.Engine, sc, walk, p.Limit, p.Offset)
	out, err := readProducts(ctx, q, ids, args, order, rendered)
	return out, count, err
}

// walkCounted reads a page whose products the caller mostly holds written out (a storefront
// page): its ids and its count come from one statement, the count being the scope's row of
// product_count read alongside each id, and the ids in the page's order straight from the
// listing rows, which exist for live products only. A page served from the cache then costs
// one statement. An empty page is counted as walkListing counts, and a set of channels whose
// count is not kept yet is registered (see setCount).
func (s *Service) walkCounted(ctx context.Context, q db.DBTX, sc listingScope, walk listingWalk, p Page, rendered func(string) bool) ([]*Product, int, error) {
	var args []any
	page := walkPage(&args, s.db.Engine, sc, walk, p.Limit, p.Offset)
	scope := setScope(sc)
	if len(sc.chans) == 1 {
		scope = sc.counter(sc.chans[0])
	}
	type row struct {
		id string
		n  sql.NullInt64
	}
	rows, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (row, error) {
		var x row
		err := r.Scan(&x.id, &x.n)
		return x, err
	}, `SELECT product_id, (SELECT n FROM product_count WHERE scope = `+sqlq.In(&args, scope)+`) FROM (`+page+`) page`+walk.orderBy, args...)
	if err != nil {
		return nil, 0, fmt.Errorf("read product ids: %w", err)
	}
	var count int
	switch {
	case len(rows) == 0:
		count, err = s.scopeCount(ctx, q, sc)
		return nil, count, err
	case rows[0].n.Valid:
		count = int(rows[0].n.Int64)
	case len(sc.chans) > 1:
		// The first page of a set of channels: count it and keep its count from now on.
		if count, err = s.listing.registerSet(ctx, scope, sc); err != nil {
			return nil, 0, err
		}
	}
	got := make([]string, len(rows))
	for i, x := range rows {
		got[i] = x.id
	}
	out, err := heldOrRead(ctx, q, got, rendered)
	return out, count, err
}

// scopeCount counts the products of a scope from one row of product_count: the channel's
// for one channel, the set's for several (see setCount).
func (s *Service) scopeCount(ctx context.Context, q db.DBTX, sc listingScope) (int, error) {
	var count int
	var err error
	if len(sc.chans) == 1 {
		count, err = sqlq.KeptCount(ctx, q, `SELECT n FROM product_count WHERE scope = $1`, sc.counter(sc.chans[0]))
	} else {
		count, err = s.setCount(ctx, q, sc)
	}
	if err != nil {
		return 0, fmt.Errorf("count products: %w", err)
	}
	return count, nil
}

// walkSQL returns a query selecting the ids of one page of a scope's listing rows in walk's
// order. One channel is one index walk from the offset. Several are merged without
// duplicates, in the form each engine runs within the page's bounds: SQLite runs a compound
// UNION with the page's ORDER BY as a merge of the channels' index walks, dropping duplicates
// as they meet and stopping at the page's end. PostgreSQL hashes or sorts a UNION whole, so
// there each channel's walk stops after offset+limit rows first (the page cannot hold a
// product further down every channel's walk), and what it hashes and sorts is the channels
// times the page's end, never the channels' size.
func walkSQL(args *[]any, e db.Engine, sc listingScope, walk listingWalk, limit, offset int) string {
	page := walkPage(args, e, sc, walk, limit, offset)
	if len(sc.chans) == 1 && walk.columns == "product_id" {
		return page
	}
	return `SELECT product_id FROM (` + page + `) page`
}

// walkPage returns a query selecting walk's columns of one page of a scope's listing rows,
// in walk's order, as walkSQL describes.
func walkPage(args *[]any, e db.Engine, sc listingScope, walk listingWalk, limit, offset int) string {
	arm := func(c string) string {
		return `SELECT ` + walk.columns + ` FROM product_listing WHERE sales_channel_id = ` + sqlq.In(args, c) + sc.cond()
	}
	var page string
	switch {
	case len(sc.chans) == 1:
		page = arm(sc.chans[0])
	case e == db.Postgres:
		end := sqlq.In(args, offset+limit)
		arms := make([]string, len(sc.chans))
		for i, c := range sc.chans {
			arms[i] = fmt.Sprintf(`SELECT %s FROM (%s%s LIMIT %s) arm%d`, walk.columns, arm(c), walk.orderBy, end, i)
		}
		page = strings.Join(arms, " UNION ")
	default:
		arms := make([]string, len(sc.chans))
		for i, c := range sc.chans {
			arms[i] = arm(c)
		}
		page = strings.Join(arms, " UNION ")
	}
	return page + walk.orderBy + sqlq.Window(args, limit, offset)
}
