package order

import (
	"context"
	"slices"

	"channeld/internal/outbox"
	"channeld/internal/platform/db"
)

// Service is the order use cases. Orders are placed by the cart module inside its
// completion transaction, so Place joins the caller's transaction; reads go to the reader
// pool.
type Service struct {
	db *db.DB
	rd Readers
}

// NewService returns an order service on d; rd are the services its answers read from.
func NewService(d *db.DB, rd Readers) *Service { return &Service{db: d, rd: rd} }

// Place writes a new order and its lines in tx, sets its display id, counts it and emits
// order.placed in the same transaction.
func (s *Service) Place(ctx context.Context, tx db.DBTX, o *Order) error {
	if err := insert(ctx, tx, s.db.Engine, o); err != nil {
		return err
	}
	if err := count(ctx, tx, o); err != nil {
		return err
	}
	return outbox.Append(ctx, tx, o.CreatedAt, outbox.IDEvent(EventPlaced, o.ID))
}

// ForCart returns the order a cart was completed into, read through q (the caller's
// transaction), or the not-found error when it has none.
func (s *Service) ForCart(ctx context.Context, q db.DBTX, cartID string) (*Order, error) {
	return getWhere(ctx, q, `cart_id = $1`, cartID, errNoCartOrder(cartID))
}

// List returns a page of orders matching f, in order, and the count of all that match.
func (s *Service) List(ctx context.Context, f Filter, order string, limit, offset int) ([]*Order, int, error) {
	return list(ctx, s.db.Read(), s.db, f, order, limit, offset)
}

// Get returns an order or the 404.
func (s *Service) Get(ctx context.Context, orderID string) (*Order, error) {
	return getWhere(ctx, s.db.Read(), `id = $1`, orderID, ErrNotFound(orderID))
}

// GetInChannels returns an order placed in one of channelIDs; any other order answers the
// same 404 as an unknown one, so a storefront cannot probe other channels' orders.
func (s *Service) GetInChannels(ctx context.Context, orderID string, channelIDs []string) (*Order, error) {
	o, err := s.Get(ctx, orderID)
	if err != nil {
		return nil, err
	}
	if o.SalesChannelID == nil || !slices.Contains(channelIDs, *o.SalesChannelID) {
		return nil, ErrNotFound(orderID)
	}
	return o, nil
}
