// Package apikey owns API keys: publishable keys, which scope a storefront to a set of sales
// channels, and secret keys, which authenticate admin requests. Keys can be revoked (now or
// at a later time) and, once revoked, hard-deleted together with their channel links.
package apikey

import (
	"context"
	"time"

	"channeld/internal/platform/ctxval"
	"channeld/internal/platform/link"
)

// The two kinds of key.
const (
	Publishable = "publishable"
	Secret      = "secret"
)

// The events of key writes; a revocation is an update, as in Medusa.
const (
	EventCreated = "api-key.created"
	EventUpdated = "api-key.updated"
	EventDeleted = "api-key.deleted"
)

// ChannelLink is the link table between publishable keys and sales channels.
var ChannelLink = link.Table{Name: "publishable_api_key_sales_channel", Left: "publishable_key_id", Right: "sales_channel_id"}

// APIKey is one key as the API shows it.
type APIKey struct {
	ID string
	// Token is a publishable key's token. For a secret key it is empty, except on the key
	// Create returns, which carries the raw token the one time it is shown.
	Token      string
	Redacted   string
	Title      string
	Type       string
	LastUsedAt *time.Time
	CreatedBy  string
	RevokedBy  *string
	RevokedAt  *time.Time
	CreatedAt  time.Time
	UpdatedAt  time.Time
}

// Live reports whether the key is not revoked at now; a revocation set in the future has not
// taken effect yet.
func (k *APIKey) Live(now time.Time) bool { return k.RevokedAt == nil || k.RevokedAt.After(now) }

// Filter selects keys for a list.
type Filter struct {
	Q         string
	IDs       []string // nil: any id
	Titles    []string
	Tokens    []string
	Type      string
	CreatedAt map[string]any
	UpdatedAt map[string]any
	DeletedAt map[string]any // keys are hard-deleted: deleted_at is always null
	RevokedAt map[string]any
	And, Or   []Filter
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}

// Scope is what a valid publishable key gives a storefront request: the key and the ids of
// its linked, not deleted channels in id order (disabled ones included: the storefront
// decides what a disabled channel means).
type Scope struct {
	KeyID      string
	Token      string
	ChannelIDs []string
}

// WithScope returns ctx carrying s.
func WithScope(ctx context.Context, s Scope) context.Context { return ctxval.With(ctx, s) }

// ScopeFrom returns the publishable key scope of a storefront request.
func ScopeFrom(ctx context.Context) (Scope, bool) { return ctxval.From[Scope](ctx) }
