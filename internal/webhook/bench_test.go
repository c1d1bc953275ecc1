package webhook_test

import (
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"sync/atomic"
	"testing"
	"time"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/outbox"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

// BenchmarkRelayToWebhooks measures events per second from the outbox to a local receiver:
// b.N events committed in batches of 100, then relayed, fanned out and delivered to each of
// the endpoints (one at a time per endpoint, in order). Run with
// go test ./internal/webhook -run '^$' -bench RelayToWebhooks -benchtime 2000x
func BenchmarkRelayToWebhooks(b *testing.B) {
	for _, e := range dbtest.Engines() {
		for _, endpoints := range []int{1, 8} {
			b.Run(fmt.Sprintf("%s/endpoints=%d", e, endpoints), func(b *testing.B) {
				s := apitest.New(b, e)
				var got atomic.Int64
				recv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
					_, _ = io.Copy(io.Discard, r.Body)
					got.Add(1)
				}))
				b.Cleanup(recv.Close)
				if _, err := s.App.Relay.Flush(b.Context()); err != nil {
					b.Fatal(err)
				}
				for i := range endpoints {
					s.Post("/admin/webhooks", M{"url": fmt.Sprintf("%s/%d", recv.URL, i), "events": A{"bench.*"}}).Must(200)
				}
				appendEvents(b, s, b.N)
				b.ResetTimer()
				stop := s.App.RunWorkers()
				want := int64(b.N * endpoints)
				for got.Load() < want {
					time.Sleep(time.Millisecond)
				}
				b.StopTimer()
				stop()
				b.ReportMetric(float64(want)/b.Elapsed().Seconds(), "deliveries/s")
			})
		}
	}
}

// BenchmarkRelayToNATS measures events per second from the outbox to JetStream on
// 127.0.0.1:4222. Run with go test ./internal/webhook -run '^$' -bench RelayToNATS -benchtime 5000x
func BenchmarkRelayToNATS(b *testing.B) {
	for _, e := range dbtest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			s := apitest.New(b, e)
			pub, err := outbox.DialNATS(b.Context(), "nats://127.0.0.1:4222")
			if err != nil {
				b.Skip(err)
			}
			defer pub.Close()
			appendEvents(b, s, b.N)
			relay := &outbox.Relay{DB: s.App.DB, Publisher: pub, BatchSize: 100, Now: time.Now}
			b.ResetTimer()
			for {
				n, err := relay.Flush(b.Context())
				if err != nil {
					b.Fatal(err)
				}
				if n == 0 {
					break
				}
			}
			b.StopTimer()
			b.ReportMetric(float64(b.N)/b.Elapsed().Seconds(), "events/s")
		})
	}
}

func appendEvents(b *testing.B, s *apitest.Server, n int) {
	b.Helper()
	for i := 0; i < n; i += 100 {
		if err := s.App.DB.Tx(b.Context(), func(tx db.DBTX) error {
			batch := make([]outbox.Event, min(100, n-i))
			for j := range batch {
				batch[j] = outbox.IDEvent("bench.happened", "x")
			}
			return outbox.Append(b.Context(), tx, time.Now(), batch...)
		}); err != nil {
			b.Fatal(err)
		}
	}
}
