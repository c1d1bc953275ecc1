package product_test

import (
	"fmt"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/product"
)

func TestAdminProducts(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		sc := s.Channel("A")
		a1 := s.Post("/admin/products", SizedProduct("A1-1795302911", "A1", sc)).Must(200)
		id := a1.String("product.id")
		sID, mID := a1.String("product.variants.0.id"), a1.String("product.variants.1.id")
		optID := a1.String("product.options.0.id")
		sVal := a1.String("product.variants.0.options.0.id")

		Run(t, s, []Case{
			{Name: "created with Medusa's shape", Method: "GET", Path: "/admin/products/" + id, Status: 200, Want: M{"product": M{
				"id": id, "title": "A1-1795302911", "handle": "a1-1795302911", "status": "published", "subtitle": nil,
				"description": nil, "is_giftcard": false, "discountable": true, "thumbnail": nil, "metadata": nil,
				"weight": nil, "deleted_at": nil, "type": nil, "collection": nil, "tags": A{}, "images": A{},
				"options": A{M{"id": optID, "title": "Size", "is_exclusive": true, "values": A{
					M{"value": "S", "rank": nil, "option_id": optID, "metadata": nil, "deleted_at": nil},
					M{"value": "M", "option_id": optID},
				}}},
				"variants": A{
					M{"id": sID, "title": "A1-1795302911 S", "sku": "A1-S", "manage_inventory": false, "allow_backorder": false,
						"variant_rank": 0, "product_id": id, "barcode": nil, "ean": nil, "upc": nil,
						"options": A{M{"id": sVal, "value": "S", "option_id": optID, "option": M{"id": optID, "title": "Size"}}},
						"prices":  A{M{"currency_code": "eur", "amount": 1000, "variant_id": sID}}},
					M{"id": mID, "sku": "A1-M", "manage_inventory": true,
						"prices": A{M{"currency_code": "eur", "amount": 12.5}, M{"currency_code": "usd", "amount": 14}}},
				},
				"sales_channels": A{M{"id": sc, "name": "A", "is_disabled": false, "description": nil}},
			}}},
			{Name: "missing", Method: "GET", Path: "/admin/products/prod_nope", Status: 404,
				Exact: `{"type":"not_found","message":"Product with id: prod_nope was not found"}`},
			{Name: "fields replace the defaults", Method: "GET", Path: "/admin/products/" + id + "?fields=handle", Status: 200,
				Exact: `{"product":{"handle":"a1-1795302911","id":"` + id + `"}}`},
			{Name: "unknown field", Method: "GET", Path: "/admin/products/" + id + "?fields=nope", Status: 400,
				Exact: `{"type":"invalid_data","message":"Requested fields [nope] are not valid"}`},
			{Name: "duplicate handle", Method: "POST", Path: "/admin/products", Body: M{"title": "A1 1795302911!"}, Status: 422,
				Exact: `{"code":"invalid_request_error","type":"duplicate_error","message":"Product with handle: a1-1795302911, already exists."}`},
			{Name: "duplicate sku", Method: "POST", Path: "/admin/products", Body: SizedProduct("Other", "A1"), Status: 422,
				Exact: `{"code":"invalid_request_error","type":"duplicate_error","message":"Product variant with sku: A1-S, already exists."}`,
				Check: func(t *testing.T, r *Response) {
					if n := Scalar[int](t, s, `SELECT count(*) FROM product WHERE title = 'Other'`); n != 0 {
						t.Errorf("a failed create left %d products", n)
					}
				}},
			{Name: "title required", Method: "POST", Path: "/admin/products", Body: M{}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Field 'title' is required"}`},
			{Name: "bad status", Method: "POST", Path: "/admin/products", Body: M{"title": "x", "status": "live"}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Expected: 'draft, proposed, published, rejected' for field 'status', but got: 'live'"}`},
			{Name: "unknown option", Method: "POST", Path: "/admin/products", Body: M{"title": "x",
				"options":  A{M{"title": "Size", "values": A{"S"}}},
				"variants": A{M{"title": "x", "options": M{"Color": "Red"}, "prices": A{}}}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Option Color does not exist on the product"}`},
			{Name: "unknown option value", Method: "POST", Path: "/admin/products", Body: M{"title": "x",
				"options":  A{M{"title": "Size", "values": A{"S"}}},
				"variants": A{M{"title": "x", "options": M{"Size": "XL"}, "prices": A{}}}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Option value XL does not exist for option Size"}`},
			{Name: "price finer than the currency", Method: "POST", Path: "/admin/products", Body: M{"title": "x",
				"variants": A{M{"title": "x", "prices": A{M{"currency_code": "eur", "amount": 10.555}}}}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Amount 10.555 has more decimals than EUR allows (2)"}`},
			{Name: "yen has no decimals", Method: "POST", Path: "/admin/products", Body: M{"title": "x",
				"variants": A{M{"title": "x", "prices": A{M{"currency_code": "JPY", "amount": 10.5}}}}}, Status: 400},
			{Name: "unknown currency", Method: "POST", Path: "/admin/products", Body: M{"title": "x",
				"variants": A{M{"title": "x", "prices": A{M{"currency_code": "xxx", "amount": 1}}}}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Currency code xxx is not a valid ISO 4217 currency"}`},
			{Name: "unknown channel", Method: "POST", Path: "/admin/products", Body: M{"title": "y", "sales_channels": A{M{"id": "sc_b"}, M{"id": sc}, M{"id": "sc_a"}}},
				Status: 400, Exact: `{"type":"invalid_data","message":"Sales channels with IDs sc_b, sc_a do not exist"}`,
				Check: func(t *testing.T, r *Response) {
					if n := Scalar[int](t, s, `SELECT count(*) FROM product WHERE title = 'y'`); n != 0 {
						t.Errorf("a failed create left %d products", n)
					}
				}},
			{Name: "defaults", Method: "POST", Path: "/admin/products", Body: M{"title": "Plain Thing"}, Status: 200,
				Want: M{"product": M{"handle": "plain-thing", "status": "draft", "discountable": true, "variants": A{}, "options": A{}, "sales_channels": A{}}}},
			{Name: "explicit handle", Method: "POST", Path: "/admin/products", Body: M{"title": "Q", "handle": "my-q", "is_giftcard": true,
				"weight": 400, "metadata": M{"k": "v"}}, Status: 200,
				Want: M{"product": M{"handle": "my-q", "is_giftcard": true, "weight": 400, "metadata": M{"k": "v"}}}},
		})

		// The product.created event was written with the product.
		WantEvents(t, s, "product.created", 3)
	})
}

func TestAdminProductListAndUpdate(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		sc1 := s.Channel("One")
		sc2 := s.Channel("Two")
		p := s.Post("/admin/products", M{"title": "Shirt", "status": "published", "description": "cotton", "sales_channels": A{M{"id": sc1}}}).Must(200).String("product.id")
		d := s.Post("/admin/products", M{"title": "Draft thing", "status": "draft"}).Must(200).String("product.id")
		g := s.Post("/admin/products", M{"title": "Gift", "is_giftcard": true, "status": "proposed"}).Must(200).String("product.id")
		ids := func(list ...string) string {
			out := `[`
			for i, id := range list {
				if i > 0 {
					out += ","
				}
				out += `{"id":"` + id + `"}`
			}
			return out + `]`
		}
		page := func(n int, list ...string) string {
			return fmt.Sprintf(`{"products":%s,"count":%d,"offset":0,"limit":50}`, ids(list...), n)
		}
		Run(t, s, []Case{
			{Name: "all", Method: "GET", Path: "/admin/products?fields=id", Status: 200, Exact: page(3, p, d, g)},
			{Name: "by channel", Method: "GET", Path: "/admin/products?fields=id&sales_channel_id=" + sc1, Status: 200, Exact: page(1, p)},
			{Name: "by channel array", Method: "GET", Path: "/admin/products?fields=id&sales_channel_id[]=" + sc2, Status: 200, Exact: page(0)},
			{Name: "q", Method: "GET", Path: "/admin/products?fields=id&q=COTTON", Status: 200, Exact: page(1, p)},
			{Name: "status string", Method: "GET", Path: "/admin/products?fields=id&status=draft", Status: 200, Exact: page(1, d)},
			{Name: "status array", Method: "GET", Path: "/admin/products?fields=id&status[]=draft&status[]=proposed", Status: 200, Exact: page(2, d, g)},
			{Name: "giftcard", Method: "GET", Path: "/admin/products?fields=id&is_giftcard=true", Status: 200, Exact: page(1, g)},
			{Name: "handle", Method: "GET", Path: "/admin/products?fields=id&handle=shirt", Status: 200, Exact: page(1, p)},
			{Name: "or", Method: "GET", Path: "/admin/products?fields=id&$or[0][handle]=shirt&$or[1][handle]=gift", Status: 200, Exact: page(2, p, g)},
			{Name: "created_at", Method: "GET", Path: "/admin/products?fields=id&created_at[$gt]=2000-01-01", Status: 200, Exact: page(3, p, d, g)},
			{Name: "order and window", Method: "GET", Path: "/admin/products?fields=id&order=-title&limit=1&offset=1", Status: 200,
				Exact: `{"products":` + ids(g) + `,"count":3,"offset":1,"limit":1}`},
			{Name: "bad order", Method: "GET", Path: "/admin/products?order=nope", Status: 400,
				Exact: `{"type":"invalid_data","message":"Order field nope is not valid"}`},
			{Name: "unknown parameters are dropped", Method: "GET", Path: "/admin/products?fields=id&foo=bar", Status: 200, Exact: page(3, p, d, g)},

			{Name: "update to two channels", Method: "POST", Path: "/admin/products/" + p, Body: M{"sales_channels": A{M{"id": sc1}, M{"id": sc2}}}, Status: 200,
				Want: M{"product": M{"sales_channels": A{M{"id": sc1}, M{"id": sc2}}}}},
			{Name: "found in two", Method: "GET", Path: "/admin/products?fields=id&sales_channel_id[]=" + sc2, Status: 200, Exact: page(1, p)},
			{Name: "update to the second", Method: "POST", Path: "/admin/products/" + p, Body: M{"sales_channels": A{M{"id": sc2}}}, Status: 200,
				Want: M{"product": M{"sales_channels": A{M{"id": sc2}}}}},
			{Name: "gone from the first", Method: "GET", Path: "/admin/products?fields=id&sales_channel_id=" + sc1, Status: 200, Exact: page(0)},
			{Name: "update without the key keeps channels", Method: "POST", Path: "/admin/products/" + p, Body: M{"title": "Shirt 2", "subtitle": "s", "metadata": M{"a": 1}},
				Status: 200, Want: M{"product": M{"title": "Shirt 2", "subtitle": "s", "handle": "shirt", "metadata": M{"a": 1}, "sales_channels": A{M{"id": sc2}}}}},
			{Name: "null clears", Method: "POST", Path: "/admin/products/" + p, Body: M{"subtitle": nil, "metadata": nil},
				Status: 200, Want: M{"product": M{"subtitle": nil, "metadata": nil}}},
			{Name: "unknown channel on update", Method: "POST", Path: "/admin/products/" + p, Body: M{"title": "changed", "sales_channels": A{M{"id": "sc_x"}}},
				Status: 400, Exact: `{"type":"invalid_data","message":"Sales channels with IDs sc_x do not exist"}`},
			{Name: "failed update wrote nothing", Method: "GET", Path: "/admin/products/" + p + "?fields=title", Status: 200, Want: M{"product": M{"title": "Shirt 2"}}},
			{Name: "update to none", Method: "POST", Path: "/admin/products/" + p, Body: M{"sales_channels": A{}}, Status: 200,
				Want: M{"product": M{"sales_channels": A{}}}},
			{Name: "dropped out of the filter", Method: "GET", Path: "/admin/products?fields=id&sales_channel_id=" + sc2, Status: 200, Exact: page(0)},
			{Name: "handle taken on update", Method: "POST", Path: "/admin/products/" + p, Body: M{"handle": "gift"}, Status: 422},
			{Name: "update missing", Method: "POST", Path: "/admin/products/prod_nope", Body: M{}, Status: 404,
				Exact: `{"type":"not_found","message":"Product with id: prod_nope was not found"}`},
			{Name: "variants in an update stay strict", Method: "POST", Path: "/admin/products/" + p, Body: M{"variants": A{M{"nope": 1}}}, Status: 400},
		})
		WantEvents(t, s, "product.updated", 5)
	})
}

func TestProductDeleteAndChannelLinks(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		sc := s.Channel("A")
		sc2 := s.Channel("B")
		p1 := s.Post("/admin/products", SizedProduct("P1", "P1", sc, sc2)).Must(200).String("product.id")
		p2 := s.Post("/admin/products", M{"title": "P2"}).Must(200).String("product.id")
		links := func(productID string) int {
			return Scalar[int](t, s, `SELECT count(*) FROM product_sales_channel WHERE product_id = $1`, productID)
		}
		Run(t, s, []Case{
			{Name: "link unknown channel", Method: "POST", Path: "/admin/sales-channels/sc_nope/products", Body: M{"add": A{p2}}, Status: 404,
				Exact: `{"type":"not_found","message":"Sales channel with id: sc_nope not found"}`},
			{Name: "link unknown product", Method: "POST", Path: "/admin/sales-channels/" + sc + "/products", Body: M{"add": A{p2, "prod_x", "prod_y"}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Products with IDs prod_x, prod_y do not exist"}`,
				Check: func(t *testing.T, r *Response) {
					if n := links(p2); n != 0 {
						t.Errorf("a refused link left %d links", n)
					}
				}},
			{Name: "link not an array", Method: "POST", Path: "/admin/sales-channels/" + sc + "/products", Body: M{"add": p2}, Status: 400},
			{Name: "link", Method: "POST", Path: "/admin/sales-channels/" + sc + "/products", Body: M{"add": A{p2}}, Status: 200,
				Exact: `{"sales_channel":` + mustJSON(t, s, "/admin/sales-channels/"+sc, "sales_channel") + `}`},
			{Name: "linked", Method: "GET", Path: "/admin/products/" + p2 + "?fields=id,sales_channels.id", Status: 200,
				Exact: `{"product":{"id":"` + p2 + `","sales_channels":[{"id":"` + sc + `"}]}}`},
			{Name: "add and remove: remove wins", Method: "POST", Path: "/admin/sales-channels/" + sc2 + "/products", Body: M{"add": A{p2}, "remove": A{p2}}, Status: 200},
			{Name: "not linked to the second", Method: "GET", Path: "/admin/products/" + p2 + "?fields=id,sales_channels.id", Status: 200,
				Exact: `{"product":{"id":"` + p2 + `","sales_channels":[{"id":"` + sc + `"}]}}`},
			{Name: "remove", Method: "POST", Path: "/admin/sales-channels/" + sc + "/products", Body: M{"remove": A{p2}}, Status: 200},
			{Name: "unlinked", Method: "GET", Path: "/admin/products/" + p2 + "?fields=id,*sales_channels", Status: 200,
				Exact: `{"product":{"id":"` + p2 + `","sales_channels":[]}}`},
			{Name: "deleting a channel unlinks its products", Method: "DELETE", Path: "/admin/sales-channels/" + sc2, Status: 200,
				Check: func(t *testing.T, r *Response) {
					got := s.Get("/admin/products/" + p1 + "?fields=id,sales_channels.id").Must(200)
					if got.Len("product.sales_channels") != 1 || got.String("product.sales_channels.0.id") != sc {
						t.Errorf("after the channel delete: %s", got.Body)
					}
				}},
			{Name: "delete", Method: "DELETE", Path: "/admin/products/" + p1, Status: 200,
				Exact: `{"id":"` + p1 + `","object":"product","deleted":true}`,
				Check: func(t *testing.T, r *Response) {
					if n := links(p1); n != 0 {
						t.Errorf("a deleted product kept %d links", n)
					}
				}},
			{Name: "deleted is gone", Method: "GET", Path: "/admin/products/" + p1, Status: 404},
			{Name: "not listed", Method: "GET", Path: "/admin/products?fields=id", Status: 200, Want: M{"count": 1}},
			{Name: "listed when naming deleted_at", Method: "GET", Path: "/admin/products?fields=id,deleted_at&deleted_at[$gt]=2000-01-01&id=" + p1, Status: 200,
				Want: M{"count": 1, "products": A{M{"id": p1, "deleted_at": Any}}}},
			{Name: "delete again", Method: "DELETE", Path: "/admin/products/" + p1, Status: 200},
			{Name: "handle and skus are free again", Method: "POST", Path: "/admin/products", Body: SizedProduct("P1", "P1"), Status: 200,
				Want: M{"product": M{"handle": "p1"}}},
		})
		WantEvents(t, s, "product.deleted", 1)
	})
}

// mustJSON returns the raw JSON of key in a GET response.
func mustJSON(t *testing.T, s *apitest.Server, path, key string) string {
	t.Helper()
	r := s.Get(path).Must(200)
	raw := string(r.Body)
	prefix := `{"` + key + `":`
	if len(raw) < len(prefix)+1 || raw[:len(prefix)] != prefix {
		t.Fatalf("unexpected body %s", raw)
	}
	return raw[len(prefix) : len(raw)-1]
}

func TestProductBatch(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		old := s.Post("/admin/products", M{"title": "Old"}).Must(200).String("product.id")
		gone := s.Post("/admin/products", M{"title": "Gone"}).Must(200).String("product.id")
		Run(t, s, []Case{
			{Name: "one bad create writes nothing", Method: "POST", Path: "/admin/products/batch", Body: M{
				"create": A{SizedProduct("B1", "B1"), SizedProduct("B2", "B1")},
				"update": A{M{"id": old, "title": "Renamed"}},
				"delete": A{gone},
			}, Status: 422, Check: func(t *testing.T, r *Response) {
				if n := Scalar[int](t, s, `SELECT count(*) FROM product WHERE deleted_at IS NULL`); n != 2 {
					t.Errorf("live products after a failed batch: %d, want 2", n)
				}
				if got := s.Get("/admin/products/" + old + "?fields=title").String("product.title"); got != "Old" {
					t.Errorf("a failed batch renamed the product to %q", got)
				}
			}},
			{Name: "unknown update id writes nothing", Method: "POST", Path: "/admin/products/batch", Body: M{
				"create": A{M{"title": "C"}}, "update": A{M{"id": "prod_nope", "title": "x"}},
			}, Status: 404, Check: func(t *testing.T, r *Response) {
				if n := Scalar[int](t, s, `SELECT count(*) FROM product WHERE title = 'C'`); n != 0 {
					t.Errorf("a failed batch created %d products", n)
				}
			}},
			{Name: "batch", Method: "POST", Path: "/admin/products/batch", Body: M{
				"create": A{SizedProduct("B1", "B1"), M{"title": "B2"}},
				"update": A{M{"id": old, "title": "Renamed"}},
				"delete": A{gone},
			}, Status: 200, Want: M{
				"created": A{M{"title": "B1", "variants": A{M{"sku": "B1-S"}, M{"sku": "B1-M"}}}, M{"title": "B2"}},
				"updated": A{M{"id": old, "title": "Renamed"}},
				"deleted": M{"ids": A{gone}, "object": "product", "deleted": true},
			}},
			{Name: "deleted by the batch", Method: "GET", Path: "/admin/products/" + gone, Status: 404},
			{Name: "empty batch", Method: "POST", Path: "/admin/products/batch", Body: M{}, Status: 200,
				Exact: `{"created":[],"updated":[],"deleted":{"ids":[],"object":"product","deleted":true}}`},
		})
	})
}

func TestVariants(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		r := s.Post("/admin/products", SizedProduct("V", "V")).Must(200)
		p := r.String("product.id")
		sID := r.String("product.variants.0.id")
		other := s.Post("/admin/products", M{"title": "Other"}).Must(200).String("product.id")
		var lID string
		Run(t, s, []Case{
			{Name: "list", Method: "GET", Path: "/admin/products/" + p + "/variants", Status: 200,
				Want: M{"count": 2, "offset": 0, "limit": 50, "variants": A{
					M{"id": sID, "sku": "V-S", "product_id": p, "prices": A{M{"amount": 1000}}, "options": A{M{"value": "S"}}},
					M{"sku": "V-M"},
				}}},
			{Name: "list of a missing product", Method: "GET", Path: "/admin/products/prod_nope/variants", Status: 404},
			{Name: "create", Method: "POST", Path: "/admin/products/" + p + "/variants", Body: M{"title": "V L", "sku": "V-L",
				"options": M{"Size": "M"}, "prices": A{M{"currency_code": "eur", "amount": 9.99}}}, Status: 200,
				Check: func(t *testing.T, r *Response) {
					if r.Len("product.variants") != 3 {
						t.Fatalf("variants after create: %s", r.Body)
					}
					lID = r.String("product.variants.2.id")
				}},
			{Name: "duplicate sku", Method: "POST", Path: "/admin/products/" + p + "/variants", Body: M{"title": "x", "sku": "V-S", "prices": A{}}, Status: 422},
			{Name: "sku is unique across products", Method: "POST", Path: "/admin/products/" + other + "/variants", Body: M{"title": "x", "sku": "V-M", "prices": A{}}, Status: 422},
			{Name: "bad option", Method: "POST", Path: "/admin/products/" + p + "/variants", Body: M{"title": "x", "options": M{"Size": "XXL"}, "prices": A{}}, Status: 400},
			{Name: "prices required", Method: "POST", Path: "/admin/products/" + p + "/variants", Body: M{"title": "x"}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Field 'prices' is required"}`},
		})
		Run(t, s, []Case{
			{Name: "retrieve", Method: "GET", Path: "/admin/products/" + p + "/variants/" + lID, Status: 200,
				Want: M{"variant": M{"id": lID, "sku": "V-L", "prices": A{M{"amount": 9.99, "currency_code": "eur"}}, "options": A{M{"value": "M"}}}}},
			{Name: "retrieve through another product", Method: "GET", Path: "/admin/products/" + other + "/variants/" + lID, Status: 404,
				Exact: `{"type":"not_found","message":"Variant with id: ` + lID + ` was not found"}`},
			{Name: "update", Method: "POST", Path: "/admin/products/" + p + "/variants/" + lID, Body: M{"title": "V L2", "sku": nil,
				"options": M{"Size": "S"}, "prices": A{M{"currency_code": "usd", "amount": 5}}}, Status: 200,
				Check: func(t *testing.T, r *Response) {
					v := s.Get("/admin/products/" + p + "/variants/" + lID).Must(200)
					if v.String("variant.title") != "V L2" || v.Get("variant.sku") != nil || v.Len("variant.prices") != 1 ||
						v.String("variant.prices.0.currency_code") != "usd" || v.String("variant.options.0.value") != "S" {
						t.Errorf("after update: %s", v.Body)
					}
				}},
			{Name: "update with a too precise price", Method: "POST", Path: "/admin/products/" + p + "/variants/" + lID, Body: M{"prices": A{M{"currency_code": "eur", "amount": 0.001}}}, Status: 400},
			{Name: "delete", Method: "DELETE", Path: "/admin/products/" + p + "/variants/" + lID, Status: 200,
				Want: M{"id": lID, "object": "variant", "deleted": true, "parent": M{"id": p, "variants": A{M{"sku": "V-S"}, M{"sku": "V-M"}}}}},
			{Name: "deleted", Method: "GET", Path: "/admin/products/" + p + "/variants/" + lID, Status: 404},
			{Name: "delete again", Method: "DELETE", Path: "/admin/products/" + p + "/variants/" + lID, Status: 404},
		})
	})
}

// TestListQueryCount checks that a page of products costs the same number of queries
// whatever its size: every relation is loaded in one batch for the whole page.
func TestListQueryCount(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		sc := s.Channel("A")
		create := A{}
		for i := range 20 {
			create = append(create, SizedProduct(fmt.Sprintf("P%02d", i), fmt.Sprintf("P%02d", i), sc))
		}
		s.Post("/admin/products/batch", M{"create": create}).Must(200)
		n := product.CountReads(s.App.Products)
		queries := func(limit int) int64 {
			n.Store(0)
			r := s.Get(fmt.Sprintf("/admin/products?limit=%d", limit)).Must(200)
			if r.Len("products") != limit || r.Len("products.0.variants.0.prices") != 1 || r.Len("products.0.sales_channels") != 1 {
				t.Fatalf("limit %d: unexpected page %.300s", limit, r.Body)
			}
			return n.Load()
		}
		small, large := queries(5), queries(20)
		if small != large || small == 0 {
			t.Errorf("queries for 5 products: %d, for 20: %d; want the same", small, large)
		}
		t.Logf("%d queries per page", large)
	})
}
