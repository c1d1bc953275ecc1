package customer

import (
	"context"
	"slices"

	"channeld/internal/auth"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// AdminHandler serves /admin/customers.
type AdminHandler struct {
	svc *Service
	w   *writer
}

// NewAdminHandler returns the admin handler for svc.
func NewAdminHandler(svc *Service) *AdminHandler {
	return &AdminHandler{svc: svc, w: &writer{svc: svc, spec: newSpec(adminScalars, nil)}}
}

// Routes lists the admin routes.
func (h *AdminHandler) Routes() []httpapi.Route {
	customers := fields.Selector{Defaults: adminScalars, Check: h.w.Check}
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/customers", Summary: "List customers", Query: adminListQuery, Response: "customers", Serve: httpapi.Page(customers, h.list)},
		{Method: "POST", Path: "/admin/customers", Summary: "Create a customer", Query: selectQuery, Body: adminBody, Response: "customer", Serve: httpapi.Written(customers, h.w, h.create)},
		{Method: "GET", Path: "/admin/customers/{id}", Summary: "Retrieve a customer", Query: selectQuery, Response: "customer", Serve: httpapi.Written(customers, h.w, h.retrieve)},
		{Method: "POST", Path: "/admin/customers/{id}", Summary: "Update a customer", Query: selectQuery, Body: adminBody, Response: "customer", Serve: httpapi.Written(customers, h.w, h.update)},
		{Method: "DELETE", Path: "/admin/customers/{id}", Summary: "Delete a customer", Response: "deleted", Serve: httpapi.Delete("customer", h.svc.Delete)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

// email is an email field; emails are indexed, hence the bound.
func email() v.Schema { return v.Nullish(v.String().Max(v.MaxIndexed)) }

// customerFilters are the list's filters, which $and and $or groups may hold too.
func customerFilters() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()},
		httpapi.MatchFilters("id", "email", "company_name", "first_name", "last_name", "created_by"),
		[]v.Field{v.F("has_account", v.Optional(v.BoolString()))},
		httpapi.DateFilters("created_at", "updated_at", "deleted_at"))
}

var adminListQuery = v.Object(slices.Concat(httpapi.FilterParams(50, customerFilters),
	// channeld's filter: the customers who placed an order in one of the channels.
	[]v.Field{v.F("sales_channel_id", v.Optional(v.StringOrArray()))})...).Strict()

var profileFields = []v.Field{
	v.F("company_name", v.Nullish(v.String())),
	v.F("first_name", v.Nullish(v.String())),
	v.F("last_name", v.Nullish(v.String())),
	v.F("phone", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
}

var adminBody = v.Object(slices.Concat([]v.Field{v.F("email", email())}, profileFields,
	[]v.Field{v.F("additional_data", v.Nullish(v.Record()))})...).Strict()

type filterParams struct {
	Q           string   `json:"q"`
	ID          []string `json:"id"`
	Email       []string `json:"email"`
	CompanyName []string `json:"company_name"`
	FirstName   []string `json:"first_name"`
	LastName    []string `json:"last_name"`
	CreatedBy   []string `json:"created_by"`
	HasAccount  *bool    `json:"has_account"`
	httpapi.DateParams
}

func (p filterParams) filter() Filter {
	return Filter{Q: p.Q, IDs: p.ID, Emails: p.Email, CompanyNames: p.CompanyName, FirstNames: p.FirstName,
		LastNames: p.LastName, CreatedBy: p.CreatedBy, HasAccount: p.HasAccount,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, DeletedAt: p.DeletedAt}
}

type adminListParams struct {
	httpapi.Paging
	filterParams
	httpapi.Groups[filterParams]
	SalesChannelID []string `json:"sales_channel_id"`
}

func (h *AdminHandler) list(ctx context.Context, in *httpapi.Input[adminListParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	f := p.filterParams.filter()
	f.And, f.Or = httpapi.ConvertGroups(p.Groups, filterParams.filter)
	f.SalesChannelIDs = p.SalesChannelID
	cs, n, err := h.svc.List(ctx, f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return nil, 0, err
	}
	out, err := h.w.List(ctx, cs, in.Fields)
	return out, n, err
}

// profileRequest is the body of a customer's create or update.
type profileRequest struct {
	Email       v.Opt[string] `json:"email"`
	CompanyName v.Opt[string] `json:"company_name"`
	FirstName   v.Opt[string] `json:"first_name"`
	LastName    v.Opt[string] `json:"last_name"`
	Phone       v.Opt[string] `json:"phone"`
	Metadata    v.Metadata    `json:"metadata"`
}

// ptr is an optional string field's value: nil when absent or null.
func ptr(o v.Opt[string]) *string {
	if !o.Set || o.Null {
		return nil
	}
	return &o.Value
}

func (r profileRequest) profile() Profile {
	return Profile{Email: ptr(r.Email), CompanyName: ptr(r.CompanyName), FirstName: ptr(r.FirstName), LastName: ptr(r.LastName),
		Phone: ptr(r.Phone), Metadata: r.Metadata.Value, SetEmail: r.Email.Set, SetCompanyName: r.CompanyName.Set,
		SetFirstName: r.FirstName.Set, SetLastName: r.LastName.Set, SetPhone: r.Phone.Set, SetMetadata: r.Metadata.Set}
}

func (h *AdminHandler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, profileRequest]) (*Customer, error) {
	var createdBy *string
	if a, ok := auth.ActorFrom(ctx); ok {
		createdBy = &a.ID
	}
	return h.svc.Create(ctx, createdBy, in.Body.profile())
}

func (h *AdminHandler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Customer, error) {
	return h.svc.Get(ctx, in.Path("id"), ErrAdminNotFound)
}

func (h *AdminHandler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, profileRequest]) (*Customer, error) {
	return h.svc.Update(ctx, in.Path("id"), in.Body.profile(), ErrAdminUpdateNotFound)
}
