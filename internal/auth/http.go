package auth

import (
	"context"
	"encoding/base64"
	"errors"
	"net/http"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// RequireAdmin lets a request through only with a valid bearer token of a live user, a live
// secret API key over HTTP Basic (or raw), or the session cookie of a live user; otherwise it
// answers Medusa's bare 401.
func (s *Service) RequireAdmin(next httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, ok, err := s.authenticate(r)
		if t, throttled := errors.AsType[*Throttled](err); throttled {
			return writeThrottled(w, t)
		}
		if err != nil {
			return err
		}
		if !ok {
			httpapi.WriteUnauthorized(w, r)
			return nil
		}
		return next(w, r.WithContext(WithActor(r.Context(), actor)))
	}
}

func (s *Service) authenticate(r *http.Request) (Actor, bool, error) {
	h := r.Header.Get("Authorization")
	scheme, cred, _ := strings.Cut(h, " ")
	cred = strings.TrimSpace(cred)
	switch strings.ToLower(scheme) {
	case "bearer":
		if userID, ok := parseToken(s.secret, cred, s.now()); ok {
			exists, err := s.userExists(r.Context(), userID)
			if err != nil || !exists {
				return Actor{}, false, err
			}
			return Actor{Type: "user", ID: userID}, true, nil
		}
	case "basic":
		// A secret key is sent as base64("sk_...:") or raw; a revoked or unknown key is not an
		// error of its own, the request is simply not authenticated.
		token := cred
		if dec, err := base64.StdEncoding.DecodeString(cred); err == nil {
			token = string(dec)
		}
		token = strings.TrimSuffix(token, ":")
		if s.secrets != nil && strings.HasPrefix(token, "sk_") {
			return s.secretKeyActor(r, token)
		}
	case "":
		return s.sessionActor(r)
	}
	return Actor{}, false, nil
}

// sessionActor authenticates a request by its session cookie: a user's live session, used from
// this server's pages or an allowed admin origin.
func (s *Service) sessionActor(r *http.Request) (Actor, bool, error) {
	se, _, ok, err := s.sessionFrom(r)
	if err != nil || !ok || se.actorType != actorUser {
		return Actor{}, false, err
	}
	if err := checkSessionOrigin(r, s.origins.Admin); err != nil {
		return Actor{}, false, err
	}
	exists, err := s.userExists(r.Context(), se.actorID)
	if err != nil || !exists {
		return Actor{}, false, err
	}
	return Actor{Type: actorUser, ID: se.actorID}, true, nil
}

// secretKeyActor authenticates a secret API key. A failed try takes a token from the client
// address's secret-key bucket, and a try while it is empty is refused before the key is
// checked, so guessing keys is throttled like guessing passwords (each guess costs the server
// a scrypt hash). A live key writes nothing: admin clients send it on every request.
func (s *Service) secretKeyActor(r *http.Request, token string) (Actor, bool, error) {
	keys, buckets := []string{"secret:" + clientAddress(r)}, []Bucket{s.limits.SecretKeys}
	if err := s.refuseEmpty(r.Context(), "secret API key attempts", keys, buckets); err != nil {
		return Actor{}, false, err
	}
	keyID, ok, err := s.secrets(r.Context(), token)
	if err != nil {
		return Actor{}, false, err
	}
	if !ok {
		return Actor{}, false, s.fail(r.Context(), keys, buckets)
	}
	return Actor{Type: "api-key", ID: keyID}, true, nil
}

// Handler serves login and the current user.
type Handler struct{ svc *Service }

// NewHandler returns the auth handler.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// PublicRoutes are the routes that need no credentials.
func (h *Handler) PublicRoutes() []httpapi.Route {
	return append([]httpapi.Route{
		{Method: "POST", Path: "/auth/user/emailpass", Summary: "Log in an admin user with email and password", Body: loginBody, Response: "token", Handler: h.login},
		{Method: "POST", Path: "/auth/user/emailpass/register", Summary: "Register an admin identity to accept an invite with", Body: loginBody, Response: "token", Handler: h.registerUser},
		{Method: "POST", Path: "/auth/token/refresh", Summary: "Exchange a valid token for a fresh one", Response: "token", Handler: h.refresh},
		{Method: "POST", Path: "/auth/session", Summary: "Turn a bearer token into a session cookie, as the admin dashboard logs in", Response: "user", Handler: h.createSession},
		{Method: "DELETE", Path: "/auth/session", Summary: "End the cookie's session and clear the cookie", Response: "success", Handler: h.deleteSession},
		{Method: "GET", Path: "/auth/{actor_type}/providers", Summary: "List the ways an actor logs in", Response: "providers", Handler: h.providers},
	}, h.CustomerRoutes()...)
}

