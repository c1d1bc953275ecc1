package storefront_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/platform/httpapi"
	"channeld/internal/storefront"
)

// sized is the body of a product with a Size option and two variants, EUR-priced; the M
// variant is priced in USD too, and the S variant has no USD price.
func sized(title, status string, channels ...string) M {
	scs := A{}
	for _, c := range channels {
		scs = append(scs, M{"id": c})
	}
	return M{"title": title, "status": status,
		"options": A{M{"title": "Size", "values": A{"S", "M"}}},
		"variants": A{
			M{"title": title + " S", "sku": title + "-S", "options": M{"Size": "S"}, "manage_inventory": false,
				"prices": A{M{"currency_code": "eur", "amount": 1000}}},
			M{"title": title + " M", "sku": title + "-M", "options": M{"Size": "M"},
				"prices": A{M{"currency_code": "eur", "amount": 12.5}, M{"currency_code": "usd", "amount": 14}}},
		},
		"sales_channels": scs}
}

// world is the transcript's set-up: channels A, B, D (D disabled), keys for A, B, D and AB.
type world struct {
	s                  *apitest.Server
	scA, scB, scD      string
	keyA, keyB, keyD   string
	keyAB, keyNone     string
	keyBID             string
	a1, a2, b1, d1, dr string
	eur, usd           string
}

func key(s *apitest.Server, title string, channels ...string) (id, token string) {
	r := s.Post("/admin/api-keys", M{"title": title, "type": "publishable"}).Must(200)
	id, token = r.String("api_key.id"), r.String("api_key.token")
	if len(channels) > 0 {
		s.Post("/admin/api-keys/"+id+"/sales-channels", M{"add": channels}).Must(200)
	}
	return id, token
}

func setup(t *testing.T, e db.Engine) *world {
	s := apitest.New(t, e)
	w := &world{s: s}
	ch := func(name string) string {
		return s.Post("/admin/sales-channels", M{"name": name}).Must(200).String("sales_channel.id")
	}
	w.scA, w.scB, w.scD = ch("A"), ch("B"), ch("D")
	_, w.keyA = key(s, "A", w.scA)
	w.keyBID, w.keyB = key(s, "B", w.scB)
	_, w.keyD = key(s, "D", w.scD)
	_, w.keyAB = key(s, "AB", w.scA, w.scB)
	_, w.keyNone = key(s, "none")
	w.eur = s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
	w.usd = s.Post("/admin/regions", M{"name": "US", "currency_code": "usd"}).Must(200).String("region.id")
	prod := func(title, status string, chans ...string) string {
		return s.Post("/admin/products", sized(title, status, chans...)).Must(200).String("product.id")
	}
	w.a1 = prod("A1-1795302911", "published", w.scA)
	w.a2 = prod("A2-1795302911", "published", w.scA)
	w.b1 = prod("B1-1795302911", "published", w.scB)
	w.d1 = prod("D1-1795302911", "published", w.scD)
	w.dr = prod("Draft-1795302911", "draft", w.scA, w.scB)
	s.Post("/admin/sales-channels/"+w.scD, M{"is_disabled": true}).Must(200)
	return w
}

func pk(token string) map[string]string { return map[string]string{"x-publishable-api-key": token} }

func titles(t *testing.T, r *Response) []string {
	t.Helper()
	var out []string
	for i := 0; i < r.Len("products"); i++ {
		out = append(out, r.String(fmt.Sprintf("products.%d.title", i)))
	}
	return out
}

func wantTitles(want ...string) func(t *testing.T, r *Response) {
	return func(t *testing.T, r *Response) {
		t.Helper()
		if got := titles(t, r); !slices.Equal(got, want) {
			t.Errorf("titles %q, want %q", got, want)
		}
		if r.Int("count") != len(want) {
			t.Errorf("count %d, want %d", r.Int("count"), len(want))
		}
	}
}

func keys(t *testing.T, raw any) []string {
	t.Helper()
	m, ok := raw.(map[string]any)
	if !ok {
		t.Fatalf("not an object: %v", raw)
	}
	var out []string
	for k := range m {
		out = append(out, k)
	}
	slices.Sort(out)
	return out
}

