package customer

import (
	"context"
	"slices"

	"channeld/internal/auth"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// StoreHandler serves /store/customers: a customer creates itself with its registration
// token, then reads and changes itself and its addresses through /me.
type StoreHandler struct {
	svc *Service
	w   *writer
}

// NewStoreHandler returns the store handler for svc; relations are the relations of a
// customer other modules provide to `fields` (its orders, as the key's channels see them).
func NewStoreHandler(svc *Service, relations map[string]Relation) *StoreHandler {
	return &StoreHandler{svc: svc, w: &writer{svc: svc, spec: newSpec(storeScalars, relations), relations: relations}}
}

// storeDefaults are Medusa's default fields of /store/customers.
var storeDefaults = append(slices.Clone(storeScalars), "*addresses")

// CreateRoutes are the routes a registration token may call, behind auth.RequireIdentity.
func (h *StoreHandler) CreateRoutes() []httpapi.Route {
	customers := fields.Selector{Defaults: storeDefaults, Check: h.w.Check}
	return []httpapi.Route{
		{Method: "POST", Path: "/store/customers", Summary: "Create the customer of a registered identity", Query: selectQuery,
			Body: storeCreateBody, Response: "customer", Serve: httpapi.Written(customers, h.w, h.create)},
	}
}

// MeRoutes are the routes of the logged-in customer, behind auth.RequireCustomer.
func (h *StoreHandler) MeRoutes() []httpapi.Route {
	customers := fields.Selector{Defaults: storeDefaults, Check: h.w.Check}
	addresses := fields.Selector{Defaults: addressScalars, Check: AddressSpec.Check}
	return []httpapi.Route{
		{Method: "GET", Path: "/store/customers/me", Summary: "Retrieve the logged-in customer", Query: selectQuery, Response: "customer", Serve: httpapi.Written(customers, h.w, h.me)},
		{Method: "POST", Path: "/store/customers/me", Summary: "Update the logged-in customer", Query: selectQuery, Body: storeUpdateBody, Response: "customer", Serve: httpapi.Written(customers, h.w, h.update)},
		{Method: "GET", Path: "/store/customers/me/addresses", Summary: "List the logged-in customer's addresses", Query: addressListQuery, Response: "addresses", Serve: httpapi.Entities(addresses, AddressSpec, h.listAddresses)},
		{Method: "POST", Path: "/store/customers/me/addresses", Summary: "Add an address to the logged-in customer", Query: selectQuery, Body: addressBody, Response: "customer", Serve: httpapi.Written(customers, h.w, h.createAddress)},
		{Method: "GET", Path: "/store/customers/me/addresses/{address_id}", Summary: "Retrieve an address of the logged-in customer", Query: selectQuery, Response: "address", Serve: httpapi.Entity(addresses, AddressSpec, h.address)},
		{Method: "POST", Path: "/store/customers/me/addresses/{address_id}", Summary: "Update an address of the logged-in customer", Query: selectQuery, Body: addressBody, Response: "customer", Serve: httpapi.Written(customers, h.w, h.updateAddress)},
		{Method: "DELETE", Path: "/store/customers/me/addresses/{address_id}", Summary: "Delete an address of the logged-in customer", Query: selectQuery, Response: "deleted", Serve: httpapi.Reply(customers, h.deleteAddress)},
	}
}

var storeCreateBody = v.Object(append([]v.Field{v.F("email", email())}, profileFields...)...).Strict()

var storeUpdateBody = v.Object(profileFields...).Strict()

var addressBody = v.Object(append([]v.Field{
	v.F("address_name", v.Nullish(v.String())),
	v.F("is_default_shipping", v.Optional(v.Bool())),
	v.F("is_default_billing", v.Optional(v.Bool())),
}, httpapi.AddressFields()...)...).Strict()

var addressListQuery = v.Object(slices.Concat(httpapi.FindParams(50), []v.Field{httpapi.Search()},
	httpapi.MatchFilters("city", "country_code", "postal_code"))...).Strict()

// me returns the logged-in customer's id; the route's middleware made sure there is one.
func me(ctx context.Context) string {
	c, _ := auth.CustomerFrom(ctx)
	return c.CustomerID
}

func (h *StoreHandler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, profileRequest]) (*Customer, error) {
	c, _ := auth.CustomerFrom(ctx)
	if c.CustomerID != "" {
		return nil, auth.ErrAlreadyCustomer
	}
	return h.svc.CreateAccount(ctx, c.IdentityID, in.Body.profile())
}

