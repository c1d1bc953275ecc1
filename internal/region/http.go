package region

import (
	"encoding/json"
	"net/http"
	"strconv"
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/validate"
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

// Spec writes a region with its countries and payment providers.
var Spec = &fields.Spec[Region]{
	Scalars: []string{"id", "name", "currency_code", "automatic_taxes", "metadata", "created_at", "updated_at", "deleted_at"},
	Scalar: func(b []byte, r *Region, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, r.ID)
		case "name":
			return fields.AppendString(b, r.Name)
		case "currency_code":
			return fields.AppendString(b, r.CurrencyCode)
		case "automatic_taxes":
			return fields.AppendBool(b, r.AutomaticTaxes)
		case "metadata":
			return fields.AppendRaw(b, r.Metadata)
		case "created_at":
			return fields.AppendTime(b, r.CreatedAt)
		case "updated_at":
			return fields.AppendTime(b, r.UpdatedAt)
		case "deleted_at":
			return fields.AppendNullTime(b, r.DeletedAt)
		}
		return fields.AppendNull(b)
	},
	Relations: map[string]fields.Relation[Region]{
		"countries": {
			Unknown: fields.Nested(CountrySpec), AsScalar: true,
			Append: func(b []byte, r *Region, sub *fields.Selection) []byte {
				return CountrySpec.AppendList(b, r.Countries, sub)
			},
		},
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

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/regions", Summary: "List regions", Query: listQuery, Response: "regions", Handler: h.list},
		{Method: "POST", Path: "/admin/regions", Summary: "Create a region", Query: selectQuery, Body: createBody, Response: "region", Handler: h.create},
		{Method: "GET", Path: "/admin/regions/{id}", Summary: "Retrieve a region", Query: selectQuery, Response: "region", Handler: h.retrieve},
		{Method: "POST", Path: "/admin/regions/{id}", Summary: "Update a region", Query: selectQuery, Body: updateBody, Response: "region", Handler: h.update},
		{Method: "DELETE", Path: "/admin/regions/{id}", Summary: "Delete a region", Response: "deleted", Handler: h.delete},
	}
}

// StoreRoutes lists the storefront routes; the caller mounts them behind the publishable
// key check.
func (h *Handler) StoreRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/regions", Summary: "List regions", Query: listQuery, Response: "regions", Handler: h.list},
		{Method: "GET", Path: "/store/regions/{id}", Summary: "Retrieve a region", Query: selectQuery, Response: "region", Handler: h.retrieve},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var listQuery = v.Object(append(httpapi.FindParams(20),
	v.F("q", v.Optional(v.String())),
	v.F("id", v.Optional(v.StringOrArray())),
	v.F("name", v.Optional(v.StringOrArray())),
	v.F("currency_code", v.Optional(v.StringOrArray())),
)...).Strict()

var createBody = v.Object(
	v.F("name", v.String()),
	v.F("currency_code", v.String()),
	v.F("countries", v.Optional(v.Array(v.String()))),
	v.F("automatic_taxes", v.Optional(v.Bool())),
	v.F("payment_providers", v.Optional(v.Array(v.String()))),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var updateBody = v.Object(
	v.F("name", v.Optional(v.String())),
	v.F("currency_code", v.Optional(v.String())),
	v.F("countries", v.Optional(v.Array(v.String()))),
	v.F("automatic_taxes", v.Optional(v.Bool())),
	v.F("payment_providers", v.Optional(v.Array(v.String()))),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

type listParams struct {
	httpapi.Paging
	Q            string   `json:"q"`
	ID           []string `json:"id"`
	Name         []string `json:"name"`
	CurrencyCode []string `json:"currency_code"`
}

func selection(param *string) (*fields.Selection, error) {
	given := param != nil
	s := ""
	if given {
		s = *param
	}
	sel := fields.Parse(s, given, DefaultFields)
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
	rs, count, err := h.svc.List(r.Context(), Filter{Q: p.Q, IDs: p.ID, Names: p.Name, CurrencyCodes: p.CurrencyCode},
		Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("regions", Spec.AppendList(nil, rs, sel), count, p.Offset, p.Limit))
	return nil
}

func respond(w http.ResponseWriter, rg *Region, sel *fields.Selection) error {
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("region", Spec.Append(nil, rg, sel)))
	return nil
}

func (h *Handler) retrieve(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	sel, err := selection(q.Fields)
	if err != nil {
		return err
	}
	rg, err := h.svc.Get(r.Context(), nil, r.PathValue("id"))
	if err != nil {
		return err
	}
	return respond(w, rg, sel)
}

type createRequest struct {
	Name             string          `json:"name"`
	CurrencyCode     string          `json:"currency_code"`
	Countries        []string        `json:"countries"`
	AutomaticTaxes   *bool           `json:"automatic_taxes"`
	PaymentProviders []string        `json:"payment_providers"`
	Metadata         json.RawMessage `json:"metadata"`
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	sel, err := selection(q.Fields)
	if err != nil {
		return err
	}
	var req createRequest
	if err := httpapi.DecodeBody(r, createBody, &req); err != nil {
		return err
	}
	rg, err := h.svc.Create(r.Context(), CreateInput{Name: req.Name, CurrencyCode: req.CurrencyCode,
		Countries: req.Countries, AutomaticTaxes: req.AutomaticTaxes, PaymentProviders: req.PaymentProviders,
		Metadata: nullIfNull(req.Metadata)})
	if err != nil {
		return err
	}
	return respond(w, rg, sel)
}

type updateRequest struct {
	Name             *string                       `json:"name"`
	CurrencyCode     *string                       `json:"currency_code"`
	Countries        validate.Opt[[]string]        `json:"countries"`
	AutomaticTaxes   *bool                         `json:"automatic_taxes"`
	PaymentProviders validate.Opt[[]string]        `json:"payment_providers"`
	Metadata         validate.Opt[json.RawMessage] `json:"metadata"`
}

func (h *Handler) update(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	sel, err := selection(q.Fields)
	if err != nil {
		return err
	}
	var req updateRequest
	if err := httpapi.DecodeBody(r, updateBody, &req); err != nil {
		return err
	}
	in := UpdateInput{Name: req.Name, CurrencyCode: req.CurrencyCode, AutomaticTaxes: req.AutomaticTaxes,
		SetCountries: req.Countries.Set, Countries: req.Countries.Value,
		SetProviders: req.PaymentProviders.Set, PaymentProviders: req.PaymentProviders.Value,
		SetMetadata: req.Metadata.Set}
	if req.Metadata.Set && !req.Metadata.Null {
		in.Metadata = nullIfNull(req.Metadata.Value)
	}
	rg, err := h.svc.Update(r.Context(), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return respond(w, rg, sel)
}

func (h *Handler) delete(w http.ResponseWriter, r *http.Request) error {
	regionID := r.PathValue("id")
	if err := h.svc.Delete(r.Context(), regionID); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, httpapi.Deleted{ID: regionID, Object: "region", Deleted: true})
	return nil
}

// nullIfNull turns a JSON null into nil, so "no metadata" has one representation.
func nullIfNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return raw
}
