package order

import (
	"context"
	"slices"

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
		{Method: "GET", Path: "/admin/orders", Summary: "List orders", Query: listQuery, Response: "orders", Serve: httpapi.Page(orders, h.list)},
		{Method: "GET", Path: "/admin/orders/{id}", Summary: "Retrieve an order", Query: selectQuery, Response: "order", Serve: httpapi.One(order, h.retrieve)},
	}
}

// StoreRoutes lists the store routes, mounted behind the publishable-key check.
func (h *Handler) StoreRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/orders/{id}", Summary: "Retrieve an order", Query: selectQuery, Response: "order", Serve: httpapi.One(order, h.storeRetrieve)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var listQuery = v.Object(slices.Concat(httpapi.FindParams(15), httpapi.MatchFilters("id"),
	[]v.Field{httpapi.Search(), v.F("sales_channel_id", v.Optional(v.Array(v.String()))),
		v.F("seller_id", v.Optional(v.Array(v.String())))},
	httpapi.DateFilters("created_at", "updated_at"))...).Strict()

type listParams struct {
	httpapi.Paging
	ID             []string       `json:"id"`
	Q              string         `json:"q"`
	SalesChannelID []string       `json:"sales_channel_id"`
	SellerID       []string       `json:"seller_id"`
	CreatedAt      map[string]any `json:"created_at"`
	UpdatedAt      map[string]any `json:"updated_at"`
}

// orders selects the fields of the order list; order those of one order (and of the order a
// completed cart answers).
var (
	orders = fields.Selector{Defaults: DefaultFields, Check: Spec.Check}
	order  = fields.Selector{Defaults: RetrieveFields, Check: Spec.Check}
)

// Selector is the selector of one order's fields, for routes of other modules that answer one.
var Selector = order

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	os, n, err := h.svc.List(ctx, Filter{IDs: p.ID, SalesChannelIDs: p.SalesChannelID, SellerIDs: p.SellerID, Q: p.Q,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}, p.Order, p.Limit, p.Offset)
	if err != nil {
		return nil, 0, err
	}
	body, err := h.svc.Write(ctx, os, in.Fields, nil)
	return body, n, err
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	o, err := h.svc.Get(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return h.svc.WriteOne(ctx, o, in.Fields, nil)
}

// storeRetrieve answers only an order of one of the key's channels, and its lines' products
// only as far as those channels reach.
func (h *Handler) storeRetrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	sc, _ := apikey.ScopeFrom(ctx)
	o, err := h.svc.GetInChannels(ctx, in.Path("id"), sc.ChannelIDs)
	if err != nil {
		return nil, err
	}
	return h.svc.WriteOne(ctx, o, in.Fields, []string{*o.SalesChannelID})
}