// AdminRoutes are the authenticated routes.
func (h *Handler) AdminRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/users/me", Summary: "Retrieve the logged-in user", Query: v.Object(httpapi.SelectParams()...).Strict(), Response: "user", Serve: httpapi.One(users, h.me)},
	}
}

// loginBody documents the login body; the handler checks it itself because Medusa's
// emailpass provider answers bad credentials' shapes with a 401, not a validation error.
var loginBody = v.Object(v.F("email", v.String()), v.F("password", v.String()))

func (h *Handler) login(w http.ResponseWriter, r *http.Request) error {
	return h.withCredentials(w, r, h.svc.Login)
}

func (h *Handler) registerUser(w http.ResponseWriter, r *http.Request) error {
	return h.withCredentials(w, r, h.svc.RegisterUser)
}

// withCredentials reads an emailpass body, checking it in the emailpass provider's order and
// words (the password first), runs fn with it and answers {token}.
func (h *Handler) withCredentials(w http.ResponseWriter, r *http.Request, fn func(ctx context.Context, email, password, addr string) (string, error)) error {
	var body map[string]any
	if err := httpapi.DecodeBody(r, v.Record(), &body); err != nil {
		return err
	}
	password, ok := body["password"].(string)
	if !ok || password == "" {
		return apperr.New(apperr.Unauthorized, "Password should be a string")
	}
	email, ok := body["email"].(string)
	if !ok || email == "" {
		return apperr.New(apperr.Unauthorized, "Email should be a string")
	}
	token, err := fn(r.Context(), email, password, clientAddress(r))
	if t, throttled := errors.AsType[*Throttled](err); throttled {
		return writeThrottled(w, t)
	}
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]string{"token": token})
	return nil
}

// refresh issues a new token for the holder of a valid one, as the SDK's auth.refresh expects.
// A customer's new token names the customer its identity has now, so a registration token
// refreshed after the customer was created opens the customer's routes.
func (h *Handler) refresh(w http.ResponseWriter, r *http.Request) error {
	if token, ok := bearer(r); ok {
		c, ok, err := h.svc.customerCaller(r.Context(), token)
		if err != nil {
			return err
		}
		if ok {
			return h.refreshCustomer(w, r, c)
		}
	}
	actor, ok, err := h.svc.authenticate(r)
	if err != nil {
		return err
	}
	if !ok || actor.Type != "user" {
		httpapi.WriteUnauthorized(w, r)
		return nil
	}
	token, err := issueToken(h.svc.secret, actor.ID, h.svc.now())
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]string{"token": token})
	return nil
}

var userScalars = []string{"id", "email", "first_name", "last_name", "avatar_url", "metadata", "created_at", "updated_at", "deleted_at"}

// userSpec writes a user; users are never soft-deleted, but Medusa answers deleted_at.
var userSpec = &fields.Spec[User]{
	Scalars: userScalars,
	Scalar:  fields.Columns(userScalars, map[string]func([]byte, *User) []byte{"deleted_at": fields.Null[User]}),
}

// users selects the fields of a user; Medusa answers all of them by default.
var users = fields.Selector{Defaults: userSpec.Scalars, Check: userSpec.Check}

func (h *Handler) me(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	actor, _ := ActorFrom(ctx)
	if actor.Type != "user" {
		return nil, apperr.Invalidf("The credential in use belongs to an API key, not a user")
	}
	u, err := h.svc.User(ctx, actor.ID)
	if err != nil {
		return nil, err
	}
	return userSpec.Append(nil, u, in.Fields), nil
}
