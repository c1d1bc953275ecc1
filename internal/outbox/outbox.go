// Package outbox makes events reliable: a service writes its events into the outbox_event
// table in the same transaction as the change they describe, so a rolled-back change sends
// nothing and a committed one is never lost; a relay then delivers them at least once.
package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
)

// Event is something that happened, named as Medusa names it ("sales-channel.created").
type Event struct {
	Name string
	Data any
}

// IDEvent is the common payload: the id of the entity the event is about.
func IDEvent(name, entityID string) Event {
	return Event{Name: name, Data: map[string]string{"id": entityID}}
}

// Append writes events in tx; it must be the transaction of the change they describe.
func Append(ctx context.Context, tx db.DBTX, now time.Time, events ...Event) error {
	for _, e := range events {
		payload, err := json.Marshal(e.Data)
		if err != nil {
			return fmt.Errorf("encode %s event: %w", e.Name, err)
		}
		_, err = tx.ExecContext(ctx,
			`INSERT INTO outbox_event (id, name, payload, created_at) VALUES ($1, $2, $3, $4)`,
			id.New(id.Event), e.Name, string(payload), db.FormatTime(now))
		if err != nil {
			return fmt.Errorf("append %s event: %w", e.Name, err)
		}
	}
	return nil
}
