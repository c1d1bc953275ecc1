package seller

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/audit"
	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
	"channeld/internal/rbac"
	"channeld/internal/saleschannel"
)

// Service is the seller use cases; each write is one transaction with its events.
type Service struct {
	db       *db.DB
	now      clock.Clock
	newID    id.Source
	channels Channels
	audit    *audit.Recorder
}

// NewService returns a service on d; channels tells which channels a seller sells through,
// rec records every change.
func NewService(d *db.DB, now clock.Clock, newID id.Source, channels Channels, rec *audit.Recorder) *Service {
	return &Service{db: d, now: now, newID: newID, channels: channels, audit: rec}
}

// Get returns a live seller.
func (s *Service) Get(ctx context.Context, sellerID string) (*Seller, error) {
	return get(ctx, s.db.Read(), sellerID, "")
}

// List returns a page of live sellers matching f and the total count.
func (s *Service) List(ctx context.Context, f Filter, p Page) ([]*Seller, int, error) {
	return list(ctx, s.db.Read(), s.db.ILike(), f, p)
}

// Create makes a seller and emits seller.created.
func (s *Service) Create(ctx context.Context, in CreateInput) (*Seller, error) {
	now := s.now()
	sl := &Seller{ID: s.newID(id.Seller), Name: in.Name, Email: in.Email, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		// A seller is created store-wide (§5.6).
		if err := rbac.CheckWrite(ctx, rbac.Policies{"seller:create"}, "seller", "create", nil); err != nil {
			return err
		}
		if err := insert(ctx, tx, sl); err != nil {
			return err
		}
		if err := s.audit.Record(ctx, tx, sellerEntry("created", sl.ID, nil, auditFields(sl))); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventCreated, sl.ID))
	})
	if err != nil {
		return nil, err
	}
	return sl, nil
}

// Update changes a seller and emits seller.updated.
func (s *Service) Update(ctx context.Context, sellerID string, in UpdateInput) (*Seller, error) {
	var sl *Seller
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if sl, err = get(ctx, tx, sellerID, s.db.ForUpdate()); err != nil {
			return err
		}
		// An update needs seller:update in every channel of the seller.
		chans, err := channelsOf(ctx, tx, sellerID)
		if err != nil {
			return err
		}
		if err := rbac.CheckWrite(ctx, rbac.Policies{"seller:update"}, "seller", "update", chans); err != nil {
			return err
		}
		before := auditFields(sl)
		if in.Name != nil {
			sl.Name = *in.Name
		}
		if in.SetEmail {
			sl.Email = in.Email
		}
		if in.SetMetadata {
			sl.Metadata = in.Metadata
		}
		sl.UpdatedAt = s.now()
		if err := update(ctx, tx, sl); err != nil {
			return err
		}
		if b, a, changed := audit.Changed(before, auditFields(sl)); changed {
			if err := s.audit.Record(ctx, tx, sellerEntry("updated", sl.ID, b, a)); err != nil {
				return err
			}
		}
		return outbox.Append(ctx, tx, sl.UpdatedAt, outbox.IDEvent(EventUpdated, sl.ID))
	})
	if err != nil {
		return nil, err
	}
	return sl, nil
}

// Delete soft-deletes a seller that sells through no live channel, and emits seller.deleted.
// An unknown or already deleted seller is not an error, as Medusa deletes.
func (s *Service) Delete(ctx context.Context, sellerID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		sl, err := get(ctx, tx, sellerID, s.db.ForUpdate())
		if apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if err := rbac.CheckWrite(ctx, rbac.Policies{"seller:delete"}, "seller", "delete", nil); err != nil {
			return err
		}
		chans, err := s.channels.OfSellers(ctx, tx, []string{sellerID})
		if err != nil {
			return err
		}
		if cs := chans[sellerID]; len(cs) > 0 {
			ids := make([]string, len(cs))
			for i, c := range cs {
				ids[i] = c.ID
			}
			return apperr.NotAllowedf("Seller %s still has sales channels: %s", sellerID, strings.Join(ids, ", "))
		}
		now := s.now()
		if _, err := sqlq.SoftDelete(ctx, tx, "seller", sellerID, now); err != nil {
			return fmt.Errorf("delete seller %s: %w", sellerID, err)
		}
		if err := s.audit.Record(ctx, tx, sellerEntry("deleted", sellerID, auditFields(sl), nil)); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventDeleted, sellerID))
	})
}

// auditFields returns the fields of a seller a write sets, as its audit entries record them.
func auditFields(sl *Seller) audit.Fields {
	return audit.Fields{"name": sl.Name, "email": sl.Email, "metadata": sl.Metadata}
}

// sellerEntry is a seller.<verb> entry; sellers are store-wide, so it names no channel.
func sellerEntry(verb, sellerID string, before, after any) audit.Entry {
	return audit.Entry{Action: "seller." + verb, Resource: "seller", ResourceID: sellerID, Before: before, After: after}
}

// Checker is the part of the module the sales channel module needs before this module's
// service exists (the service needs the channels): whether a seller exists.
type Checker struct{ db *db.DB }

// NewChecker returns the checker on d.
func NewChecker(d *db.DB) *Checker { return &Checker{db: d} }

// Exists reports, reading through q, whether sellerID names a live seller. The sales channel
// module asks it inside the transaction that makes a channel name the seller, and it locks
// the seller's row where the engine can, so that a deletion running at once waits for that
// transaction and then sees the channel.
func (c *Checker) Exists(ctx context.Context, q db.DBTX, sellerID string) (bool, error) {
	_, err := get(ctx, q, sellerID, c.db.ForUpdate())
	if apperr.Is(err, apperr.NotFound) {
		return false, nil
	}
	return err == nil, err
}

// loadChannels fills the live channels of ss, in one read, when sel asks for them.
func (s *Service) loadChannels(ctx context.Context, ss []*Seller, sel *fields.Selection) error {
	if len(ss) == 0 || (sel.Rel("sales_channels") == nil && !sel.Has("sales_channels")) {
		return nil
	}
	ids := make([]string, len(ss))
	for i, sl := range ss {
		ids[i] = sl.ID
	}
	chans, err := s.channels.OfSellers(ctx, s.db.Read(), ids)
	if err != nil {
		return err
	}
	for _, sl := range ss {
		sl.SalesChannels = chans[sl.ID]
		if sl.SalesChannels == nil {
			sl.SalesChannels = []*saleschannel.SalesChannel{}
		}
	}
	return nil
}
