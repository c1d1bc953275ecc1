package order

import (
	"context"

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
	os, count, err := sqlq.List[*Order]{From: `"order"`, Columns: orderColumns, Scan: scanOrder}.
		Run(ctx, q, "orders", w, ob, limit, offset)
	if err != nil {
		return nil, 0, err
	}
	if os == nil {
		os = []*Order{}
	}
	return os, count, loadItems(ctx, q, os)
}
