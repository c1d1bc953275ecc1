package payment

import (
	"context"
	"encoding/json"
	"net/http"

	"channeld/internal/apikey"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/money"
	v "channeld/internal/platform/validate"
)

// Checkout runs the payment use cases that need the cart a collection pays: each locks the
// cart (refusing one the key's channels do not reach, or a completed one) and writes the
// payment in the same transaction. The cart module implements it.
type Checkout interface {
	OpenPaymentCollection(ctx context.Context, cartID string, keyChannels []string) (*Collection, error)
	StartPaymentSession(ctx context.Context, collectionID string, keyChannels []string, provider string, data json.RawMessage) (*Collection, error)
}

// Handler serves the store payment routes behind the publishable-key middleware.
type Handler struct {
	svc      *Service
	checkout Checkout
}

// NewHandler returns the store payment handler.
func NewHandler(svc *Service, checkout Checkout) *Handler {
	return &Handler{svc: svc, checkout: checkout}
}

// Routes lists the store payment routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "POST", Path: "/store/payment-collections", Summary: "Create a cart's payment collection", Query: selectQuery, Body: createBody, Response: "payment_collection", Handler: h.create},
		{Method: "POST", Path: "/store/payment-collections/{id}/payment-sessions", Summary: "Open a payment session", Query: selectQuery, Body: sessionBody, Response: "payment_collection", Handler: h.createSession},
		{Method: "GET", Path: "/store/payment-providers", Summary: "List a region's payment providers", Query: providersQuery, Response: "payment_providers", Handler: h.providers},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var createBody = v.Object(v.F("cart_id", v.String())).Strict()

var sessionBody = v.Object(
	v.F("provider_id", v.String()),
	v.F("data", v.Optional(v.Record())),
).Strict()

var providersQuery = v.Object(append(httpapi.FindParams(20), v.F("region_id", v.String()))...).Strict()

func keyChannels(r *http.Request) []string {
	sc, _ := apikey.ScopeFrom(r.Context())
	return sc.ChannelIDs
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	var req struct {
		CartID string `json:"cart_id"`
	}
	if err := httpapi.DecodeBody(r, createBody, &req); err != nil {
		return err
	}
	c, err := h.checkout.OpenPaymentCollection(r.Context(), req.CartID, keyChannels(r))
	if err != nil {
		return err
	}
	return respond(w, c)
}

func (h *Handler) createSession(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	var req struct {
		ProviderID string          `json:"provider_id"`
		Data       json.RawMessage `json:"data"`
	}
	if err := httpapi.DecodeBody(r, sessionBody, &req); err != nil {
		return err
	}
	c, err := h.checkout.StartPaymentSession(r.Context(), r.PathValue("id"), keyChannels(r), req.ProviderID, req.Data)
	if err != nil {
		return err
	}
	return respond(w, c)
}

func (h *Handler) providers(w http.ResponseWriter, r *http.Request) error {
	var q struct {
		httpapi.Paging
		RegionID string `json:"region_id"`
	}
	if err := httpapi.DecodeQuery(r, providersQuery, &q); err != nil {
		return err
	}
	ids, err := h.svc.Providers(r.Context(), q.RegionID)
	if err != nil {
		return err
	}
	type provider struct {
		ID        string `json:"id"`
		IsEnabled bool   `json:"is_enabled"`
	}
	out := []provider{}
	for i, p := range ids {
		if i >= q.Offset && len(out) < q.Limit {
			out = append(out, provider{p, true})
		}
	}
	httpapi.WriteJSON(w, http.StatusOK, struct {
		PaymentProviders []provider `json:"payment_providers"`
		Count            int        `json:"count"`
		Offset           int        `json:"offset"`
		Limit            int        `json:"limit"`
	}{out, len(ids), q.Offset, q.Limit})
	return nil
}

// SessionView is a payment session as the API shows it; amounts in major units.
type SessionView struct {
	ID                  string          `json:"id"`
	CurrencyCode        string          `json:"currency_code"`
	Amount              json.RawMessage `json:"amount"`
	ProviderID          string          `json:"provider_id"`
	Data                json.RawMessage `json:"data"`
	Status              string          `json:"status"`
	AuthorizedAt        *string         `json:"authorized_at"`
	PaymentCollectionID string          `json:"payment_collection_id"`
	CreatedAt           string          `json:"created_at"`
	UpdatedAt           string          `json:"updated_at"`
}

// View is a payment collection as the API shows it, with its sessions.
type View struct {
	ID              string          `json:"id"`
	CurrencyCode    string          `json:"currency_code"`
	Amount          json.RawMessage `json:"amount"`
	Status          string          `json:"status"`
	PaymentSessions []SessionView   `json:"payment_sessions"`
}

// ToView renders a collection; nil renders as nil.
func ToView(c *Collection) *View {
	if c == nil {
		return nil
	}
	out := &View{ID: c.ID, CurrencyCode: c.CurrencyCode, Amount: money.AppendMajor(nil, c.Amount, c.CurrencyCode),
		Status: c.Status, PaymentSessions: []SessionView{}}
	for _, s := range c.Sessions {
		sv := SessionView{ID: s.ID, CurrencyCode: s.CurrencyCode, Amount: money.AppendMajor(nil, s.Amount, s.CurrencyCode),
			ProviderID: s.ProviderID, Data: s.Data, Status: s.Status, PaymentCollectionID: c.ID,
			CreatedAt: db.FormatTime(s.CreatedAt), UpdatedAt: db.FormatTime(s.UpdatedAt)}
		if s.AuthorizedAt != nil {
			t := db.FormatTime(*s.AuthorizedAt)
			sv.AuthorizedAt = &t
		}
		out.PaymentSessions = append(out.PaymentSessions, sv)
	}
	return out
}

func respond(w http.ResponseWriter, c *Collection) error {
	httpapi.WriteJSON(w, http.StatusOK, struct {
		PaymentCollection *View `json:"payment_collection"`
	}{ToView(c)})
	return nil
}
