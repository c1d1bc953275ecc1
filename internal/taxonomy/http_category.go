package taxonomy

import (
	"context"
	"math"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Medusa's default category fields, admin and store.
var (
	categories = fields.Selector{Defaults: []string{"id", "name", "description", "handle", "is_active", "is_internal", "rank",
		"parent_category_id", "created_at", "updated_at", "metadata", "*parent_category", "*category_children"}, Check: CategorySpec.Check}
	storeCategories = fields.Selector{Defaults: []string{"id", "name", "description", "handle", "rank", "external_id",
		"parent_category_id", "created_at", "updated_at", "deleted_at"}, Check: CategorySpec.Check}
)

// CategoryRoutes lists the admin category routes.
func (h *Handler) CategoryRoutes() []httpapi.Route {
	const path, one = "/admin/product-categories", "/admin/product-categories/{id}"
	return []httpapi.Route{
		{Method: "GET", Path: path, Summary: "List product categories", Query: categoryListQuery(50, true), Response: "product_categories", Serve: httpapi.Entities(categories, CategorySpec, h.listCategories(false))},
		{Method: "POST", Path: path, Summary: "Create a product category", Query: categorySelect, Body: categoryBody(true), Response: "product_category", Serve: httpapi.Entity(categories, CategorySpec, h.createCategory)},
		{Method: "GET", Path: one, Summary: "Retrieve a product category", Query: categorySelect, Response: "product_category", Serve: httpapi.Entity(categories, CategorySpec, h.category(false))},
		{Method: "POST", Path: one, Summary: "Update a product category", Query: categorySelect, Body: categoryBody(false), Response: "product_category", Serve: httpapi.Entity(categories, CategorySpec, h.updateCategory)},
		{Method: "DELETE", Path: one, Summary: "Delete a product category", Response: "deleted", Serve: httpapi.Delete("product_category", h.svc.DeleteCategory)},
		{Method: "POST", Path: one + "/products", Summary: "Add products to a product category and remove others", Query: categorySelect, Body: linkBody, Response: "product_category", Serve: httpapi.Entity(categories, CategorySpec, h.linkCategoryProducts)},
	}
}

// StoreCategoryRoutes lists the store category routes, behind apikey's RequirePublishable.
func (h *Handler) StoreCategoryRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/product-categories", Summary: "List the categories the publishable key's channels sell products of", Query: categoryListQuery(50, false), Response: "product_categories", Serve: httpapi.Entities(storeCategories, CategorySpec, h.listCategories(true))},
		{Method: "GET", Path: "/store/product-categories/{id}", Summary: "Retrieve a category the publishable key's channels sell products of", Query: categorySelect, Response: "product_category", Serve: httpapi.Entity(storeCategories, CategorySpec, h.category(true))},
	}
}

// trees are Medusa's include_ancestors_tree and include_descendants_tree; channeld answers
// the relations `fields` names and accepts these without acting on them.
var trees = []v.Field{v.F("include_ancestors_tree", v.Optional(v.BoolString())), v.F("include_descendants_tree", v.Optional(v.BoolString()))}

var categorySelect = v.Object(append(httpapi.SelectParams(), trees...)...).Strict()

func categoryListQuery(limit int, admin bool) *v.ObjectSchema {
	fs := slices.Concat(httpapi.FindParams(limit), []v.Field{httpapi.Search()}, trees,
		httpapi.MatchFilters("id", "name", "description", "handle", "parent_category_id", "external_id"),
		httpapi.DateFilters("created_at", "updated_at", "deleted_at"))
	if admin {
		fs = append(fs, v.F("is_internal", v.Optional(v.BoolString())), v.F("is_active", v.Optional(v.BoolString())))
	}
	return v.Object(fs...).Strict()
}

func categoryBody(create bool) *v.ObjectSchema {
	name := v.Schema(v.String().Max(v.MaxIndexed))
	if !create {
		name = v.Optional(name)
	}
	return v.Object(
		v.F("name", name),
		v.F("description", v.Optional(v.String())),
		v.F("handle", v.Optional(v.String().Max(v.MaxIndexed))),
		v.F("is_internal", v.Optional(v.Bool())),
		v.F("is_active", v.Optional(v.Bool())),
		v.F("parent_category_id", v.Nullish(v.String())),
		v.F("external_id", v.Nullish(v.String())),
		v.F("metadata", v.Nullish(v.Record())),
		// rank is an INTEGER column.
		v.F("rank", v.Optional(v.Number().Int().Gte(0).Lte(math.MaxInt32))),
		v.F("additional_data", v.Optional(v.Record())),
	).Strict()
}

