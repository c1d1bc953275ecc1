package app_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// TestLimitedCatalogueWrites: the product batch, collection links and translations check
// each product they name in its channels, what belongs to no channel (a collection, a
// region, a new channel) is written store-wide only, and a variant update a caller may not
// make is refused before its body is read.
func TestLimitedCatalogueWrites(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		pa, pb, pab := product(s, "pa", a), product(s, "pb", b), product(s, "pab", a, b)
		collection := s.Post("/admin/collections", M{"title": "Summer"}).Must(200).String("collection.id")
		category := s.Post("/admin/product-categories", M{"name": "Lamps"}).Must(200).String("product_category.id")
		categoryProducts := "/admin/product-categories/" + category + "/products"
		_, la := s.Limited("la@example.com", []string{"product:read", "product:create", "product:update", "product:delete",
			"product_collection:read", "product_collection:update", "product_category:read", "product_category:update", "translation:read", "translation:create", "translation:update",
			"region:create", "sales_channel:read", "sales_channel:create"}, a)
		batch := "/admin/products/batch"
		translate := func(ref, id string) M {
			return M{"create": A{M{"reference": ref, "reference_id": id, "locale_code": "fr-FR", "translations": M{"title": "T"}}}}
		}
		Run(t, la, []Case{
			{Name: "batch: create in B", Method: "POST", Path: batch, Body: M{"create": A{M{"title": "x", "sales_channels": A{M{"id": b}}}}}, Status: 403,
				Exact: denied("product:create, product:update")},
			{Name: "batch: update a product of A and B", Method: "POST", Path: batch, Body: M{"update": A{M{"id": pab, "title": "x"}}}, Status: 403,
				Exact: denied("product:create, product:update")},
			{Name: "batch: update a product of B", Method: "POST", Path: batch, Body: M{"update": A{M{"id": pb, "title": "x"}}}, Status: 404,
				Exact: ErrBody("not_found", "Product with id: "+pb+" was not found")},
			{Name: "batch: delete a product of A and B", Method: "POST", Path: batch, Body: M{"delete": A{pab}}, Status: 403,
				Exact: denied("product:create, product:update")},
			{Name: "batch: delete a product of B deletes nothing", Method: "POST", Path: batch, Body: M{"delete": A{pb}}, Status: 200},
			{Name: "batch: update its own", Method: "POST", Path: batch + "?fields=title", Body: M{"update": A{M{"id": pa, "title": "Mine"}}}, Status: 200,
				Want: M{"updated": A{M{"title": "Mine"}}}},
			{Name: "collection: add a product of B", Method: "POST", Path: "/admin/collections/" + collection + "/products", Body: M{"add": A{pb}}, Status: 403,
				Exact: denied("product_collection:update")},
			{Name: "collection: add a missing product", Method: "POST", Path: "/admin/collections/" + collection + "/products", Body: M{"add": A{"prod_missing"}}, Status: 403,
				Exact: denied("product_collection:update")},
			{Name: "collection: add its own", Method: "POST", Path: "/admin/collections/" + collection + "/products", Body: M{"add": A{pa}}, Status: 200},
			{Name: "collection: rename it", Method: "POST", Path: "/admin/collections/" + collection, Body: M{"title": "Winter"}, Status: 403,
				Exact: denied("product_collection:update")},
			{Name: "category: add a product of B", Method: "POST", Path: categoryProducts, Body: M{"add": A{pa, pb}}, Status: 403,
				Exact: denied("product_category:update")},
			{Name: "category: remove a product of A and B", Method: "POST", Path: categoryProducts, Body: M{"remove": A{pab}}, Status: 403,
				Exact: denied("product_category:update")},
			{Name: "category: add its own", Method: "POST", Path: categoryProducts + "?fields=id,*products", Body: M{"add": A{pa}}, Status: 200,
				Want: M{"product_category": M{"id": category, "products": A{M{"id": pa}}}}},
			{Name: "a region", Method: "POST", Path: "/admin/regions", Body: M{"name": "EU", "currency_code": "eur"}, Status: 403,
				Exact: denied("region:create")},
			{Name: "a channel", Method: "POST", Path: "/admin/sales-channels", Body: M{"name": "C"}, Status: 403,
				Exact: denied("sales_channel:create")},
			{Name: "translate a product of B", Method: "POST", Path: "/admin/translations/batch", Body: translate("product", pb), Status: 403,
				Exact: denied("translation:create, translation:update")},
			{Name: "translate a variant of B", Method: "POST", Path: "/admin/translations/batch", Body: translate("product_variant", variantOf(s, pb, "pb-S")), Status: 403,
				Exact: denied("translation:create, translation:update")},
			{Name: "translate its own", Method: "POST", Path: "/admin/translations/batch", Body: translate("product", pa), Status: 200},
		})
		s.Get("/admin/products/" + pb).Must(200)
		s.Get("/admin/products/" + pab).Must(200)
		// The super admin links and unlinks any product; a missing one is its 404.
		Run(t, s, []Case{
			{Name: "category: add and remove", Method: "POST", Path: categoryProducts + "?fields=id,*products", Body: M{"add": A{pb, pab}, "remove": A{pa, pab}}, Status: 200,
				Want: M{"product_category": M{"products": A{M{"id": pb}}}}},
			{Name: "category: a missing product", Method: "POST", Path: categoryProducts, Body: M{"add": A{"prod_missing"}}, Status: 404,
				Exact: ErrBody("not_found", "Product with id: prod_missing was not found")},
			{Name: "category: an unknown category", Method: "POST", Path: "/admin/product-categories/pcat_missing/products", Body: M{"add": A{pa}}, Status: 404},
		})
		if title := s.Get("/admin/collections/" + collection).String("collection.title"); title != "Summer" {
			t.Errorf("the collection is %q", title)
		}
		// A reader learns nothing from a body it may not send.
		_, ro := s.Limited("ro@example.com", []string{"product:read", "product_variant:read"}, a)
		Run(t, ro, []Case{
			{Name: "variant update, bad body", Method: "POST", Path: "/admin/products/" + pa + "/variants/" + variantOf(s, pa, "pa-S"),
				Body: M{"nope": 1}, Status: 403, Exact: denied("product_variant:update")},
		})
	})
}

