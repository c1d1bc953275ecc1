package auth

import (
	"net/http"
	"strings"

	"channeld/internal/platform/httpapi"
)

// CustomerRoutes are the customer's emailpass routes, which need no credentials.
func (h *Handler) CustomerRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "POST", Path: "/auth/customer/emailpass/register", Summary: "Register a customer identity with email and password",
			Body: loginBody, Response: "token", Handler: h.registerCustomer},
		{Method: "POST", Path: "/auth/customer/emailpass", Summary: "Log in a customer with email and password",
			Body: loginBody, Response: "token", Handler: h.loginCustomer},
	}
}

func (h *Handler) registerCustomer(w http.ResponseWriter, r *http.Request) error {
	return h.withCredentials(w, r, h.svc.RegisterCustomer)
}

func (h *Handler) loginCustomer(w http.ResponseWriter, r *http.Request) error {
	return h.withCredentials(w, r, h.svc.LoginCustomer)
}

func (h *Handler) refreshCustomer(w http.ResponseWriter, r *http.Request, c Customer) error {
	customerID, _, err := h.svc.identityCustomer(r.Context(), h.svc.db.Read(), c.IdentityID)
	if err != nil {
		return err
	}
	token, err := issueCustomerToken(h.svc.secret, c.IdentityID, customerID, h.svc.now())
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]string{"token": token})
	return nil
}

// bearer returns the token of an Authorization: Bearer header.
func bearer(r *http.Request) (string, bool) {
	scheme, cred, _ := strings.Cut(r.Header.Get("Authorization"), " ")
	if !strings.EqualFold(scheme, "bearer") {
		return "", false
	}
	return strings.TrimSpace(cred), true
}

// IdentifyCustomer puts the customer a storefront request's bearer token names in its
// context, as Medusa's optional customer authentication of every store route does. Any
// other credential, or none, leaves the request anonymous: the routes that need a customer
// refuse it themselves (RequireCustomer).
func (s *Service) IdentifyCustomer(next httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		token, ok := bearer(r)
		if !ok {
			return s.identifySessionCustomer(next, w, r)
		}
		c, ok, err := s.customerCaller(r.Context(), token)
		if err != nil {
			return err
		}
		if ok {
			r = r.WithContext(WithCustomer(r.Context(), c))
		}
		return next(w, r)
	}
}

// RequireCustomer lets a storefront request through only from a logged-in customer, and
// answers Medusa's bare 401 otherwise. It runs after IdentifyCustomer.
func RequireCustomer(next httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if c, ok := CustomerFrom(r.Context()); !ok || c.CustomerID == "" {
			httpapi.WriteUnauthorized(w, r)
			return nil
		}
		return next(w, r)
	}
}

// RequireIdentity is RequireCustomer for the route that creates the customer, which a
// registration token (an identity without a customer yet) may call.
func RequireIdentity(next httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		if _, ok := CustomerFrom(r.Context()); !ok {
			httpapi.WriteUnauthorized(w, r)
			return nil
		}
		return next(w, r)
	}
}

// identifySessionCustomer is IdentifyCustomer for a request without a bearer token: the
// customer of a live customer session cookie, while its identity still exists.
func (s *Service) identifySessionCustomer(next httpapi.HandlerFunc, w http.ResponseWriter, r *http.Request) error {
	se, _, ok, err := s.sessionFrom(r)
	if err != nil {
		return err
	}
	if !ok || se.actorType != actorCustomer {
		return next(w, r)
	}
	if err := checkSessionOrigin(r, s.origins.Store); err != nil {
		return err
	}
	linked, found, err := s.identityCustomer(r.Context(), s.db.Read(), se.identityID)
	if err != nil {
		return err
	}
	if found && (se.actorID == "" || linked == se.actorID) {
		r = r.WithContext(WithCustomer(r.Context(), Customer{IdentityID: se.identityID, CustomerID: se.actorID}))
	}
	return next(w, r)
}