type categoryListParams struct {
	listParams
	Name        []string `json:"name"`
	Description []string `json:"description"`
	ParentID    []string `json:"parent_category_id"`
	IsInternal  *bool    `json:"is_internal"`
	IsActive    *bool    `json:"is_active"`
}

type categoryReq struct {
	Name        *string        `json:"name"`
	Description *string        `json:"description"`
	Handle      *string        `json:"handle"`
	IsInternal  *bool          `json:"is_internal"`
	IsActive    *bool          `json:"is_active"`
	Rank        *int64         `json:"rank"`
	ParentID    v.Opt[*string] `json:"parent_category_id"`
	ExternalID  v.Opt[*string] `json:"external_id"`
	Metadata    v.Metadata     `json:"metadata"`
}

func (r categoryReq) input() CategoryInput {
	return CategoryInput{Name: r.Name, Description: r.Description, Handle: r.Handle, IsActive: r.IsActive, IsInternal: r.IsInternal,
		Rank: r.Rank, SetParent: r.ParentID.Set, ParentID: r.ParentID.Value, SetExternal: r.ExternalID.Set,
		ExternalID: r.ExternalID.Value, SetMetadata: r.Metadata.Set, Metadata: r.Metadata.Value}
}

// storeScope returns the key's channels on a store route, nil on an admin one.
func storeScope(ctx context.Context, store bool) ([]string, error) {
	if !store {
		return nil, nil
	}
	chans, err := channelsOf(ctx)
	if chans == nil {
		chans = []string{}
	}
	return chans, err
}

func (h *Handler) listCategories(store bool) func(context.Context, *httpapi.Input[categoryListParams, httpapi.NoBody]) ([]*Category, int, error) {
	return func(ctx context.Context, in *httpapi.Input[categoryListParams, httpapi.NoBody]) ([]*Category, int, error) {
		chans, err := storeScope(ctx, store)
		if err != nil {
			return nil, 0, err
		}
		p := in.Query
		f, page := p.filter(p.Name)
		cf := CategoryFilter{Filter: f, ParentIDs: p.ParentID, Descriptions: p.Description, IsActive: p.IsActive,
			IsInternal: p.IsInternal, Store: chans}
		if store && len(chans) == 0 {
			return []*Category{}, 0, nil
		}
		return h.svc.Categories(ctx, cf, page, in.Fields)
	}
}

func (h *Handler) category(store bool) func(context.Context, *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Category, error) {
	return func(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Category, error) {
		chans, err := storeScope(ctx, store)
		if err != nil {
			return nil, err
		}
		if store && len(chans) == 0 {
			return nil, categoryNotFound(in.Path("id"))
		}
		return h.svc.Category(ctx, in.Path("id"), in.Fields, chans)
	}
}

func (h *Handler) createCategory(ctx context.Context, in *httpapi.Input[httpapi.Fields, categoryReq]) (*Category, error) {
	c, err := h.svc.CreateCategory(ctx, in.Body.input())
	if err != nil {
		return nil, err
	}
	return h.svc.Category(ctx, c.ID, in.Fields, nil)
}

// linkCategoryProducts answers the category as it is after the change, with `fields`.
func (h *Handler) linkCategoryProducts(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.Links]) (*Category, error) {
	if err := h.svc.LinkCategoryProducts(ctx, in.Path("id"), in.Body.Add, in.Body.Remove); err != nil {
		return nil, err
	}
	return h.svc.Category(ctx, in.Path("id"), in.Fields, nil)
}

func (h *Handler) updateCategory(ctx context.Context, in *httpapi.Input[httpapi.Fields, categoryReq]) (*Category, error) {
	c, err := h.svc.UpdateCategory(ctx, in.Path("id"), in.Body.input())
	if err != nil {
		return nil, err
	}
	return h.svc.Category(ctx, c.ID, in.Fields, nil)
}
