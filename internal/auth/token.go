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
	AuthProvider   string         `json:"auth_provider,omitempty"`
	AppMetadata    map[string]any `json:"app_metadata"`
	jwt.RegisteredClaims
}

// tokenTTL is how long a token lives, Medusa's default of one day.
const tokenTTL = 24 * time.Hour

const issuer = "channeld"

// The actor types a token names: admin users and storefront customers.
const (
	actorUser     = "user"
	actorCustomer = "customer"
)

func issueToken(secret []byte, userID string, now time.Time) (string, error) {
	return sign(secret, claims{ActorID: userID, ActorType: actorUser, AuthIdentityID: userID,
		AppMetadata: map[string]any{"user_id": userID}}, now)
}

// issueCustomerToken makes the token of a customer identity. Before the identity has its
// customer, actor_id is empty and app_metadata has no customer_id, as Medusa's registration
// token: it is good for creating the customer and nothing else.
func issueCustomerToken(secret []byte, identityID, customerID string, now time.Time) (string, error) {
	meta := map[string]any{}
	if customerID != "" {
		meta["customer_id"] = customerID
	}
	return sign(secret, claims{ActorID: customerID, ActorType: actorCustomer, AuthIdentityID: identityID,
		AuthProvider: "emailpass", AppMetadata: meta}, now)
}

func sign(secret []byte, c claims, now time.Time) (string, error) {
	c.RegisteredClaims = jwt.RegisteredClaims{
		Issuer:    issuer,
		IssuedAt:  jwt.NewNumericDate(now),
		ExpiresAt: jwt.NewNumericDate(now.Add(tokenTTL)),
	}
	s, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(secret)
	if err != nil {
		return "", fmt.Errorf("sign token: %w", err)
	}
	return s, nil
}

// clockSkew is how far the clocks of instances sharing a signing secret may disagree.
const clockSkew = 30 * time.Second

// parseClaims verifies a token and returns its claims. A token must say when it was issued,
// and not later than now: one issued in the future was not signed by a clock of ours, and
// would outlive its expiry as seen from the issuing side.
func parseClaims(secret []byte, token string, now time.Time) (claims, bool) {
	var c claims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return secret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(issuer), jwt.WithExpirationRequired(),
		jwt.WithIssuedAt(), jwt.WithLeeway(clockSkew), jwt.WithTimeFunc(func() time.Time { return now }))
	if err != nil || c.IssuedAt == nil {
		return claims{}, false
	}
	return c, true
}

// parseToken verifies an admin user's token and returns its user id; a customer's token is
// no admin credential.
func parseToken(secret []byte, token string, now time.Time) (string, bool) {
	c, ok := parseClaims(secret, token, now)
	if !ok || c.ActorType != actorUser || c.ActorID == "" {
		return "", false
	}
	return c.ActorID, true
}

// issueRegistrationToken makes the token of an admin identity that has no user yet: actor_id
// is empty and app_metadata has no user_id, as Medusa's registration token. It is good for
// accepting an invite and nothing else.
func issueRegistrationToken(secret []byte, identityID string, now time.Time) (string, error) {
	return sign(secret, claims{ActorType: actorUser, AuthIdentityID: identityID, AuthProvider: "emailpass",
		AppMetadata: map[string]any{}}, now)
}

// inviteAudience marks invite tokens, so that no other token of the installation's secret
// passes for one.
const inviteAudience = "invite"

// inviteClaims are Medusa's invite token claims: the invite's id and email.
type inviteClaims struct {
	ID    string `json:"id"`
	Email string `json:"email"`
	jwt.RegisteredClaims
}

// InviteToken signs the token of an invite, valid until expires. nonce makes each token of an
// invite different, so that a resent invite's old token no longer matches the stored one.
func (s *Service) InviteToken(inviteID, email, nonce string, expires time.Time) (string, error) {
	now := s.now()
	c := inviteClaims{ID: inviteID, Email: email, RegisteredClaims: jwt.RegisteredClaims{
		Issuer: issuer, Audience: jwt.ClaimStrings{inviteAudience}, ID: nonce,
		IssuedAt: jwt.NewNumericDate(now), ExpiresAt: jwt.NewNumericDate(expires),
	}}
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, c).SignedString(s.secret)
	if err != nil {
		return "", fmt.Errorf("sign invite token: %w", err)
	}
	return tok, nil
}

// InviteID verifies an invite token and returns the invite it names; an expired, foreign or
// forged token names none.
func (s *Service) InviteID(token string) (string, bool) {
	var c inviteClaims
	_, err := jwt.ParseWithClaims(token, &c, func(*jwt.Token) (any, error) { return s.secret, nil },
		jwt.WithValidMethods([]string{"HS256"}), jwt.WithIssuer(issuer), jwt.WithAudience(inviteAudience),
		jwt.WithExpirationRequired(), jwt.WithLeeway(clockSkew), jwt.WithTimeFunc(s.now))
	if err != nil || c.ID == "" {
		return "", false
	}
	return c.ID, true
}
