package taxonomy

import (
	"context"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Handler serves /admin/collections, /admin/product-tags and /admin/product-types.
type Handler struct{ svc *Service }

// NewHandler returns the handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Medusa's default fields of each entity.
var (
	collections = fields.Selector{Defaults: []string{"id", "title", "handle", "external_id", "created_at", "updated_at", "metadata"},
		Check: CollectionSpec.Check}
	terms = fields.Selector{Defaults: []string{"id", "value", "external_id", "created_at", "updated_at", "metadata"}, Check: TermSpec.Check}
)

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	const one, link = "/admin/collections/{id}", "/admin/collections/{id}/products"
	rs := []httpapi.Route{
		{Method: "GET", Path: "/admin/collections", Summary: "List collections", Query: listQuery(10, "title", "handle"), Response: "collections", Serve: httpapi.Entities(collections, CollectionSpec, h.listCollections)},
		{Method: "POST", Path: "/admin/collections", Summary: "Create a collection", Query: selectQuery, Body: collectionBody, Response: "collection", Serve: httpapi.Entity(collections, CollectionSpec, h.createCollection)},
		{Method: "GET", Path: one, Summary: "Retrieve a collection", Query: selectQuery, Response: "collection", Serve: httpapi.Entity(collections, CollectionSpec, h.collection)},
		{Method: "POST", Path: one, Summary: "Update a collection", Query: selectQuery, Body: collectionBody.Partial(), Response: "collection", Serve: httpapi.Entity(collections, CollectionSpec, h.updateCollection)},
		{Method: "DELETE", Path: one, Summary: "Delete a collection", Response: "deleted", Serve: httpapi.Delete("collection", h.svc.DeleteCollection)},
		{Method: "POST", Path: link, Summary: "Add products to a collection and remove others", Query: selectQuery, Body: linkBody, Response: "collection", Serve: httpapi.Entity(collections, CollectionSpec, h.linkProducts)},
	}
	return append(rs, append(h.termRoutes(Tags), h.termRoutes(Types)...)...)
}

