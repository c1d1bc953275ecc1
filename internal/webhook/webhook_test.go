package webhook_test

import (
	"encoding/json"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync"
	"testing"
	"time"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// receiver is a merchant's endpoint: it verifies every request with the Standard Webhooks
// library and answers 500 to the first failures requests, then 200.
type receiver struct {
	t        *testing.T
	mu       sync.Mutex
	secret   string
	failures int
	got      []received
}

type received struct {
	id, typ, channel string
	status           int
}

func (rc *receiver) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	payload, _ := io.ReadAll(r.Body)
	rc.mu.Lock()
	defer rc.mu.Unlock()
	wh, err := standardwebhooks.NewWebhook(rc.secret)
	if err != nil {
		rc.t.Errorf("secret %q: %v", rc.secret, err)
		return
	}
	if err := wh.Verify(payload, r.Header); err != nil {
		rc.t.Errorf("delivery does not verify: %v", err)
		w.WriteHeader(http.StatusBadRequest)
		return
	}
	var body struct {
		Type      string `json:"type"`
		Timestamp string `json:"timestamp"`
		Data      struct {
			ID         string   `json:"id"`
			ProductIDs []string `json:"product_ids"`
		} `json:"data"`
	}
	if err := json.Unmarshal(payload, &body); err != nil || body.Timestamp == "" {
		rc.t.Errorf("body %s: %v", payload, err)
	}
	status := http.StatusOK
	if rc.failures > 0 {
		rc.failures--
		status = http.StatusInternalServerError
	}
	rc.got = append(rc.got, received{id: r.Header.Get("webhook-id"), typ: body.Type, channel: body.Data.ID, status: status})
	w.WriteHeader(status)
}

func (rc *receiver) received() []received {
	rc.mu.Lock()
	defer rc.mu.Unlock()
	return append([]received(nil), rc.got...)
}

// waitFor polls until cond holds, failing the test after a generous deadline.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("gave up waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// A webhook for sales-channel.* on one channel gets that channel's link event, signed so
// that the library verifies it, after two failed attempts with the same webhook-id; events
// of other channels and a rolled-back link send nothing; the delivery log says what happened
// and a redelivery sends the same webhook-id again.
func TestWebhookDeliversSignedEventsWithRetries(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		rc := &receiver{t: t, failures: 2}
		recv := httptest.NewServer(rc)
		t.Cleanup(recv.Close)
		s.App.Dispatcher.Backoff = func(int) time.Duration { return 20 * time.Millisecond }

		web := s.Channel("Web")
		other := s.Channel("Other")
		if _, err := s.App.Relay.Flush(t.Context()); err != nil { // events from before the webhook
			t.Fatal(err)
		}
		created := s.Post("/admin/webhooks", M{"url": recv.URL + "/hooks", "events": A{"sales-channel.*"}, "sales_channel_id": web}).Must(200)
		hookID, secret := created.String("webhook.id"), created.String("webhook.secret")
		if !strings.HasPrefix(secret, "whsec_") || len(secret) < 40 {
			t.Fatalf("secret %q", secret)
		}
		rc.mu.Lock()
		rc.secret = secret
		rc.mu.Unlock()
		if got := s.Get("/admin/webhooks/" + hookID).Must(200).String("webhook.secret"); got == secret || !strings.HasSuffix(got, "***") {
			t.Errorf("retrieve shows secret %q", got)
		}

		prod := s.Post("/admin/products", M{"title": "Hat"}).Must(200).String("product.id")
		s.Post("/admin/sales-channels/"+web+"/products", M{"add": A{"prod_missing"}}).Must(400) // rolled back
		s.Post("/admin/sales-channels/"+other+"/products", M{"add": A{prod}}).Must(200)         // another channel
		s.Post("/admin/sales-channels/"+web+"/products", M{"add": A{prod}}).Must(200)

		stop := s.App.RunWorkers()
		t.Cleanup(stop)
		succeeded := func() bool {
			return apitest.Scalar[int](t, s, `SELECT count(*) FROM webhook_delivery WHERE status = 'succeeded'`) == 1
		}
		waitFor(t, "a successful delivery", succeeded)
		stop()

		got := rc.received()
		if len(got) != 3 {
			t.Fatalf("receiver got %+v, want 2 failures and 1 success", got)
		}
		for _, r := range got {
			if r.id != got[0].id || r.typ != "sales-channel.products-added" || r.channel != web || !strings.HasPrefix(r.id, "evt_") {
				t.Errorf("attempt %+v, want sales-channel.products-added of %s with one webhook-id", r, web)
			}
		}
		log := s.Get("/admin/webhooks/" + hookID + "/deliveries").Must(200)
		if log.Int("count") != 1 || log.String("deliveries.0.status") != "succeeded" || log.Int("deliveries.0.attempts") != 3 ||
			log.Int("deliveries.0.response_code") != 200 || log.String("deliveries.0.event_id") != got[0].id {
			t.Errorf("delivery log %s", log.Body)
		}

		s.Post("/admin/webhooks/"+hookID+"/deliveries/"+log.String("deliveries.0.id")+"/redeliver", nil).Must(200)
		stop = s.App.RunWorkers()
		t.Cleanup(stop)
		waitFor(t, "the redelivery", func() bool { return len(rc.received()) == 4 && succeeded() })
		stop()
		if again := rc.received()[3]; again.id != got[0].id || again.status != 200 {
			t.Errorf("redelivery %+v, want webhook-id %s", again, got[0].id)
		}
	})
}

