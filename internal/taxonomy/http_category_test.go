package taxonomy_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestCategories(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		f := s.Storefronts()
		a, b := KeyHeader(f.KeyA), KeyHeader(f.KeyB)
		men := s.Post("/admin/product-categories", M{"name": "Men", "is_active": true}).Must(200).String("product_category.id")
		tops := s.Post("/admin/product-categories", M{"name": "Men Tops", "parent_category_id": men, "is_active": true}).Must(200).String("product_category.id")
		hidden := s.Post("/admin/product-categories", M{"name": "Staff", "parent_category_id": men, "is_active": true, "is_internal": true}).Must(200).String("product_category.id")
		coats := s.Post("/admin/product-categories", M{"name": "Coats", "is_active": true}).Must(200).String("product_category.id")
		shirt := SizedProduct("Shirt", "SHIRT", f.ChannelA)
		shirt["categories"] = A{M{"id": tops}, M{"id": men}, M{"id": hidden}}
		shirtID := s.Post("/admin/products", shirt).Must(200).String("product.id")
		coat := SizedProduct("Coat", "COAT", f.ChannelB)
		coat["categories"] = A{M{"id": coats}}
		coatID := s.Post("/admin/products", coat).Must(200).String("product.id")
		Run(t, s, []Case{
			{Name: "admin retrieve with its tree", Method: "GET", Path: "/admin/product-categories/" + men, Status: 200,
				Want: M{"product_category": M{"id": men, "name": "Men", "handle": "men", "description": "", "rank": 0, "is_active": true,
					"is_internal": false, "parent_category_id": nil, "parent_category": nil,
					"category_children": A{M{"id": tops, "rank": 0}, M{"id": hidden, "rank": 1}}}}},
			{Name: "name required", Method: "POST", Path: "/admin/product-categories", Body: M{"handle": "x"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Field 'name' is required")},
			{Name: "negative rank", Method: "POST", Path: "/admin/product-categories", Body: M{"name": "X", "rank": -1}, Status: 400, Check: WantType("invalid_data")},
			{Name: "huge rank", Method: "POST", Path: "/admin/product-categories", Body: M{"name": "X", "rank": 1e12}, Status: 400, Check: WantType("invalid_data")},
			{Name: "unknown parent", Method: "POST", Path: "/admin/product-categories", Body: M{"name": "X", "parent_category_id": "pcat_nope"}, Status: 404,
				Exact: ErrBody("not_found", "Product category with id: pcat_nope was not found")},
			{Name: "no cycle", Method: "POST", Path: "/admin/product-categories/" + men, Body: M{"parent_category_id": tops}, Status: 400, Check: WantType("invalid_data")},
			{Name: "duplicate handle", Method: "POST", Path: "/admin/product-categories", Body: M{"name": "Men"}, Status: 400,
				Exact: ErrBody("invalid_data", "Product category with handle: men, already exists.")},
			{Name: "admin list by parent", Method: "GET", Path: "/admin/product-categories?parent_category_id=" + men + "&is_internal=false&fields=id", Status: 200,
				Exact: `{"product_categories":[{"id":"` + tops + `"}],"count":1,"offset":0,"limit":50}`},
			{Name: "a product's categories", Method: "GET", Path: "/admin/products/" + shirtID + "?fields=id,*categories", Status: 200,
				Want: M{"product": M{"id": shirtID, "categories": A{M{"id": men}, M{"id": tops}, M{"id": hidden}}}}},
			{Name: "unknown category on a product", Method: "POST", Path: "/admin/products/" + shirtID, Body: M{"categories": A{M{"id": "pcat_nope"}}}, Status: 404,
				Exact: ErrBody("not_found", "Product category with id: pcat_nope was not found")},
			{Name: "the starter's categories", Method: "GET", Headers: a, Status: 200,
				Path: "/store/product-categories?fields=*category_children,*products,*parent_category,*parent_category.parent_category&limit=100&order=name",
				Want: M{"count": 2, "product_categories": A{
					M{"id": men, "parent_category": nil, "category_children": A{M{"id": tops}}, "products": A{M{"id": shirtID, "title": "Shirt"}}},
					M{"id": tops, "parent_category": M{"id": men, "parent_category": nil}, "category_children": A{}, "products": A{M{"id": shirtID}}}}}},
			{Name: "another key's categories", Method: "GET", Path: "/store/product-categories?fields=id", Headers: b, Status: 200,
				Exact: `{"product_categories":[{"id":"` + coats + `"}],"count":1,"offset":0,"limit":50}`},
			{Name: "by handle", Method: "GET", Path: "/store/product-categories?handle=men-tops&fields=id,name", Headers: a, Status: 200,
				Exact: `{"product_categories":[{"id":"` + tops + `","name":"Men Tops"}],"count":1,"offset":0,"limit":50}`},
			{Name: "internal is hidden", Method: "GET", Path: "/store/product-categories/" + hidden, Headers: a, Status: 404,
				Exact: ErrBody("not_found", "Product category with id: "+hidden+" was not found")},
			{Name: "another channel's category", Method: "GET", Path: "/store/product-categories/" + coats, Headers: a, Status: 404},
			{Name: "is_internal is admin only", Method: "GET", Path: "/store/product-categories?is_internal=true", Headers: a, Status: 400, Check: WantType("invalid_data")},
			{Name: "category filter", Method: "GET", Path: "/store/products?category_id[]=" + tops + "&fields=id", Headers: a, Status: 200,
				Want: M{"count": 1, "products": A{M{"id": shirtID}}}},
			{Name: "category filter, other channel", Method: "GET", Path: "/store/products?category_id[]=" + coats + "&fields=id", Headers: a, Status: 200,
				Want: M{"count": 0, "products": A{}}},
			{Name: "category filter, key B", Method: "GET", Path: "/store/products?category_id[]=" + coats + "&fields=id", Headers: b, Status: 200,
				Want: M{"count": 1, "products": A{M{"id": coatID}}}},
			{Name: "a parent with children stays", Method: "DELETE", Path: "/admin/product-categories/" + men, Status: 400,
				Exact: ErrBody("not_allowed", "Deleting ProductCategory ("+men+") with category children is not allowed")},
			{Name: "delete", Method: "DELETE", Path: "/admin/product-categories/" + coats, Status: 200,
				Exact: `{"id":"` + coats + `","object":"product_category","deleted":true}`},
			{Name: "its products leave it", Method: "GET", Path: "/admin/products/" + coatID + "?fields=*categories", Status: 200,
				Want: M{"product": M{"categories": A{}}}},
		})
	})
}
