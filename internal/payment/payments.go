package payment

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/id"
	"channeld/internal/platform/money"
	"channeld/internal/platform/sqlq"
)

// Payment is an authorized session as the collection keeps it: what the order was paid with.
// The system provider captures nothing, so CapturedAt stays nil.
type Payment struct {
	ID                  string
	PaymentCollectionID string
	PaymentSessionID    string
	ProviderID          string
	CurrencyCode        string
	Amount              int64
	Data                json.RawMessage
	CapturedAt          *time.Time
	CanceledAt          *time.Time
	CreatedAt           time.Time
	UpdatedAt           time.Time
}

// recordPayments writes a payment for every authorized session of the cart's collection that
// has none yet, in the completing transaction.
func (s *Service) recordPayments(ctx context.Context, tx db.DBTX, cartID string, now time.Time) error {
	sessions, err := sqlq.Collect(ctx, tx, sqlq.Into(func(p *Payment) []any {
		return []any{&p.PaymentCollectionID, &p.PaymentSessionID, &p.ProviderID, &p.CurrencyCode, &p.Amount, db.JSONDest(&p.Data)}
	}), `SELECT ps.payment_collection_id, ps.id, ps.provider_id, ps.currency_code, ps.amount, ps.data
		FROM payment_session ps JOIN payment_collection pc ON pc.id = ps.payment_collection_id
		WHERE pc.cart_id = $1 AND ps.status = $2
		AND NOT EXISTS (SELECT 1 FROM payment p WHERE p.payment_session_id = ps.id) ORDER BY ps.id`, cartID, StatusAuthorized)
	if err != nil {
		return fmt.Errorf("read authorized sessions of cart %s: %w", cartID, err)
	}
	for _, p := range sessions {
		data := string(p.Data)
		if len(p.Data) == 0 {
			data = "{}"
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO payment (id, payment_collection_id, payment_session_id, provider_id,
			currency_code, amount, data, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8)`,
			s.newID(id.Payment), p.PaymentCollectionID, p.PaymentSessionID, p.ProviderID, p.CurrencyCode, p.Amount, data,
			db.Time{Time: now})
		if err != nil {
			return fmt.Errorf("record payment of cart %s: %w", cartID, err)
		}
	}
	return nil
}

// ForCarts returns the collections of the carts, with their sessions and payments, by cart
// id; a cart without one is absent. One query per table, whatever the number of carts.
func (s *Service) ForCarts(ctx context.Context, cartIDs []string) (map[string]*Collection, error) {
	out := map[string]*Collection{}
	if len(cartIDs) == 0 {
		return out, nil
	}
	q := s.db.Read()
	args := make([]any, 0, len(cartIDs))
	ph := sqlq.In(&args, cartIDs...)
	cols, err := sqlq.Collect(ctx, q, scanCollection, `SELECT id, cart_id, region_id, currency_code, amount, authorized_amount,
		status, created_at, updated_at FROM payment_collection WHERE cart_id IN (`+ph+`) ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read payment collections: %w", err)
	}
	if len(cols) == 0 {
		return out, nil
	}
	byID, ids := sqlq.Index(cols, func(c *Collection) string { return c.ID })
	for _, c := range cols {
		c.Sessions, c.Payments = []*Session{}, []*Payment{}
		out[c.CartID] = c
	}
	args = args[:0]
	ph = sqlq.In(&args, ids...)
	sessions, err := sqlq.Collect(ctx, q, sqlq.Into(func(s *Session) []any {
		return []any{&s.ID, &s.CollectionID, &s.ProviderID, &s.CurrencyCode, &s.Amount, db.JSONDest(&s.Data), &s.Status,
			db.NullTimeDest(&s.AuthorizedAt), db.TimeDest(&s.CreatedAt), db.TimeDest(&s.UpdatedAt)}
	}), `SELECT id, payment_collection_id, provider_id, currency_code, amount, data, status, authorized_at, created_at, updated_at
		FROM payment_session WHERE payment_collection_id IN (`+ph+`) ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read payment sessions: %w", err)
	}
	for _, ss := range sessions {
		byID[ss.CollectionID].Sessions = append(byID[ss.CollectionID].Sessions, ss)
	}
	payments, err := sqlq.Collect(ctx, q, sqlq.Into(func(p *Payment) []any {
		return []any{&p.ID, &p.PaymentCollectionID, &p.PaymentSessionID, &p.ProviderID, &p.CurrencyCode, &p.Amount,
			db.JSONDest(&p.Data), db.NullTimeDest(&p.CapturedAt), db.NullTimeDest(&p.CanceledAt), db.TimeDest(&p.CreatedAt),
			db.TimeDest(&p.UpdatedAt)}
	}), `SELECT id, payment_collection_id, payment_session_id, provider_id, currency_code, amount, data, captured_at,
		canceled_at, created_at, updated_at FROM payment WHERE payment_collection_id IN (`+ph+`) ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read payments: %w", err)
	}
	for _, p := range payments {
		byID[p.PaymentCollectionID].Payments = append(byID[p.PaymentCollectionID].Payments, p)
	}
	return out, nil
}

// The scalar fields of Medusa's payment entities, in the order "*" writes them.
var (
	collectionScalars = []string{"id", "currency_code", "amount", "authorized_amount", "captured_amount", "refunded_amount",
		"completed_at", "status", "metadata", "created_at", "updated_at", "deleted_at"}
	sessionScalars = []string{"id", "currency_code", "amount", "provider_id", "data", "context", "status", "authorized_at",
		"payment_collection_id", "metadata", "created_at", "updated_at", "deleted_at"}
	paymentScalars = []string{"id", "amount", "currency_code", "provider_id", "data", "metadata", "captured_at", "canceled_at",
		"payment_collection_id", "payment_session_id", "created_at", "updated_at", "deleted_at"}
)

// SessionSpec writes a payment session, amounts in major units.
var SessionSpec = &fields.Spec[Session]{
	Scalars: sessionScalars,
	Scalar: fields.Columns(sessionScalars, map[string]func([]byte, *Session) []byte{
		"amount":                func(b []byte, s *Session) []byte { return money.AppendMajor(b, s.Amount, s.CurrencyCode) },
		"context":               func(b []byte, _ *Session) []byte { return append(b, "{}"...) },
		"payment_collection_id": func(b []byte, s *Session) []byte { return fields.AppendString(b, s.CollectionID) },
		"metadata":              fields.Null[Session],
		"deleted_at":            fields.Null[Session],
	}),
}

// PaymentSpec writes a payment, amounts in major units.
var PaymentSpec = &fields.Spec[Payment]{
	Scalars: paymentScalars,
	Scalar: fields.Columns(paymentScalars, map[string]func([]byte, *Payment) []byte{
		"amount":     func(b []byte, p *Payment) []byte { return money.AppendMajor(b, p.Amount, p.CurrencyCode) },
		"metadata":   fields.Null[Payment],
		"deleted_at": fields.Null[Payment],
	}),
	Relations: map[string]fields.Relation[Payment]{"refunds": fields.Empty[Payment](), "captures": fields.Empty[Payment]()},
}

// CollectionSpec writes a payment collection with its sessions and payments.
var CollectionSpec = &fields.Spec[Collection]{
	Scalars: collectionScalars,
	Scalar: fields.Columns(collectionScalars, map[string]func([]byte, *Collection) []byte{
		"amount": func(b []byte, c *Collection) []byte { return money.AppendMajor(b, c.Amount, c.CurrencyCode) },
		"authorized_amount": func(b []byte, c *Collection) []byte {
			return money.AppendMajor(b, c.AuthorizedAmount, c.CurrencyCode)
		},
		"captured_amount": func(b []byte, c *Collection) []byte { return money.AppendMajor(b, 0, c.CurrencyCode) },
		"refunded_amount": func(b []byte, c *Collection) []byte { return money.AppendMajor(b, 0, c.CurrencyCode) },
		"completed_at":    fields.Null[Collection],
		"metadata":        fields.Null[Collection],
		"deleted_at":      fields.Null[Collection],
	}),
	Relations: map[string]fields.Relation[Collection]{
		"payment_sessions": fields.ListOf(SessionSpec, func(c *Collection) []*Session { return c.Sessions }),
		"payments": fields.ListOf(PaymentSpec, func(c *Collection) []*Payment {
			if c.Payments == nil {
				return []*Payment{}
			}
			return c.Payments
		}),
		"payment_providers": {AsScalar: true, Unknown: func(*fields.Selection) []string { return nil },
			Append: func(b []byte, c *Collection, _ *fields.Selection) []byte {
				b = append(b, '[')
				seen := map[string]bool{}
				for _, s := range c.Sessions {
					if seen[s.ProviderID] {
						continue
					}
					if len(seen) > 0 {
						b = append(b, ',')
					}
					seen[s.ProviderID] = true
					b = append(b, `{"id":`...)
					b = fields.AppendString(b, s.ProviderID)
					b = append(b, '}')
				}
				return append(b, ']')
			}},
	},
}
