package audit

import (
	"context"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

// Filter selects entries for a list; empty fields do not filter.
type Filter struct {
	Actions         []string
	Resources       []string
	ResourceIDs     []string
	SalesChannelIDs []string
	ActorIDs        []string
	CreatedAt       map[string]any
}

// Page is an offset window; Ascending lists the oldest first (ties by id, in the same
// direction), the default being the newest first.
type Page struct {
	Offset, Limit int
	Ascending     bool
}

// Reader lists the audit trail. Entries are never changed or deleted, so it only reads.
type Reader struct{ db *db.DB }

// NewReader returns the reader on d.
func NewReader(d *db.DB) *Reader { return &Reader{db: d} }

const logColumns = `id, action, resource, resource_id, sales_channel_id, actor_type, actor_id, cause, changes, created_at`

var scanLog = sqlq.Into(func(l *Log) []any {
	return []any{&l.ID, &l.Action, &l.Resource, &l.ResourceID, &l.SalesChannelID, &l.ActorType, &l.ActorID, &l.Cause,
		db.JSONDest(&l.Changes), db.TimeDest(&l.CreatedAt)}
})

// List returns a page of the entries f selects and how many there are in all.
func (r *Reader) List(ctx context.Context, f Filter, p Page) ([]*Log, int, error) {
	w := sqlq.NewWhere(r.db.ILike())
	w.InFilter("action", f.Actions)
	w.InFilter("resource", f.Resources)
	w.InFilter("resource_id", f.ResourceIDs)
	w.InFilter("sales_channel_id", f.SalesChannelIDs)
	w.InFilter("actor_id", f.ActorIDs)
	// A channel-limited reader sees the entries of its channels; store-wide entries (no
	// channel) only a store-wide reader does (§5.6, §5.8).
	visible.Restrict(ctx, w, "audit_log", "sales_channel_id")
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}); err != nil {
		return nil, 0, err
	}
	order := " ORDER BY created_at DESC, id DESC"
	if p.Ascending {
		order = " ORDER BY created_at ASC, id ASC"
	}
	return sqlq.List[*Log]{From: "audit_log", Columns: logColumns, Scan: scanLog}.
		Run(ctx, r.db.Read(), "audit logs", w, order, p.Limit, p.Offset)
}
