package order

import (
	"context"
	"fmt"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Filter selects orders; nil slices and maps do not filter.
type Filter struct {
	IDs             []string
	SalesChannelIDs []string
	Q               string
	CreatedAt       map[string]any
	UpdatedAt       map[string]any
}

var orderBy = map[string]string{
	"id": "id", "display_id": "display_id", "email": "email", "status": "status",
	"created_at": "created_at", "updated_at": "updated_at",
}

// list returns a page of orders and the count of all that match.
func list(ctx context.Context, q db.DBTX, ilike string, f Filter, order string, limit, offset int) ([]*Order, int, error) {
	w := sqlq.NewWhere(ilike)
	w.Add("deleted_at IS NULL")
	if f.IDs != nil {
		w.In("id", f.IDs)
	}
	if f.SalesChannelIDs != nil {
		w.In("sales_channel_id", f.SalesChannelIDs)
	}
	if f.Q != "" {
		w.Search(f.Q, "email")
	}
	for _, op := range []struct {
		field string
		m     map[string]any
	}{{"created_at", f.CreatedAt}, {"updated_at", f.UpdatedAt}} {
		if op.m != nil {
			if err := w.Op(op.field, op.field, sqlq.OpMap(op.m), sqlq.TimeValue); err != nil {
				return nil, 0, err
			}
		}
	}
	ob, err := sqlq.OrderBy(order, orderBy, "id")
	if err != nil {
		return nil, 0, err
	}
	var count int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM "order"`+w.SQL(), w.Args()...).Scan(&count); err != nil {
		return nil, 0, fmt.Errorf("count orders: %w", err)
	}
	if limit == 0 {
		return []*Order{}, count, nil
	}
	args := append(w.Args(), limit, offset)
	rows, err := q.QueryContext(ctx, `SELECT `+orderColumns+` FROM "order"`+w.SQL()+ob+
		fmt.Sprintf(` LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list orders: %w", err)
	}
	os, err := scanOrders(rows)
	if err != nil {
		return nil, 0, err
	}
	return os, count, loadItems(ctx, q, os)
}