func (h *StoreHandler) me(ctx context.Context, _ *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Customer, error) {
	return h.svc.Get(ctx, me(ctx), ErrStoreNotFound)
}

func (h *StoreHandler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, profileRequest]) (*Customer, error) {
	return h.svc.Update(ctx, me(ctx), in.Body.profile(), ErrStoreNotFound)
}

type addressListParams struct {
	httpapi.Paging
	Q           string   `json:"q"`
	City        []string `json:"city"`
	CountryCode []string `json:"country_code"`
	PostalCode  []string `json:"postal_code"`
}

func (h *StoreHandler) listAddresses(ctx context.Context, in *httpapi.Input[addressListParams, httpapi.NoBody]) ([]*Address, int, error) {
	p := in.Query
	return h.svc.ListAddresses(ctx, me(ctx), AddressFilter{Q: p.Q, Cities: p.City, CountryCodes: p.CountryCode, PostalCodes: p.PostalCode},
		Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
}

func (h *StoreHandler) address(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Address, error) {
	return h.svc.GetAddress(ctx, me(ctx), in.Path("address_id"))
}

// addressRequest is the body of an address's create or update.
type addressRequest struct {
	AddressName       v.Opt[string] `json:"address_name"`
	IsDefaultShipping *bool         `json:"is_default_shipping"`
	IsDefaultBilling  *bool         `json:"is_default_billing"`
	FirstName         v.Opt[string] `json:"first_name"`
	LastName          v.Opt[string] `json:"last_name"`
	Phone             v.Opt[string] `json:"phone"`
	Company           v.Opt[string] `json:"company"`
	Address1          v.Opt[string] `json:"address_1"`
	Address2          v.Opt[string] `json:"address_2"`
	City              v.Opt[string] `json:"city"`
	CountryCode       v.Opt[string] `json:"country_code"`
	Province          v.Opt[string] `json:"province"`
	PostalCode        v.Opt[string] `json:"postal_code"`
	Metadata          v.Metadata    `json:"metadata"`
}

func (r addressRequest) input() AddressInput {
	in := AddressInput{Values: map[string]*string{}, IsDefaultShipping: r.IsDefaultShipping, IsDefaultBilling: r.IsDefaultBilling,
		SetMetadata: r.Metadata.Set, Metadata: r.Metadata.Value}
	for name, o := range map[string]v.Opt[string]{"address_name": r.AddressName, "first_name": r.FirstName, "last_name": r.LastName,
		"phone": r.Phone, "company": r.Company, "address_1": r.Address1, "address_2": r.Address2, "city": r.City,
		"country_code": r.CountryCode, "province": r.Province, "postal_code": r.PostalCode} {
		if o.Set {
			in.Values[name] = ptr(o)
		}
	}
	return in
}

// createAddress answers the customer with its addresses, as Medusa does.
func (h *StoreHandler) createAddress(ctx context.Context, in *httpapi.Input[httpapi.Fields, addressRequest]) (*Customer, error) {
	if _, err := h.svc.CreateAddress(ctx, me(ctx), in.Body.input()); err != nil {
		return nil, err
	}
	return h.svc.Get(ctx, me(ctx), ErrStoreNotFound)
}

func (h *StoreHandler) updateAddress(ctx context.Context, in *httpapi.Input[httpapi.Fields, addressRequest]) (*Customer, error) {
	if _, err := h.svc.UpdateAddress(ctx, me(ctx), in.Path("address_id"), in.Body.input()); err != nil {
		return nil, err
	}
	return h.svc.Get(ctx, me(ctx), ErrStoreNotFound)
}

// deleteAddress answers Medusa's deletion with the customer as its parent; Medusa's id there
// is the customer's, not the address's, and clients may read it.
func (h *StoreHandler) deleteAddress(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	if err := h.svc.DeleteAddress(ctx, me(ctx), in.Path("address_id")); err != nil {
		return nil, err
	}
	c, err := h.svc.Get(ctx, me(ctx), ErrStoreNotFound)
	if err != nil {
		return nil, err
	}
	parent, err := h.w.One(ctx, c, in.Fields)
	if err != nil {
		return nil, err
	}
	return httpapi.DeletedWithParent(c.ID, "address", parent), nil
}
