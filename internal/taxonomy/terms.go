package taxonomy

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// The tag and type use cases: the same for both kinds, in the kind's table.

// Term returns a live term of kind k.
func (s *Service) Term(ctx context.Context, k Kind, termID string) (*Term, error) {
	return getTerm(ctx, s.db.Read(), k, termID, "")
}

// Terms returns a page of live terms of kind k matching f and the total count.
func (s *Service) Terms(ctx context.Context, k Kind, f Filter, p Page) ([]*Term, int, error) {
	return listTerms(ctx, s.db.Read(), s.db.ILike(), k, f, p)
}

// CreateTerm makes a term of kind k.
func (s *Service) CreateTerm(ctx context.Context, k Kind, in TermInput) (*Term, error) {
	now := s.now()
	t := &Term{ID: s.newID(k.Prefix), Value: *in.Value, ExternalID: in.ExternalID, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := insertTerm(ctx, tx, k, t); err != nil {
			return err
		}
		return s.record(ctx, tx, resource(k), "created", t.ID, nil, termFields(t))
	})
	return t, err
}

// UpdateTerm changes the fields in sets.
func (s *Service) UpdateTerm(ctx context.Context, k Kind, termID string, in TermInput) (*Term, error) {
	var t *Term
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if t, err = getTerm(ctx, tx, k, termID, s.db.ForUpdate()); err != nil {
			return err
		}
		before := termFields(t)
		set(&t.Value, in.Value)
		if in.SetExternal {
			t.ExternalID = in.ExternalID
		}
		if in.SetMetadata {
			t.Metadata = in.Metadata
		}
		t.UpdatedAt = s.now()
		if err := updateTerm(ctx, tx, k, t); err != nil {
			return err
		}
		return s.record(ctx, tx, resource(k), "updated", t.ID, before, termFields(t))
	})
	return t, err
}

// DeleteTerm soft-deletes a term and takes it off its products; an unknown term is not an
// error, as Medusa deletes.
func (s *Service) DeleteTerm(ctx context.Context, k Kind, termID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		t, err := getTerm(ctx, tx, k, termID, s.db.ForUpdate())
		if apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		holders, err := sqlq.Collect(ctx, tx, sqlq.String, holdersOf(k), termID)
		if err != nil {
			return fmt.Errorf("read products of %s: %w", termID, err)
		}
		if err := sqlq.Exec(ctx, tx, "detach "+termID, k.Detach, termID); err != nil {
			return err
		}
		if _, err := sqlq.SoftDelete(ctx, tx, k.Table, termID, s.now()); err != nil {
			return fmt.Errorf("delete %s %s: %w", k.Table, termID, err)
		}
		if err := s.listing.Products(ctx, tx, holders); err != nil {
			return err
		}
		return s.record(ctx, tx, resource(k), "deleted", t.ID, termFields(t), nil)
	})
}

// holdersOf is the query for the ids of the products that hold a term of kind k.
func holdersOf(k Kind) string {
	if k.Table == Tags.Table {
		return `SELECT product_id FROM product_tags WHERE product_tag_id = $1`
	}
	return `SELECT id FROM product WHERE type_id = $1`
}

// resource is the audit resource and event prefix of kind k (product-tag).
func resource(k Kind) string { return strings.ReplaceAll(k.Table, "_", "-") }

func termFields(t *Term) audit.Fields {
	return audit.Fields{"value": t.Value, "external_id": t.ExternalID, "metadata": t.Metadata}
}
