package saleschannel

import (
	"context"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/link"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

const columns = `id, name, description, is_disabled, metadata, created_at, updated_at, deleted_at, seller_id`

var scan = sqlq.Into(func(c *SalesChannel) []any {
	return append(append([]any{&c.ID, &c.Name, &c.Description, &c.IsDisabled, db.JSONDest(&c.Metadata)},
		db.SoftStamps(&c.CreatedAt, &c.UpdatedAt, &c.DeletedAt)...), &c.SellerID)
})

func insert(ctx context.Context, tx db.DBTX, c *SalesChannel) error {
	return sqlq.Exec(ctx, tx, "insert sales channel", `INSERT INTO sales_channel (`+columns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)`,
		c.ID, c.Name, c.Description, c.IsDisabled, db.JSON(c.Metadata), db.FormatTime(c.CreatedAt), db.FormatTime(c.UpdatedAt), c.SellerID)
}

// get returns a live (not deleted) channel or a not-found error with the given message. lock
// is appended to the query: db.ForUpdate() when the caller writes the row back.
// get reads a live channel the caller may read (visible.Restrict): one it may not is answered
// as missing (§5.6 step 3).
func get(ctx context.Context, q db.DBTX, id, notFound, lock string) (*SalesChannel, error) {
	w := sqlq.NewWhere("")
	w.Eq("id", id)
	w.Add("deleted_at IS NULL")
	visible.Restrict(ctx, w, "sales_channel", "id")
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+columns+` FROM sales_channel`+w.SQL()+lock, w.Args()...),
		scan, apperr.NotFoundf(notFound, id), "get sales channel "+id)
}

func update(ctx context.Context, tx db.DBTX, c *SalesChannel) error {
	return sqlq.Exec(ctx, tx, "update sales channel "+c.ID, `UPDATE sales_channel SET name = $2, description = $3,
		is_disabled = $4, metadata = $5, updated_at = $6, seller_id = $7 WHERE id = $1`,
		c.ID, c.Name, c.Description, c.IsDisabled, db.JSON(c.Metadata), db.FormatTime(c.UpdatedAt), c.SellerID)
}

var orderColumns = map[string]string{
	"id": "id", "name": "name", "description": "description", "is_disabled": "is_disabled",
	"created_at": "created_at", "updated_at": "updated_at", "deleted_at": "deleted_at",
}

// buildWhere adds the conditions of f; links maps the link-filter parameters to their
// tables.
func buildWhere(w *sqlq.Where, f Filter, links Links) error {
	w.Search(f.Q, "name", "description")
	w.InFilter("id", f.IDs)
	w.InFilter("name", f.Names)
	if f.Description != nil {
		w.Eq("description", *f.Description)
	}
	if f.IsDisabled != nil {
		w.Eq("is_disabled", *f.IsDisabled)
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt},
		sqlq.TimeOp{Field: "deleted_at", Ops: f.DeletedAt}); err != nil {
		return err
	}
	if f.KeyIDs != nil {
		linkFilter(w, links.Keys, "publishable_key_id", f.KeyIDs)
	}
	if f.LocationIDs != nil {
		linkFilter(w, links.Locations, "stock_location_id", f.LocationIDs)
	}
	if f.SellerIDs != nil {
		w.In("seller_id", f.SellerIDs)
	}
	return sqlq.Groups(w, f.And, f.Or, func(sw *sqlq.Where, sf Filter) error { return buildWhere(sw, sf, links) })
}

// linkFilter keeps channels linked to one of ids through t; an unregistered link matches
// nothing.
func linkFilter(w *sqlq.Where, t *link.Table, column string, ids []string) {
	if t == nil {
		w.Add("1 = 0")
		return
	}
	t.Filter(w, "id", column, ids)
}

func list(ctx context.Context, q db.DBTX, ilike string, f Filter, p Page, links Links) ([]*SalesChannel, int, error) {
	w := sqlq.NewWhere(ilike)
	if err := buildWhere(w, f, links); err != nil {
		return nil, 0, err
	}
	if !w.HasOp("deleted_at") {
		w.Add("deleted_at IS NULL")
	}
	visible.Restrict(ctx, w, "sales_channel", "id")
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*SalesChannel]{From: "sales_channel", Columns: columns, Scan: scan}.
		Run(ctx, q, "sales channels", w, order, p.Limit, p.Offset)
}
