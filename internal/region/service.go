package region

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"time"

	"golang.org/x/text/language"

	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/money"
	"channeld/internal/pricepref"
)

// notFound is Medusa's message for a missing region.
const notFound = "Region with id: %s was not found"

// Service is the region use cases; each write is one transaction with its events.
type Service struct {
	db    *db.DB
	now   clock.Clock
	newID id.Source
}

// NewService returns a service on d.
func NewService(d *db.DB, now clock.Clock, newID id.Source) *Service {
	return &Service{db: d, now: now, newID: newID}
}

// Get returns a live region with its countries and payment providers, reading through q;
// the storefront uses it to fix the pricing context of a request.
func (s *Service) Get(ctx context.Context, q db.DBTX, regionID string) (*Region, error) {
	if q == nil {
		q = s.db.Read()
	}
	r, err := get(ctx, q, regionID)
	if err != nil {
		return nil, err
	}
	return r, loadRelations(ctx, q, []*Region{r})
}

// List returns a page of live regions matching f and the total count.
func (s *Service) List(ctx context.Context, f Filter, p Page) ([]*Region, int, error) {
	return list(ctx, s.db.Read(), s.db.ILike(), f, p)
}

// Create makes a region and emits region.created.
func (s *Service) Create(ctx context.Context, in CreateInput) (*Region, error) {
	cur, err := money.Normalize(in.CurrencyCode)
	if err != nil {
		return nil, err
	}
	countries, err := normalizeCountries(in.Countries)
	if err != nil {
		return nil, err
	}
	now := s.now()
	r := &Region{ID: s.newID(id.Region), Name: in.Name, CurrencyCode: cur, AutomaticTaxes: true,
		Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	if in.AutomaticTaxes != nil {
		r.AutomaticTaxes = *in.AutomaticTaxes
	}
	err = s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := insert(ctx, tx, r); err != nil {
			return err
		}
		if err := setCountries(ctx, tx, r.ID, countries, now); err != nil {
			return err
		}
		if err := setProviders(ctx, tx, r.ID, in.PaymentProviders); err != nil {
			return err
		}
		if err := s.setTaxInclusive(ctx, tx, r.ID, now, in.IsTaxInclusive); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventCreated, r.ID))
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, nil, r.ID)
}

// Update changes a region and emits region.updated.
func (s *Service) Update(ctx context.Context, regionID string, in UpdateInput) (*Region, error) {
	var countries []string
	if in.SetCountries {
		var err error
		if countries, err = normalizeCountries(in.Countries); err != nil {
			return nil, err
		}
	}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		r, err := get(ctx, tx, regionID)
		if err != nil {
			return err
		}
		if in.Name != nil {
			r.Name = *in.Name
		}
		if in.CurrencyCode != nil {
			if r.CurrencyCode, err = money.Normalize(*in.CurrencyCode); err != nil {
				return err
			}
		}
		if in.AutomaticTaxes != nil {
			r.AutomaticTaxes = *in.AutomaticTaxes
		}
		if in.SetMetadata {
			r.Metadata = in.Metadata
		}
		r.UpdatedAt = s.now()
		if err := update(ctx, tx, r); err != nil {
			return err
		}
		if in.SetCountries {
			if err := setCountries(ctx, tx, r.ID, countries, r.UpdatedAt); err != nil {
				return err
			}
		}
		if in.SetProviders {
			if err := setProviders(ctx, tx, r.ID, in.PaymentProviders); err != nil {
				return err
			}
		}
		if in.IsTaxInclusive != nil {
			if err := s.setTaxInclusive(ctx, tx, r.ID, r.UpdatedAt, in.IsTaxInclusive); err != nil {
				return err
			}
		}
		return outbox.Append(ctx, tx, r.UpdatedAt, outbox.IDEvent(EventUpdated, r.ID))
	})
	if err != nil {
		return nil, err
	}
	return s.Get(ctx, nil, regionID)
}

// Delete soft-deletes a region and frees its countries for other regions. An unknown or
// already deleted region is not an error, as in Medusa.
func (s *Service) Delete(ctx context.Context, regionID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		now := s.now()
		res, err := tx.ExecContext(ctx, `UPDATE region SET deleted_at = $2, updated_at = $2
			WHERE id = $1 AND deleted_at IS NULL`, regionID, db.FormatTime(now))
		if err != nil {
			return fmt.Errorf("delete region %s: %w", regionID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM region_country WHERE region_id = $1`, regionID); err != nil {
			return fmt.Errorf("free countries of %s: %w", regionID, err)
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventDeleted, regionID))
	})
}

// setTaxInclusive writes the region's price preference (attribute region_id), as Medusa's
// region workflows do: a new region gets one, false unless inclusive says otherwise.
func (s *Service) setTaxInclusive(ctx context.Context, tx db.DBTX, regionID string, now time.Time, inclusive *bool) error {
	return pricepref.SetTaxInclusive(ctx, tx, now, func() string { return s.newID(pricepref.Prefix) },
		pricepref.RegionAttribute, regionID, inclusive)
}

// normalizeCountries lower-cases and de-duplicates ISO 3166-1 alpha-2 codes and refuses
// codes that are not countries, naming them all.
func normalizeCountries(codes []string) ([]string, error) {
	seen := map[string]bool{}
	var out, bad []string
	for _, c := range codes {
		c = strings.ToLower(strings.TrimSpace(c))
		if seen[c] {
			continue
		}
		seen[c] = true
		if !isCountry(c) {
			bad = append(bad, c)
			continue
		}
		out = append(out, c)
	}
	if len(bad) > 0 {
		return nil, apperr.Invalidf(`Countries with codes: "%s" do not exist`, strings.Join(bad, ", "))
	}
	sort.Strings(out)
	return out, nil
}

func isCountry(code string) bool {
	if len(code) != 2 {
		return false
	}
	r, err := language.ParseRegion(code)
	return err == nil && r.IsCountry() && strings.EqualFold(r.String(), code)
}
