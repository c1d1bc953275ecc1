package fulfillment

import (
	"context"

	"channeld/internal/audit"
	"channeld/internal/outbox"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/region"
)

// Locations is what this module needs of the stock module: that a stock location exists and
// the caller may read it (else its 404), and the caller's write check on it.
type Locations interface {
	CheckLocation(ctx context.Context, tx db.DBTX, locationID, op string) error
}

// Regions fixes the currency of a region price; the region module implements it.
type Regions interface {
	Get(ctx context.Context, q db.DBTX, regionID string) (*region.Region, error)
}

// Service is the fulfillment use cases; each write is one transaction with its audit entry
// and its event.
type Service struct {
	db        *db.DB
	now       clock.Clock
	newID     id.Source
	audit     *audit.Recorder
	locations Locations
	regions   Regions
	providers map[string]Provider
}

// NewService returns a service on d with the built-in manual provider.
func NewService(d *db.DB, now clock.Clock, newID id.Source, rec *audit.Recorder, locations Locations, regions Regions) *Service {
	return &Service{db: d, now: now, newID: newID, audit: rec, locations: locations, regions: regions,
		providers: map[string]Provider{ManualProviderID: Manual{}}}
}

// record writes the audit entry and the event of a change; the event is Medusa's
// (shipping-option.created), its payload {id}.
func (s *Service) record(ctx context.Context, tx db.DBTX, resource, verb, resourceID string, after any) error {
	entry := audit.Entry{Action: resource + "." + verb, Resource: resource, ResourceID: resourceID, After: after}
	if err := s.audit.Record(ctx, tx, entry); err != nil {
		return err
	}
	return outbox.Append(ctx, tx, s.now(), outbox.IDEvent(resource+"."+verb, resourceID))
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
