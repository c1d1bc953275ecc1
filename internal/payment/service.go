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

// Service keeps payment collections and sessions. A collection pays a cart, and the cart
// module runs every payment use case in its own transaction (it locks the cart and reaches
// this service through its Payments interface), so the methods here join the caller's
// transaction and payment does not depend on carts.
type Service struct {
	db      *db.DB
	now     clock.Clock
	newID   id.Source
	regions *region.Service
}

// NewService returns a payment service; regions tells which providers a region enables.
func NewService(d *db.DB, now clock.Clock, newID id.Source, regions *region.Service) *Service {
	return &Service{db: d, now: now, newID: newID, regions: regions}
}

func errCollectionNotFound(collectionID string) error {
	return apperr.NotFoundf("PaymentCollection with id: %s was not found", collectionID)
}

// ForCart returns the cart's collection with its sessions, read through q, or the not-found
// error when the cart has none.
func (s *Service) ForCart(ctx context.Context, q db.DBTX, cartID string) (*Collection, error) {
	return get(ctx, q, `cart_id = $1`, cartID, "", apperr.NotFoundf("Cart %s has no payment collection", cartID))
}

// Lock reads a collection with its sessions in tx and locks it until tx ends.
func (s *Service) Lock(ctx context.Context, tx db.DBTX, collectionID string) (*Collection, error) {
	return get(ctx, tx, `id = $1`, collectionID, s.db.ForUpdate(), errCollectionNotFound(collectionID))
}

// Open returns the collection of t's cart, creating it for t's total when there is none, so
// that retrying the request is harmless. It runs in the cart's transaction.
func (s *Service) Open(ctx context.Context, tx db.DBTX, t Target) (*Collection, error) {
	c, err := s.ForCart(ctx, tx, t.CartID)
	if !apperr.Is(err, apperr.NotFound) {
		return c, err
	}
	now := s.now()
	c = &Collection{ID: s.newID(id.PaymentColl), CartID: t.CartID, RegionID: t.RegionID, CurrencyCode: t.CurrencyCode,
		Amount: t.Total, Status: StatusNotPaid, CreatedAt: now, UpdatedAt: now, Sessions: []*Session{}}
	return c, insertCollection(ctx, tx, c)
}

// StartSession opens a session with provider for the collection's amount, replacing any
// session opened before. The provider must be enabled in the region of t, the cart the
// collection pays. It runs in the cart's transaction, with c locked.
func (s *Service) StartSession(ctx context.Context, tx db.DBTX, c *Collection, t Target, provider string, data json.RawMessage) (*Collection, error) {
	if err := s.checkProvider(ctx, tx, t.RegionID, provider); err != nil {
		return nil, err
	}
	if len(data) == 0 || string(data) == "null" {
		data = json.RawMessage(`{}`)
	}
	now := s.now()
	ses := &Session{ID: s.newID(id.PaymentSession), CollectionID: c.ID, ProviderID: provider, CurrencyCode: c.CurrencyCode,
		Amount: c.Amount, Data: data, Status: StatusPending, CreatedAt: now, UpdatedAt: now}
	if err := replaceSessions(ctx, tx, ses); err != nil {
		return nil, err
	}
	c.Sessions = []*Session{ses}
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
