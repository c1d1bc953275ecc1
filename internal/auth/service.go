package auth

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"sync"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
	"channeld/internal/platform/validate"
)

// Service is the admin user and login use cases.
type Service struct {
	db      *db.DB
	now     clock.Clock
	newID   id.Source
	params  HashParams
	secret  []byte
	secrets SecretKeyVerifier
	limits  Limits
	// origins are the browser origins besides this server's own whose pages may change things
	// with a session cookie.
	origins httpapi.CORS
}

// Options configure the auth service.
type Options struct {
	// JWTSecret signs tokens; when empty a secret is generated once and kept in the database,
	// so tokens survive restarts and are shared by every instance on one database.
	JWTSecret  string
	HashParams HashParams
	// SecretKeys, when set, lets secret API keys (Basic auth) authenticate admin requests.
	SecretKeys SecretKeyVerifier
	// Limits throttle failed logins and secret keys; zero means DefaultLimits.
	Limits Limits
	// Origins are the admin and storefront origins (CHANNELD_ADMIN_CORS, CHANNELD_STORE_CORS)
	// whose pages, besides this server's own, may change things with a session cookie.
	Origins httpapi.CORS
}

// NewService loads or creates the signing secret and returns the service.
func NewService(ctx context.Context, d *db.DB, now clock.Clock, newID id.Source, opts Options) (*Service, error) {
	s := &Service{db: d, now: now, newID: newID, params: opts.HashParams, secrets: opts.SecretKeys, limits: opts.Limits,
		origins: opts.Origins}
	if s.limits == (Limits{}) {
		s.limits = DefaultLimits
	}
	if s.params.Time == 0 {
		s.params = DefaultHashParams
	}
	if opts.JWTSecret != "" {
		s.secret = []byte(opts.JWTSecret)
		return s, nil
	}
	secret, err := s.storedSecret(ctx)
	if err != nil {
		return nil, err
	}
	s.secret = secret
	return s, nil
}

// storedSecret returns the installation's JWT secret, generating it on first use. The insert
// ignores a conflict, so two instances starting together end up with the same secret.
func (s *Service) storedSecret(ctx context.Context) ([]byte, error) {
	b := make([]byte, 32)
	if _, err := rand.Read(b); err != nil {
		return nil, fmt.Errorf("generate JWT secret: %w", err)
	}
	var secret string
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := tx.ExecContext(ctx, `INSERT INTO app_setting (key, value) VALUES ('jwt_secret', $1)
			ON CONFLICT (key) DO NOTHING`, hex.EncodeToString(b)); err != nil {
			return err
		}
		return tx.QueryRowContext(ctx, `SELECT value FROM app_setting WHERE key = 'jwt_secret'`).Scan(&secret)
	})
	if err != nil {
		return nil, fmt.Errorf("load JWT secret: %w", err)
	}
	return []byte(secret), nil
}

// normalizeEmail lower-cases and checks an email address.
func normalizeEmail(email string) (string, error) {
	e := strings.ToLower(strings.TrimSpace(email))
	if a, err := mail.ParseAddress(e); err != nil || a.Address != e || len(e) > validate.MaxIndexed {
		return "", apperr.Invalidf("Invalid email: %s", email)
	}
	return e, nil
}

