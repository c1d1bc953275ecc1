package saleschannel

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/link"
	"channeld/internal/platform/sqlq"
)

const columns = `id, name, description, is_disabled, metadata, created_at, updated_at, deleted_at, seller_id`

func scan(row sqlq.Scanner) (*SalesChannel, error) {
	var c SalesChannel
	var desc sql.NullString
	var meta db.JSON
	var created, updated db.Time
	var deleted db.NullTime
	var seller sql.NullString
	if err := row.Scan(&c.ID, &c.Name, &desc, &c.IsDisabled, &meta, &created, &updated, &deleted, &seller); err != nil {
		return nil, err
	}
	if desc.Valid {
		c.Description = &desc.String
	}
	if seller.Valid {
		c.SellerID = &seller.String
	}
	if meta != nil {
		c.Metadata = []byte(meta)
	}
	c.CreatedAt, c.UpdatedAt = created.Time, updated.Time
	if deleted.Valid {
		t := deleted.Time
		c.DeletedAt = &t
	}
	return &c, nil
}

func insert(ctx context.Context, tx db.DBTX, c *SalesChannel) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO sales_channel (`+columns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL, $8)`,
		c.ID, c.Name, c.Description, c.IsDisabled, nullJSON(c.Metadata), db.FormatTime(c.CreatedAt), db.FormatTime(c.UpdatedAt), c.SellerID)
	if err != nil {
		return fmt.Errorf("insert sales channel: %w", err)
	}
	return nil
}

func nullJSON(raw []byte) any {
	if raw == nil {
		return nil
	}
	return string(raw)
}

// get returns a live (not deleted) channel or a not-found error with the given message. lock
// is appended to the query: db.ForUpdate() when the caller writes the row back.
func get(ctx context.Context, q db.DBTX, id, notFound, lock string) (*SalesChannel, error) {
	c, err := scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM sales_channel WHERE id = $1 AND deleted_at IS NULL`+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf(notFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("get sales channel %s: %w", id, err)
	}
	return c, nil
}

func update(ctx context.Context, tx db.DBTX, c *SalesChannel) error {
	_, err := tx.ExecContext(ctx, `UPDATE sales_channel SET name = $2, description = $3, is_disabled = $4,
		metadata = $5, updated_at = $6, seller_id = $7 WHERE id = $1`,
		c.ID, c.Name, c.Description, c.IsDisabled, nullJSON(c.Metadata), db.FormatTime(c.UpdatedAt), c.SellerID)
	if err != nil {
		return fmt.Errorf("update sales channel %s: %w", c.ID, err)
	}
	return nil
}

var orderColumns = map[string]string{
	"id": "id", "name": "name", "description": "description", "is_disabled": "is_disabled",
	"created_at": "created_at", "updated_at": "updated_at", "deleted_at": "deleted_at",
}

// listQuery builds the WHERE clause for f; links maps the link-filter parameters to their
// tables.
func buildWhere(w *sqlq.Where, f Filter, links Links) error {
	if f.Q != "" {
		w.Search(f.Q, "name", "description")
	}
	if f.IDs != nil {
		w.In("id", f.IDs)
	}
	if f.Names != nil {
		w.In("name", f.Names)
	}
	if f.Description != nil {
		w.Eq("description", *f.Description)
	}
	if f.IsDisabled != nil {
		w.Eq("is_disabled", *f.IsDisabled)
	}
	for _, op := range []struct {
		field string
		m     map[string]any
	}{{"created_at", f.CreatedAt}, {"updated_at", f.UpdatedAt}, {"deleted_at", f.DeletedAt}} {
		if op.m != nil {
			if err := w.Op(op.field, op.field, sqlq.OpMap(op.m), sqlq.TimeValue); err != nil {
				return err
			}
		}
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
	if t == nil || len(ids) == 0 {
		w.Add("1 = 0")
		return
	}
	w.Add("id IN (" + t.Subquery(column, w.ArgList(ids)) + ")")
}

func namesDeletedAt(f Filter) bool {
	if f.DeletedAt != nil {
		return true
	}
	for _, s := range append(append([]Filter(nil), f.And...), f.Or...) {
		if namesDeletedAt(s) {
			return true
		}
	}
	return false
}

func list(ctx context.Context, q db.DBTX, ilike string, f Filter, p Page, links Links) ([]*SalesChannel, int, error) {
	w := sqlq.NewWhere(ilike)
	if err := buildWhere(w, f, links); err != nil {
		return nil, 0, err
	}
	if !namesDeletedAt(f) {
		w.Add("deleted_at IS NULL")
	}
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*SalesChannel]{From: "sales_channel", Columns: columns, Scan: scan}.
		Run(ctx, q, "sales channels", w, order, p.Limit, p.Offset)
}
