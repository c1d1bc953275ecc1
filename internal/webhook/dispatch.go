package webhook

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"strconv"
	"sync"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
)

// Timeout is how long a receiver has to answer one delivery.
const Timeout = 10 * time.Second

// GiveUpAfter is how long an endpoint may keep failing before it is disabled.
const GiveUpAfter = 24 * time.Hour

// retrySchedule is the wait before each retry: within seconds at first, then growing; past
// its end, retries come every maxBackoff. Each wait gets up to 20 % of jitter.
var retrySchedule = []time.Duration{time.Second, 5 * time.Second, 30 * time.Second, 2 * time.Minute,
	10 * time.Minute, 30 * time.Minute, time.Hour, 2 * time.Hour}

const maxBackoff = 4 * time.Hour

// Backoff is the wait after the attempt-th failed attempt (1 for the first).
func Backoff(attempt int) time.Duration {
	d := maxBackoff
	if attempt-1 < len(retrySchedule) {
		d = retrySchedule[attempt-1]
	}
	return d + time.Duration(rand.Int64N(int64(d)/5+1))
}

// leaseFor is how long a dispatcher holds an endpoint; it renews the lease before each
// delivery, so it must outlast one delivery with some margin.
const leaseFor = 3 * Timeout

// Dispatcher sends pending deliveries to their endpoints: one goroutine per endpoint with
// due deliveries, up to Workers at once, each holding the endpoint's lease in the database so
// that no other instance delivers to it meanwhile. An endpoint's deliveries go out in event
// order, each only after the one before it succeeded or was given up; a slow or dead
// receiver holds up only its own endpoint.
type Dispatcher struct {
	DB       *db.DB
	Log      *slog.Logger
	Now      func() time.Time
	Interval time.Duration
	Workers  int
	Guard    Guard
	// Backoff replaces the retry schedule (tests make it short).
	Backoff func(attempt int) time.Duration

	owner  string
	client *http.Client
	wake   chan struct{}
	once   sync.Once
	mu     sync.Mutex
	active map[string]bool
}