const (
	errNotInKey  = `{"type":"invalid_data","message":"Requested sales channel is not part of the publishable key"}`
	errInvalid   = `{"type":"not_allowed","message":"A valid publishable key is required to proceed with the request"}`
	errRequired  = `{"type":"not_allowed","message":"Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard."}`
	errNoPricing = `{"type":"invalid_data","message":"Missing required pricing context to calculate prices - region_id"}`
)

func TestStoreProducts(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		w := setup(t, e)
		const list = "/store/products?limit=50&q=1795302911&order=title"
		priced := "/store/products?q=A1-1795302911&region_id=" + w.eur + "&fields=%2Bvariants.calculated_price"
		Run(t, w.s, []Case{
			{Name: "key A sees A1 and A2", Method: "GET", Path: list, Headers: pk(w.keyA), Status: 200,
				Want: M{"offset": 0, "limit": 50}, Check: wantTitles("A1-1795302911", "A2-1795302911")},
			{Name: "key B sees B1", Method: "GET", Path: list, Headers: pk(w.keyB), Status: 200,
				Check: wantTitles("B1-1795302911")},
			{Name: "key AB sees A1, A2 and B1", Method: "GET", Path: list, Headers: pk(w.keyAB), Status: 200,
				Check: wantTitles("A1-1795302911", "A2-1795302911", "B1-1795302911")},
			{Name: "a disabled channel sells nothing", Method: "GET", Path: list, Headers: pk(w.keyD), Status: 200,
				Exact: `{"products":[],"count":0,"offset":0,"limit":50}`},
			{Name: "sales_channel_id narrows the key's channels", Method: "GET", Path: list + "&sales_channel_id[]=" + w.scB,
				Headers: pk(w.keyAB), Status: 200, Check: wantTitles("B1-1795302911")},
			{Name: "a string sales_channel_id is a one-element list", Method: "GET", Path: list + "&sales_channel_id=" + w.scA,
				Headers: pk(w.keyAB), Status: 200, Check: wantTitles("A1-1795302911", "A2-1795302911")},
			{Name: "a channel outside the key", Method: "GET", Path: list + "&sales_channel_id=" + w.scB,
				Headers: pk(w.keyA), Status: 400, Exact: errNotInKey},
			{Name: "an unknown channel", Method: "GET", Path: list + "&sales_channel_id[]=" + w.scA + "&sales_channel_id[]=sc_nope",
				Headers: pk(w.keyAB), Status: 400, Exact: errNotInKey},
			{Name: "a key without channels", Method: "GET", Path: list, Headers: pk(w.keyNone), Status: 400,
				Exact: `{"type":"invalid_data","message":"Publishable key needs to have a sales channel configured"}`},
			{Name: "no key", Method: "GET", Path: list, Status: 400, Exact: errRequired},
			{Name: "unknown key", Method: "GET", Path: list, Headers: pk("pk_0000"), Status: 400, Exact: errInvalid},
			{Name: "a secret-style token", Method: "GET", Path: list, Headers: pk("sk_whatever"), Status: 400, Exact: errInvalid},
			{Name: "unknown parameter", Method: "GET", Path: list + "&foo=1", Headers: pk(w.keyA), Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
			{Name: "default store fields", Method: "GET", Path: "/store/products/" + w.a1, Headers: pk(w.keyA), Status: 200,
				Check: func(t *testing.T, r *Response) {
					want := []string{"collection", "collection_id", "created_at", "description", "discountable", "handle",
						"height", "hs_code", "id", "images", "is_giftcard", "length", "material", "mid_code", "options",
						"origin_country", "subtitle", "tags", "thumbnail", "title", "type", "type_id", "updated_at",
						"variants", "weight", "width"}
					if got := keys(t, r.Get("product")); !slices.Equal(got, want) {
						t.Errorf("keys %q, want %q", got, want)
					}
					if r.Get("product.variants.0.calculated_price") != nil || r.Get("product.variants.0.prices") != nil {
						t.Errorf("prices written without being asked for: %s", r.Body)
					}
					if r.String("product.variants.0.options.0.option.title") != "Size" {
						t.Errorf("variant option without its option: %s", r.Body)
					}
				}},
			{Name: "fields=handle", Method: "GET", Path: "/store/products?fields=handle&q=A1-", Headers: pk(w.keyA), Status: 200,
				Check: func(t *testing.T, r *Response) {
					if r.Len("products") != 1 {
						t.Fatalf("body %s", r.Body)
					}
					var got struct{ Products []json.RawMessage }
					_ = json.Unmarshal(r.Body, &got)
					if want := `{"handle":"a1-1795302911","id":"` + w.a1 + `"}`; string(got.Products[0]) != want {
						t.Errorf("product %s, want %s", got.Products[0], want)
					}
				}},
			{Name: "detail of a product of another channel", Method: "GET", Path: "/store/products/" + w.b1, Headers: pk(w.keyA),
				Status: 404, Exact: `{"type":"not_found","message":"Product with id: ` + w.b1 + ` was not found"}`},
			{Name: "detail of a draft", Method: "GET", Path: "/store/products/" + w.dr, Headers: pk(w.keyAB),
				Status: 404, Exact: `{"type":"not_found","message":"Product with id: ` + w.dr + ` was not found"}`},
			{Name: "detail of a product of a disabled channel", Method: "GET", Path: "/store/products/" + w.d1, Headers: pk(w.keyD),
				Status: 404, Exact: `{"type":"not_found","message":"Product with id: ` + w.d1 + ` was not found"}`},
			{Name: "detail of a missing product", Method: "GET", Path: "/store/products/prod_nope", Headers: pk(w.keyA),
				Status: 404, Exact: `{"type":"not_found","message":"Product with id: prod_nope was not found"}`},
			{Name: "detail with a channel outside the key", Method: "GET", Path: "/store/products/" + w.a1 + "?sales_channel_id=" + w.scB,
				Headers: pk(w.keyA), Status: 400, Exact: errNotInKey},
			{Name: "calculated price in EUR", Method: "GET", Path: priced, Headers: pk(w.keyA), Status: 200,
				Want: M{"count": 1, "products": A{M{"title": "A1-1795302911", "variants": A{
					M{"sku": "A1-1795302911-S", "calculated_price": M{"is_calculated_price_price_list": false,
						"is_calculated_price_tax_inclusive": false, "calculated_amount": 1000,
						"raw_calculated_amount": M{"value": "1000", "precision": 20}, "is_original_price_price_list": false,
						"is_original_price_tax_inclusive": false, "original_amount": 1000,
						"raw_original_amount": M{"value": "1000", "precision": 20}, "currency_code": "eur",
						"calculated_price": M{"id": Any, "price_list_id": nil, "price_list_type": nil, "min_quantity": nil, "max_quantity": nil},
						"original_price":   M{"id": Any, "price_list_id": nil, "price_list_type": nil, "min_quantity": nil, "max_quantity": nil}}},
					M{"sku": "A1-1795302911-M", "calculated_price": M{"calculated_amount": 12.5,
						"raw_calculated_amount": M{"value": "12.5", "precision": 20}}},
				}}}}},
			{Name: "no price in the region's currency", Method: "GET",
				Path:    "/store/products/" + w.a1 + "?region_id=" + w.usd + "&fields=*variants.calculated_price",
				Headers: pk(w.keyA), Status: 200, Want: M{"product": M{"variants": A{
					M{"calculated_price": nil}, M{"calculated_price": M{"calculated_amount": 14, "currency_code": "usd"}}}}}},
			{Name: "calculated price without a region", Method: "GET", Path: "/store/products?fields=%2Bvariants.calculated_price",
				Headers: pk(w.keyA), Status: 400, Exact: errNoPricing},
			{Name: "calculated price in an unknown region", Method: "GET",
				Path:    "/store/products?region_id=reg_nope&fields=%2Bvariants.calculated_price",
				Headers: pk(w.keyA), Status: 404, Exact: `{"type":"not_found","message":"Region with id: reg_nope was not found"}`},
			{Name: "paging", Method: "GET", Path: "/store/products?limit=1&offset=1&order=title&fields=title", Headers: pk(w.keyAB),
				Status: 200, Want: M{"count": 3, "offset": 1, "limit": 1, "products": A{M{"title": "A2-1795302911"}}}},
			{Name: "past the end", Method: "GET", Path: "/store/products?offset=10&fields=title", Headers: pk(w.keyAB),
				Status: 200, Exact: `{"products":[],"count":3,"offset":10,"limit":50}`},
			{Name: "limit=0 counts", Method: "GET", Path: "/store/products?limit=0", Headers: pk(w.keyAB),
				Status: 200, Exact: `{"products":[],"count":3,"offset":0,"limit":0}`},
			{Name: "variant option filter", Method: "GET", Path: "/store/products?variants[options][value]=M&fields=title&order=title",
				Headers: pk(w.keyA), Status: 200, Check: wantTitles("A1-1795302911", "A2-1795302911")},
			{Name: "variant option filter matching nothing", Method: "GET", Path: "/store/products?variants[options][value]=XL",
				Headers: pk(w.keyA), Status: 200, Want: M{"count": 0}},
			{Name: "$or", Method: "GET", Path: "/store/products?$or[0][handle]=a1-1795302911&$or[1][title]=B1-1795302911&order=title",
				Headers: pk(w.keyAB), Status: 200, Check: wantTitles("A1-1795302911", "B1-1795302911")},
			{Name: "a product also in an enabled channel is listed", Method: "POST", Path: "/admin/products/" + w.d1,
				Body: M{"sales_channels": A{M{"id": w.scD}, M{"id": w.scB}}}, Status: 200},
			{Name: "key B now sees D1", Method: "GET", Path: list, Headers: pk(w.keyB), Status: 200,
				Check: wantTitles("B1-1795302911", "D1-1795302911")},
			{Name: "revoke key B", Method: "POST", Path: "/admin/api-keys/" + w.keyBID + "/revoke", Body: M{}, Status: 200},
			{Name: "revoked key", Method: "GET", Path: list, Headers: pk(w.keyB), Status: 400, Exact: errInvalid},
		})
	})
}

