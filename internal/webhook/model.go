// Package webhook delivers channeld's events to the merchant's HTTP endpoints, signed as the
// Standard Webhooks specification says (webhook-id, webhook-timestamp, webhook-signature), so
// receivers verify them with that specification's libraries. The outbox relay fans each event
// out into one delivery row per matching endpoint; a dispatcher sends each endpoint's
// deliveries in order, retrying with back-off for more than a day before it disables the
// endpoint and says why.
package webhook

import (
	"crypto/rand"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"strings"
	"time"
)

// Webhook is an endpoint that receives the events its patterns match.
type Webhook struct {
	ID             string
	URL            string
	Events         []string
	SalesChannelID *string
	Secret         string
	IsDisabled     bool
	DisabledReason *string
	FailingSince   *time.Time
	CreatedAt      time.Time
	UpdatedAt      time.Time
	DeletedAt      *time.Time
}

// Delivery is one event on its way to one endpoint.
type Delivery struct {
	ID            string
	WebhookID     string
	EventID       string
	EventName     string
	Payload       json.RawMessage
	EventAt       time.Time
	Status        string
	Attempts      int
	NextAttemptAt time.Time
	LastError     *string
	ResponseCode  *int
	CreatedAt     time.Time
	UpdatedAt     time.Time
	DeliveredAt   *time.Time
}

// The states of a delivery: pending until it succeeds or its endpoint gives up.
const (
	StatusPending   = "pending"
	StatusSucceeded = "succeeded"
	StatusFailed    = "failed"
)

// The events of webhook writes.
const (
	EventCreated = "webhook.created"
	EventUpdated = "webhook.updated"
	EventDeleted = "webhook.deleted"
)

// newSecret returns a signing secret in the Standard Webhooks format: whsec_ and the base64
// of 32 random bytes.
func newSecret() (string, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return "", fmt.Errorf("make webhook secret: %w", err)
	}
	return "whsec_" + base64.StdEncoding.EncodeToString(b), nil
}

// redacted is the secret as answers other than the create one show it.
func redacted(secret string) string {
	if len(secret) < 10 {
		return "whsec_***"
	}
	return secret[:9] + "***"
}

// Matches reports whether the endpoint wants an event: its name matches one of the
// patterns (a name, "prefix.*", or "*"), and, for an endpoint limited to a channel, the
// event names that channel (see channelOf).
func (w *Webhook) Matches(name string, payload json.RawMessage) bool {
	if w.SalesChannelID != nil && channelOf(name, payload) != *w.SalesChannelID {
		return false
	}
	for _, p := range w.Events {
		if matchPattern(p, name) {
			return true
		}
	}
	return false
}

func matchPattern(pattern, name string) bool {
	if pattern == "*" || pattern == name {
		return true
	}
	prefix, ok := strings.CutSuffix(pattern, "*")
	return ok && strings.HasPrefix(name, prefix)
}

// channelOf is the channel an event is about: the id of a sales-channel.* event (a link
// event's id is its channel too), else the sales_channel_id its payload carries, if any.
func channelOf(name string, payload json.RawMessage) string {
	var p struct {
		ID             string `json:"id"`
		SalesChannelID string `json:"sales_channel_id"`
	}
	_ = json.Unmarshal(payload, &p)
	if strings.HasPrefix(name, "sales-channel.") {
		return p.ID
	}
	return p.SalesChannelID
}

// validPattern reports whether an events entry is a name or a wildcard channeld can match.
func validPattern(p string) bool {
	if p == "" || len(p) > 200 {
		return false
	}
	body := strings.TrimSuffix(p, "*")
	if strings.Contains(body, "*") {
		return false
	}
	for _, r := range body {
		if !(r >= 'a' && r <= 'z' || r >= '0' && r <= '9' || r == '-' || r == '.' || r == '_') {
			return false
		}
	}
	return true
}
