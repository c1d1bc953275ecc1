package outbox_test

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"sync"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/audit"
	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/platform/id"
	"channeld/internal/pricing"
	"channeld/internal/product"
	"channeld/internal/saleschannel"
	"channeld/internal/seller"
	"channeld/internal/shop"
)

// recorder is a Publisher that keeps what it was given, and fails while fail is set.
type recorder struct {
	mu   sync.Mutex
	msgs []outbox.Message
	fail error
}

func (r *recorder) Publish(_ context.Context, msgs []outbox.Message) error {
	r.mu.Lock()
	defer r.mu.Unlock()
	if r.fail != nil {
		return r.fail
	}
	r.msgs = append(r.msgs, msgs...)
	return nil
}

func (r *recorder) names() []string {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := []string{}
	for _, m := range r.msgs {
		var p map[string]string
		_ = json.Unmarshal(m.Payload, &p)
		out = append(out, m.Name+" "+p["id"])
	}
	return out
}

func newRelay(d *db.DB, p outbox.Publisher, batch int) *outbox.Relay {
	return &outbox.Relay{DB: d, Publisher: p, Log: slog.New(slog.NewTextHandler(io.Discard, nil)),
		Interval: 10 * time.Millisecond, BatchSize: batch, Now: clock.System}
}

// stored lists the outbox rows as "name id" with whether each is published.
func stored(t *testing.T, d *db.DB) (pending, published []string) {
	t.Helper()
	rows, err := d.Read().QueryContext(context.Background(),
		`SELECT name, payload, published_at IS NOT NULL, attempts FROM outbox_event ORDER BY id`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		var payload db.JSON
		var done bool
		var attempts int
		if err := rows.Scan(&name, &payload, &done, &attempts); err != nil {
			t.Fatal(err)
		}
		var p map[string]string
		if err := json.Unmarshal(payload, &p); err != nil || len(p) != 1 || p["id"] == "" {
			t.Fatalf("%s payload %s, want {\"id\": ...}", name, payload)
		}
		if done {
			if attempts != 1 {
				t.Errorf("%s published after %d attempts, want 1", name, attempts)
			}
			published = append(published, name+" "+p["id"])
		} else {
			pending = append(pending, name+" "+p["id"])
		}
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return pending, published
}

type fixture struct {
	d        *db.DB
	channels *saleschannel.Service
	shop     *shop.Service
}

// eachFixture runs fn once per engine (see dbtest.EachDB) on a fixture of its own.
func eachFixture(t *testing.T, fn func(t *testing.T, f fixture)) {
	t.Helper()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) { fn(t, setup(d)) })
}

func setup(d *db.DB) fixture {
	now, newID := clock.Clock(clock.System), id.Source(id.New)
	channels := saleschannel.NewService(d, now, newID, saleschannel.Links{}, shop.NewChannelGuard(d), product.NewListing(d), seller.NewChecker(d), shop.NewLocaleReader(), keeperFor(now, newID), audit.NewRecorder(now, newID))
	return fixture{d: d, channels: channels, shop: shop.NewService(d, now, newID, channels, audit.NewRecorder(now, newID))}
}

