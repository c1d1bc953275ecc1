package taxonomy_test

import (
	"strings"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestCollections(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		summer := s.Post("/admin/collections", M{"title": "Summer Sale", "metadata": M{"season": "s"}}).Must(200).String("collection.id")
		shirt := s.Post("/admin/products", M{"title": "Shirt"}).Must(200).String("product.id")
		mug := s.Post("/admin/products", M{"title": "Mug", "collection_id": summer}).Must(200).String("product.id")
		Run(t, s, []Case{
			{Name: "created with a handle from its title", Method: "GET", Path: "/admin/collections/" + summer, Status: 200,
				Want: M{"collection": M{"id": summer, "title": "Summer Sale", "handle": "summer-sale", "external_id": nil,
					"metadata": M{"season": "s"}, "created_at": Any, "updated_at": Any, "deleted_at": Absent}}},
			{Name: "title required", Method: "POST", Path: "/admin/collections", Body: M{"handle": "x"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Field 'title' is required")},
			{Name: "duplicate handle", Method: "POST", Path: "/admin/collections", Body: M{"title": "Other", "handle": "summer-sale"}, Status: 400,
				Exact: ErrBody("invalid_data", "Product collection with handle: summer-sale, already exists.")},
			{Name: "NUL refused", Method: "POST", Path: "/admin/collections", Body: M{"title": "a\x00b"}, Status: 400, Check: WantType("invalid_data")},
			{Name: "huge limit refused", Method: "GET", Path: "/admin/collections?limit=99999999999999999999", Status: 400, Check: WantType("invalid_data")},
			{Name: "missing", Method: "GET", Path: "/admin/collections/pcol_nope", Status: 404,
				Exact: ErrBody("not_found", `Collection with id "pcol_nope" not found`)},
			{Name: "update missing", Method: "POST", Path: "/admin/collections/pcol_nope", Body: M{"title": "X"}, Status: 404,
				Exact: ErrBody("not_found", `Collection with id "pcol_nope" not found`)},
			{Name: "list by handle", Method: "GET", Path: "/admin/collections?handle=summer-sale&fields=id", Status: 200,
				Exact: `{"collections":[{"id":"` + summer + `"}],"count":1,"offset":0,"limit":10}`},
			{Name: "a product's collection", Method: "GET", Path: "/admin/products/" + mug + "?fields=id,collection_id,*collection", Status: 200,
				Want: M{"product": M{"id": mug, "collection_id": summer, "collection": M{"id": summer, "handle": "summer-sale"}}}},
			{Name: "add and remove products", Method: "POST", Path: "/admin/collections/" + summer + "/products", Body: M{"add": A{shirt}, "remove": A{mug}}, Status: 200,
				Want: M{"collection": M{"id": summer}}},
			{Name: "shirt is in it", Method: "GET", Path: "/admin/products/" + shirt + "?fields=collection_id", Status: 200,
				Want: M{"product": M{"collection_id": summer}}},
			{Name: "mug is out", Method: "GET", Path: "/admin/products/" + mug + "?fields=collection_id,*collection", Status: 200,
				Want: M{"product": M{"collection_id": nil, "collection": nil}}},
			{Name: "unknown product", Method: "POST", Path: "/admin/collections/" + summer + "/products", Body: M{"add": A{"prod_nope"}}, Status: 404,
				Exact: ErrBody("not_found", "Product with id: prod_nope was not found")},
			{Name: "unknown collection on a product", Method: "POST", Path: "/admin/products/" + mug, Body: M{"collection_id": "pcol_nope"}, Status: 404,
				Exact: ErrBody("not_found", `Collection with id "pcol_nope" not found`)},
			{Name: "update", Method: "POST", Path: "/admin/collections/" + summer, Body: M{"title": "Summer", "external_id": "ext"}, Status: 200,
				Want: M{"collection": M{"title": "Summer", "handle": "summer-sale", "external_id": "ext"}}},
			{Name: "delete", Method: "DELETE", Path: "/admin/collections/" + summer, Status: 200,
				Exact: `{"id":"` + summer + `","object":"collection","deleted":true}`},
			{Name: "its products leave it", Method: "GET", Path: "/admin/products/" + shirt + "?fields=collection_id", Status: 200,
				Want: M{"product": M{"collection_id": nil}}},
			{Name: "gone", Method: "GET", Path: "/admin/collections/" + summer, Status: 404},
		})
		WantEvents(t, s, "product-collection.created", 1)
		WantEvents(t, s, "product-collection.deleted", 1)
	})
}

func TestTagsAndTypes(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		cotton := s.Post("/admin/product-tags", M{"value": "cotton"}).Must(200).String("product_tag.id")
		summer := s.Post("/admin/product-tags", M{"value": "summer"}).Must(200).String("product_tag.id")
		shirts := s.Post("/admin/product-types", M{"value": "Shirts", "metadata": M{"a": 1}}).Must(200).String("product_type.id")
		shirt := s.Post("/admin/products", M{"title": "Shirt", "type_id": shirts, "tags": A{M{"id": summer}, M{"id": cotton}},
			"images": A{M{"url": "https://img.test/1.png"}, M{"url": "https://img.test/2.png"}}}).Must(200)
		id := shirt.String("product.id")
		if got := shirt.Strings("product.tags", "value"); strings.Join(got, ",") != "cotton,summer" {
			t.Fatalf("tags on create: %v", got)
		}
		img1 := shirt.String("product.images.0.id")
		Run(t, s, []Case{
			{Name: "tag", Method: "GET", Path: "/admin/product-tags/" + cotton, Status: 200,
				Want: M{"product_tag": M{"id": cotton, "value": "cotton", "external_id": nil, "metadata": nil,
					"created_at": Any, "updated_at": Any, "deleted_at": Absent}}},
			{Name: "value required", Method: "POST", Path: "/admin/product-tags", Body: M{}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Field 'value' is required")},
			{Name: "strict", Method: "POST", Path: "/admin/product-types", Body: M{"value": "x", "rank": 1}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'rank'")},
			{Name: "duplicate tag", Method: "POST", Path: "/admin/product-tags", Body: M{"value": "cotton"}, Status: 400,
				Exact: ErrBody("invalid_data", "Product tag with value: cotton, already exists.")},
			{Name: "missing type", Method: "POST", Path: "/admin/product-types/ptyp_nope", Body: M{"value": "x"}, Status: 404,
				Exact: ErrBody("not_found", `Product type with id "ptyp_nope" not found`)},
			{Name: "list types", Method: "GET", Path: "/admin/product-types?value=Shirts&fields=id,value", Status: 200,
				Exact: `{"product_types":[{"id":"` + shirts + `","value":"Shirts"}],"count":1,"offset":0,"limit":10}`},
			{Name: "search tags", Method: "GET", Path: "/admin/product-tags?q=SUM&fields=value", Status: 200,
				Want: M{"count": 1, "limit": 20, "product_tags": A{M{"id": summer, "value": "summer"}}}},
			{Name: "product relations", Method: "GET", Path: "/admin/products/" + id + "?fields=id,*type,*tags,*images", Status: 200,
				Want: M{"product": M{"type": M{"id": shirts, "value": "Shirts"},
					"tags":   A{M{"id": cotton, "value": "cotton"}, M{"id": summer, "value": "summer"}},
					"images": A{M{"id": img1, "url": "https://img.test/1.png", "rank": 0}, M{"url": "https://img.test/2.png", "rank": 1}}}}},
			{Name: "unknown tag", Method: "POST", Path: "/admin/products/" + id, Body: M{"tags": A{M{"id": "ptag_nope"}}}, Status: 404,
				Exact: ErrBody("not_found", `Product tag with id "ptag_nope" not found`)},
			{Name: "unknown type", Method: "POST", Path: "/admin/products", Body: M{"title": "X", "type_id": "ptyp_nope"}, Status: 404,
				Exact: ErrBody("not_found", `Product type with id "ptyp_nope" not found`)},
			{Name: "image url required", Method: "POST", Path: "/admin/products/" + id, Body: M{"images": A{M{"id": img1}}}, Status: 400,
				Check: WantType("invalid_data")},
			{Name: "replace tags and images", Method: "POST", Path: "/admin/products/" + id + "?fields=*tags,*images",
				Body: M{"tags": A{M{"id": summer}}, "images": A{M{"url": "https://img.test/3.png"}, M{"id": img1, "url": "https://img.test/1b.png"}}}, Status: 200,
				Want: M{"product": M{"tags": A{M{"id": summer}},
					"images": A{M{"url": "https://img.test/3.png", "rank": 0}, M{"id": img1, "url": "https://img.test/1b.png", "rank": 1}}}}},
			{Name: "delete tag", Method: "DELETE", Path: "/admin/product-tags/" + summer, Status: 200,
				Exact: `{"id":"` + summer + `","object":"product_tag","deleted":true}`},
			{Name: "delete type", Method: "DELETE", Path: "/admin/product-types/" + shirts, Status: 200,
				Exact: `{"id":"` + shirts + `","object":"product_type","deleted":true}`},
			{Name: "they leave the product", Method: "GET", Path: "/admin/products/" + id + "?fields=type_id,*type,*tags", Status: 200,
				Want: M{"product": M{"type_id": nil, "type": nil, "tags": A{}}}},
		})
		WantEvents(t, s, "product-tag.created", 2)
		WantEvents(t, s, "product-type.deleted", 1)
	})
}
