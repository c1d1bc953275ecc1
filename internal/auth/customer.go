package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/ctxval"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
)

// Customers log in as Medusa's emailpass provider lets them: an identity (email and password)
// is registered first, which earns a token that can only create the customer; once the
// customer module has created the customer and linked it to the identity, logging in gives a
// token naming the customer. Identities are kept apart from admin users: the same address
// may be an admin and a customer with different passwords, and neither token opens the
// other's routes.

// Customer is the storefront caller a customer token names: the identity it logged in with
// and its customer, "" for a registration token of an identity that had none yet.
type Customer struct {
	IdentityID string
	CustomerID string
}

// WithCustomer returns ctx carrying the customer caller.
func WithCustomer(ctx context.Context, c Customer) context.Context { return ctxval.With(ctx, c) }

// CustomerFrom returns the customer caller of a storefront request.
func CustomerFrom(ctx context.Context) (Customer, bool) { return ctxval.From[Customer](ctx) }

// errIdentityExists is Medusa's answer to registering an email that has an identity.
var errIdentityExists = apperr.New(apperr.Unauthorized, "Identity with email already exists")

// ErrAlreadyCustomer is Medusa's answer to creating a customer with a token that names one,
// or whose identity has one.
var ErrAlreadyCustomer = apperr.Invalidf("Request already authenticated as a customer.")

// customerIdentity is one row of customer_identity.
type customerIdentity struct {
	id, hash   string
	customerID *string
}

// customerBuckets are the throttle buckets of a customer's login: its email's, apart from an
// admin's of the same address, and the client address's, shared with admin logins.
func (s *Service) customerBuckets(email, addr string) ([]string, []Bucket) {
	return []string{throttleKey("customer-email:", email), throttleKey("addr:", addr)},
		[]Bucket{s.limits.PerEmail, s.limits.PerAddress}
}

// RegisterCustomer creates the identity of email and returns its registration token.
// Registering again with the same password before the customer exists returns a new token,
// as Medusa does; any other attempt on a registered email is Medusa's 401. Attempts are
// throttled as logins are, since a repeated registration checks the password.
func (s *Service) RegisterCustomer(ctx context.Context, email, password, addr string) (string, error) {
	e, err := normalizeEmail(email)
	if err != nil {
		return "", err
	}
	if err := checkPasswordLength(password); err != nil {
		return "", err
	}
	keys, buckets := s.customerBuckets(e, addr)
	if err := s.take(ctx, "login attempts", keys, buckets); err != nil {
		return "", err
	}
	identityID, err := s.registerIdentity(ctx, e, password)
	if err != nil {
		return "", err
	}
	if err := s.give(ctx, keys, buckets, keys[0]); err != nil {
		return "", err
	}
	return issueCustomerToken(s.secret, identityID, "", s.now())
}

