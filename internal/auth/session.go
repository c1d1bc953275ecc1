package auth

import (
	"context"
	"crypto/hmac"
	"crypto/rand"
	"crypto/sha256"
	"database/sql"
	"encoding/base64"
	"encoding/hex"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
)

// SessionCookie is the cookie Medusa's session middleware names by default; the admin
// dashboard's stock build logs in with it.
const SessionCookie = "connect.sid"

// sessionTTL is Medusa's default session lifetime. A session does not slide: it ends this
// long after login, as Medusa's (rolling: false) does.
const sessionTTL = 10 * time.Hour

// session is what a session cookie stands for: the auth context of the token it was made from.
type session struct {
	actorType, actorID, identityID string
}

// authContext is the JSON Medusa answers POST /auth/session with.
func (c claims) authContext() map[string]any {
	meta := c.AppMetadata
	if meta == nil {
		meta = map[string]any{}
	}
	return map[string]any{"actor_id": c.ActorID, "actor_type": c.ActorType, "auth_identity_id": c.AuthIdentityID, "app_metadata": meta}
}

// startSession stores a session for a token's claims and returns the cookie's value: a random
// id and its HMAC under the signing secret. The row is keyed by the id's SHA-256, and expired
// rows are swept in the same transaction, so the table holds only live sessions and the ones
// that ended since the last login.
func (s *Service) startSession(ctx context.Context, c claims) (value string, expires time.Time, err error) {
	raw := make([]byte, 32)
	if _, err := rand.Read(raw); err != nil {
		return "", time.Time{}, fmt.Errorf("generate session id: %w", err)
	}
	sid := base64.RawURLEncoding.EncodeToString(raw)
	now := s.now()
	expires = now.Add(sessionTTL)
	err = s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := tx.ExecContext(ctx, `DELETE FROM auth_session WHERE expires_at <= $1`, db.FormatTime(now)); err != nil {
			return fmt.Errorf("sweep expired sessions: %w", err)
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO auth_session (id, actor_type, actor_id, auth_identity_id, created_at, expires_at)
			VALUES ($1, $2, $3, $4, $5, $6)`, sessionKey(sid), c.ActorType, c.ActorID, c.AuthIdentityID, db.FormatTime(now), db.FormatTime(expires))
		if err != nil {
			return fmt.Errorf("store session: %w", err)
		}
		return nil
	})
	if err != nil {
		return "", time.Time{}, err
	}
	return sid + "." + s.sessionMAC(sid), expires, nil
}

// sessionFrom returns the live session a request's cookie names. A cookie whose signature does
// not match is refused before the database is asked.
func (s *Service) sessionFrom(r *http.Request) (session, string, bool, error) {
	sid, ok := s.sessionID(r)
	if !ok {
		return session{}, "", false, nil
	}
	var se session
	err := s.db.Read().QueryRowContext(r.Context(), `SELECT actor_type, actor_id, auth_identity_id FROM auth_session
		WHERE id = $1 AND expires_at > $2`, sessionKey(sid), db.FormatTime(s.now())).Scan(&se.actorType, &se.actorID, &se.identityID)
	if errors.Is(err, sql.ErrNoRows) {
		return session{}, "", false, nil
	}
	if err != nil {
		return session{}, "", false, fmt.Errorf("find session: %w", err)
	}
	return se, sid, true, nil
}

// sessionID returns the verified id of the request's session cookie.
func (s *Service) sessionID(r *http.Request) (string, bool) {
	c, err := r.Cookie(SessionCookie)
	if err != nil {
		return "", false
	}
	sid, mac, ok := strings.Cut(c.Value, ".")
	if !ok || sid == "" || !hmac.Equal([]byte(mac), []byte(s.sessionMAC(sid))) {
		return "", false
	}
	return sid, true
}

// endSession deletes a session, on every instance at once since they share the table.
func (s *Service) endSession(ctx context.Context, sid string) error {
	if _, err := s.db.Write().ExecContext(ctx, `DELETE FROM auth_session WHERE id = $1`, sessionKey(sid)); err != nil {
		return fmt.Errorf("end session: %w", err)
	}
	return nil
}

func (s *Service) sessionMAC(sid string) string {
	m := hmac.New(sha256.New, s.secret)
	m.Write([]byte("session:" + sid))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

func sessionKey(sid string) string {
	sum := sha256.Sum256([]byte(sid))
	return hex.EncodeToString(sum[:])
}

// sessionCookie is the cookie that carries value, or clears it when value is empty. It is
// HttpOnly, so page scripts never read it, SameSite=Lax, so other sites' forms and fetches do
// not send it, and Secure when the request came over TLS, directly or through a proxy that
// says so.
func sessionCookie(r *http.Request, value string, expires time.Time) *http.Cookie {
	c := &http.Cookie{Name: SessionCookie, Value: value, Path: "/", HttpOnly: true, SameSite: http.SameSiteLaxMode,
		Secure: r.TLS != nil || strings.EqualFold(r.Header.Get("X-Forwarded-Proto"), "https")}
	if value == "" {
		c.MaxAge = -1
	} else {
		c.Expires = expires
	}
	return c
}

// checkSessionOrigin refuses a state-changing request made with a session cookie from a page
// of another origin. SameSite=Lax keeps other sites out, but another port of the same host (a
// storefront on :8000 beside the admin on :9000) is the same site; browsers send Origin with
// every such request, so one naming neither this server nor an allowed origin (the admin's
// for a user's session, the storefront's for a customer's) is refused. Requests without Origin come from clients that are not browsers.
func checkSessionOrigin(r *http.Request, allowed []string) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	origin := r.Header.Get("Origin")
	if origin == "" {
		return nil
	}
	if u, err := url.Parse(origin); err == nil && u.Host != "" && strings.EqualFold(u.Host, r.Host) {
		return nil
	}
	for _, o := range allowed {
		if o == "*" || strings.EqualFold(o, origin) {
			return nil
		}
	}
	return apperr.New(apperr.Forbidden, "A session cookie may not be used from origin %s", origin)
}

// createSession is POST /auth/session: the bearer token of a user or a customer becomes a
// session cookie, and the answer is the token's auth context.
func (h *Handler) createSession(w http.ResponseWriter, r *http.Request) error {
	token, ok := bearer(r)
	if !ok {
		httpapi.WriteUnauthorized(w, r)
		return nil
	}
	c, ok, err := h.svc.sessionClaims(r.Context(), token)
	if err != nil {
		return err
	}
	if !ok {
		httpapi.WriteUnauthorized(w, r)
		return nil
	}
	value, expires, err := h.svc.startSession(r.Context(), c)
	if err != nil {
		return err
	}
	http.SetCookie(w, sessionCookie(r, value, expires))
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"user": c.authContext()})
	return nil
}

// sessionClaims are the claims of a token that may start a session: a live user's, or a
// customer identity's that still exists.
func (s *Service) sessionClaims(ctx context.Context, token string) (claims, bool, error) {
	c, ok := parseClaims(s.secret, token, s.now())
	if !ok {
		return claims{}, false, nil
	}
	switch c.ActorType {
	case actorUser:
		exists, err := s.userExists(ctx, c.ActorID)
		return c, exists, err
	case actorCustomer:
		_, ok, err := s.customerCaller(ctx, token)
		return c, ok, err
	}
	return claims{}, false, nil
}

// deleteSession is DELETE /auth/session: it ends the cookie's session and clears the cookie.
// Without a live session it answers 401, as Medusa's session-only authentication of the
// route does.
func (h *Handler) deleteSession(w http.ResponseWriter, r *http.Request) error {
	_, sid, ok, err := h.svc.sessionFrom(r)
	if err != nil {
		return err
	}
	if !ok {
		httpapi.WriteUnauthorized(w, r)
		return nil
	}
	if err := h.svc.endSession(r.Context(), sid); err != nil {
		return err
	}
	http.SetCookie(w, sessionCookie(r, "", time.Time{}))
	httpapi.WriteJSON(w, http.StatusOK, map[string]bool{"success": true})
	return nil
}

// providers is GET /auth/:actor_type/providers: the ways an actor logs in, which the
// dashboard's login page needs before it shows a form. Email and password is the only way,
// for every actor type, as in a Medusa whose config lists no other provider.
func (h *Handler) providers(w http.ResponseWriter, r *http.Request) error {
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"providers": []map[string]string{{"id": "emailpass",
		"identifier": "emailpass", "display_name": "Email/Password Authentication", "flow": "credentials"}}})
	return nil
}
