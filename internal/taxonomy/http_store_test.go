package taxonomy_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// starterFields are the fields the Next.js starter's product list sends.
const starterFields = "*variants.calculated_price,+variants.inventory_quantity,*variants.images,+metadata,+tags,"

func TestStoreCatalogue(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		f := s.Storefronts()
		a, b := KeyHeader(f.KeyA), KeyHeader(f.KeyB)
		summer := s.Post("/admin/collections", M{"title": "Summer"}).Must(200).String("collection.id")
		winter := s.Post("/admin/collections", M{"title": "Winter"}).Must(200).String("collection.id")
		empty := s.Post("/admin/collections", M{"title": "Empty"}).Must(200).String("collection.id")
		cotton := s.Post("/admin/product-tags", M{"value": "cotton"}).Must(200).String("product_tag.id")
		shirts := s.Post("/admin/product-types", M{"value": "Shirts"}).Must(200).String("product_type.id")
		shirt := SizedProduct("Shirt", "SHIRT", f.ChannelA)
		shirt["collection_id"], shirt["type_id"], shirt["tags"] = summer, shirts, A{M{"id": cotton}}
		shirt["images"], shirt["metadata"] = A{M{"url": "https://img.test/shirt.png"}}, M{"fit": "slim"}
		shirtID := s.Post("/admin/products", shirt).Must(200).String("product.id")
		mug := SizedProduct("Mug", "MUG", f.ChannelA)
		mug["collection_id"] = winter
		mugID := s.Post("/admin/products", mug).Must(200).String("product.id")
		coat := SizedProduct("Coat", "COAT", f.ChannelB)
		coat["collection_id"] = winter
		s.Post("/admin/products", coat).Must(200)
		draft := SizedProduct("Draft", "DRAFT", f.ChannelA)
		draft["collection_id"], draft["status"] = empty, "draft"
		s.Post("/admin/products", draft).Must(200)
		only := func(id string) func(t *testing.T, r *Response) {
			return func(t *testing.T, r *Response) {
				t.Helper()
				if got := r.Strings("products", "id"); len(got) != 1 || got[0] != id {
					t.Fatalf("products %v, want only %s", got, id)
				}
			}
		}
		Run(t, s, []Case{
			{Name: "collections the key sells", Method: "GET", Path: "/store/collections?limit=100&offset=0&order=title", Headers: a, Status: 200,
				Want: M{"count": 2, "offset": 0, "limit": 100, "collections": A{
					M{"id": summer, "title": "Summer", "handle": "summer", "external_id": nil, "created_at": Any, "updated_at": Any, "metadata": Absent},
					M{"id": winter}}}},
			{Name: "another key's collections", Method: "GET", Path: "/store/collections?fields=id", Headers: b, Status: 200,
				Exact: `{"collections":[{"id":"` + winter + `"}],"count":1,"offset":0,"limit":10}`},
			{Name: "by handle", Method: "GET", Path: "/store/collections?handle=summer&fields=id,+metadata", Headers: a, Status: 200,
				Exact: `{"collections":[{"id":"` + summer + `","metadata":null}],"count":1,"offset":0,"limit":10}`},
			{Name: "retrieve", Method: "GET", Path: "/store/collections/" + summer, Headers: a, Status: 200,
				Want: M{"collection": M{"id": summer, "handle": "summer"}}},
			{Name: "another channel's collection", Method: "GET", Path: "/store/collections/" + summer, Headers: b, Status: 404,
				Exact: ErrBody("not_found", "Collection with id: "+summer+" was not found")},
			{Name: "a collection of drafts only", Method: "GET", Path: "/store/collections/" + empty, Headers: a, Status: 404},
			{Name: "no key", Method: "GET", Path: "/store/collections", Status: 400, Check: WantType("not_allowed")},
			{Name: "collection filter", Method: "GET", Path: "/store/products?collection_id[]=" + winter + "&fields=id", Headers: a, Status: 200, Check: only(mugID)},
			{Name: "tag filter", Method: "GET", Path: "/store/products?tag_id[]=" + cotton + "&fields=id", Headers: a, Status: 200, Check: only(shirtID)},
			{Name: "type filter", Method: "GET", Path: "/store/products?type_id[]=" + shirts + "&fields=id", Headers: a, Status: 200, Check: only(shirtID)},
			{Name: "tag filter with another key", Method: "GET", Path: "/store/products?tag_id[]=" + cotton + "&fields=id", Headers: b, Status: 200,
				Want: M{"count": 0, "products": A{}}},
			{Name: "the starter's product list", Method: "GET", Path: "/store/products?limit=12&offset=0&region_id=" + f.EUR + "&fields=" + starterFields + "&handle=shirt", Headers: a, Status: 200,
				Want: M{"count": 1, "products": A{M{"id": shirtID, "metadata": M{"fit": "slim"},
					"tags":       A{M{"id": cotton, "value": "cotton"}},
					"images":     A{M{"url": "https://img.test/shirt.png", "rank": 0}},
					"collection": M{"id": summer}, "type": M{"id": shirts, "value": "Shirts"},
					"variants": A{M{"images": A{}, "calculated_price": Any}, M{"images": A{}, "calculated_price": Any}}}}}},
			{Name: "the starter's list by collection", Method: "GET", Path: "/store/products?limit=12&offset=0&region_id=" + f.EUR + "&fields=" + starterFields + "&collection_id[]=" + summer, Headers: a, Status: 200,
				Check: only(shirtID)},
		})
	})
}
