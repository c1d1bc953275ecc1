package product

import (
	"context"
	"fmt"
	"strings"
	"unicode/utf8"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// The search text of a set of products: a product's title, subtitle, description and handle,
// then each live variant's title, SKU, barcode, EAN and UPC, in variant id order, every
// field apart from the next by searchSep. Up to searchRowBudget characters (as both engines'
// length() counts them, so that the migration lays rows out alike), a product's text is one
// row: a trigram's postings then name the product once instead of once per variant too, and a
// search reads about a quarter of what it did with a row per variant. A product whose text is
// longer keeps a row of its own fields and one per variant, so an edit of one of its many
// variants re-indexes that variant alone: a write costs at most the budget, never the size of
// the product. Only the first 2,000 characters of a subtitle or description are searched:
// indexing is paid in trigrams on every write, and a megabyte description would hold the
// writer for a second.
const (
	searchTextProducts = `SELECT id, title || $1 || substr(coalesce(subtitle, ''), 1, 2000) || $1
		|| substr(coalesce(description, ''), 1, 2000) || $1 || handle
		FROM product WHERE id IN (%s) AND deleted_at IS NULL`
	searchTextVariants = `SELECT product_id, title || $1 || coalesce(sku, '') || $1 || coalesce(barcode, '') || $1
			|| coalesce(ean, '') || $1 || coalesce(upc, '')
		FROM product_variant WHERE product_id IN (%s) AND deleted_at IS NULL ORDER BY product_id, id`
	searchRowBudget = 16 << 10
)

// searchRow is one row of product_search.
type searchRow struct {
	rowID     int64
	productID string
	doc       string
}

// search brings the search rows of ids in line with the products as they are in tx, and
// returns how many more of ids are live products than before. Rows whose text did not change
// are left alone: each write is tokenized into the index.
func (l *Listing) search(ctx context.Context, tx db.DBTX, ids []string) (int64, error) {
	var args []any
	in := sqlq.In(&args, ids...)
	old, err := readSearchRows(ctx, tx, `SELECT id, product_id, doc FROM product_search WHERE product_id IN (`+in+`)`, args, true)
	if err != nil {
		return 0, fmt.Errorf("read the search rows of products: %w", err)
	}
	args = []any{searchSep}
	in = sqlq.In(&args, ids...)
	products, err := readSearchRows(ctx, tx, fmt.Sprintf(searchTextProducts, in), args, false)
	if err != nil {
		return 0, fmt.Errorf("read the search text of products: %w", err)
	}
	variants, err := readSearchRows(ctx, tx, fmt.Sprintf(searchTextVariants, in), args, false)
	if err != nil {
		return 0, fmt.Errorf("read the search text of variants: %w", err)
	}
	liveBefore := map[string]bool{}
	kept := map[string][]int64{} // product id and text → row ids of old rows still wanted
	for _, r := range old {
		liveBefore[r.productID] = true
		k := r.productID + "\x00" + r.doc
		kept[k] = append(kept[k], r.rowID)
	}
	var add []searchRow
	for _, r := range searchRows(products, variants) {
		k := r.productID + "\x00" + r.doc
		if rows := kept[k]; len(rows) > 0 {
			kept[k] = rows[1:]
			continue
		}
		add = append(add, r)
	}
	var drop []int64
	for _, rows := range kept {
		drop = append(drop, rows...)
	}
	if err := writeSearchRows(ctx, tx, drop, add); err != nil {
		return 0, err
	}
	return int64(len(products) - len(liveBefore)), nil
}

// searchRows lays out the search rows of products from their texts and their variants'
// (variants of other products are ignored): one row per product within searchRowBudget, a
// row of its own fields and one per variant beyond.
func searchRows(products, variants []searchRow) []searchRow {
	byProduct := map[string][]string{}
	for _, v := range variants {
		byProduct[v.productID] = append(byProduct[v.productID], v.doc)
	}
	out := make([]searchRow, 0, len(products))
	for _, p := range products {
		vs := byProduct[p.productID]
		size := utf8.RuneCountInString(p.doc)
		for _, v := range vs {
			size += 1 + utf8.RuneCountInString(v) // searchSep is one character
		}
		if size > searchRowBudget {
			out = append(out, p)
			for _, v := range vs {
				out = append(out, searchRow{productID: p.productID, doc: v})
			}
			continue
		}
		var doc strings.Builder
		doc.WriteString(p.doc)
		for _, v := range vs {
			doc.WriteString(searchSep)
			doc.WriteString(v)
		}
		out = append(out, searchRow{productID: p.productID, doc: doc.String()})
	}
	return out
}

// readSearchRows reads rows of (product_id, doc), each led by the row's id when withRowID.
func readSearchRows(ctx context.Context, tx db.DBTX, query string, args []any, withRowID bool) ([]searchRow, error) {
	return sqlq.Collect(ctx, tx, func(sc sqlq.Scanner) (searchRow, error) {
		var r searchRow
		dest := []any{&r.productID, &r.doc}
		if withRowID {
			dest = append([]any{&r.rowID}, dest...)
		}
		err := sc.Scan(dest...)
		return r, err
	}, query, args...)
}

// writeSearchRows deletes the rows drop and inserts add, in batches that stay well within the
// engines' limits on parameters.
func writeSearchRows(ctx context.Context, tx db.DBTX, drop []int64, add []searchRow) error {
	const batch = 200
	for len(drop) > 0 {
		n := min(batch, len(drop))
		var args []any
		in := sqlq.In(&args, drop[:n]...)
		if _, err := tx.ExecContext(ctx, `DELETE FROM product_search WHERE id IN (`+in+`)`, args...); err != nil {
			return fmt.Errorf("clear search rows: %w", err)
		}
		drop = drop[n:]
	}
	for len(add) > 0 {
		n := min(batch, len(add))
		var args []any
		values := make([]string, n)
		for i, r := range add[:n] {
			values[i] = "(" + sqlq.In(&args, r.productID, r.doc) + ")"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO product_search (product_id, doc) VALUES `+strings.Join(values, ", "), args...); err != nil {
			return fmt.Errorf("index products for search: %w", err)
		}
		add = add[n:]
	}
	return nil
}
