package webhook

import (
	"context"
	"fmt"
	"strings"
	"sync"
	"time"

	"channeld/internal/outbox"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
)

// Fanout is the outbox publisher, in the relay's transaction, that turns each event into one pending delivery per live
// endpoint that wants it. The (webhook, event) pair is unique, so an event the relay
// publishes twice (after a crash between publishing and marking) is delivered once.
type Fanout struct {
	DB     *db.DB
	Now    clock.Clock
	NewID  id.Source
	mu     sync.Mutex
	cached []*Webhook
	at     time.Time
	seen   uint64
}

var _ outbox.TxPublisher = (*Fanout)(nil)

// endpoints returns the live enabled webhooks, read again after any commit of this process
// or after a second, so that a webhook registered on another instance receives events within
// that second.
func (f *Fanout) endpoints(ctx context.Context) ([]*Webhook, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	now, commits := f.Now(), f.DB.Commits()
	if f.cached != nil && commits == f.seen && now.Sub(f.at) < time.Second {
		return f.cached, nil
	}
	ws, err := sqlq.Collect(ctx, f.DB.Read(), scanWebhook, `SELECT `+webhookColumns+` FROM webhook
		WHERE deleted_at IS NULL AND is_disabled = $1 ORDER BY id`, false)
	if err != nil {
		return nil, fmt.Errorf("read webhooks: %w", err)
	}
	f.cached, f.at, f.seen = ws, now, commits
	return ws, nil
}

// PublishTx writes the deliveries of msgs on tx, in statements of up to 500 rows.
func (f *Fanout) PublishTx(ctx context.Context, tx db.DBTX, msgs []outbox.Message) error {
	ws, err := f.endpoints(ctx)
	if err != nil || len(ws) == 0 {
		return err
	}
	now := db.FormatTime(f.Now())
	var rows [][]any
	for _, m := range msgs {
		for _, w := range ws {
			if w.Matches(m.Name, m.Payload) {
				rows = append(rows, []any{f.NewID(id.Delivery), w.ID, m.ID, m.Name, string(m.Payload), db.FormatTime(m.CreatedAt)})
			}
		}
	}
	for len(rows) > 0 {
		chunk := rows[:min(len(rows), 500)]
		rows = rows[len(chunk):]
		var sb strings.Builder
		args := []any{now, StatusPending}
		for i, r := range chunk {
			if i > 0 {
				sb.WriteString(", ")
			}
			args = append(args, r...)
			n := len(args)
			fmt.Fprintf(&sb, "($%d, $%d, $%d, $%d, $%d, $%d, $2, 0, $1, $1, $1)", n-5, n-4, n-3, n-2, n-1, n)
		}
		if err := sqlq.Exec(ctx, tx, "write webhook deliveries", `INSERT INTO webhook_delivery (id, webhook_id, event_id,
			event_name, payload, event_at, status, attempts, next_attempt_at, created_at, updated_at) VALUES `+sb.String()+
			` ON CONFLICT (webhook_id, event_id) DO NOTHING`, args...); err != nil {
			return err
		}
	}
	return nil
}
