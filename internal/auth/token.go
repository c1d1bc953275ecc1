package auth

import (
	"fmt"
	"time"

	"github.com/golang-jwt/jwt/v5"
)

// claims are Medusa's JWT claims for an authenticated actor.
type claims struct {
	ActorID        string         `json:"actor_id"`
	ActorType      string         `json:"actor_type"`
	AuthIdentityID string         `json:"auth_identity_id"`
	AppMetadata    map[string]any `json:"app_metadata"`
	jwt.RegisteredClaims
}

// tokenTTL is how long an admin token lives, Medusa's default of one day.
const tokenTTL = 24 * time.Hour

const issuer = "channeld"

func issueToken(secret []byte, userID string, now time.Time) (string, error) {
	c := claims{
		ActorID: userID, ActorType: "user", AuthIdentityID: userID,
		AppMetadata: map[string]any{"user_id": userID},
		RegisteredClaims: jwt.RegisteredClaims{
			Issuer:    issuer,
			IssuedAt:  jwt.NewNumericDate(now),
			ExpiresAt: jwt.NewNumericDate(now.Add(tokenTTL)),
		},
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(secret)
	if err != nil {
		return "", fmt.Errorf("sign token: %w", err)
	}
	return s, nil
}

// clockSkew is how far the clocks of instances sharing a signing secret may disagree.
const clockSkew = 30 * time.Second

// parseToken verifies a token and returns its user id. A token must say when it was issued,
// and not later than now: one issued in the future was not signed by a clock of ours, and
// would outlive its expiry as seen from the issuing side.
func parseToken(secret []byte, token string, now time.Time) (string, bool) {
	var c claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return secret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(issuer), jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(), jwt.WithLeeway(clockSkew), jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil || c.IssuedAt == nil || c.ActorType != "user" || c.ActorID == "" {
		return "", false
	}
	return c.ActorID, true
}
