package seller

import (
	"context"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/saleschannel"
)

// Handler serves /admin/sellers.
type Handler struct{ svc *Service }

// NewHandler returns the handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// DefaultFields are a seller's fields when `fields` names none.
var DefaultFields = []string{"id", "name", "email", "metadata", "created_at", "updated_at", "deleted_at"}

// scalars are a seller's scalar fields, in the order "*" writes them.
var scalars = []string{"id", "name", "email", "metadata", "created_at", "updated_at", "deleted_at"}

// Spec writes a seller, with the live channels it sells through as `sales_channels`.
var Spec = &fields.Spec[Seller]{
	Scalars: scalars,
	Scalar:  fields.Columns[Seller](scalars, nil),
	Relations: map[string]fields.Relation[Seller]{
		"sales_channels": fields.ListOf(saleschannel.Spec, func(s *Seller) []*saleschannel.SalesChannel { return s.SalesChannels }),
	},
}

var sellers = fields.Selector{Defaults: DefaultFields, Check: Spec.Check}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/sellers", Summary: "List sellers", Query: listQuery, Response: "sellers", Serve: httpapi.Entities(sellers, Spec, h.list)},
		{Method: "POST", Path: "/admin/sellers", Summary: "Create a seller", Query: selectQuery, Body: createBody, Response: "seller", Serve: httpapi.Entity(sellers, Spec, h.create)},
		{Method: "GET", Path: "/admin/sellers/{id}", Summary: "Retrieve a seller", Query: selectQuery, Response: "seller", Serve: httpapi.Entity(sellers, Spec, h.retrieve)},
		{Method: "POST", Path: "/admin/sellers/{id}", Summary: "Update a seller", Query: selectQuery, Body: updateBody, Response: "seller", Serve: httpapi.Entity(sellers, Spec, h.update)},
		{Method: "DELETE", Path: "/admin/sellers/{id}", Summary: "Delete a seller", Response: "deleted", Serve: httpapi.Delete("seller", h.svc.Delete)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var listQuery = v.Object(slices.Concat(httpapi.FindParams(20), []v.Field{httpapi.Search()},
	httpapi.MatchFilters("id", "name"), httpapi.DateFilters("created_at", "updated_at"))...).Strict()

var createBody = v.Object(
	v.F("name", v.String()),
	v.F("email", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var updateBody = createBody.Partial()

type listParams struct {
	httpapi.Paging
	Q    string   `json:"q"`
	ID   []string `json:"id"`
	Name []string `json:"name"`
	httpapi.DateParams
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]*Seller, int, error) {
	p := in.Query
	ss, count, err := h.svc.List(ctx, Filter{Q: p.Q, IDs: p.ID, Names: p.Name, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt},
		Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return nil, 0, err
	}
	return ss, count, h.svc.loadChannels(ctx, ss, in.Fields)
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Seller, error) {
	s, err := h.svc.Get(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return s, h.svc.loadChannels(ctx, []*Seller{s}, in.Fields)
}

type request struct {
	Name     *string        `json:"name"`
	Email    v.Opt[*string] `json:"email"`
	Metadata v.Metadata     `json:"metadata"`
}

func (h *Handler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, request]) (*Seller, error) {
	s, err := h.svc.Create(ctx, CreateInput{Name: *in.Body.Name, Email: in.Body.Email.Value, Metadata: in.Body.Metadata.Value})
	if err != nil {
		return nil, err
	}
	return s, h.svc.loadChannels(ctx, []*Seller{s}, in.Fields)
}

func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, request]) (*Seller, error) {
	req := in.Body
	s, err := h.svc.Update(ctx, in.Path("id"), UpdateInput{Name: req.Name, SetEmail: req.Email.Set, Email: req.Email.Value,
		SetMetadata: req.Metadata.Set, Metadata: req.Metadata.Value})
	if err != nil {
		return nil, err
	}
	return s, h.svc.loadChannels(ctx, []*Seller{s}, in.Fields)
}
