package product

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// searchMatches returns a query selecting the ids of the products that Medusa's `q` finds,
// each once (a product has one search row), the term's argument placed by arg;
// "" when nothing can match. A product matches when q is a case-insensitive substring of its
// title, subtitle, description or handle, or of a live variant's title, SKU, barcode, EAN or
// UPC. It reads product_search (see Listing) through its trigram index for terms of three
// characters or more: FTS5's phrase match on SQLite, which is a substring match under the
// trigram tokenizer, and ILIKE under pg_trgm's GIN index on PostgreSQL. Shorter terms cannot
// be split into trigrams and scan the search rows.
func searchMatches(arg func(any) string, e db.Engine, q string) string {
	switch phrase, indexed := sqlq.TrigramPhrase(e, q); {
	case strings.Contains(q, searchSep):
		return "" // no single field holds the separator
	case indexed:
		return `SELECT s.product_id FROM product_search_fts f JOIN product_search s INDEXED BY idx_product_search_key ON s.id = f.rowid
			WHERE product_search_fts MATCH ` + arg(phrase)
	}
	like := "LIKE"
	if e == db.Postgres {
		like = "ILIKE"
	}
	return `SELECT product_id FROM product_search WHERE doc ` + like + ` ` + arg(sqlq.Contains(q)) + ` ESCAPE '\'`
}

// addSearch adds Medusa's `q` to w as a condition on the product's id.
func addSearch(w *sqlq.Where, e db.Engine, q string) {
	if m := searchMatches(w.Arg, e, q); m != "" {
		w.Add("id IN (" + m + ")")
		return
	}
	w.Add("1 = 0")
}

// searchListing reads a page that a search term alone selects, in id order either way. The
// term's matches, each product once, are kept when the scope holds them (a scope without
// channels holds every live product), then counted and cut in one statement whose matches
// are MATERIALIZED, so the trigram index is read once (both engines would otherwise run the
// search once for the count and again for the page); the page's products follow by id. Both cost what the term matches,
// never the catalogue.
func (s *Service) searchListing(ctx context.Context, q db.DBTX, sc listingScope, term, order string, p Page, rendered func(string) bool) ([]*Product, int, error) {
	var args []any
	arg := func(v any) string { return sqlq.In(&args, v) }
	m := searchMatches(arg, s.db.Engine, term)
	if m == "" {
		return nil, 0, nil
	}
	inScope := ""
	if len(sc.chans) > 0 {
		inScope = ` WHERE EXISTS (SELECT 1 FROM product_listing l WHERE l.product_id = found.product_id
			AND l.sales_channel_id IN (` + sqlq.In(&args, sc.chans...) + `)` + sc.cond() + `)`
	}
	dir := "ASC"
	if strings.HasPrefix(strings.TrimSpace(p.Order), "-") {
		dir = "DESC"
	}
	// The first row holds the count, the others the page's ids.
	type hit struct {
		id string
		n  int
	}
	hits, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (hit, error) {
		var h hit
		err := r.Scan(&h.id, &h.n)
		return h, err
	}, `WITH m AS MATERIALIZED (SELECT product_id FROM (SELECT DISTINCT product_id FROM (`+m+`) hits) found`+inScope+`)
		SELECT '', count(*) FROM m
		UNION ALL SELECT product_id, 0 FROM (SELECT product_id FROM m ORDER BY product_id `+dir+sqlq.Window(&args, p.Limit, p.Offset)+`) page`,
		args...)
	if err != nil {
		return nil, 0, fmt.Errorf("search products: %w", err)
	}
	var ids []string
	count := 0
	for _, h := range hits {
		if h.id == "" {
			count = h.n
		} else {
			ids = append(ids, h.id)
		}
	}
	if len(ids) == 0 {
		return nil, count, nil
	}
	var idArgs []any
	out, err := readProducts(ctx, q, sqlq.In(&idArgs, ids...), idArgs, order, rendered)
	return out, count, err
}

// productsByID reads the products ids (live or not) in the order of orderBy.
func productsByID(ctx context.Context, q db.DBTX, ids []string, orderBy string) ([]*Product, error) {
	var args []any
	return readRows(ctx, q, sqlq.In(&args, ids...), args, orderBy)
}

// readProducts reads the products whose ids the list or subquery ids selects, in the order
// of orderBy. Of the products rendered names (see Include.Rendered) only the ids are read:
// the caller holds them written out.
func readProducts(ctx context.Context, q db.DBTX, ids string, args []any, orderBy string, rendered func(string) bool) ([]*Product, error) {
	if rendered == nil {
		return readRows(ctx, q, ids, args, orderBy)
	}
	got, err := sqlq.Collect(ctx, q, sqlq.String, `SELECT id FROM product WHERE id IN (`+ids+`)`+orderBy, args...)
	if err != nil {
		return nil, fmt.Errorf("read product ids: %w", err)
	}
	return heldOrRead(ctx, q, got, rendered)
}

// heldOrRead returns the products got in order: those rendered names with their id only,
// the others read whole.
func heldOrRead(ctx context.Context, q db.DBTX, got []string, rendered func(string) bool) ([]*Product, error) {
	var out []*Product
	var missing []string
	for _, id := range got {
		out = append(out, &Product{ID: id})
		if !rendered(id) {
			missing = append(missing, id)
		}
	}
	if len(missing) == 0 {
		return out, nil
	}
	var missingArgs []any
	read, err := readRows(ctx, q, sqlq.InSet(&missingArgs, missing), missingArgs, "")
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*Product, len(read))
	for _, p := range read {
		byID[p.ID] = p
	}
	for i, p := range out {
		if r := byID[p.ID]; r != nil {
			out[i] = r
		}
	}
	return out, nil
}

// readRows reads whole product rows.
func readRows(ctx context.Context, q db.DBTX, ids string, args []any, orderBy string) ([]*Product, error) {
	out, err := sqlq.Collect(ctx, q, scanProduct, `SELECT `+productColumns+` FROM product WHERE id IN (`+ids+`)`+orderBy, args...)
	if err != nil {
		return nil, fmt.Errorf("read products: %w", err)
	}
	return out, nil
}
