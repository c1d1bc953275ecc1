package webhook

import (
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sync"

	standardwebhooks "github.com/standard-webhooks/standard-webhooks/libraries/go"
)

// Receiver is an HTTP handler that verifies Standard Webhooks deliveries with secret and
// prints each verified event as one line of JSON to out: the smallest merchant endpoint, for
// trying webhooks out (`channeld webhook listen`).
func Receiver(secret string, out io.Writer) (http.Handler, error) {
	wh, err := standardwebhooks.NewWebhook(secret)
	if err != nil {
		return nil, fmt.Errorf("webhook secret: %w", err)
	}
	var mu sync.Mutex
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		payload, err := io.ReadAll(io.LimitReader(r.Body, 1<<20))
		if err != nil {
			http.Error(w, "unreadable body", http.StatusBadRequest)
			return
		}
		if err := wh.Verify(payload, r.Header); err != nil {
			http.Error(w, "signature does not verify: "+err.Error(), http.StatusUnauthorized)
			return
		}
		line, err := json.Marshal(struct {
			ID       string          `json:"webhook_id"`
			Verified bool            `json:"verified"`
			Event    json.RawMessage `json:"event"`
		}{r.Header.Get(standardwebhooks.HeaderWebhookID), true, payload})
		if err != nil {
			http.Error(w, "body is not JSON", http.StatusBadRequest)
			return
		}
		mu.Lock()
		fmt.Fprintf(out, "%s\n", line)
		mu.Unlock()
		w.WriteHeader(http.StatusNoContent)
	}), nil
}
