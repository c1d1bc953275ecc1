package order

import (
	"net/http"

	"channeld/internal/apikey"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Handler serves the admin order routes and the store order route.
type Handler struct{ svc *Service }

// NewHandler returns the order handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/orders", Summary: "List orders", Query: listQuery, Response: "orders", Handler: h.list},
		{Method: "GET", Path: "/admin/orders/{id}", Summary: "Retrieve an order", Query: selectQuery, Response: "order", Handler: h.retrieve},
	}
}

// StoreRoutes lists the store routes, mounted behind the publishable-key check.
func (h *Handler) StoreRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/orders/{id}", Summary: "Retrieve an order", Query: selectQuery, Response: "order", Handler: h.storeRetrieve},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var listQuery = v.Object(append(httpapi.FindParams(15),
	v.F("id", v.Optional(v.StringOrArray())),
	v.F("q", v.Optional(v.String())),
	v.F("sales_channel_id", v.Optional(v.Array(v.String()))),
	v.F("created_at", v.Optional(v.OperatorMap(v.String()))),
	v.F("updated_at", v.Optional(v.OperatorMap(v.String()))),
)...).Strict()

type listParams struct {
	httpapi.Paging
	ID             []string       `json:"id"`
	Q              string         `json:"q"`
	SalesChannelID []string       `json:"sales_channel_id"`
	CreatedAt      map[string]any `json:"created_at"`
	UpdatedAt      map[string]any `json:"updated_at"`
}

func selection(param *string) (*fields.Selection, error) {
	s := ""
	if param != nil {
		s = *param
	}
	sel := fields.Parse(s, param != nil, DefaultFields)
	return sel, Spec.Check(sel)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	var p listParams
	if err := httpapi.DecodeQuery(r, listQuery, &p); err != nil {
		return err
	}
	sel, err := selection(p.Fields)
	if err != nil {
		return err
	}
	os, count, err := h.svc.List(r.Context(), Filter{IDs: p.ID, SalesChannelIDs: p.SalesChannelID, Q: p.Q,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}, p.Order, p.Limit, p.Offset)
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("orders", Spec.AppendList(nil, os, sel), count, p.Offset, p.Limit))
	return nil
}

func (h *Handler) one(w http.ResponseWriter, r *http.Request, get func(orderID string) (*Order, error)) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	sel, err := selection(q.Fields)
	if err != nil {
		return err
	}
	o, err := get(r.PathValue("id"))
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("order", Spec.Append(nil, o, sel)))
	return nil
}

func (h *Handler) retrieve(w http.ResponseWriter, r *http.Request) error {
	return h.one(w, r, func(orderID string) (*Order, error) { return h.svc.Get(r.Context(), orderID) })
}

// storeRetrieve answers only an order of one of the key's channels.
func (h *Handler) storeRetrieve(w http.ResponseWriter, r *http.Request) error {
	sc, _ := apikey.ScopeFrom(r.Context())
	return h.one(w, r, func(orderID string) (*Order, error) {
		return h.svc.GetInChannels(r.Context(), orderID, sc.ChannelIDs)
	})
}
