package product

import (
	"strings"
	"unicode/utf8"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// addSearch adds Medusa's `q` to w: products with q as a case-insensitive substring of
// their title, subtitle, description or handle, or of a live variant's title, SKU, barcode,
// EAN or UPC. It reads product_search (see Listing), through its trigram index for terms
// of three characters or more: FTS5's phrase match on SQLite, which is a substring match
// under the trigram tokenizer, and ILIKE under pg_trgm's GIN index on PostgreSQL. Shorter
// terms cannot be split into trigrams and scan the search rows.
func addSearch(w *sqlq.Where, e db.Engine, q string) {
	switch {
	case strings.Contains(q, searchSep):
		// No single field holds the separator, so nothing matches.
		w.Add("1 = 0")
	case e == db.SQLite && utf8.RuneCountInString(q) >= 3:
		phrase := `"` + strings.ReplaceAll(q, `"`, `""`) + `"`
		w.Add(`id IN (SELECT s.product_id FROM product_search_fts f JOIN product_search s ON s.id = f.rowid
			WHERE product_search_fts MATCH ` + w.Arg(phrase) + `)`)
	default:
		like := "LIKE"
		if e == db.Postgres {
			like = "ILIKE"
		}
		w.Add(`id IN (SELECT product_id FROM product_search WHERE doc ` + like + ` ` + w.Arg(sqlq.Contains(q)) + ` ESCAPE '\')`)
	}
}
