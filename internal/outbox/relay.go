package outbox

import (
	"context"
	"encoding/json"
	"fmt"
	"log/slog"
	"time"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Message is an event as the relay hands it to a publisher.
type Message struct {
	ID        string          `json:"id"`
	Name      string          `json:"name"`
	Payload   json.RawMessage `json:"data"`
	CreatedAt time.Time       `json:"created_at"`
}

// Publisher delivers messages somewhere. It must be idempotent per message id: after a crash
// between publishing and marking, the relay publishes the same message again.
type Publisher interface {
	Publish(ctx context.Context, msgs []Message) error
}

// LogPublisher delivers events to the log, the default destination.
type LogPublisher struct{ Log *slog.Logger }

// Publish logs each message.
func (p LogPublisher) Publish(ctx context.Context, msgs []Message) error {
	for _, m := range msgs {
		p.Log.InfoContext(ctx, "event", "event_id", m.ID, "name", m.Name, "data", m.Payload)
	}
	return nil
}

// TxPublisher records messages in the database, in the relay's own transaction: they are
// recorded exactly when the events are marked published, never twice and never lost.
type TxPublisher interface {
	PublishTx(ctx context.Context, tx db.DBTX, msgs []Message) error
}

// Relay moves committed events from the outbox to a publisher.
type Relay struct {
	DB        *db.DB
	Publisher Publisher
	// InTx are the publishers that write into the database (webhook deliveries).
	InTx []TxPublisher
	// Flushed, when set, is called after a batch has committed.
	Flushed   func()
	Log       *slog.Logger
	Interval  time.Duration
	BatchSize int
	Now       func() time.Time
}

// Run delivers events every Interval until ctx is cancelled.
func (r *Relay) Run(ctx context.Context) {
	t := time.NewTicker(r.Interval)
	defer t.Stop()
	for {
		if _, err := r.Flush(ctx); err != nil && ctx.Err() == nil {
			r.Log.ErrorContext(ctx, "outbox relay", "error", err.Error())
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Flush delivers one batch of pending events in id (creation) order and returns how many it
// delivered. Rows are claimed with SKIP LOCKED on PostgreSQL, so several instances can relay
// at once without sending an event twice in the normal case.
func (r *Relay) Flush(ctx context.Context) (int, error) {
	n := 0
	// The outbox is no cache's business: delivering leaves cached pages valid.
	err := r.DB.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		rows, err := tx.QueryContext(ctx, `SELECT id, name, payload, created_at FROM outbox_event
			WHERE published_at IS NULL ORDER BY id LIMIT $1`+r.DB.SkipLocked(), r.BatchSize)
		if err != nil {
			return fmt.Errorf("read outbox: %w", err)
		}
		var msgs []Message
		for rows.Next() {
			var m Message
			var payload string
			var created db.Time
			if err := rows.Scan(&m.ID, &m.Name, &payload, &created); err != nil {
				rows.Close()
				return fmt.Errorf("read outbox: %w", err)
			}
			m.Payload = json.RawMessage(payload)
			m.CreatedAt = created.Time
			msgs = append(msgs, m)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read outbox: %w", err)
		}
		if len(msgs) == 0 {
			return nil
		}
		for _, p := range r.InTx {
			if err := p.PublishTx(ctx, tx, msgs); err != nil {
				return fmt.Errorf("publish events: %w", err)
			}
		}
		if err := r.Publisher.Publish(ctx, msgs); err != nil {
			return fmt.Errorf("publish events: %w", err)
		}
		if err := markPublished(ctx, tx, db.FormatTime(r.Now()), msgs); err != nil {
			return err
		}
		n = len(msgs)
		return nil
	})
	if n > 0 && err == nil && r.Flushed != nil {
		r.Flushed()
	}
	return n, err
}

// Publishers delivers each batch to every publisher in turn; a failure stops the batch,
// which the relay publishes again later, so each publisher must be idempotent per message id
// (the webhook fan-out and JetStream are).
type Publishers []Publisher

// Publish hands msgs to each publisher.
func (ps Publishers) Publish(ctx context.Context, msgs []Message) error {
	for _, p := range ps {
		if err := p.Publish(ctx, msgs); err != nil {
			return err
		}
	}
	return nil
}

// markChunk is how many events one statement marks published: after a bulk import the
// relay's batches hold thousands of events, and one statement per event made marking them
// the slowest part of the relay on PostgreSQL, a round trip each.
const markChunk = 512

// markPublished records that msgs were published at now, markChunk events per statement.
func markPublished(ctx context.Context, tx db.DBTX, now string, msgs []Message) error {
	for start := 0; start < len(msgs); start += markChunk {
		chunk := msgs[start:min(start+markChunk, len(msgs))]
		ids := make([]string, len(chunk))
		for i, m := range chunk {
			ids[i] = m.ID
		}
		args := []any{now}
		if _, err := tx.ExecContext(ctx, `UPDATE outbox_event SET published_at = $1, attempts = attempts + 1
			WHERE id IN (`+sqlq.InSet(&args, ids)+`)`, args...); err != nil {
			return fmt.Errorf("mark %d events published: %w", len(ids), err)
		}
	}
	return nil
}
