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
}

// Variants confirms that a variant exists before items are linked to it; the product module
// implements it (product.Reader), with its own not-found errors.
type Variants interface {
	VariantExists(ctx context.Context, productID, variantID string) error
}

// NewService returns a service on d; channels checks the channels locations are linked to,
// variants the variants items are linked to.
func NewService(d *db.DB, now clock.Clock, newID id.Source, channels *saleschannel.Service, variants Variants) *Service {
	return &Service{db: d, now: now, newID: newID, channels: channels, variants: variants}
}