func TestWebhookRoutes(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		ch := s.Channel("Web")
		id := s.Post("/admin/webhooks", M{"url": "http://127.0.0.1:1/x", "events": A{"product.created", "sales-channel.*"}}).Must(200).String("webhook.id")
		apitest.Run(t, s, []apitest.Case{
			{Name: "list", Method: "GET", Path: "/admin/webhooks", Status: 200, Want: M{"count": 1, "webhooks": A{M{"id": id, "is_disabled": false, "sales_channel_id": nil}}}},
			{Name: "no events", Method: "POST", Path: "/admin/webhooks", Body: M{"url": "http://127.0.0.1:1/x", "events": A{}}, Status: 400},
			{Name: "bad pattern", Method: "POST", Path: "/admin/webhooks", Body: M{"url": "http://127.0.0.1:1/x", "events": A{"a*b"}}, Status: 400},
			{Name: "bad url", Method: "POST", Path: "/admin/webhooks", Body: M{"url": "ftp://example.com", "events": A{"*"}}, Status: 400},
			{Name: "unknown channel", Method: "POST", Path: "/admin/webhooks", Body: M{"url": "http://127.0.0.1:1/x", "events": A{"*"}, "sales_channel_id": "sc_nope"}, Status: 400},
			{Name: "update", Method: "POST", Path: "/admin/webhooks/" + id, Body: M{"is_disabled": true, "sales_channel_id": ch}, Status: 200,
				Want: M{"webhook": M{"is_disabled": true, "sales_channel_id": ch}}},
			{Name: "unknown", Method: "GET", Path: "/admin/webhooks/wh_nope", Status: 404},
			{Name: "deliveries of unknown", Method: "GET", Path: "/admin/webhooks/wh_nope/deliveries", Status: 404},
			{Name: "redeliver unknown", Method: "POST", Path: "/admin/webhooks/" + id + "/deliveries/msg_nope/redeliver", Status: 404},
			{Name: "delete", Method: "DELETE", Path: "/admin/webhooks/" + id, Status: 200, Want: M{"id": id, "object": "webhook", "deleted": true}},
			{Name: "gone", Method: "GET", Path: "/admin/webhooks/" + id, Status: 404},
		})
	})
}
