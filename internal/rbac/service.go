package rbac

import (
	"context"

	"channeld/internal/audit"
	"channeld/internal/auth"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/link"
)

// ChannelLink names the assignments' channel column, so that deleting a channel removes its
// assignments with its other links (saleschannel.Links.All).
var ChannelLink = link.Table{Name: "user_rbac_role", Left: "user_id", Right: "sales_channel_id"}

// Channels is what this module asks of the sales channel module: which of some channel ids
// are not live channels, read through the caller's transaction (saleschannel.Service.Missing).
type Channels interface {
	Missing(ctx context.Context, q db.DBTX, ids []string) ([]string, error)
}

// Service is the policy, role, assignment and user-administration use cases; each write is
// one transaction with its audit entries.
type Service struct {
	db       *db.DB
	now      clock.Clock
	newID    id.Source
	audits   *audit.Recorder
	users    *auth.Service
	channels Channels
}

// NewService returns the service on d. Users are stored by the auth module; channels tells
// which channels exist.
func NewService(d *db.DB, now clock.Clock, newID id.Source, audits *audit.Recorder, users *auth.Service, channels Channels) *Service {
	return &Service{db: d, now: now, newID: newID, audits: audits, users: users, channels: channels}
}