func TestChannelWritesAppendEvents(t *testing.T) {
	t.Parallel()
	eachFixture(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		if err := f.shop.EnsureDefaults(ctx); err != nil {
			t.Fatal(err)
		}
		defaultID, err := f.shop.DefaultChannelID(ctx, f.d.Read())
		if err != nil {
			t.Fatal(err)
		}
		c, err := f.channels.Create(ctx, saleschannel.CreateInput{Name: "Web"})
		if err != nil {
			t.Fatal(err)
		}
		name := "Web 2"
		if _, err := f.channels.Update(ctx, c.ID, saleschannel.UpdateInput{Name: &name}); err != nil {
			t.Fatal(err)
		}
		if err := f.channels.Delete(ctx, c.ID); err != nil {
			t.Fatal(err)
		}
		// Refused writes: none of them may leave an event behind.
		if _, err := f.channels.Update(ctx, "sc_nope", saleschannel.UpdateInput{Name: &name}); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("update unknown: %v", err)
		}
		if err := f.channels.Delete(ctx, defaultID); !apperr.Is(err, apperr.Invalid) {
			t.Errorf("delete default: %v", err)
		}
		if err := f.channels.Delete(ctx, "sc_nope"); err != nil {
			t.Errorf("delete unknown: %v", err)
		}
		if err := f.channels.Delete(ctx, c.ID); err != nil {
			t.Errorf("delete again: %v", err)
		}

		pending, published := stored(t, f.d)
		want := []string{
			"sales-channel.created " + defaultID,
			"sales-channel.created " + c.ID,
			"sales-channel.updated " + c.ID,
			"sales-channel.deleted " + c.ID,
		}
		if d := cmp.Diff(want, pending); d != "" {
			t.Errorf("outbox (-want +got):\n%s", d)
		}
		if len(published) != 0 {
			t.Errorf("published before any relay ran: %v", published)
		}
		if _, err := f.channels.Get(ctx, defaultID); err != nil {
			t.Errorf("the default channel after a refused delete: %v", err)
		}
	})
}

// An event is written in the caller's transaction, so rolling it back drops the event too.
func TestAppendRollsBackWithTheTransaction(t *testing.T) {
	t.Parallel()
	eachFixture(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		boom := errors.New("boom")
		err := f.d.Tx(ctx, func(tx db.DBTX) error {
			if _, err := f.channels.CreateTx(ctx, tx, saleschannel.CreateInput{Name: "Rolled back"}); err != nil {
				return err
			}
			if err := outbox.Append(ctx, tx, time.Now(), outbox.IDEvent("thing.happened", "x_1")); err != nil {
				return err
			}
			return boom
		})
		if !errors.Is(err, boom) {
			t.Fatalf("Tx: %v", err)
		}
		var channels, events int
		if err := f.d.Read().QueryRowContext(ctx, `SELECT (SELECT count(*) FROM sales_channel), (SELECT count(*) FROM outbox_event)`).Scan(&channels, &events); err != nil {
			t.Fatal(err)
		}
		if channels != 0 || events != 0 {
			t.Errorf("%d channels and %d events after a rollback, want none", channels, events)
		}

		err = f.d.Tx(ctx, func(tx db.DBTX) error {
			return outbox.Append(ctx, tx, time.Now(), outbox.IDEvent("a.b", "x_1"), outbox.Event{Name: "c.d", Data: map[string]string{"id": "x_2"}})
		})
		if err != nil {
			t.Fatal(err)
		}
		pending, _ := stored(t, f.d)
		if d := cmp.Diff([]string{"a.b x_1", "c.d x_2"}, pending); d != "" {
			t.Errorf("outbox (-want +got):\n%s", d)
		}
		if err := f.d.Tx(ctx, func(tx db.DBTX) error {
			return outbox.Append(ctx, tx, time.Now(), outbox.Event{Name: "bad", Data: func() {}})
		}); err == nil {
			t.Error("an event whose data cannot be encoded was appended")
		}
	})
}

func TestRelayFlush(t *testing.T) {
	t.Parallel()
	eachFixture(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		var want []string
		for _, n := range []string{"A", "B", "C"} {
			c, err := f.channels.Create(ctx, saleschannel.CreateInput{Name: n})
			if err != nil {
				t.Fatal(err)
			}
			want = append(want, "sales-channel.created "+c.ID)
		}
		rec := &recorder{fail: errors.New("broker down")}
		relay := newRelay(f.d, rec, 2)

		// A failing publisher leaves every event pending.
		if n, err := relay.Flush(ctx); err == nil || n != 0 {
			t.Errorf("Flush with a failing publisher: %d, %v", n, err)
		}
		if pending, _ := stored(t, f.d); len(pending) != 3 {
			t.Errorf("pending after a failed publish: %v", pending)
		}

		rec.fail = nil
		for i, wantN := range []int{2, 1, 0, 0} {
			n, err := relay.Flush(ctx)
			if err != nil || n != wantN {
				t.Errorf("Flush %d: %d, %v; want %d", i, n, err, wantN)
			}
		}
		if d := cmp.Diff(want, rec.names()); d != "" {
			t.Errorf("delivered (-want +got):\n%s", d)
		}
		pending, published := stored(t, f.d)
		if len(pending) != 0 || len(published) != 3 {
			t.Errorf("pending %v, published %v", pending, published)
		}
		for _, m := range rec.msgs {
			if !id.HasPrefix(m.ID, id.Event) || m.CreatedAt.IsZero() {
				t.Errorf("message %+v", m)
			}
		}
	})
}

