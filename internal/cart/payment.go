package cart

import (
	"context"
	"encoding/json"

	"channeld/internal/apikey"
	"channeld/internal/payment"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
)

var _ payment.Checkout = (*Service)(nil)

// payable locks a cart the key reaches and that is still open, for a payment write in tx.
func (s *Service) payable(ctx context.Context, tx db.DBTX, cartID string, key apikey.Scope) (*Cart, error) {
	c, err := getCart(ctx, tx, cartID, s.db.ForUpdate())
	if err != nil {
		return nil, err
	}
	if err := s.reachable(ctx, tx, c, key); err != nil {
		return nil, err
	}
	if c.CompletedAt != nil {
		return nil, errCompleted(c.ID)
	}
	return c, nil
}

// OpenPaymentCollection returns the cart's payment collection, creating it for the cart's
// total first when the cart has none, so that retrying the request is harmless.
func (s *Service) OpenPaymentCollection(ctx context.Context, cartID string, key apikey.Scope) (*payment.Collection, error) {
	var col *payment.Collection
	// Payments are private to the shopper: they leave cached storefront pages valid.
	err := s.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		c, err := s.payable(ctx, tx, cartID, key)
		if err != nil {
			return err
		}
		col, err = s.Payments.Open(ctx, tx, target(c))
		return err
	})
	if err != nil {
		return nil, err
	}
	return col, nil
}

// StartPaymentSession opens a session with provider on a collection of a cart the key
// reaches; a collection of a cart out of reach is the same 404 as an unknown one.
func (s *Service) StartPaymentSession(ctx context.Context, collectionID string, key apikey.Scope, provider string,
	data json.RawMessage) (*payment.Collection, error) {
	var col *payment.Collection
	err := s.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		var err error
		if col, err = s.Payments.Lock(ctx, tx, collectionID); err != nil {
			return err
		}
		c, err := s.payable(ctx, tx, col.CartID, key)
		if apperr.Is(err, apperr.NotFound) {
			return apperr.NotFoundf("PaymentCollection with id: %s was not found", collectionID)
		}
		if err != nil {
			return err
		}
		col, err = s.Payments.StartSession(ctx, tx, col, target(c), provider, data)
		return err
	})
	if err != nil {
		return nil, err
	}
	return col, nil
}

// followPayment makes a payment started for the cart's old total follow the new one, in the
// transaction that changed the cart.
func (s *Service) followPayment(ctx context.Context, tx db.DBTX, c *Cart) error {
	if !c.hasPayment {
		return nil
	}
	var err error
	if c.Payment, err = s.Payments.ForCart(ctx, tx, c.ID); err != nil {
		return err
	}
	t := target(c)
	if c.Payment.Amount == t.Total && c.Payment.CurrencyCode == t.CurrencyCode {
		return nil
	}
	if err := s.Payments.Refresh(ctx, tx, t); err != nil {
		return err
	}
	c.Payment, err = s.Payments.ForCart(ctx, tx, c.ID)
	return err
}