// termRoutes are the CRUD routes of kind k.
func (h *Handler) termRoutes(k Kind) []httpapi.Route {
	one, name := k.Path+"/{id}", k.Name[len("Product "):]
	return []httpapi.Route{
		{Method: "GET", Path: k.Path, Summary: "List product " + name + "s", Query: listQuery(k.Limit, "value"), Response: k.Plural, Serve: httpapi.Entities(terms, TermSpec, h.listTerms(k))},
		{Method: "POST", Path: k.Path, Summary: "Create a product " + name, Query: selectQuery, Body: termBody, Response: k.Object, Serve: httpapi.Entity(terms, TermSpec, h.createTerm(k))},
		{Method: "GET", Path: one, Summary: "Retrieve a product " + name, Query: selectQuery, Response: k.Object, Serve: httpapi.Entity(terms, TermSpec, h.term(k))},
		{Method: "POST", Path: one, Summary: "Update a product " + name, Query: selectQuery, Body: termBody.Partial(), Response: k.Object, Serve: httpapi.Entity(terms, TermSpec, h.updateTerm(k))},
		{Method: "DELETE", Path: one, Summary: "Delete a product " + name, Response: "deleted", Serve: httpapi.Delete(k.Object, func(ctx context.Context, id string) error {
			return h.svc.DeleteTerm(ctx, k, id)
		})},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

// listQuery is Medusa's list query: paging, q, id and the entity's match filters, dates.
func listQuery(limit int, match ...string) *v.ObjectSchema {
	return v.Object(slices.Concat(httpapi.FindParams(limit), []v.Field{httpapi.Search()},
		httpapi.MatchFilters(append([]string{"id", "external_id"}, match...)...),
		httpapi.DateFilters("created_at", "updated_at", "deleted_at"))...).Strict()
}

var collectionBody = v.Object(
	// The handle is indexed, and without one it is made from the title.
	v.F("title", v.String().Max(v.MaxIndexed)),
	v.F("handle", v.Optional(v.String().Max(v.MaxIndexed))),
	v.F("external_id", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
	v.F("additional_data", v.Optional(v.Record())),
)

// A term's value is indexed.
var termBody = v.Object(
	v.F("value", v.String().Max(v.MaxIndexed)),
	v.F("external_id", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var linkBody = v.Object(httpapi.LinkParams()...)

type listParams struct {
	httpapi.Paging
	Q          string   `json:"q"`
	ID         []string `json:"id"`
	ExternalID []string `json:"external_id"`
	Title      []string `json:"title"`
	Handle     []string `json:"handle"`
	Value      []string `json:"value"`
	httpapi.DateParams
}

func (p listParams) filter(values []string) (Filter, Page) {
	return Filter{Q: p.Q, IDs: p.ID, Values: values, Handles: p.Handle, ExternalIDs: p.ExternalID,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt}, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order}
}

type collectionReq struct {
	Title      *string        `json:"title"`
	Handle     *string        `json:"handle"`
	ExternalID v.Opt[*string] `json:"external_id"`
	Metadata   v.Metadata     `json:"metadata"`
}

func (r collectionReq) input() CollectionInput {
	return CollectionInput{Title: r.Title, Handle: r.Handle, SetExternal: r.ExternalID.Set, ExternalID: r.ExternalID.Value,
		SetMetadata: r.Metadata.Set, Metadata: r.Metadata.Value}
}

type termReq struct {
	Value      *string        `json:"value"`
	ExternalID v.Opt[*string] `json:"external_id"`
	Metadata   v.Metadata     `json:"metadata"`
}

func (r termReq) input() TermInput {
	return TermInput{Value: r.Value, SetExternal: r.ExternalID.Set, ExternalID: r.ExternalID.Value,
		SetMetadata: r.Metadata.Set, Metadata: r.Metadata.Value}
}

func (h *Handler) listCollections(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]*Collection, int, error) {
	f, p := in.Query.filter(in.Query.Title)
	return h.svc.Collections(ctx, f, p)
}

func (h *Handler) collection(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Collection, error) {
	return h.svc.Collection(ctx, in.Path("id"))
}

func (h *Handler) createCollection(ctx context.Context, in *httpapi.Input[httpapi.Fields, collectionReq]) (*Collection, error) {
	return h.svc.CreateCollection(ctx, in.Body.input())
}

func (h *Handler) updateCollection(ctx context.Context, in *httpapi.Input[httpapi.Fields, collectionReq]) (*Collection, error) {
	return h.svc.UpdateCollection(ctx, in.Path("id"), in.Body.input())
}

func (h *Handler) linkProducts(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.Links]) (*Collection, error) {
	return h.svc.LinkProducts(ctx, in.Path("id"), in.Body.Add, in.Body.Remove)
}

func (h *Handler) listTerms(k Kind) func(context.Context, *httpapi.Input[listParams, httpapi.NoBody]) ([]*Term, int, error) {
	return func(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]*Term, int, error) {
		f, p := in.Query.filter(in.Query.Value)
		return h.svc.Terms(ctx, k, f, p)
	}
}

func (h *Handler) term(k Kind) func(context.Context, *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Term, error) {
	return func(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Term, error) {
		return h.svc.Term(ctx, k, in.Path("id"))
	}
}

func (h *Handler) createTerm(k Kind) func(context.Context, *httpapi.Input[httpapi.Fields, termReq]) (*Term, error) {
	return func(ctx context.Context, in *httpapi.Input[httpapi.Fields, termReq]) (*Term, error) {
		return h.svc.CreateTerm(ctx, k, in.Body.input())
	}
}

func (h *Handler) updateTerm(k Kind) func(context.Context, *httpapi.Input[httpapi.Fields, termReq]) (*Term, error) {
	return func(ctx context.Context, in *httpapi.Input[httpapi.Fields, termReq]) (*Term, error) {
		return h.svc.UpdateTerm(ctx, k, in.Path("id"), in.Body.input())
	}
}