// TestOneRoleTwoChannels is V37: one role assigned to X in A and to Y in B serves both, each
// seeing its own channel's products only.
func TestOneRoleTwoChannels(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		pa, pb := product(s, "pa", a), product(s, "pb", b)
		role := s.Post("/admin/rbac/roles", M{"name": "Catalogue", "policy_ids": A{"product:read", "sales_channel:read"}}).
			Must(200).String("role.id")
		x, tokenX := s.CreateUser("x@example.com", M{"roles": A{role}, "sales_channel_ids": A{a}})
		y, tokenY := s.CreateUser("y@example.com", M{"roles": A{role}, "sales_channel_ids": A{b}})
		Run(t, s.As(tokenX), []Case{
			{Name: "X lists A's", Method: "GET", Path: "/admin/products?fields=id", Status: 200, Exact: `{"products":[{"id":"` + pa + `"}],"count":1,"offset":0,"limit":50}`},
		})
		Run(t, s.As(tokenY), []Case{
			{Name: "Y lists B's", Method: "GET", Path: "/admin/products?fields=id", Status: 200, Exact: `{"products":[{"id":"` + pb + `"}],"count":1,"offset":0,"limit":50}`},
		})
		Run(t, s, []Case{
			{Name: "the holders", Method: "GET", Path: "/admin/rbac/roles/" + role + "/users?fields=id,+sales_channel_ids&order=email", Status: 200,
				Exact: `{"users":[{"id":"` + x + `","sales_channel_ids":["` + a + `"]},{"id":"` + y + `","sales_channel_ids":["` + b + `"]}],"count":2,"offset":0,"limit":50}`},
		})
	})
}
