// Package outbox makes events reliable: a service writes its events into the outbox_event
// table in the same transaction as the change they describe, so a rolled-back change sends
// nothing and a committed one is never lost; a relay then delivers them at least once.
package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
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

// LinkEvent is a link change seen from a channel: the channel's id and the ids of the
// entities linked to or unlinked from it under key ("product_ids").
func LinkEvent(name, channelID, key string, ids []string) Event {
	return Event{Name: name, Data: map[string]any{"id": channelID, key: ids}}
}

// Append writes events in tx, which must be the transaction of the change they describe. All
// of them go in one INSERT, so a change costs one statement more whatever it emits.
func Append(ctx context.Context, tx db.DBTX, now time.Time, events ...Event) error {
	if len(events) == 0 {
		return nil
	}
	var sb strings.Builder
	sb.WriteString(`INSERT INTO outbox_event (id, name, payload, created_at) VALUES `)
	args := make([]any, 0, 1+3*len(events))
	args = append(args, db.FormatTime(now))
	for i, e := range events {
		payload, err := json.Marshal(e.Data)
		if err != nil {
			return fmt.Errorf("encode %s event: %w", e.Name, err)
		}
		if i > 0 {
			sb.WriteString(", ")
		}
		args = append(args, id.New(id.Event), e.Name, string(payload))
		n := len(args)
		fmt.Fprintf(&sb, "($%d, $%d, $%d, $1)", n-2, n-1, n)
	}
	if _, err := tx.ExecContext(ctx, sb.String(), args...); err != nil {
		return fmt.Errorf("append %s event: %w", events[0].Name, err)
	}
	return nil
}
