package stock

import (
	"context"

	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/saleschannel"
)

// Service is the stock use cases; each write is one transaction.
type Service struct {
	db       *db.DB
	now      clock.Clock
	newID    id.Source
	channels *saleschannel.Service
	variants Variants
	shipping Shipping
}

// Variants confirms that a variant exists before items are linked to it; the product module
// implements it (product.Reader), with its own not-found errors.
type Variants interface {
	VariantExists(ctx context.Context, productID, variantID string) error
}

// Shipping returns which of the stock locations ship to storefronts; the fulfillment module
// provides it (fulfillment.LocationsThatShip), reading its tables through q.
type Shipping func(ctx context.Context, q db.DBTX, locationIDs []string) (map[string]bool, error)

// NewService returns a service on d; channels checks the channels locations are linked to,
// variants the variants items are linked to, shipping tells the availability explainer
// whether a channel's locations ship.
func NewService(d *db.DB, now clock.Clock, newID id.Source, channels *saleschannel.Service, variants Variants, shipping Shipping) *Service {
	return &Service{db: d, now: now, newID: newID, channels: channels, variants: variants, shipping: shipping}
}
