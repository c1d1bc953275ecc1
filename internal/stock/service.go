package stock

import (
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
	variants VariantChecker
}

// NewService returns a service on d; channels checks the channels locations are linked to.
func NewService(d *db.DB, now clock.Clock, newID id.Source, channels *saleschannel.Service) *Service {
	return &Service{db: d, now: now, newID: newID, channels: channels}
}
