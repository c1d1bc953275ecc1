// Package saleschannel owns sales channels: where a merchant sells (a web shop, an app, a
// marketplace). A channel has a name, a description, can be disabled, carries metadata and is
// soft-deleted so that carts and orders keep pointing at it.
package saleschannel

import (
	"encoding/json"
	"time"
)

// SalesChannel is one channel as stored.
type SalesChannel struct {
	ID          string
	Name        string
	Description *string
	IsDisabled  bool
	Metadata    json.RawMessage // nil means null
	CreatedAt   time.Time
	UpdatedAt   time.Time
	DeletedAt   *time.Time
	SellerID    *string

	// The commerce settings, loaded when a route's fields ask for them; ordered by code.
	Currencies []Currency
	Locales    []Locale
}

// Events emitted by this module, with payload {id}.
const (
	EventCreated = "sales-channel.created"
	EventUpdated = "sales-channel.updated"
	EventDeleted = "sales-channel.deleted"
)

// CreateInput is a new channel.
type CreateInput struct {
	Name        string
	Description *string
	IsDisabled  bool
	Metadata    json.RawMessage
	Settings    SettingsInput
	SellerID    *string
}

// UpdateInput changes the fields that are set; a nil pointer leaves a field alone.
type UpdateInput struct {
	Name           *string
	SetDescription bool
	Description    *string // with SetDescription, nil clears it
	IsDisabled     *bool
	SetMetadata    bool
	Metadata       json.RawMessage // with SetMetadata, nil clears it; an object replaces it whole
	Settings       SettingsInput
	SetSeller      bool
	SellerID       *string // with SetSeller, nil leaves the channel without a seller
}

// Filter selects channels for a list.
type Filter struct {
	Q           string
	IDs         []string // nil: any id
	Names       []string
	Description *string
	IsDisabled  *bool
	CreatedAt   map[string]any
	UpdatedAt   map[string]any
	DeletedAt   map[string]any // naming deleted_at also shows soft-deleted channels
	And, Or     []Filter
	// KeyIDs and LocationIDs keep channels linked to those publishable keys or locations.
	KeyIDs      []string
	LocationIDs []string
	SellerIDs   []string
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}
