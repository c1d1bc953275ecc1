package storefront_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestStoreVariants(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		f := s.Storefronts()
		a, b := KeyHeader(f.KeyA), KeyHeader(f.KeyB)
		shirt := s.Post("/admin/products", SizedProduct("Shirt", "SHIRT", f.ChannelA)).Must(200)
		shirtID, small := shirt.String("product.id"), shirt.String("product.variants.0.id")
		coat := s.Post("/admin/products", SizedProduct("Coat", "COAT", f.ChannelB)).Must(200).String("product.variants.0.id")
		draft := SizedProduct("Draft", "DRAFT", f.ChannelA)
		draft["status"] = "draft"
		draftVariant := s.Post("/admin/products", draft).Must(200).String("product.variants.0.id")
		Run(t, s, []Case{
			{Name: "the starter's variant", Method: "GET", Path: "/store/product-variants/" + small + "?fields=*images", Headers: a, Status: 200,
				Want: M{"variant": M{"id": small, "images": A{}}}},
			{Name: "default fields", Method: "GET", Path: "/store/product-variants/" + small, Headers: a, Status: 200,
				Want: M{"variant": M{"id": small, "sku": "SHIRT-S", "product_id": shirtID, "images": A{},
					"options": A{M{"value": "S"}}, "product": M{"id": shirtID, "type_id": nil}, "prices": Absent}}},
			{Name: "another channel's variant", Method: "GET", Path: "/store/product-variants/" + coat, Headers: a, Status: 404,
				Exact: ErrBody("not_found", "Product variant with id: "+coat+" was not found")},
			{Name: "a draft's variant", Method: "GET", Path: "/store/product-variants/" + draftVariant, Headers: a, Status: 404},
			{Name: "list by product", Method: "GET", Path: "/store/product-variants?product_id=" + shirtID + "&fields=id,sku&order=sku", Headers: a, Status: 200,
				Want: M{"count": 2, "limit": 20, "variants": A{M{"sku": "SHIRT-M"}, M{"sku": "SHIRT-S"}}}},
			{Name: "list is scoped", Method: "GET", Path: "/store/product-variants?fields=id", Headers: b, Status: 200,
				Want: M{"count": 2}},
			{Name: "unknown filter", Method: "GET", Path: "/store/product-variants?title=x", Headers: a, Status: 400, Check: WantType("invalid_data")},
		})
	})
}
