package payment

import (
	"context"
	"encoding/json"
	"slices"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/region"
)

// Carts finds the cart a collection pays. PaymentTarget locks the cart in tx and refuses a
// cart the key's channels do not reach (404) or a completed one.
type Carts interface {
	PaymentTarget(ctx context.Context, tx db.DBTX, cartID string, keyChannels []string) (Target, error)
}

// Service opens payment collections and sessions for carts.
type Service struct {
	db      *db.DB
	now     clock.Clock
	newID   id.Source
	carts   Carts
	regions *region.Service
}

// NewService returns a payment service paying the carts of carts.
func NewService(d *db.DB, now clock.Clock, newID id.Source, carts Carts, regions *region.Service) *Service {
	return &Service{db: d, now: now, newID: newID, carts: carts, regions: regions}
}

func errCollectionNotFound(collectionID string) error {
	return apperr.NotFoundf("PaymentCollection with id: %s was not found", collectionID)
}

// CreateForCart returns the cart's collection, creating it for the cart's total first when
// the cart has none, so that retrying the request is harmless.
func (s *Service) CreateForCart(ctx context.Context, cartID string, keyChannels []string) (*Collection, error) {
	var c *Collection
	// Payments are private to the shopper: they leave cached storefront pages valid.
	err := s.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		t, err := s.carts.PaymentTarget(ctx, tx, cartID, keyChannels)
		if err != nil {
			return err
		}
		if c, err = ForCart(ctx, tx, cartID); err != nil || c != nil {
			return err
		}
		now := s.now()
		c = &Collection{ID: s.newID(id.PaymentColl), CartID: t.CartID, RegionID: t.RegionID, CurrencyCode: t.CurrencyCode,
			Amount: t.Total, Status: StatusNotPaid, CreatedAt: now, UpdatedAt: now, Sessions: []*Session{}}
		return insertCollection(ctx, tx, c)
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// CreateSession opens a session with provider for the collection's amount, replacing any
// session opened before. The provider must be enabled in the cart's region.
func (s *Service) CreateSession(ctx context.Context, collectionID string, keyChannels []string, provider string, data json.RawMessage) (*Collection, error) {
	var c *Collection
	err := s.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		var err error
		c, err = ByID(ctx, tx, collectionID, s.db.ForUpdate())
		if err != nil {
			return err
		}
		if c == nil {
			return errCollectionNotFound(collectionID)
		}
		t, err := s.carts.PaymentTarget(ctx, tx, c.CartID, keyChannels)
		if apperr.Is(err, apperr.NotFound) {
			return errCollectionNotFound(collectionID)
		}
		if err != nil {
			return err
		}
		if err := s.checkProvider(ctx, tx, t.RegionID, provider); err != nil {
			return err
		}
		if len(data) == 0 || string(data) == "null" {
			data = json.RawMessage(`{}`)
		}
		now := s.now()
		ses := &Session{ID: s.newID(id.PaymentSession), CollectionID: c.ID, ProviderID: provider, CurrencyCode: c.CurrencyCode,
			Amount: c.Amount, Data: data, Status: StatusPending, CreatedAt: now, UpdatedAt: now}
		if err := replaceSessions(ctx, tx, ses); err != nil {
			return err
		}
		c.Sessions = []*Session{ses}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return c, nil
}

// checkProvider accepts a provider that exists and that the region, when the cart has one,
// enables.
func (s *Service) checkProvider(ctx context.Context, tx db.DBTX, regionID *string, provider string) error {
	if provider != SystemProvider {
		return apperr.NotFoundf("Payment provider with id: %s was not found", provider)
	}
	if regionID == nil {
		return nil
	}
	r, err := s.regions.Get(ctx, tx, *regionID)
	if err != nil {
		return err
	}
	if !slices.Contains(r.PaymentProviders, provider) {
		return apperr.Invalidf("Payment provider %s is not enabled in region %s; add it to the region's payment_providers", provider, r.ID)
	}
	return nil
}

// Providers returns the payment providers the region enables.
func (s *Service) Providers(ctx context.Context, regionID string) ([]string, error) {
	r, err := s.regions.Get(ctx, nil, regionID)
	if err != nil {
		return nil, err
	}
	return r.PaymentProviders, nil
}
