package product

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// The search text of a set of products: one row per live product and one per live variant of
// it, as the search rows hold them. Only the first 2,000 characters of a subtitle or
// description are searched: indexing is paid in trigrams on every write, and a megabyte
// description would hold the writer for a second.
const (
	searchDocsProducts = `SELECT id, title || $1 || substr(coalesce(subtitle, ''), 1, 2000) || $1
		|| substr(coalesce(description, ''), 1, 2000) || $1 || handle
		FROM product WHERE id IN (%s) AND deleted_at IS NULL`
	searchDocsVariants = `SELECT v.product_id, v.title || $1 || coalesce(v.sku, '') || $1 || coalesce(v.barcode, '') || $1
			|| coalesce(v.ean, '') || $1 || coalesce(v.upc, '')
		FROM product_variant v JOIN product p ON p.id = v.product_id AND p.deleted_at IS NULL
		WHERE v.product_id IN (%s) AND v.deleted_at IS NULL`
)

// searchRow is one row of product_search.
type searchRow struct {
	rowID     int64
	productID string
	doc       string
}

// search brings the search rows of ids in line with the products as they are in tx, and
// returns how many more of ids are live products than before (a live product has exactly one
// product row). Only rows whose text changed are deleted and written again: each write is
// tokenized into the index, so re-indexing a product's unchanged variants on every edit of
// the product would cost in the number of its variants.
func (l *Listing) search(ctx context.Context, tx db.DBTX, ids []string) (int64, error) {
	var args []any
	in := sqlq.In(&args, ids...)
	old, err := readSearchRows(ctx, tx, `SELECT id, product_id, doc FROM product_search WHERE product_id IN (`+in+`)`, args, true)
	if err != nil {
		return 0, fmt.Errorf("read the search rows of products: %w", err)
	}
	args = []any{searchSep}
	in = sqlq.In(&args, ids...)
	products, err := readSearchRows(ctx, tx, fmt.Sprintf(searchDocsProducts, in), args, false)
	if err != nil {
		return 0, fmt.Errorf("read the search text of products: %w", err)
	}
	variants, err := readSearchRows(ctx, tx, fmt.Sprintf(searchDocsVariants, in), args, false)
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
	for _, r := range append(products, variants...) {
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
