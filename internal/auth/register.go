package auth

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/http"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
)

// Admin users invited to the store register as Medusa's emailpass provider lets them: an
// identity (email and password) is registered first, which earns a registration token; the
// invite's acceptance (the rbac module) turns the identity into the admin user in its own
// transaction, after which the user logs in with POST /auth/user/emailpass. Admin identities
// live apart from customers' (customer.go): the same address may be both.

// ErrNoIdentity is the answer when a registration token's identity is gone: it was turned
// into a user already.
var ErrNoIdentity = apperr.New(apperr.Unauthorized, "Unauthorized")

// Registration is the admin caller a registration token names: its identity and, for a token
// of a user, the user (Medusa's actor_id).
type Registration struct {
	IdentityID string
	UserID     string
}

// RegisterUser creates the admin identity of email and returns its registration token.
// Registering again with the same password before the invite is accepted returns a new token,
// as Medusa does; an email of a live admin user, or a registered email with another password,
// is Medusa's 401 `Identity with email already exists`. Attempts are throttled as logins are.
func (s *Service) RegisterUser(ctx context.Context, email, password, addr string) (string, error) {
	e, err := normalizeEmail(email)
	if err != nil {
		return "", err
	}
	if err := checkPasswordLength(password); err != nil {
		return "", err
	}
	keys := []string{throttleKey("email:", e), throttleKey("addr:", addr)}
	buckets := []Bucket{s.limits.PerEmail, s.limits.PerAddress}
	if err := s.take(ctx, "login attempts", keys, buckets); err != nil {
		return "", err
	}
	identityID, err := s.registerUserIdentity(ctx, e, password)
	if err != nil {
		return "", err
	}
	if err := s.give(ctx, keys, buckets, keys[0]); err != nil {
		return "", err
	}
	return issueRegistrationToken(s.secret, identityID, s.now())
}

// registerUserIdentity returns the id of the new admin identity of email, or of its waiting
// identity when password is its password. The password is hashed outside any transaction.
func (s *Service) registerUserIdentity(ctx context.Context, email, password string) (string, error) {
	var one int
	err := s.db.Read().QueryRowContext(ctx, `SELECT 1 FROM admin_user WHERE email = $1 AND deleted_at IS NULL`, email).Scan(&one)
	if err == nil {
		return "", errIdentityExists
	}
	if !errors.Is(err, sql.ErrNoRows) {
		return "", fmt.Errorf("find user: %w", err)
	}
	var existingID, existingHash string
	err = s.db.Read().QueryRowContext(ctx, `SELECT id, password_hash FROM user_identity WHERE email = $1`, email).Scan(&existingID, &existingHash)
	switch {
	case err == nil:
		if checkPassword(password, existingHash) {
			return existingID, nil
		}
		return "", errIdentityExists
	case !errors.Is(err, sql.ErrNoRows):
		return "", fmt.Errorf("find user identity: %w", err)
	}
	hash, err := hashPassword(password, s.params)
	if err != nil {
		return "", err
	}
	identityID, now := s.newID(id.AuthIdentity), db.FormatTime(s.now())
	err = s.db.Tx(ctx, func(tx db.DBTX) error {
		return sqlq.ExecUnique(ctx, tx, errIdentityExists, "insert user identity",
			`INSERT INTO user_identity (id, email, password_hash, created_at, updated_at) VALUES ($1, $2, $3, $4, $4)`,
			identityID, email, hash, now)
	})
	if err != nil {
		return "", err
	}
	return identityID, nil
}

// InsertRegistered creates the admin user of a registered identity inside the caller's
// transaction, with the identity's password, and consumes the identity: its registration
// tokens stop working and the user logs in with its email. in.Password is ignored. A gone
// identity is ErrNoIdentity; a live user with the same email is E33.
func (s *Service) InsertRegistered(ctx context.Context, tx db.DBTX, identityID string, in NewUser) (*User, error) {
	e, err := normalizeEmail(in.Email)
	if err != nil {
		return nil, err
	}
	var hash string
	err = tx.QueryRowContext(ctx, `DELETE FROM user_identity WHERE id = $1 RETURNING password_hash`, identityID).Scan(&hash)
	if errors.Is(err, sql.ErrNoRows) {
		return nil, ErrNoIdentity
	}
	if err != nil {
		return nil, fmt.Errorf("consume user identity %s: %w", identityID, err)
	}
	in.Email = e
	return s.insertUser(ctx, tx, in, hash)
}

// Registration returns the admin caller a request's bearer token names, when it is a valid
// admin token: a registration token (no user yet) or a user's.
func (s *Service) Registration(r *http.Request) (Registration, bool) {
	token, ok := bearer(r)
	if !ok {
		return Registration{}, false
	}
	c, ok := parseClaims(s.secret, token, s.now())
	if !ok || c.ActorType != actorUser || c.AuthIdentityID == "" {
		return Registration{}, false
	}
	return Registration{IdentityID: c.AuthIdentityID, UserID: c.ActorID}, true
}

// NormalizeEmail lower-cases and checks an email address as admin users' are stored.
func NormalizeEmail(email string) (string, error) { return normalizeEmail(email) }