// A batch of events, as a bulk import leaves them, is published and marked whole: the marks
// go out several hundred at a time.
func TestRelayFlushLargeBatch(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		const events = 1300
		err := d.Tx(ctx, func(tx db.DBTX) error {
			for i := range events {
				if err := outbox.Append(ctx, tx, time.Now(), outbox.IDEvent("product.created", fmt.Sprintf("prod_%04d", i))); err != nil {
					return err
				}
			}
			return nil
		})
		if err != nil {
			t.Fatal(err)
		}
		rec := &recorder{}
		if n, err := newRelay(d, rec, 2000).Flush(ctx); err != nil || n != events {
			t.Fatalf("Flush: %d, %v; want %d", n, err, events)
		}
		pending, published := stored(t, d)
		if len(pending) != 0 || len(published) != events {
			t.Errorf("%d pending, %d published; want 0 and %d", len(pending), len(published), events)
		}
		if n, err := newRelay(d, rec, 2000).Flush(ctx); err != nil || n != 0 {
			t.Errorf("second Flush: %d, %v; want nothing left", n, err)
		}
	})
}

// Relays running at once, as several instances do, deliver every event exactly once.
func TestConcurrentRelaysDeliverOnce(t *testing.T) {
	t.Parallel()
	eachFixture(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		const events = 60
		for i := range events {
			if err := f.d.Tx(ctx, func(tx db.DBTX) error {
				return outbox.Append(ctx, tx, time.Now(), outbox.IDEvent("x.y", id.New("x")+string(rune('a'+i%26))))
			}); err != nil {
				t.Fatal(err)
			}
		}
		rec := &recorder{}
		var wg sync.WaitGroup
		for range 4 {
			relay := newRelay(f.d, rec, 5)
			wg.Go(func() {
				for {
					n, err := relay.Flush(ctx)
					if err != nil {
						t.Error(err)
						return
					}
					if n == 0 {
						return
					}
				}
			})
		}
		wg.Wait()
		seen := map[string]int{}
		for _, m := range rec.msgs {
			seen[m.ID]++
		}
		if len(seen) != events || len(rec.msgs) != events {
			t.Errorf("%d messages, %d distinct, want %d each", len(rec.msgs), len(seen), events)
		}
	})
}

func TestRelayRunDeliversUntilCancelled(t *testing.T) {
	t.Parallel()
	eachFixture(t, func(t *testing.T, f fixture) {
		ctx, cancel := context.WithCancel(context.Background())
		rec := &recorder{}
		done := make(chan struct{})
		go func() { newRelay(f.d, rec, 10).Run(ctx); close(done) }()
		c, err := f.channels.Create(context.Background(), saleschannel.CreateInput{Name: "Live"})
		if err != nil {
			t.Fatal(err)
		}
		deadline := time.Now().Add(5 * time.Second)
		for len(rec.names()) == 0 && time.Now().Before(deadline) {
			time.Sleep(5 * time.Millisecond)
		}
		cancel()
		select {
		case <-done:
		case <-time.After(5 * time.Second):
			t.Fatal("Run did not return after cancel")
		}
		if d := cmp.Diff([]string{"sales-channel.created " + c.ID}, rec.names()); d != "" {
			t.Errorf("delivered (-want +got):\n%s", d)
		}
	})
}

// keeperFor is the price keeper the composition root gives the channel service.
func keeperFor(now clock.Clock, newID id.Source) *pricing.Keeper {
	rec := audit.NewRecorder(now, newID)
	return pricing.NewKeeper(product.NewPriceBook(now, newID, rec, shop.PriceSettings{}), rec)
}
