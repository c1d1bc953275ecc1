package order

import (
	"context"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/product"
)

// Handler serves the admin order routes and the store order route.
type Handler struct {
	svc *Service
	// variantRels are the relations other modules give a line's variant on admin routes,
	// and adminSpec the order spec that writes them.
	variantRels map[string]product.VariantRelation
	adminSpec   *fields.Spec[Order]
}

// NewHandler returns the order handler for svc. variantRels are the relations of variants
// that other modules provide to the admin routes' `fields` (inventory_items, inventory).
func NewHandler(svc *Service, variantRels map[string]product.VariantRelation) *Handler {
	return &Handler{svc: svc, variantRels: variantRels, adminSpec: specWith(variantRels)}
}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	orders := fields.Selector{Defaults: DefaultFields, Check: h.adminSpec.Check}
	order := fields.Selector{Defaults: RetrieveFields, Check: h.adminSpec.Check}
	return append([]httpapi.Route{
		{Method: "GET", Path: "/admin/orders", Summary: "List orders", Query: listQuery, Response: "orders", Serve: httpapi.Page(orders, h.list)},
		{Method: "GET", Path: "/admin/orders/{id}", Summary: "Retrieve an order", Query: retrieveQuery, Response: "order", Serve: httpapi.One(order, h.retrieve)},
		{Method: "GET", Path: "/admin/orders/{id}/preview", Summary: "Preview an order with its pending change applied", Query: retrieveQuery, Response: "order", Serve: httpapi.One(httpapi.NoFields, h.preview)},
	}, h.changeRoutes()...)
}

// retrieveQuery is Medusa's query of one order: fields, and the order version to read; an
// order here has one version, as nothing changes it after it is placed.
var retrieveQuery = v.Object(append(httpapi.SelectParams(), v.F("version", v.Optional(v.IntString().Gte(1).Lte(1<<31-1))))...).Strict()

// previewFields are what Medusa's preview of an order answers when no change is pending:
// the order's id, version, email, summary and totals, and its lines with their details.
var previewFields = fields.FromList(append([]string{"id", "version", "email", "summary", "currency_code", "payment_status",
	"fulfillment_status", "*items",
	"*shipping_methods", "*credit_lines"}, TotalNames...)...)

// preview is GET /admin/orders/:id/preview. channeld makes no order changes (edits, claims,
// returns), so the preview is the order as it is, without an order_change.
func (h *Handler) preview(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	o, err := h.svc.Get(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return h.svc.WriteOne(ctx, o, previewFields, nil)
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
	if err := h.svc.load(ctx, os, in.Fields, nil); err != nil {
		return nil, 0, err
	}
	if err := loadVariantRelations(ctx, os, in.Fields, h.variantRels); err != nil {
		return nil, 0, err
	}
	return h.adminSpec.AppendList(nil, os, in.Fields), n, nil
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	o, err := h.svc.Get(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	// Medusa's order detail always answers the payment and fulfillment statuses it computes,
	// whatever `fields` asks: the dashboard's order page reads them without asking.
	in.Fields.AddScalar("payment_status")
	in.Fields.AddScalar("fulfillment_status")
	// Its lines' quantities live in their detail, which it answers with every line.
	if items := in.Fields.Rel("items"); items != nil {
		items.AddScalar("detail")
	}
	os := []*Order{o}
	if err := h.svc.load(ctx, os, in.Fields, nil); err != nil {
		return nil, err
	}
	if err := loadVariantRelations(ctx, os, in.Fields, h.variantRels); err != nil {
		return nil, err
	}
	return h.adminSpec.Append(nil, o, in.Fields), nil
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
