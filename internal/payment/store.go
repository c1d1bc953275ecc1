package payment

import (
	"context"
	"fmt"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// get reads the collection matching where (with arg as $1) and its sessions, or answers
// notFound; lock is appended to the collection query.
func get(ctx context.Context, q db.DBTX, where, arg, lock string, notFound error) (*Collection, error) {
	c, err := sqlq.One(q.QueryRowContext(ctx, `SELECT id, cart_id, region_id, currency_code, amount, authorized_amount, status,
		created_at, updated_at FROM payment_collection WHERE `+where+lock, arg), scanCollection, notFound, "read payment collection")
	if err != nil {
		return nil, err
	}
	c.Sessions, err = sqlq.Collect(ctx, q, func(r sqlq.Scanner) (*Session, error) {
		s := Session{CollectionID: c.ID}
		err := r.Scan(&s.ID, &s.ProviderID, &s.CurrencyCode, &s.Amount, db.JSONDest(&s.Data), &s.Status,
			db.NullTimeDest(&s.AuthorizedAt), db.TimeDest(&s.CreatedAt), db.TimeDest(&s.UpdatedAt))
		return &s, err
	}, `SELECT id, provider_id, currency_code, amount, data, status, authorized_at,
		created_at, updated_at FROM payment_session WHERE payment_collection_id = $1 ORDER BY id`, c.ID)
	if err != nil {
		return nil, fmt.Errorf("read sessions of %s: %w", c.ID, err)
	}
	if c.Sessions == nil {
		c.Sessions = []*Session{}
	}
	return c, nil
}

var scanCollection = sqlq.Into(func(c *Collection) []any {
	return append([]any{&c.ID, &c.CartID, &c.RegionID, &c.CurrencyCode, &c.Amount, &c.AuthorizedAmount, &c.Status},
		db.Stamps(&c.CreatedAt, &c.UpdatedAt)...)
})

func insertCollection(ctx context.Context, tx db.DBTX, c *Collection) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO payment_collection (id, cart_id, region_id, currency_code, amount,
		authorized_amount, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		c.ID, c.CartID, c.RegionID, c.CurrencyCode, c.Amount, c.AuthorizedAmount, c.Status,
		db.Time{Time: c.CreatedAt}, db.Time{Time: c.UpdatedAt})
	if err != nil {
		return fmt.Errorf("insert payment collection for %s: %w", c.CartID, err)
	}
	return nil
}

// replaceSessions deletes the collection's sessions and inserts s: a collection keeps only
// the session the shopper opened last, as Medusa does.
func replaceSessions(ctx context.Context, tx db.DBTX, s *Session) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM payment_session WHERE payment_collection_id = $1`, s.CollectionID); err != nil {
		return fmt.Errorf("delete sessions of %s: %w", s.CollectionID, err)
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO payment_session (id, payment_collection_id, provider_id, currency_code,
		amount, data, status, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		s.ID, s.CollectionID, s.ProviderID, s.CurrencyCode, s.Amount, string(s.Data), s.Status,
		db.Time{Time: s.CreatedAt}, db.Time{Time: s.UpdatedAt})
	if err != nil {
		return fmt.Errorf("insert payment session: %w", err)
	}
	return nil
}

// Refresh makes the cart's collection, if any, pay t's total in t's currency. When the
// amount or currency changes, the open sessions are dropped: they were started for another
// amount, and the shopper opens a new one, as in Medusa. It runs in the cart's transaction.
func (s *Service) Refresh(ctx context.Context, tx db.DBTX, t Target) error {
	now := s.now()
	res, err := tx.ExecContext(ctx, `UPDATE payment_collection SET amount = $2, currency_code = $3, region_id = $4,
		updated_at = $5 WHERE cart_id = $1 AND (amount <> $2 OR currency_code <> $3)`,
		t.CartID, t.Total, t.CurrencyCode, t.RegionID, db.Time{Time: now})
	if err != nil {
		return fmt.Errorf("refresh payment collection of %s: %w", t.CartID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return fmt.Errorf("refresh payment collection of %s: %w", t.CartID, err)
	}
	if n == 0 {
		return nil
	}
	_, err = tx.ExecContext(ctx, `DELETE FROM payment_session
		WHERE payment_collection_id IN (SELECT id FROM payment_collection WHERE cart_id = $1)`, t.CartID)
	if err != nil {
		return fmt.Errorf("drop sessions of cart %s: %w", t.CartID, err)
	}
	return nil
}

// Authorize authorizes the pending session of the cart's collection with its provider (the
// system provider accepts it as it is) and returns the order's payment status: authorized,
// or not_paid when the cart has no pending session. It runs in the completing transaction.
func (s *Service) Authorize(ctx context.Context, tx db.DBTX, cartID string) (string, error) {
	now := s.now()
	at := db.Time{Time: now}
	res, err := tx.ExecContext(ctx, `UPDATE payment_session SET status = $2, authorized_at = $3, updated_at = $3
		WHERE status = $4 AND payment_collection_id IN (SELECT id FROM payment_collection WHERE cart_id = $1)`,
		cartID, StatusAuthorized, at, StatusPending)
	if err != nil {
		return "", fmt.Errorf("authorize payment of cart %s: %w", cartID, err)
	}
	n, err := res.RowsAffected()
	if err != nil {
		return "", fmt.Errorf("authorize payment of cart %s: %w", cartID, err)
	}
	if n == 0 {
		return StatusNotPaid, nil
	}
	_, err = tx.ExecContext(ctx, `UPDATE payment_collection SET status = $2, authorized_amount = amount, updated_at = $3
		WHERE cart_id = $1`, cartID, StatusAuthorized, at)
	if err != nil {
		return "", fmt.Errorf("authorize payment collection of cart %s: %w", cartID, err)
	}
	return StatusAuthorized, s.recordPayments(ctx, tx, cartID, now)
}
