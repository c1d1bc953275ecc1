// Package audit owns the audit trail: an append-only row per changed thing (a price, a price
// inheritance rule, a channel setting, a link), written by the module that makes the change in
// the change's own transaction, so that an entry exists exactly when its change committed.
package audit

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"channeld/internal/auth"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
)

// Causes of changes that a request implied rather than named.
const (
	CausePriceSync       = "price_sync"
	CausePriceCopy       = "price_copy"
	CauseCurrencyRemoved = "currency_removed"
	CauseProductUnlinked = "product_unlinked"
	CauseChannelDeleted  = "channel_deleted"
)

// Entry is one recorded change. Before and After are the changed thing's objects as JSON
// values (nil for "did not exist").
type Entry struct {
	Action         string
	Resource       string
	ResourceID     string
	SalesChannelID *string
	Cause          string // "" for a direct change
	Before, After  any
}

// Log is an entry as stored.
type Log struct {
	ID             string
	Action         string
	Resource       string
	ResourceID     string
	SalesChannelID *string
	ActorType      *string
	ActorID        *string
	Cause          *string
	Changes        json.RawMessage
	CreatedAt      time.Time
}

// Recorder writes entries inside the caller's transaction.
type Recorder struct {
	now   clock.Clock
	newID id.Source
}

// NewRecorder returns a Recorder stamping entries with now and ids from newID.
func NewRecorder(now clock.Clock, newID id.Source) *Recorder {
	return &Recorder{now: now, newID: newID}
}

// Record writes entries on tx, each with the request's actor (none for changes made by
// channeld itself, such as start-up).
func (r *Recorder) Record(ctx context.Context, tx db.DBTX, entries ...Entry) error {
	if len(entries) == 0 {
		return nil
	}
	var actorType, actorID *string
	if a, ok := auth.ActorFrom(ctx); ok {
		actorType, actorID = &a.Type, &a.ID
	}
	at := db.Time{Time: r.now()}
	for _, e := range entries {
		changes, err := json.Marshal(struct {
			Before any `json:"before"`
			After  any `json:"after"`
		}{e.Before, e.After})
		if err != nil {
			return fmt.Errorf("encode audit changes of %s: %w", e.ResourceID, err)
		}
		var cause *string
		if e.Cause != "" {
			cause = &e.Cause
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO audit_log (id, action, resource, resource_id, sales_channel_id,
			actor_type, actor_id, cause, changes, created_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
			r.newID("alog"), e.Action, e.Resource, e.ResourceID, e.SalesChannelID, actorType, actorID, cause,
			db.JSON(changes), at); err != nil {
			return fmt.Errorf("record %s of %s: %w", e.Action, e.ResourceID, err)
		}
	}
	return nil
}
