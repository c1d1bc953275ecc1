package order

import (
	"context"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Handler serves the admin order routes and the store order routes.
type Handler struct {
	svc       *Service
	customers Customers
}

// NewHandler returns the order handler for svc; customers writes an order's `customer`.
func NewHandler(svc *Service, customers Customers) *Handler {
	return &Handler{svc: svc, customers: customers}
}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/orders", Summary: "List orders", Query: listQuery, Response: "orders", Serve: httpapi.Entities(orders, Spec, h.list)},
		{Method: "GET", Path: "/admin/orders/{id}", Summary: "Retrieve an order", Query: selectQuery, Response: "order", Serve: httpapi.Entity(orders, Spec, h.retrieve)},
	}
}

// StoreRoutes lists the store routes, mounted behind the publishable-key check.
func (h *Handler) StoreRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/orders/{id}", Summary: "Retrieve an order", Query: selectQuery, Response: "order", Serve: httpapi.Entity(orders, Spec, h.storeRetrieve)},
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

// orders selects the fields of the order routes.
var orders = fields.Selector{Defaults: DefaultFields, Check: Spec.Check}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]*Order, int, error) {
	p := in.Query
	os, n, err := h.svc.List(ctx, Filter{IDs: p.ID, SalesChannelIDs: p.SalesChannelID, SellerIDs: p.SellerID, Q: p.Q,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}, p.Order, p.Limit, p.Offset)
	if err != nil {
		return nil, 0, err
	}
	return os, n, h.loadCustomers(ctx, os, in.Fields)
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Order, error) {
	return h.withCustomer(ctx, in.Fields)(h.svc.Get(ctx, in.Path("id")))
}

// withCustomer loads the customer of the order a service call returned when sel asks for it.
func (h *Handler) withCustomer(ctx context.Context, sel *fields.Selection) func(*Order, error) (*Order, error) {
	return func(o *Order, err error) (*Order, error) {
		if err != nil {
			return nil, err
		}
		return o, h.loadCustomers(ctx, []*Order{o}, sel)
	}
}

// storeRetrieve answers only an order of one of the key's channels.
func (h *Handler) storeRetrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Order, error) {
	sc, _ := apikey.ScopeFrom(ctx)
	return h.withCustomer(ctx, in.Fields)(h.svc.GetInChannels(ctx, in.Path("id"), sc.ChannelIDs))
}
