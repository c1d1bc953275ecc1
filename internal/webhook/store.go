package webhook

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

const webhookColumns = `id, url, events, sales_channel_id, secret, is_disabled, disabled_reason, failing_since,
	created_at, updated_at, deleted_at`

func scanWebhook(row sqlq.Scanner) (*Webhook, error) {
	var w Webhook
	var events db.JSON
	var failing, deleted db.NullTime
	var created, updated db.Time
	if err := row.Scan(&w.ID, &w.URL, &events, &w.SalesChannelID, &w.Secret, &w.IsDisabled, &w.DisabledReason,
		&failing, &created, &updated, &deleted); err != nil {
		return nil, err
	}
	if err := json.Unmarshal(events, &w.Events); err != nil {
		return nil, fmt.Errorf("decode events of webhook %s: %w", w.ID, err)
	}
	w.FailingSince, w.DeletedAt, w.CreatedAt, w.UpdatedAt = failing.Ptr(), deleted.Ptr(), created.Time, updated.Time
	return &w, nil
}

func errNotFound(webhookID string) error {
	return apperr.NotFoundf("Webhook with id: %s was not found", webhookID)
}

// restrict limits w to the webhooks the admin caller may read: a channel-limited caller reads
// only those filtered to one of its channels.
func restrict(ctx context.Context, w *sqlq.Where) {
	visible.Restrict(ctx, w, "webhook", "sales_channel_id")
}

// getWebhook returns a live webhook the caller may read.
func getWebhook(ctx context.Context, q db.DBTX, webhookID string) (*Webhook, error) {
	w := sqlq.NewWhere("")
	w.Eq("id", webhookID)
	w.Add("deleted_at IS NULL")
	restrict(ctx, w)
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+webhookColumns+` FROM webhook`+w.SQL(), w.Args()...),
		scanWebhook, errNotFound(webhookID), "get webhook "+webhookID)
}

// listWebhooks returns a page of live webhooks the caller may read, newest first, and their
// count.
func listWebhooks(ctx context.Context, q db.DBTX, offset, limit int) ([]*Webhook, int, error) {
	w := sqlq.NewWhere("")
	w.Add("deleted_at IS NULL")
	restrict(ctx, w)
	var count int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM webhook`+w.SQL(), w.Args()...).Scan(&count); err != nil {
		return nil, 0, fmt.Errorf("count webhooks: %w", err)
	}
	out, err := sqlq.Collect(ctx, q, scanWebhook, `SELECT `+webhookColumns+` FROM webhook`+w.SQL()+
		fmt.Sprintf(` ORDER BY id DESC LIMIT %d OFFSET %d`, limit, offset), w.Args()...)
	return out, count, err
}

func saveWebhook(ctx context.Context, tx db.DBTX, w *Webhook, insert bool) error {
	events, err := json.Marshal(w.Events)
	if err != nil {
		return fmt.Errorf("encode webhook events: %w", err)
	}
	if insert {
		return sqlq.Exec(ctx, tx, "insert webhook", `INSERT INTO webhook (id, url, events, sales_channel_id, secret,
			is_disabled, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $7)`,
			w.ID, w.URL, string(events), w.SalesChannelID, w.Secret, w.IsDisabled, db.Time{Time: w.CreatedAt})
	}
	return sqlq.Exec(ctx, tx, "update webhook "+w.ID, `UPDATE webhook SET url = $2, events = $3, sales_channel_id = $4,
		is_disabled = $5, disabled_reason = $6, failing_since = $7, updated_at = $8 WHERE id = $1`,
		w.ID, w.URL, string(events), w.SalesChannelID, w.IsDisabled, w.DisabledReason, nullTime(w.FailingSince),
		db.Time{Time: w.UpdatedAt})
}

const deliveryColumns = `id, webhook_id, event_id, event_name, payload, event_at, status, attempts, next_attempt_at,
	last_error, response_code, created_at, updated_at, delivered_at`

func scanDelivery(row sqlq.Scanner) (*Delivery, error) {
	var d Delivery
	var payload db.JSON
	var eventAt, next, created, updated db.Time
	var delivered db.NullTime
	if err := row.Scan(&d.ID, &d.WebhookID, &d.EventID, &d.EventName, &payload, &eventAt, &d.Status, &d.Attempts,
		&next, &d.LastError, &d.ResponseCode, &created, &updated, &delivered); err != nil {
		return nil, err
	}
	d.Payload = json.RawMessage(payload)
	d.EventAt, d.NextAttemptAt, d.CreatedAt, d.UpdatedAt, d.DeliveredAt = eventAt.Time, next.Time, created.Time, updated.Time, delivered.Ptr()
	return &d, nil
}

func nullTime(t *time.Time) db.NullTime {
	if t == nil {
		return db.NullTime{}
	}
	return db.NullTime{Time: *t, Valid: true}
}