// CreateUser adds an admin user in a transaction of its own; then, when afterCreate is not
// nil, it runs in the same transaction (the caller gives the user its roles there).
func (s *Service) CreateUser(ctx context.Context, email, password string, afterCreate func(tx db.DBTX, u *User) error) (*User, error) {
	var u *User
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if u, err = s.InsertUser(ctx, tx, NewUser{Email: email, Password: password}); err != nil {
			return err
		}
		if afterCreate != nil {
			return afterCreate(tx, u)
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return u, nil
}

// HasUsers reports whether any admin user exists.
func (s *Service) HasUsers(ctx context.Context) (bool, error) {
	var n int
	if err := s.db.Read().QueryRowContext(ctx, `SELECT count(*) FROM admin_user`).Scan(&n); err != nil {
		return false, fmt.Errorf("count users: %w", err)
	}
	return n > 0, nil
}

// EnsureAdmin creates the user when there is no user at all, for first start from the
// environment, running afterCreate in the creating transaction. It reports whether it created
// one.
func (s *Service) EnsureAdmin(ctx context.Context, email, password string, afterCreate func(tx db.DBTX, u *User) error) (bool, error) {
	if has, err := s.HasUsers(ctx); err != nil || has {
		return false, err
	}
	if _, err := s.CreateUser(ctx, email, password, afterCreate); err != nil {
		if apperr.Is(err, apperr.Duplicate) {
			return false, nil // another instance created it first
		}
		return false, err
	}
	return true, nil
}

var errBadLogin = apperr.New(apperr.Unauthorized, "Invalid email or password")

// dummyHash is checked when no user has the email, so a wrong email takes as long as a wrong
// password and logins do not reveal which addresses exist. It is made on first use: hashing
// at package initialisation cost every start of the binary about 170 ms and 19 MiB.
var dummyHash = sync.OnceValue(func() string {
	h, _ := hashPassword("not a password", DefaultHashParams)
	return h
})

// Login checks credentials and returns a JWT. Each attempt takes a token from the email's
// bucket and from the client address's (see Limits); a failed one keeps them taken, and one
// made while a bucket is empty is refused with a *Throttled before the password is checked.
// A success gives the address its token back and forgets the email's failures.
func (s *Service) Login(ctx context.Context, email, password, addr string) (string, error) {
	email = strings.ToLower(strings.TrimSpace(email))
	keys := []string{throttleKey("email:", email), throttleKey("addr:", addr)}
	buckets := []Bucket{s.limits.PerEmail, s.limits.PerAddress}
	if err := s.take(ctx, "login attempts", keys, buckets); err != nil {
		return "", err
	}
	userID, err := s.checkPassword(ctx, email, password)
	if err != nil {
		return "", err
	}
	if err := s.give(ctx, keys, buckets, keys[0]); err != nil {
		return "", err
	}
	return issueToken(s.secret, userID, s.now())
}

// checkPassword returns the id of the live user with email and password.
func (s *Service) checkPassword(ctx context.Context, email, password string) (string, error) {
	var userID, hash string
	err := s.db.Read().QueryRowContext(ctx, `SELECT id, password_hash FROM admin_user
		WHERE email = $1 AND deleted_at IS NULL`, email).Scan(&userID, &hash)
	if errors.Is(err, sql.ErrNoRows) {
		checkPassword(password, dummyHash())
		return "", errBadLogin
	}
	if err != nil {
		return "", fmt.Errorf("find user: %w", err)
	}
	if !checkPassword(password, hash) {
		return "", errBadLogin
	}
	return userID, nil
}

// User returns a live admin user.
func (s *Service) User(ctx context.Context, userID string) (*User, error) {
	var u User
	var meta db.JSON
	var created, updated db.Time
	err := s.db.Read().QueryRowContext(ctx, `SELECT id, email, first_name, last_name, avatar_url, metadata, created_at, updated_at
		FROM admin_user WHERE id = $1 AND deleted_at IS NULL`, userID).
		Scan(&u.ID, &u.Email, &u.FirstName, &u.LastName, &u.AvatarURL, &meta, &created, &updated) // NULL scans as nil
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf("User with id: %s was not found", userID)
	}
	if err != nil {
		return nil, fmt.Errorf("get user %s: %w", userID, err)
	}
	if meta != nil {
		u.Metadata = []byte(meta)
	}
	u.CreatedAt, u.UpdatedAt = created.Time, updated.Time
	return &u, nil
}

// userExists is the per-request check that a token's user was not deleted since it was issued.
func (s *Service) userExists(ctx context.Context, userID string) (bool, error) {
	var one int
	err := s.db.Read().QueryRowContext(ctx, `SELECT 1 FROM admin_user WHERE id = $1 AND deleted_at IS NULL`, userID).Scan(&one)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	return err == nil, err
}
