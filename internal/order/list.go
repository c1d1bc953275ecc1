package order

import (
	"context"
	"fmt"
	"hash/fnv"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

// Filter selects orders; nil slices and maps do not filter.
type Filter struct {
	IDs             []string
	SalesChannelIDs []string
	SellerIDs       []string
	CustomerIDs     []string
	Statuses        []string
	Q               string
	CreatedAt       map[string]any
	UpdatedAt       map[string]any
}

var orderBy = map[string]string{
	"id": "id", "display_id": "display_id", "email": "email", "status": "status",
	"created_at": "created_at", "updated_at": "updated_at",
}

// countStripes is how many rows each count of order_count is spread over.
const countStripes = 8

// count adds one order to the counts of its scopes ("all", and "channel:<id>" when it has a
// channel), in the stripe its id picks, in scope order so that transactions lock count rows
// in one order.
func count(ctx context.Context, tx db.DBTX, o *Order) error {
	h := fnv.New32a()
	h.Write([]byte(o.ID))
	stripe := int(h.Sum32() % countStripes)
	args := []any{stripe, "all"}
	values := "($2, $1, 1)"
	if o.SalesChannelID != nil {
		args = append(args, "channel:"+*o.SalesChannelID)
		values += ", ($3, $1, 1)"
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO order_count (scope, stripe, n) VALUES `+values+`
		ON CONFLICT (scope, stripe) DO UPDATE SET n = order_count.n + 1`, args...); err != nil {
		return fmt.Errorf("count order %s: %w", o.ID, err)
	}
	return nil
}

// list returns a page of orders and the count of all that match. The pages the admin asks
// most cost what they hold: every order in id or creation order, or one channel's in id
// order, walk an index from the offset, with the count kept in order_count. Other filters
// read the orders they select; q reads a trigram index of the emails.
func list(ctx context.Context, q db.DBTX, d *db.DB, f Filter, order string, limit, offset int) ([]*Order, int, error) {
	ob, err := sqlq.OrderBy(order, orderBy, "id")
	if err != nil {
		return nil, 0, err
	}
	// A limited caller lists the orders of its channels (§5.6 step 3).
	f.SalesChannelIDs = visible.Narrow(ctx, "order", f.SalesChannelIDs)
	w := sqlq.NewWhere(d.ILike())
	w.Add("deleted_at IS NULL")
	l := sqlq.List[*Order]{From: `"order"`, Columns: orderColumns, Scan: scanOrder}
	field := strings.TrimPrefix(strings.TrimSpace(order), "-")
	unfiltered := f.IDs == nil && f.SellerIDs == nil && f.CustomerIDs == nil && f.Statuses == nil && f.Q == "" && f.CreatedAt == nil && f.UpdatedAt == nil
	var os []*Order
	var n int
	switch {
	case unfiltered && f.SalesChannelIDs == nil && (field == "" || field == "id" || field == "created_at"):
		os, n, err = counted(ctx, q, l, w, "all", ob, limit, offset)
	case unfiltered && len(f.SalesChannelIDs) == 1 && (order == "" || order == "id"):
		w.Eq("sales_channel_id", f.SalesChannelIDs[0])
		os, n, err = counted(ctx, q, l, w, "channel:"+f.SalesChannelIDs[0], ob, limit, offset)
	default:
		if err := filter(w, d.Engine, f); err != nil {
			return nil, 0, err
		}
		os, n, err = l.Run(ctx, q, "orders", w, ob, limit, offset)
	}
	if err != nil {
		return nil, 0, err
	}
	if os == nil {
		os = []*Order{}
	}
	return os, n, loadItems(ctx, q, os)
}

// counted reads a page with the count kept in order_count for scope.
func counted(ctx context.Context, q db.DBTX, l sqlq.List[*Order], w *sqlq.Where, scope, ob string, limit, offset int) ([]*Order, int, error) {
	n, err := sqlq.KeptCount(ctx, q, `SELECT sum(n) FROM order_count WHERE scope = $1`, scope)
	if err != nil {
		return nil, 0, fmt.Errorf("count orders: %w", err)
	}
	return l.Within(ctx, q, "orders", n, w, ob, limit, offset)
}

// filter adds f's conditions to w.
func filter(w *sqlq.Where, e db.Engine, f Filter) error {
	w.InFilter("id", f.IDs)
	w.InFilter("sales_channel_id", f.SalesChannelIDs)
	w.InFilter("seller_id", f.SellerIDs)
	w.InFilter("customer_id", f.CustomerIDs)
	w.InFilter("status", f.Statuses)
	if f.Q != "" {
		search(w, e, f.Q)
	}
	return w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt})
}

// search adds q as a case-insensitive substring of the email: through the FTS5 trigram index
// on SQLite for three characters or more (a phrase match is a substring match there), through
// pg_trgm's index on PostgreSQL, by scanning otherwise.
func search(w *sqlq.Where, e db.Engine, q string) {
	if phrase, indexed := sqlq.TrigramPhrase(e, q); indexed {
		w.Add(`display_id IN (SELECT rowid FROM order_search_fts WHERE order_search_fts MATCH ` + w.Arg(phrase) + `)`)
		return
	}
	w.Search(q, "email")
}
