package product

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// The search text of a set of products: one row per live product, holding its title,
// subtitle, description and handle, then each live variant's title, SKU, barcode, EAN and
// UPC, in variant id order, every field apart from the next by searchSep. One row per
// product keeps the trigram index's postings to one per product a trigram is in, instead of
// one per variant too: a search reads a quarter of what it did when each variant had a row,
// and pays for it on writes, where an edit of one variant re-indexes its product's text
// (the cost of the product's own size, never of the catalogue's). Only the first 2,000
// characters of a subtitle or description are searched: indexing is paid in trigrams on
// every write, and a megabyte description would hold the writer for a second.
const (
	searchTextProducts = `SELECT id, title || $1 || substr(coalesce(subtitle, ''), 1, 2000) || $1
		|| substr(coalesce(description, ''), 1, 2000) || $1 || handle
		FROM product WHERE id IN (%s) AND deleted_at IS NULL`
	searchTextVariants = `SELECT product_id, title || $1 || coalesce(sku, '') || $1 || coalesce(barcode, '') || $1
			|| coalesce(ean, '') || $1 || coalesce(upc, '')
		FROM product_variant WHERE product_id IN (%s) AND deleted_at IS NULL ORDER BY product_id, id`
)

// search brings the search rows of ids in line with the products as they are in tx, and
// returns how many more of ids are live products than before. A row whose text did not
// change is left alone: each write is tokenized into the index.
func (l *Listing) search(ctx context.Context, tx db.DBTX, ids []string) (int64, error) {
	var args []any
	in := sqlq.In(&args, ids...)
	old, err := readTexts(ctx, tx, `SELECT product_id, doc FROM product_search WHERE product_id IN (`+in+`)`, args)
	if err != nil {
		return 0, fmt.Errorf("read the search rows of products: %w", err)
	}
	args = []any{searchSep}
	in = sqlq.In(&args, ids...)
	docs, err := readTexts(ctx, tx, fmt.Sprintf(searchTextProducts, in), args)
	if err != nil {
		return 0, fmt.Errorf("read the search text of products: %w", err)
	}
	variants, err := readTextList(ctx, tx, fmt.Sprintf(searchTextVariants, in), args)
	if err != nil {
		return 0, fmt.Errorf("read the search text of variants: %w", err)
	}
	for _, v := range variants {
		if doc, live := docs[v.productID]; live {
			docs[v.productID] = doc + searchSep + v.text
		}
	}
	var drop []string
	var write []searchText
	for _, id := range ids {
		doc, live := docs[id]
		was, had := old[id]
		switch {
		case !live && had:
			drop = append(drop, id)
		case live && !had:
			write = append(write, searchText{id, doc})
		case live && doc != was:
			drop = append(drop, id)
			write = append(write, searchText{id, doc})
		}
	}
	if err := writeSearchRows(ctx, tx, drop, write); err != nil {
		return 0, err
	}
	return int64(len(docs) - len(old)), nil
}

// searchText is a product's search text, or one variant's part of it.
type searchText struct{ productID, text string }

// readTexts reads rows of (product id, text) into a map.
func readTexts(ctx context.Context, tx db.DBTX, query string, args []any) (map[string]string, error) {
	list, err := readTextList(ctx, tx, query, args)
	if err != nil {
		return nil, err
	}
	out := make(map[string]string, len(list))
	for _, t := range list {
		out[t.productID] = t.text
	}
	return out, nil
}

// readTextList reads rows of (product id, text) in their order.
func readTextList(ctx context.Context, tx db.DBTX, query string, args []any) ([]searchText, error) {
	return sqlq.Collect(ctx, tx, func(sc sqlq.Scanner) (searchText, error) {
		var t searchText
		err := sc.Scan(&t.productID, &t.text)
		return t, err
	}, query, args...)
}

// writeSearchRows deletes the rows of the products drop and inserts write, in batches that
// stay well within the engines' limits on parameters.
func writeSearchRows(ctx context.Context, tx db.DBTX, drop []string, write []searchText) error {
	const batch = 200
	for len(drop) > 0 {
		n := min(batch, len(drop))
		var args []any
		in := sqlq.In(&args, drop[:n]...)
		if _, err := tx.ExecContext(ctx, `DELETE FROM product_search WHERE product_id IN (`+in+`)`, args...); err != nil {
			return fmt.Errorf("clear search rows: %w", err)
		}
		drop = drop[n:]
	}
	for len(write) > 0 {
		n := min(batch, len(write))
		var args []any
		values := make([]string, n)
		for i, t := range write[:n] {
			values[i] = "(" + sqlq.In(&args, t.productID, t.text) + ")"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO product_search (product_id, doc) VALUES `+strings.Join(values, ", "), args...); err != nil {
			return fmt.Errorf("index products for search: %w", err)
		}
		write = write[n:]
	}
	return nil
}
