// Package seller owns sellers: who sells through a sales channel (the merchant itself, a
// vendor, a marketplace seller). A channel names at most one seller; a seller may sell
// through many channels. The channel's seller_id column belongs to the sales channel module,
// which this one asks through Channels.
package seller

import (
	"context"
	"encoding/json"
	"time"

	"channeld/internal/platform/db"
	"channeld/internal/saleschannel"
)

// Seller is one seller as stored.
type Seller struct {
	ID        string
	Name      string
	Email     *string
	Metadata  json.RawMessage // nil means null
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time

	SalesChannels []*saleschannel.SalesChannel // loaded when a route's fields ask for them
}

// Events emitted by this module, with payload {id}.
const (
	EventCreated = "seller.created"
	EventUpdated = "seller.updated"
	EventDeleted = "seller.deleted"
)

// CreateInput is a new seller.
type CreateInput struct {
	Name     string
	Email    *string
	Metadata json.RawMessage
}

// UpdateInput changes the fields that are set.
type UpdateInput struct {
	Name        *string
	SetEmail    bool
	Email       *string // with SetEmail, nil clears it
	SetMetadata bool
	Metadata    json.RawMessage // with SetMetadata, nil clears it
}

// Filter selects sellers for a list.
type Filter struct {
	Q         string
	IDs       []string
	Names     []string
	CreatedAt map[string]any
	UpdatedAt map[string]any
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}

// Channels is what this module asks of the sales channel module, reading through the
// caller's connection or transaction: the live channels of sellers, by seller id, each
// seller's ordered by channel id.
type Channels interface {
	OfSellers(ctx context.Context, q db.DBTX, sellerIDs []string) (map[string][]*saleschannel.SalesChannel, error)
}
