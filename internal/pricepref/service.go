package pricepref

import (
	"context"
	"fmt"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
)

// Prefix is the id prefix of a price preference, Medusa's.
const Prefix = "prpref"

// Service is the price preference use cases; each write is one transaction with its audit
// entry. Medusa's pricing module emits no event for preferences, nor does this one.
type Service struct {
	db    *db.DB
	now   clock.Clock
	newID id.Source
	audit *audit.Recorder
}

// NewService returns a service on d.
func NewService(d *db.DB, now clock.Clock, newID id.Source, rec *audit.Recorder) *Service {
	return &Service{db: d, now: now, newID: newID, audit: rec}
}

// Get returns a live preference.
func (s *Service) Get(ctx context.Context, prefID string) (*Preference, error) {
	return get(ctx, s.db.Read(), prefID)
}

// List returns a page of live preferences matching f and the total count.
func (s *Service) List(ctx context.Context, f Filter, p Page) ([]*Preference, int, error) {
	return list(ctx, s.db.Read(), s.db.ILike(), f, p)
}

// Create makes a preference; a live one with the same attribute and value is refused.
func (s *Service) Create(ctx context.Context, in CreateInput) (*Preference, error) {
	now := s.now()
	p := &Preference{ID: s.newID(Prefix), Attribute: in.Attribute, Value: &in.Value, CreatedAt: now, UpdatedAt: now}
	if in.IsTaxInclusive != nil {
		p.IsTaxInclusive = *in.IsTaxInclusive
	}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := insert(ctx, tx, p); err != nil {
			return err
		}
		return s.record(ctx, tx, "price_preference.created", p.ID, nil, p)
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// Update changes the set fields of a live preference.
func (s *Service) Update(ctx context.Context, prefID string, in UpdateInput) (*Preference, error) {
	var out *Preference
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		p, err := get(ctx, tx, prefID)
		if err != nil {
			return err
		}
		before := *p
		if in.Attribute != nil {
			p.Attribute = *in.Attribute
		}
		if in.Value != nil {
			p.Value = in.Value
		}
		if in.IsTaxInclusive != nil {
			p.IsTaxInclusive = *in.IsTaxInclusive
		}
		p.UpdatedAt = s.now()
		if err := update(ctx, tx, p); err != nil {
			return err
		}
		out = p
		return s.record(ctx, tx, "price_preference.updated", p.ID, &before, p)
	})
	return out, err
}

// Delete soft-deletes a preference; a missing one is no error, as in Medusa.
func (s *Service) Delete(ctx context.Context, prefID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		p, err := get(ctx, tx, prefID)
		if apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if _, err := sqlq.SoftDelete(ctx, tx, "price_preference", prefID, s.now()); err != nil {
			return fmt.Errorf("delete price preference %s: %w", prefID, err)
		}
		return s.record(ctx, tx, "price_preference.deleted", p.ID, p, nil)
	})
}

// record writes the audit entry of a change, before and after as the API writes them.
func (s *Service) record(ctx context.Context, tx db.DBTX, action, prefID string, before, after *Preference) error {
	b, a := auditFields(before), auditFields(after)
	if before != nil && after != nil {
		var changed bool
		if b, a, changed = audit.Changed(b, a); !changed {
			return nil
		}
	}
	return s.audit.Record(ctx, tx, audit.Entry{Action: action, Resource: "price_preference", ResourceID: prefID, Before: b, After: a})
}

func auditFields(p *Preference) audit.Fields {
	if p == nil {
		return nil
	}
	return audit.Fields{"attribute": p.Attribute, "value": p.Value, "is_tax_inclusive": p.IsTaxInclusive}
}
