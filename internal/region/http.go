package region

import (
	"context"
	"slices"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Handler serves /admin/regions and /store/regions.
type Handler struct{ svc *Service }

// NewHandler returns the handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// DefaultFields are the region fields Medusa answers with, in its order.
var DefaultFields = []string{"id", "name", "currency_code", "created_at", "updated_at", "deleted_at",
	"automatic_taxes", "metadata", "*countries"}

// CountrySpec writes a region's country as Medusa does, with names from the ISO tables.
var CountrySpec = &fields.Spec[Country]{
	Scalars: []string{"iso_2", "iso_3", "num_code", "name", "display_name", "region_id", "metadata", "created_at", "updated_at", "deleted_at"},
	Scalar: func(b []byte, c *Country, name string) []byte {
		r, _ := language.ParseRegion(c.ISO2)
		switch name {
		case "iso_2":
			return fields.AppendString(b, c.ISO2)
		case "iso_3":
			return fields.AppendString(b, strings.ToLower(r.ISO3()))
		case "num_code":
			return fields.AppendString(b, strconv.Itoa(r.M49()))
		case "name":
			return fields.AppendString(b, strings.ToUpper(display.English.Regions().Name(r)))
		case "display_name":
			return fields.AppendString(b, display.English.Regions().Name(r))
		case "region_id":
			return fields.AppendString(b, c.RegionID)
		case "created_at", "updated_at":
			return fields.AppendTime(b, c.CreatedAt)
		}
		return fields.AppendNull(b)
	},
}

type provider struct{ id string }

var providerSpec = &fields.Spec[provider]{
	Scalars: []string{"id", "is_enabled"},
	Scalar: func(b []byte, p *provider, name string) []byte {
		if name == "id" {
			return fields.AppendString(b, p.id)
		}
		return fields.AppendBool(b, true)
	},
}

// scalars are a region's scalar fields, in the order "*" writes them.
var scalars = []string{"id", "name", "currency_code", "automatic_taxes", "metadata", "created_at", "updated_at", "deleted_at"}

// Spec writes a region with its countries and payment providers.
var Spec = &fields.Spec[Region]{
	Scalars: scalars,
	Scalar:  fields.Columns[Region](scalars, nil),
	Relations: map[string]fields.Relation[Region]{
		"countries": fields.ListOf(CountrySpec, func(r *Region) []*Country { return r.Countries }),
		"payment_providers": {
			Unknown: fields.Nested(providerSpec), AsScalar: true,
			Append: func(b []byte, r *Region, sub *fields.Selection) []byte {
				ps := make([]*provider, len(r.PaymentProviders))
				for i, p := range r.PaymentProviders {
					ps[i] = &provider{id: p}
				}
				return providerSpec.AppendList(b, ps, sub)
			},
		},
	},
}

// regions selects the fields of every region route.
var regions = fields.Selector{Defaults: DefaultFields, Check: Spec.Check}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/regions", Summary: "List regions", Query: listQuery, Response: "regions", Serve: httpapi.Entities(regions, Spec, h.list)},
		{Method: "POST", Path: "/admin/regions", Summary: "Create a region", Query: selectQuery, Body: createBody, Response: "region", Serve: httpapi.Entity(regions, Spec, h.create)},
		{Method: "GET", Path: "/admin/regions/{id}", Summary: "Retrieve a region", Query: selectQuery, Response: "region", Serve: httpapi.Entity(regions, Spec, h.retrieve)},
		{Method: "POST", Path: "/admin/regions/{id}", Summary: "Update a region", Query: selectQuery, Body: updateBody, Response: "region", Serve: httpapi.Entity(regions, Spec, h.update)},
		{Method: "DELETE", Path: "/admin/regions/{id}", Summary: "Delete a region", Response: "deleted", Serve: httpapi.Delete("region", h.svc.Delete)},
	}
}

// StoreRoutes lists the storefront routes; the caller mounts them behind the publishable
// key check.
func (h *Handler) StoreRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/regions", Summary: "List regions", Query: listQuery, Response: "regions", Serve: httpapi.Entities(regions, Spec, h.list)},
		{Method: "GET", Path: "/store/regions/{id}", Summary: "Retrieve a region", Query: selectQuery, Response: "region", Serve: httpapi.Entity(regions, Spec, h.retrieve)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var listQuery = v.Object(slices.Concat(httpapi.FindParams(20), []v.Field{httpapi.Search()},
	httpapi.MatchFilters("id", "name", "currency_code"))...).Strict()

var createBody = v.Object(
	v.F("name", v.String()),
	v.F("currency_code", v.String()),
	v.F("countries", v.Optional(v.Array(v.String()))),
	v.F("automatic_taxes", v.Optional(v.Bool())),
	v.F("payment_providers", v.Optional(v.Array(v.String().Max(v.MaxIndexed)))),
	v.F("metadata", v.Nullish(v.Record())),
	v.F("is_tax_inclusive", v.Optional(v.Bool())),
).Strict()

var updateBody = createBody.Partial()

type listParams struct {
	httpapi.Paging
	Q            string   `json:"q"`
	ID           []string `json:"id"`
	Name         []string `json:"name"`
	CurrencyCode []string `json:"currency_code"`
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]*Region, int, error) {
	p := in.Query
	return h.svc.List(ctx, Filter{Q: p.Q, IDs: p.ID, Names: p.Name, CurrencyCodes: p.CurrencyCode},
		Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Region, error) {
	return h.svc.Get(ctx, nil, in.Path("id"))
}

type createRequest struct {
	Name             string     `json:"name"`
	CurrencyCode     string     `json:"currency_code"`
	Countries        []string   `json:"countries"`
	AutomaticTaxes   *bool      `json:"automatic_taxes"`
	PaymentProviders []string   `json:"payment_providers"`
	Metadata         v.Metadata `json:"metadata"`
	IsTaxInclusive   *bool      `json:"is_tax_inclusive"`
}

func (h *Handler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, createRequest]) (*Region, error) {
	req := in.Body
	return h.svc.Create(ctx, CreateInput{Name: req.Name, CurrencyCode: req.CurrencyCode,
		Countries: req.Countries, AutomaticTaxes: req.AutomaticTaxes, PaymentProviders: req.PaymentProviders,
		Metadata: req.Metadata.Value, IsTaxInclusive: req.IsTaxInclusive})
}

type updateRequest struct {
	Name             *string         `json:"name"`
	CurrencyCode     *string         `json:"currency_code"`
	Countries        v.Opt[[]string] `json:"countries"`
	AutomaticTaxes   *bool           `json:"automatic_taxes"`
	PaymentProviders v.Opt[[]string] `json:"payment_providers"`
	Metadata         v.Metadata      `json:"metadata"`
	IsTaxInclusive   *bool           `json:"is_tax_inclusive"`
}

func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, updateRequest]) (*Region, error) {
	req := in.Body
	return h.svc.Update(ctx, in.Path("id"), UpdateInput{Name: req.Name, CurrencyCode: req.CurrencyCode,
		AutomaticTaxes: req.AutomaticTaxes, SetCountries: req.Countries.Set, Countries: req.Countries.Value,
		SetProviders: req.PaymentProviders.Set, PaymentProviders: req.PaymentProviders.Value,
		SetMetadata: req.Metadata.Set, Metadata: req.Metadata.Value, IsTaxInclusive: req.IsTaxInclusive})
}