func (d *Dispatcher) init() {
	d.once.Do(func() {
		d.owner = id.New("disp")
		d.wake = make(chan struct{}, 1)
		d.active = map[string]bool{}
		if d.Workers <= 0 {
			d.Workers = 16
		}
		if d.Backoff == nil {
			d.Backoff = Backoff
		}
		dialer := &net.Dialer{Timeout: Timeout, Control: d.Guard.control}
		d.client = &http.Client{Timeout: Timeout, Transport: &http.Transport{
			DialContext: dialer.DialContext, MaxIdleConnsPerHost: 4, IdleConnTimeout: 90 * time.Second,
			TLSHandshakeTimeout: Timeout, ResponseHeaderTimeout: Timeout,
		}, CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	})
}

// Wake makes Run look for due deliveries now rather than at its next tick.
func (d *Dispatcher) Wake() {
	d.init()
	select {
	case d.wake <- struct{}{}:
	default:
	}
}

// Run dispatches until ctx is cancelled, then waits for the deliveries in flight.
func (d *Dispatcher) Run(ctx context.Context) {
	d.init()
	var wg sync.WaitGroup
	defer wg.Wait()
	sem := make(chan struct{}, d.Workers)
	t := time.NewTicker(d.Interval)
	defer t.Stop()
	for {
		due, err := d.due(ctx)
		if err != nil && ctx.Err() == nil {
			d.Log.ErrorContext(ctx, "webhook dispatch", "error", err.Error())
		}
		for _, wid := range due {
			if !d.claim(wid) {
				continue
			}
			select {
			case sem <- struct{}{}:
			case <-ctx.Done():
				d.release(wid)
				return
			}
			wg.Go(func() {
				defer func() { <-sem; d.release(wid) }()
				d.drain(ctx, wid)
			})
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-d.wake:
		}
	}
}

func (d *Dispatcher) claim(wid string) bool {
	d.mu.Lock()
	defer d.mu.Unlock()
	if d.active[wid] {
		return false
	}
	d.active[wid] = true
	return true
}

func (d *Dispatcher) release(wid string) {
	d.mu.Lock()
	delete(d.active, wid)
	d.mu.Unlock()
}

// due lists the enabled endpoints whose oldest pending delivery is due and which no other
// dispatcher holds.
func (d *Dispatcher) due(ctx context.Context) ([]string, error) {
	now := db.Time{Time: d.Now()}
	rows, err := d.DB.Read().QueryContext(ctx, `SELECT w.id FROM webhook w
		JOIN webhook_delivery h ON h.id = (SELECT min(id) FROM webhook_delivery WHERE webhook_id = w.id AND status = $2)
		WHERE w.deleted_at IS NULL AND w.is_disabled = $3 AND h.next_attempt_at <= $1
		AND (w.lease_until IS NULL OR w.lease_until < $1) ORDER BY h.id LIMIT 1000`, now, StatusPending, false)
	if err != nil {
		return nil, fmt.Errorf("find due webhooks: %w", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var wid string
		if err := rows.Scan(&wid); err != nil {
			return nil, fmt.Errorf("find due webhooks: %w", err)
		}
		out = append(out, wid)
	}
	return out, rows.Err()
}

// lease takes or renews the endpoint's lease; false when another dispatcher holds it.
func (d *Dispatcher) lease(ctx context.Context, wid string) (bool, error) {
	now := d.Now()
	res, err := d.DB.Write().ExecContext(ctx, `UPDATE webhook SET lease_until = $2, lease_owner = $3
		WHERE id = $1 AND (lease_until IS NULL OR lease_until < $4 OR lease_owner = $3)`,
		wid, db.Time{Time: now.Add(leaseFor)}, d.owner, db.Time{Time: now})
	if err != nil {
		return false, fmt.Errorf("lease webhook %s: %w", wid, err)
	}
	n, err := res.RowsAffected()
	return n == 1, err
}

func (d *Dispatcher) unlease(wid string) {
	if _, err := d.DB.Write().ExecContext(context.Background(), `UPDATE webhook SET lease_until = NULL, lease_owner = NULL
		WHERE id = $1 AND lease_owner = $2`, wid, d.owner); err != nil {
		d.Log.Error("release webhook lease", "webhook_id", wid, "error", err.Error())
	}
}

// drain delivers the endpoint's due deliveries in order while it holds the lease.
func (d *Dispatcher) drain(ctx context.Context, wid string) {
	defer d.unlease(wid)
	for ctx.Err() == nil {
		ok, err := d.lease(ctx, wid)
		if err != nil || !ok {
			if err != nil && ctx.Err() == nil {
				d.Log.ErrorContext(ctx, "webhook dispatch", "error", err.Error())
			}
			return
		}
		more, err := d.deliverHead(ctx, wid)
		if err != nil {
			if ctx.Err() == nil {
				d.Log.ErrorContext(ctx, "webhook dispatch", "webhook_id", wid, "error", err.Error())
			}
			return
		}
		if !more {
			return
		}
	}
}

// deliverHead sends the endpoint's oldest pending delivery if it is due, records the
// outcome, and reports whether the next one may go at once.
func (d *Dispatcher) deliverHead(ctx context.Context, wid string) (bool, error) {
	w, err := sqlq.One(d.DB.Read().QueryRowContext(ctx, `SELECT `+webhookColumns+` FROM webhook WHERE id = $1`, wid),
		scanWebhook, errNotFound(wid), "get webhook "+wid)
	if err != nil {
		return false, err
	}
	if w.DeletedAt != nil || w.IsDisabled {
		return false, nil
	}
	head, err := sqlq.One(d.DB.Read().QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM webhook_delivery
		WHERE webhook_id = $1 AND status = $2 ORDER BY id LIMIT 1`, wid, StatusPending), scanDelivery, nil, "head delivery")
	if head == nil || err != nil {
		return false, nil
	}
	now := d.Now()
	if head.NextAttemptAt.After(now) {
		return false, nil
	}
	code, sendErr := d.send(ctx, w, head)
	if sendErr != nil && ctx.Err() != nil {
		return false, ctx.Err() // shutting down cut the attempt short: it does not count
	}
	// A success is recorded even when shutdown began meanwhile: the receiver has it.
	return sendErr == nil, d.record(context.WithoutCancel(ctx), w, head, code, sendErr)
}

// body is what a receiver gets: {type, timestamp, data}.
type body struct {
	Type      string          `json:"type"`
	Timestamp string          `json:"timestamp"`
	Data      json.RawMessage `json:"data"`
}

// send makes one attempt; a 2xx answer is a success.
func (d *Dispatcher) send(ctx context.Context, w *Webhook, del *Delivery) (int, error) {
	payload, err := json.Marshal(body{Type: del.EventName, Timestamp: del.EventAt.UTC().Format(db.TimeFormat), Data: del.Payload})
	if err != nil {
		return 0, fmt.Errorf("encode delivery: %w", err)
	}
	signer, err := standardwebhooks.NewWebhook(w.Secret)
	if err != nil {
		return 0, fmt.Errorf("signing key of %s: %w", w.ID, err)
	}
	ts := d.Now()
	sig, err := signer.Sign(del.EventID, ts, payload)
	if err != nil {
		return 0, fmt.Errorf("sign delivery: %w", err)
	}
	req, err := http.NewRequestWithContext(ctx, http.MethodPost, w.URL, bytes.NewReader(payload))
	if err != nil {
		return 0, fmt.Errorf("request: %w", err)
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("User-Agent", "channeld-webhooks")
	req.Header.Set(standardwebhooks.HeaderWebhookID, del.EventID)
	req.Header.Set(standardwebhooks.HeaderWebhookTimestamp, strconv.FormatInt(ts.Unix(), 10))
	req.Header.Set(standardwebhooks.HeaderWebhookSignature, sig)
	res, err := d.client.Do(req)
	if err != nil {
		return 0, err
	}
	defer res.Body.Close()
	_, _ = io.Copy(io.Discard, io.LimitReader(res.Body, 64<<10))
	if res.StatusCode < 200 || res.StatusCode > 299 {
		return res.StatusCode, fmt.Errorf("receiver answered %d", res.StatusCode)
	}
	return res.StatusCode, nil
}

// record writes an attempt's outcome. A failure schedules the next attempt; an endpoint that
// has failed for GiveUpAfter is disabled, with the reason, and its pending deliveries fail.
func (d *Dispatcher) record(ctx context.Context, w *Webhook, del *Delivery, code int, sendErr error) error {
	now := d.Now()
	var codeArg *int
	if code != 0 {
		codeArg = &code
	}
	return d.DB.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		if sendErr == nil {
			if err := sqlq.Exec(ctx, tx, "record delivery", `UPDATE webhook_delivery SET status = $2, attempts = attempts + 1,
				response_code = $3, last_error = NULL, delivered_at = $4, updated_at = $4 WHERE id = $1`,
				del.ID, StatusSucceeded, codeArg, db.Time{Time: now}); err != nil {
				return err
			}
			return sqlq.Exec(ctx, tx, "record webhook success", `UPDATE webhook SET failing_since = NULL WHERE id = $1`, w.ID)
		}
		msg := sendErr.Error()
		if len(msg) > 500 {
			msg = msg[:500]
		}
		if err := sqlq.Exec(ctx, tx, "record delivery", `UPDATE webhook_delivery SET attempts = attempts + 1, response_code = $2,
			last_error = $3, next_attempt_at = $4, updated_at = $5 WHERE id = $1`,
			del.ID, codeArg, msg, db.Time{Time: now.Add(d.Backoff(del.Attempts + 1))}, db.Time{Time: now}); err != nil {
			return err
		}
		since := now
		if w.FailingSince != nil {
			since = *w.FailingSince
		}
		if now.Sub(since) < GiveUpAfter {
			return sqlq.Exec(ctx, tx, "record webhook failure", `UPDATE webhook SET failing_since = $2 WHERE id = $1`, w.ID, db.Time{Time: since})
		}
		reason := fmt.Sprintf("disabled after failing since %s: %s", since.UTC().Format(time.RFC3339), msg)
		d.Log.WarnContext(ctx, "webhook disabled", "webhook_id", w.ID, "reason", reason)
		if err := sqlq.Exec(ctx, tx, "disable webhook", `UPDATE webhook SET is_disabled = $2, disabled_reason = $3,
			failing_since = $4, updated_at = $5 WHERE id = $1`, w.ID, true, reason, db.Time{Time: since}, db.Time{Time: now}); err != nil {
			return err
		}
		return sqlq.Exec(ctx, tx, "fail deliveries", `UPDATE webhook_delivery SET status = $2, updated_at = $3
			WHERE webhook_id = $1 AND status = $4`, w.ID, StatusFailed, db.Time{Time: now}, StatusPending)
	})
}
