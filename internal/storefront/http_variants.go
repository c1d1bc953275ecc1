package storefront

import (
	"context"
	"maps"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/product"
)

// storeVariantSpec writes a store variant: the admin variant with its product.
var storeVariantSpec = func() *fields.Spec[product.Variant] {
	base := product.VariantSpec
	spec := &fields.Spec[product.Variant]{Scalars: base.Scalars, Scalar: base.Scalar, Relations: maps.Clone(base.Relations)}
	spec.Relations["product"] = fields.OneOf(product.Spec, func(v *product.Variant) *product.Product { return v.Product })
	return spec
}()

// storeVariants are Medusa's default store variant fields.
var storeVariants = fields.Selector{Defaults: []string{"id", "title", "sku", "barcode", "ean", "upc", "allow_backorder",
	"manage_inventory", "variant_rank", "product_id", "thumbnail", "hs_code", "origin_country", "mid_code", "material",
	"weight", "length", "height", "width", "created_at", "updated_at", "metadata", "*options", "*images", "product.id",
	"product.type_id"}, Check: storeVariantSpec.Check}

// variantContext is Medusa's pricing context of a variant read; channeld accepts it, and
// answers without calculated prices.
var variantContext = []v.Field{
	v.F("region_id", v.Optional(v.String())), v.F("country_code", v.Optional(v.String())),
	v.F("province", v.Optional(v.String())), v.F("cart_id", v.Optional(v.String())),
	v.F("sales_channel_id", v.Optional(v.StringOrArray())),
}

var (
	variantQuery     = v.Object(slices.Concat(httpapi.SelectParams(), variantContext)...).Strict()
	variantListQuery = v.Object(slices.Concat(httpapi.FindParams(20), variantContext,
		httpapi.MatchFilters("id", "sku", "product_id"))...).Strict()
)

// VariantRoutes lists the store variant routes, behind apikey's RequirePublishable.
func (h *Handler) VariantRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/product-variants", Summary: "List the variants of products the publishable key's channels sell", Query: variantListQuery, Response: "variants", Serve: httpapi.Entities(storeVariants, storeVariantSpec, h.variants)},
		{Method: "GET", Path: "/store/product-variants/{id}", Summary: "Retrieve a variant of a product the publishable key's channels sell", Query: variantQuery, Response: "variant", Serve: httpapi.Entity(storeVariants, storeVariantSpec, h.variant)},
	}
}

type variantListParams struct {
	httpapi.Paging
	ID        []string `json:"id"`
	SKU       []string `json:"sku"`
	ProductID []string `json:"product_id"`
}

func (h *Handler) variants(ctx context.Context, in *httpapi.Input[variantListParams, httpapi.NoBody]) ([]*product.Variant, int, error) {
	scope, err := scopeFrom(ctx)
	if err != nil {
		return nil, 0, err
	}
	p := in.Query
	return h.svc.products.StoreVariants(ctx, scope, product.VariantFilter{IDs: p.ID, SKUs: p.SKU, ProductIDs: p.ProductID},
		product.Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
}

func (h *Handler) variant(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*product.Variant, error) {
	scope, err := scopeFrom(ctx)
	if err != nil {
		return nil, err
	}
	return h.svc.products.StoreVariant(ctx, scope, in.Path("id"))
}
