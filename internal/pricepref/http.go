package pricepref

import (
	"context"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Handler serves /admin/price-preferences.
type Handler struct{ svc *Service }

// NewHandler returns the handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

var scalars = []string{"id", "attribute", "value", "is_tax_inclusive", "created_at", "updated_at", "deleted_at"}

// Spec writes a preference as Medusa does.
var Spec = &fields.Spec[Preference]{
	Scalars: scalars,
	Scalar:  fields.Columns[Preference](scalars, nil),
}

// preferences selects Medusa's default fields.
var preferences = fields.Selector{Defaults: []string{"id", "attribute", "value", "is_tax_inclusive", "created_at", "deleted_at", "updated_at"},
	Check: Spec.Check}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/price-preferences", Summary: "List price preferences", Query: listQuery,
			Response: "price_preferences", Serve: httpapi.Entities(preferences, Spec, h.list)},
		{Method: "POST", Path: "/admin/price-preferences", Summary: "Create a price preference", Query: selectQuery, Body: createBody,
			Response: "price_preference", Serve: httpapi.Entity(preferences, Spec, h.create)},
		{Method: "GET", Path: "/admin/price-preferences/{id}", Summary: "Retrieve a price preference", Query: selectQuery,
			Response: "price_preference", Serve: httpapi.Entity(preferences, Spec, h.retrieve)},
		{Method: "POST", Path: "/admin/price-preferences/{id}", Summary: "Update a price preference", Query: selectQuery, Body: updateBody,
			Response: "price_preference", Serve: httpapi.Entity(preferences, Spec, h.update)},
		{Method: "DELETE", Path: "/admin/price-preferences/{id}", Summary: "Delete a price preference", Response: "deleted",
			Serve: httpapi.Delete("price_preference", h.svc.Delete)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

func filterFields() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()}, httpapi.MatchFilters("id", "attribute", "value"))
}

// listQuery is Medusa's AdminGetPricePreferencesParams: 300 a page.
var listQuery = v.Object(httpapi.FilterParams(300, filterFields)...).Strict()

// createBody is Medusa's AdminCreatePricePreference; attribute and value are bounded, as
// indexed text is.
var createBody = v.Object(
	v.F("attribute", v.String().Max(v.MaxIndexed)),
	v.F("value", v.String().Max(v.MaxIndexed)),
	v.F("is_tax_inclusive", v.Optional(v.Bool())),
).Strict()

// updateBody is Medusa's AdminUpdatePricePreference.
var updateBody = createBody.Partial()

type filterParams struct {
	Q         string   `json:"q"`
	ID        []string `json:"id"`
	Attribute []string `json:"attribute"`
	Value     []string `json:"value"`
}

func (p filterParams) filter() Filter {
	return Filter{Q: p.Q, IDs: p.ID, Attributes: p.Attribute, Values: p.Value}
}

type listParams struct {
	httpapi.Paging
	filterParams
	httpapi.Groups[filterParams]
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]*Preference, int, error) {
	p := in.Query
	f := p.filterParams.filter()
	f.And, f.Or = httpapi.ConvertGroups(p.Groups, filterParams.filter)
	return h.svc.List(ctx, f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Preference, error) {
	return h.svc.Get(ctx, in.Path("id"))
}

type createRequest struct {
	Attribute      string `json:"attribute"`
	Value          string `json:"value"`
	IsTaxInclusive *bool  `json:"is_tax_inclusive"`
}

func (h *Handler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, createRequest]) (*Preference, error) {
	return h.svc.Create(ctx, CreateInput{Attribute: in.Body.Attribute, Value: in.Body.Value, IsTaxInclusive: in.Body.IsTaxInclusive})
}

type updateRequest struct {
	Attribute      *string `json:"attribute"`
	Value          *string `json:"value"`
	IsTaxInclusive *bool   `json:"is_tax_inclusive"`
}

func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, updateRequest]) (*Preference, error) {
	b := in.Body
	return h.svc.Update(ctx, in.Path("id"), UpdateInput{Attribute: b.Attribute, Value: b.Value, IsTaxInclusive: b.IsTaxInclusive})
}