// TestQueriesPerPage checks that a page costs the same number of statements whatever its
// size and whatever the size of the catalogue.
func TestQueriesPerPage(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		s := apitest.New(t, e)
		a := s.App
		svc := storefront.NewService(a.DB, a.Products, a.Regions, a.Stock)
		n := storefront.CountReads(svc)
		rt := httpapi.NewRouter(a.Log)
		// A counter that moves on every read makes every request miss the page cache, so
		// the statements of the real query path are what gets counted.
		var tick uint64
		uncached := func() uint64 { tick++; return tick }
		rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable).Handle(storefront.NewHandler(svc, uncached).Routes()...)
		ts := httptest.NewServer(rt)
		t.Cleanup(ts.Close)

		sc := s.Post("/admin/sales-channels", M{"name": "A"}).Must(200).String("sales_channel.id")
		other := s.Post("/admin/sales-channels", M{"name": "B"}).Must(200).String("sales_channel.id")
		_, token := key(s, "A", sc, other)
		region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
		add := func(from, to int) {
			for i := from; i < to; i++ {
				s.Post("/admin/products", sized(fmt.Sprintf("P%03d", i), "published", sc)).Must(200)
			}
		}
		cost := func(path string) int64 {
			t.Helper()
			n.Store(0)
			req, _ := http.NewRequest("GET", ts.URL+path, nil)
			req.Header.Set("x-publishable-api-key", token)
			res, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 200 {
				t.Fatalf("%s: status %d", path, res.StatusCode)
			}
			return n.Load()
		}
		paths := func(limit int) []string {
			return []string{
				fmt.Sprintf("/store/products?limit=%d", limit),
				fmt.Sprintf("/store/products?limit=%d&region_id=%s&fields=%%2Bvariants.calculated_price", limit, region),
				fmt.Sprintf("/store/products?limit=%d&fields=id,title", limit),
				fmt.Sprintf("/store/products?limit=%d&sales_channel_id=%s&fields=%%2Bvariants.inventory_quantity", limit, sc),
				fmt.Sprintf("/store/products?limit=%d&sales_channel_id=%s&region_id=%s&fields=%%2Bvariants.inventory_quantity,%%2Bvariants.calculated_price",
					limit, sc, region),
			}
		}
		add(0, 10)
		small := map[string]int64{}
		for _, p := range paths(5) {
			small[p] = cost(p)
		}
		add(10, 60)
		for i, p := range paths(5) {
			big := paths(50)[i]
			if c := cost(p); c != small[p] {
				t.Errorf("%s: %d statements with 60 products, %d with 10", p, c, small[p])
			}
			if c := cost(big); c != small[p] {
				t.Errorf("%s: %d statements, %d for limit=5", big, c, small[p])
			}
		}
		t.Logf("statements per page: %v", small)
	})
}
