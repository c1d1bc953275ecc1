package payment

import (
	"context"
	"encoding/json"

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
	OpenPaymentCollection(ctx context.Context, cartID string, key apikey.Scope) (*Collection, error)
	StartPaymentSession(ctx context.Context, collectionID string, key apikey.Scope, provider string, data json.RawMessage) (*Collection, error)
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
		{Method: "POST", Path: "/store/payment-collections", Summary: "Create a cart's payment collection", Query: selectQuery, Body: createBody, Response: "payment_collection", Serve: httpapi.One(httpapi.NoFields, h.create)},
		{Method: "POST", Path: "/store/payment-collections/{id}/payment-sessions", Summary: "Open a payment session", Query: selectQuery, Body: sessionBody, Response: "payment_collection", Serve: httpapi.One(httpapi.NoFields, h.createSession)},
		{Method: "GET", Path: "/store/payment-providers", Summary: "List a region's payment providers", Query: providersQuery, Response: "payment_providers", Serve: httpapi.Page(httpapi.NoFields, h.providers)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var createBody = v.Object(v.F("cart_id", v.String())).Strict()

var sessionBody = v.Object(
	v.F("provider_id", v.String()),
	v.F("data", v.Optional(v.Record())),
).Strict()

var providersQuery = v.Object(append(httpapi.FindParams(20), v.F("region_id", v.String()))...).Strict()

// keyScope is the publishable key the request came with, resolved by the key middleware.
func keyScope(ctx context.Context) apikey.Scope {
	sc, _ := apikey.ScopeFrom(ctx)
	return sc
}

type createRequest struct {
	CartID string `json:"cart_id"`
}

func (h *Handler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, createRequest]) ([]byte, error) {
	c, err := h.checkout.OpenPaymentCollection(ctx, in.Body.CartID, keyScope(ctx))
	if err != nil {
		return nil, err
	}
	return httpapi.Marshal(ToView(c))
}

type sessionRequest struct {
	ProviderID string          `json:"provider_id"`
	Data       json.RawMessage `json:"data"`
}

func (h *Handler) createSession(ctx context.Context, in *httpapi.Input[httpapi.Fields, sessionRequest]) ([]byte, error) {
	c, err := h.checkout.StartPaymentSession(ctx, in.Path("id"), keyScope(ctx), in.Body.ProviderID, in.Body.Data)
	if err != nil {
		return nil, err
	}
	return httpapi.Marshal(ToView(c))
}

type providersParams struct {
	httpapi.Paging
	RegionID string `json:"region_id"`
}

type provider struct {
	ID        string `json:"id"`
	IsEnabled bool   `json:"is_enabled"`
}

// providers pages through the region's providers in memory: a region has a handful.
func (h *Handler) providers(ctx context.Context, in *httpapi.Input[providersParams, httpapi.NoBody]) ([]byte, int, error) {
	q := in.Query
	ids, err := h.svc.Providers(ctx, q.RegionID)
	if err != nil {
		return nil, 0, err
	}
	out := []provider{}
	for i, p := range ids {
		if i >= q.Offset && len(out) < q.Limit {
			out = append(out, provider{p, true})
		}
	}
	items, err := httpapi.Marshal(out)
	return items, len(ids), err
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
