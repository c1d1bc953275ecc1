package stock

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// itemSearchSep joins the fields of an item's search text; a search term never holds it, so a
// term matches inside one field.
const itemSearchSep = "\x1f"

// indexItem writes the search text of item itemID if it is live, and moves the count of live
// items by delta, in the transaction that changed the item.
func (s *Service) indexItem(ctx context.Context, tx db.DBTX, itemID string, delta int) error {
	if _, err := tx.ExecContext(ctx, `INSERT INTO inventory_item_search (item_id, doc)
		SELECT id, coalesce(sku, '') || $2 || coalesce(title, '') || $2 || coalesce(description, '')
		FROM inventory_item WHERE id = $1 AND deleted_at IS NULL
		ON CONFLICT (item_id) DO UPDATE SET doc = excluded.doc`, itemID, itemSearchSep); err != nil {
		return fmt.Errorf("index inventory item %s: %w", itemID, err)
	}
	return s.countItems(ctx, tx, delta)
}

// unindexItem removes the search text of a deleted item and uncounts it.
func (s *Service) unindexItem(ctx context.Context, tx db.DBTX, itemID string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM inventory_item_search WHERE item_id = $1`, itemID); err != nil {
		return fmt.Errorf("unindex inventory item %s: %w", itemID, err)
	}
	return s.countItems(ctx, tx, -1)
}

// countStripes is how many rows the count of live items is spread over on PostgreSQL.
const countStripes = 8

// countItems moves the count of live items by delta in the stripe of the transaction's
// connection: a transaction that creates many items (a product import) locks one count row,
// and concurrent ones take other stripes rather than waiting for its commit. SQLite has a
// single writer and counts in stripe 0.
func (s *Service) countItems(ctx context.Context, tx db.DBTX, delta int) error {
	if delta == 0 {
		return nil
	}
	stripe := "0"
	if s.db.Engine == db.Postgres {
		stripe = fmt.Sprintf("pg_backend_pid() %% %d", countStripes)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO inventory_item_count (scope, stripe, n) VALUES ('all', `+stripe+`, $1)
		ON CONFLICT (scope, stripe) DO UPDATE SET n = inventory_item_count.n + excluded.n`, delta); err != nil {
		return fmt.Errorf("count inventory items: %w", err)
	}
	return nil
}

var itemOrder = map[string]string{
	"id": "id", "sku": "sku", "title": "title", "created_at": "created_at", "updated_at": "updated_at",
}

// ListItems returns a page of live items with their levels, and their count. Every live item
// in id order walks the primary key from the offset, with the count kept in
// inventory_item_count; q reads a trigram index of the items' search text; other filters
// read the items they select.
func (s *Service) ListItems(ctx context.Context, f ItemFilter, p Page) ([]*Item, int, error) {
	q := s.db.Read()
	unfiltered := f.Q == "" && f.IDs == nil && f.SKUs == nil && f.LocationIDs == nil
	w := sqlq.NewWhere(s.db.ILike())
	if f.Q != "" {
		searchItems(w, s.db.Engine, f.Q)
	}
	w.InFilter("id", f.IDs)
	w.InFilter("sku", f.SKUs)
	if f.LocationIDs != nil {
		sub := w.Sub()
		sub.In("location_id", f.LocationIDs)
		w.Add("id IN (SELECT inventory_item_id FROM inventory_level" + sub.SQL() + ")")
	}
	w.Add("deleted_at IS NULL")
	// A limited caller's items are counted, not read from the kept count of every item.
	if restrictItems(ctx, w) {
		unfiltered = false
	}
	order, err := sqlq.OrderBy(p.Order, itemOrder, "id")
	if err != nil {
		return nil, 0, err
	}
	l := sqlq.List[*Item]{From: "inventory_item", Columns: itemColumns, Scan: scanItem}
	var items []*Item
	var count int
	if field := strings.TrimPrefix(strings.TrimSpace(p.Order), "-"); unfiltered && (field == "" || field == "id") {
		items, count, err = allItems(ctx, q, l, w, order, p)
	} else {
		items, count, err = l.Run(ctx, q, "inventory items", w, order, p.Limit, p.Offset)
	}
	if err != nil {
		return nil, 0, err
	}
	return items, count, loadLevels(ctx, q, items)
}

// allItems reads a page of every live item with the count kept in inventory_item_count.
func allItems(ctx context.Context, q db.DBTX, l sqlq.List[*Item], w *sqlq.Where, order string, p Page) ([]*Item, int, error) {
	count, err := sqlq.KeptCount(ctx, q, `SELECT sum(n) FROM inventory_item_count WHERE scope = 'all'`)
	if err != nil {
		return nil, 0, fmt.Errorf("count inventory items: %w", err)
	}
	return l.Within(ctx, q, "inventory items", count, w, order, p.Limit, p.Offset)
}

// searchItems adds q, a case-insensitive substring of an item's SKU, title or description:
// through the FTS5 trigram index on SQLite for three characters or more (a phrase match is a
// substring match there), through pg_trgm's index on PostgreSQL, by scanning the search text
// otherwise.
func searchItems(w *sqlq.Where, e db.Engine, q string) {
	switch phrase, indexed := sqlq.TrigramPhrase(e, q); {
	case strings.Contains(q, itemSearchSep):
		w.Add("1 = 0")
	case indexed:
		w.Add(`id IN (SELECT s.item_id FROM inventory_item_search_fts f JOIN inventory_item_search s ON s.id = f.rowid
			WHERE inventory_item_search_fts MATCH ` + w.Arg(phrase) + `)`)
	default:
		w.Add(`id IN (SELECT item_id FROM inventory_item_search WHERE doc ` + w.ILike() + ` ` + w.Arg(sqlq.Contains(q)) + ` ESCAPE '\')`)
	}
}
