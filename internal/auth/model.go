// Package auth owns admin users and how callers prove who they are: email and password
// (argon2id) exchanged for a JWT as Medusa's emailpass provider does, bearer tokens and secret
// API keys on /admin/*.
package auth

import (
	"context"
	"encoding/json"
	"time"

	"channeld/internal/platform/ctxval"
)

// User is an admin user.
type User struct {
	ID        string
	Email     string
	FirstName *string
	LastName  *string
	AvatarURL *string
	Metadata  json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Actor is the authenticated caller of an admin request.
type Actor struct {
	Type string // "user" or "api-key"
	ID   string
}

// WithActor returns ctx carrying the actor.
func WithActor(ctx context.Context, a Actor) context.Context { return ctxval.With(ctx, a) }

// ActorFrom returns the actor of an authenticated request.
func ActorFrom(ctx context.Context) (Actor, bool) { return ctxval.From[Actor](ctx) }

// SecretKeyVerifier checks a secret API key token and returns the key's id; the apikey module
// provides it.
type SecretKeyVerifier func(ctx context.Context, token string) (keyID string, ok bool, err error)
