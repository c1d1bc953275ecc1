package app_test

import (
	"io"
	"net/http"
	"net/http/httptest"
	"sync"
	"testing"
	"time"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/outbox"
	"channeld/internal/platform/db"
)

// waitUntil polls cond, failing the test after a generous deadline.
func waitUntil(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(60 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}

// A key revoked through one instance is refused by another at its next request after the
// change's notification, though that instance had the key's scope cached.
func TestKeyRevokedOnOneInstanceIsRefusedOnAnother(t *testing.T) {
	t.Parallel()
	apitest.EachPair(t, func(t *testing.T, a, b *apitest.Server) {
		if a.App.DB.Engine != db.Postgres {
			t.Skip("instances on one SQLite file hear of each other's changes within a second, by the cache's TTL")
		}
		stop := b.App.RunWorkers()
		t.Cleanup(stop)
		waitUntil(t, "b to listen", func() bool { return b.App.APIKeys.Forgotten() >= 1 })
		ch := a.Channel("Web")
		keyID, token := a.PublishableKey("Web", ch)
		b.Do("GET", "/store/products", nil, KeyHeader(token)).Must(200)
		b.Do("GET", "/store/products", nil, KeyHeader(token)).Must(200) // from b's cache
		heard := b.App.APIKeys.Forgotten()
		a.Post("/admin/api-keys/"+keyID+"/revoke", nil).Must(200)
		waitUntil(t, "b to hear of the revocation", func() bool { return b.App.APIKeys.Forgotten() > heard })
		b.Do("GET", "/store/products", nil, KeyHeader(token)).Must(400)
	})
}

// counter is a webhook receiver that counts each webhook-id it receives.
type counter struct {
	mu   sync.Mutex
	seen map[string]int
	n    int
}

func (c *counter) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	_, _ = io.Copy(io.Discard, r.Body)
	c.mu.Lock()
	c.seen[r.Header.Get("webhook-id")]++
	c.n++
	c.mu.Unlock()
}

func (c *counter) counts() (distinct, total int) {
	c.mu.Lock()
	defer c.mu.Unlock()
	return len(c.seen), c.n
}

// Two instances relaying and dispatching from one database deliver each of 1,000 events to
// an endpoint exactly once.
func TestTwoInstancesDeliverEachEventOnce(t *testing.T) {
	t.Parallel()
	apitest.EachPair(t, func(t *testing.T, a, b *apitest.Server) {
		c := &counter{seen: map[string]int{}}
		recv := httptest.NewServer(c)
		t.Cleanup(recv.Close)
		if _, err := a.App.Relay.Flush(t.Context()); err != nil { // the store's own first events
			t.Fatal(err)
		}
		a.Post("/admin/webhooks", M{"url": recv.URL, "events": A{"load.*"}}).Must(200)
		const events = 1000
		for i := 0; i < events; i += 100 {
			if err := a.App.DB.Tx(t.Context(), func(tx db.DBTX) error {
				batch := make([]outbox.Event, 100)
				for j := range batch {
					batch[j] = outbox.IDEvent("load.happened", "x")
				}
				return outbox.Append(t.Context(), tx, time.Now(), batch...)
			}); err != nil {
				t.Fatal(err)
			}
		}
		stopA, stopB := a.App.RunWorkers(), b.App.RunWorkers()
		t.Cleanup(stopA)
		t.Cleanup(stopB)
		waitUntil(t, "1,000 deliveries", func() bool {
			return apitest.Scalar[int](t, a, `SELECT count(*) FROM webhook_delivery WHERE status = 'succeeded'`) == events
		})
		stopA()
		stopB()
		if distinct, total := c.counts(); distinct != events || total != events {
			t.Errorf("receiver got %d deliveries of %d events, want %d of %d", total, distinct, events, events)
		}
	})
}
