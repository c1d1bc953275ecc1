// Package payment owns payment collections and their sessions: a cart's collection holds the
// amount to pay, and a session is one attempt with a provider. Only the built-in system
// provider exists, which authorizes every session, so Medusa's checkout sequence runs
// unchanged while real providers are out of scope.
package payment

import (
	"encoding/json"
	"time"
)

// SystemProvider is Medusa's built-in provider id; regions enable it like any provider.
const SystemProvider = "pp_system_default"

// Statuses of collections and sessions, with Medusa's names.
const (
	StatusNotPaid    = "not_paid"
	StatusAuthorized = "authorized"
	StatusPending    = "pending"
)

// Collection is the payment of one cart: Amount (minor units) follows the cart's total.
type Collection struct {
	ID               string
	CartID           string
	RegionID         *string
	CurrencyCode     string
	Amount           int64
	AuthorizedAmount int64
	Status           string
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Sessions         []*Session
	Payments         []*Payment // read by ForCarts only
}

// Session is one attempt to pay a collection with a provider.
type Session struct {
	ID           string
	CollectionID string
	ProviderID   string
	CurrencyCode string
	Amount       int64
	Data         json.RawMessage
	Status       string
	AuthorizedAt *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Target is what a collection pays: a cart the caller may reach, not yet completed.
type Target struct {
	CartID       string
	RegionID     *string
	CurrencyCode string
	Total        int64
}