// registerIdentity returns the id of the new identity of email, or of its identity without
// a customer when password is its password. The password is hashed outside any transaction,
// so that SQLite's one writer is not held for it.
func (s *Service) registerIdentity(ctx context.Context, email, password string) (string, error) {
	existing, err := s.identityByEmail(ctx, s.db.Read(), email)
	switch {
	case err == nil:
		if existing.customerID == nil && checkPassword(password, existing.hash) {
			return existing.id, nil
		}
		return "", errIdentityExists
	case !errors.Is(err, sql.ErrNoRows):
		return "", err
	}
	hash, err := hashPassword(password, s.params)
	if err != nil {
		return "", err
	}
	identityID, now := s.newID(id.AuthIdentity), db.FormatTime(s.now())
	err = s.db.Tx(ctx, func(tx db.DBTX) error {
		return sqlq.ExecUnique(ctx, tx, errIdentityExists, "insert customer identity",
			`INSERT INTO customer_identity (id, email, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
			identityID, email, hash, now)
	})
	if err != nil {
		return "", err
	}
	return identityID, nil
}

// LoginCustomer checks a customer's credentials and returns its token, throttled as admin
// logins are (see Login). An identity whose customer is not created yet gets a registration
// token again.
func (s *Service) LoginCustomer(ctx context.Context, email, password, addr string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	keys, buckets := s.customerBuckets(email, addr)
	if err := s.take(ctx, "login attempts", keys, buckets); err != nil {
		return "", err
	}
	ident, err := s.identityByEmail(ctx, s.db.Read(), email)
	if errors.Is(err, sql.ErrNoRows) {
		checkPassword(password, dummyHash())
		return "", errBadLogin
	}
	if err != nil {
		return "", err
	}
	if !checkPassword(password, ident.hash) {
		return "", errBadLogin
	}
	if err := s.give(ctx, keys, buckets, keys[0]); err != nil {
		return "", err
	}
	return issueCustomerToken(s.secret, ident.id, deref(ident.customerID), s.now())
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

func (s *Service) identityByEmail(ctx context.Context, q db.DBTX, email string) (customerIdentity, error) {
	var ci customerIdentity
	err := q.QueryRowContext(ctx, `SELECT id, password_hash, customer_id FROM customer_identity WHERE email = $1`, email).
		Scan(&ci.id, &ci.hash, &ci.customerID)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return ci, fmt.Errorf("find customer identity: %w", err)
	}
	return ci, err
}

// identityCustomer returns the customer an identity is linked to ("" for none) and whether
// the identity exists.
func (s *Service) identityCustomer(ctx context.Context, q db.DBTX, identityID string) (string, bool, error) {
	var customerID *string
	err := q.QueryRowContext(ctx, `SELECT customer_id FROM customer_identity WHERE id = $1`, identityID).Scan(&customerID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", false, nil
	}
	if err != nil {
		return "", false, fmt.Errorf("read customer identity %s: %w", identityID, err)
	}
	return deref(customerID), true, nil
}

// customerCaller returns the customer a bearer token names, if it is a customer token whose
// identity still exists and, when it names a customer, is still that customer's: deleting a
// customer ends its tokens.
func (s *Service) customerCaller(ctx context.Context, token string) (Customer, bool, error) {
	c, ok := parseClaims(s.secret, token, s.now())
	if !ok || c.ActorType != actorCustomer || c.AuthIdentityID == "" {
		return Customer{}, false, nil
	}
	linked, found, err := s.identityCustomer(ctx, s.db.Read(), c.AuthIdentityID)
	if err != nil || !found || (c.ActorID != "" && linked != c.ActorID) {
		return Customer{}, false, err
	}
	return Customer{IdentityID: c.AuthIdentityID, CustomerID: c.ActorID}, true, nil
}

// LinkCustomer gives a registered identity its new customer, inside the customer module's
// transaction that creates it. An identity that has a customer already keeps it.
func (s *Service) LinkCustomer(ctx context.Context, tx db.DBTX, identityID, customerID string) error {
	res, err := tx.ExecContext(ctx, `UPDATE customer_identity SET customer_id = $2, updated_at = $3
		WHERE id = $1 AND customer_id IS NULL`, identityID, customerID, db.FormatTime(s.now()))
	if err != nil {
		return fmt.Errorf("link identity %s to customer %s: %w", identityID, customerID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("link identity %s: %w", identityID, err)
	} else if n == 0 {
		return ErrAlreadyCustomer
	}
	return nil
}

// ForgetCustomer deletes the identity of a customer being deleted, inside the customer
// module's transaction: its tokens stop working and its email may register again.
func (s *Service) ForgetCustomer(ctx context.Context, tx db.DBTX, customerID string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM customer_identity WHERE customer_id = $1`, customerID); err != nil {
		return fmt.Errorf("delete the identity of customer %s: %w", customerID, err)
	}
	return nil
}

// checkPasswordLength is the rule every password follows, an admin's or a customer's.
func checkPasswordLength(password string) error {
	if len(password) < 8 || len(password) > 256 {
		return apperr.Invalidf("Password must be between 8 and 256 characters")
	}
	return nil
}
