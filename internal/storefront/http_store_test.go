package storefront_test

import (
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"slices"
	"sync/atomic"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/app"
	"channeld/internal/platform/httpapi"
	"channeld/internal/storefront"
)

// world is the transcript's set-up: apitest.Storefronts with channel D disabled and a
// product in each channel.
type world struct {
	s *apitest.Server
	apitest.Storefronts
	a1, a2, b1, d1, dr string
}

// eachWorld runs fn once per engine (see apitest.Each) on a world of its own.
func eachWorld(t *testing.T, fn func(t *testing.T, w *world)) {
	t.Helper()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) { fn(t, setup(s)) })
}

func setup(s *apitest.Server) *world {
	w := &world{s: s, Storefronts: s.Storefronts()}
	prod := func(title, status string, chans ...string) string {
		body := SizedProduct(title, title, chans...)
		body["status"] = status
		return s.Post("/admin/products", body).Must(200).String("product.id")
	}
	w.a1 = prod("A1-1795302911", "published", w.ChannelA)
	w.a2 = prod("A2-1795302911", "published", w.ChannelA)
	w.b1 = prod("B1-1795302911", "published", w.ChannelB)
	w.d1 = prod("D1-1795302911", "published", w.ChannelD)
	w.dr = prod("Draft-1795302911", "draft", w.ChannelA, w.ChannelB)
	s.Post("/admin/sales-channels/"+w.ChannelD, M{"is_disabled": true}).Must(200)
	return w
}

func wantTitles(want ...string) func(t *testing.T, r *Response) {
	return func(t *testing.T, r *Response) {
		t.Helper()
		if got := r.Strings("products", "title"); !slices.Equal(got, want) {
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

// countedFront is the storefront routes of an App served on a server of their own, through a
// service whose reads are counted, so that a test sees what each request cost.
type countedFront struct {
	ts *httptest.Server
	n  *atomic.Int64
}

// countedStorefront serves the storefront routes of s's App as a countedFront; version is the
// page cache's version source, such as the App's DB.Commits.
func countedStorefront(t *testing.T, s *apitest.Server, version func() uint64) *countedFront {
	t.Helper()
	a := s.App
	svc := storefront.NewService(a.DB, a.Products, a.Stock, storefront.Languages{})
	n := storefront.CountReads(svc)
	return &countedFront{ts: serveStore(t, a, svc, version), n: n}
}

// serveStore serves svc's store routes behind a's publishable key check, with the page
// caches' version taken from version, until the test ends.
func serveStore(t *testing.T, a *app.App, svc *storefront.Service, version func() uint64) *httptest.Server {
	t.Helper()
	rt := httpapi.NewRouter(a.Log)
	rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable).Handle(storefront.NewHandler(svc, version).Routes()...)
	ts := httptest.NewServer(rt)
	t.Cleanup(ts.Close)
	return ts
}

// get sends GET path with the publishable key's token (see storeGet) and returns the decoded
// body and the statements the request ran.
func (f *countedFront) get(t *testing.T, token, path string) (body any, statements int64) {
	t.Helper()
	f.n.Store(0)
	body = storeGet(t, f.ts, token, path)
	return body, f.n.Load()
}

// storeGet sends GET path to ts with the publishable key's token and returns the decoded
// body, failing the test unless the answer is 200 with JSON.
func storeGet(t *testing.T, ts *httptest.Server, token, path string) any {
	t.Helper()
	req, err := http.NewRequest("GET", ts.URL+path, nil)
	if err != nil {
		t.Fatal(err)
	}
	req.Header.Set("x-publishable-api-key", token)
	res, err := ts.Client().Do(req)
	if err != nil {
		t.Fatal(err)
	}
	defer res.Body.Close()
	var body any
	if err := json.NewDecoder(res.Body).Decode(&body); err != nil || res.StatusCode != 200 {
		t.Fatalf("%s: status %d, %v", path, res.StatusCode, err)
	}
	return body
}

const (
	errNotInKey  = `{"type":"invalid_data","message":"Requested sales channel is not part of the publishable key"}`
	errInvalid   = `{"type":"not_allowed","message":"A valid publishable key is required to proceed with the request"}`
	errRequired  = `{"type":"not_allowed","message":"Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard."}`
	errNoPricing = `{"type":"invalid_data","message":"Missing required pricing context to calculate prices - region_id"}`
)

func TestStoreProducts(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		const list = "/store/products?limit=50&q=1795302911&order=title"
		priced := "/store/products?q=A1-1795302911&region_id=" + w.EUR + "&fields=%2Bvariants.calculated_price"
		Run(t, w.s, []Case{
			{Name: "key A sees A1 and A2", Method: "GET", Path: list, Headers: KeyHeader(w.KeyA), Status: 200,
				Want: M{"offset": 0, "limit": 50}, Check: wantTitles("A1-1795302911", "A2-1795302911")},
			{Name: "key B sees B1", Method: "GET", Path: list, Headers: KeyHeader(w.KeyB), Status: 200,
				Check: wantTitles("B1-1795302911")},
			{Name: "key AB sees A1, A2 and B1", Method: "GET", Path: list, Headers: KeyHeader(w.KeyAB), Status: 200,
				Check: wantTitles("A1-1795302911", "A2-1795302911", "B1-1795302911")},
			{Name: "a disabled channel sells nothing", Method: "GET", Path: list, Headers: KeyHeader(w.KeyD), Status: 200,
				Exact: `{"products":[],"count":0,"offset":0,"limit":50}`},
			{Name: "sales_channel_id narrows the key's channels", Method: "GET", Path: list + "&sales_channel_id[]=" + w.ChannelB,
				Headers: KeyHeader(w.KeyAB), Status: 200, Check: wantTitles("B1-1795302911")},
			{Name: "a string sales_channel_id is a one-element list", Method: "GET", Path: list + "&sales_channel_id=" + w.ChannelA,
				Headers: KeyHeader(w.KeyAB), Status: 200, Check: wantTitles("A1-1795302911", "A2-1795302911")},
			{Name: "a channel outside the key", Method: "GET", Path: list + "&sales_channel_id=" + w.ChannelB,
				Headers: KeyHeader(w.KeyA), Status: 400, Exact: errNotInKey},
			{Name: "an unknown channel", Method: "GET", Path: list + "&sales_channel_id[]=" + w.ChannelA + "&sales_channel_id[]=sc_nope",
				Headers: KeyHeader(w.KeyAB), Status: 400, Exact: errNotInKey},
			{Name: "a key without channels", Method: "GET", Path: list, Headers: KeyHeader(w.KeyNone), Status: 400,
				Exact: `{"type":"invalid_data","message":"Publishable key needs to have a sales channel configured"}`},
			{Name: "no key", Method: "GET", Path: list, Status: 400, Exact: errRequired},
			{Name: "unknown key", Method: "GET", Path: list, Headers: KeyHeader("pk_0000"), Status: 400, Exact: errInvalid},
			{Name: "a secret-style token", Method: "GET", Path: list, Headers: KeyHeader("sk_whatever"), Status: 400, Exact: errInvalid},
			{Name: "unknown parameter", Method: "GET", Path: list + "&foo=1", Headers: KeyHeader(w.KeyA), Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
			{Name: "default store fields", Method: "GET", Path: "/store/products/" + w.a1, Headers: KeyHeader(w.KeyA), Status: 200,
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
			{Name: "fields=handle", Method: "GET", Path: "/store/products?fields=handle&q=A1-", Headers: KeyHeader(w.KeyA), Status: 200,
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
			{Name: "detail of a product of another channel", Method: "GET", Path: "/store/products/" + w.b1, Headers: KeyHeader(w.KeyA),
				Status: 404, Exact: `{"type":"not_found","message":"Product with id: ` + w.b1 + ` was not found"}`},
			{Name: "detail of a draft", Method: "GET", Path: "/store/products/" + w.dr, Headers: KeyHeader(w.KeyAB),
				Status: 404, Exact: `{"type":"not_found","message":"Product with id: ` + w.dr + ` was not found"}`},
			{Name: "detail of a product of a disabled channel", Method: "GET", Path: "/store/products/" + w.d1, Headers: KeyHeader(w.KeyD),
				Status: 404, Exact: `{"type":"not_found","message":"Product with id: ` + w.d1 + ` was not found"}`},
			{Name: "detail of a missing product", Method: "GET", Path: "/store/products/prod_nope", Headers: KeyHeader(w.KeyA),
				Status: 404, Exact: `{"type":"not_found","message":"Product with id: prod_nope was not found"}`},
			{Name: "detail with a channel outside the key", Method: "GET", Path: "/store/products/" + w.a1 + "?sales_channel_id=" + w.ChannelB,
				Headers: KeyHeader(w.KeyA), Status: 400, Exact: errNotInKey},
			{Name: "calculated price in EUR", Method: "GET", Path: priced, Headers: KeyHeader(w.KeyA), Status: 200,
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
				Path:    "/store/products/" + w.a1 + "?region_id=" + w.USD + "&fields=*variants.calculated_price",
				Headers: KeyHeader(w.KeyA), Status: 200, Want: M{"product": M{"variants": A{
					M{"calculated_price": nil}, M{"calculated_price": M{"calculated_amount": 14, "currency_code": "usd"}}}}}},
			{Name: "calculated price without a region", Method: "GET", Path: "/store/products?fields=%2Bvariants.calculated_price",
				Headers: KeyHeader(w.KeyA), Status: 400, Exact: errNoPricing},
			{Name: "calculated price in an unknown region", Method: "GET",
				Path:    "/store/products?region_id=reg_nope&fields=%2Bvariants.calculated_price",
				Headers: KeyHeader(w.KeyA), Status: 404, Exact: `{"type":"not_found","message":"Region with id: reg_nope was not found"}`},
			{Name: "paging", Method: "GET", Path: "/store/products?limit=1&offset=1&order=title&fields=title", Headers: KeyHeader(w.KeyAB),
				Status: 200, Want: M{"count": 3, "offset": 1, "limit": 1, "products": A{M{"title": "A2-1795302911"}}}},
			{Name: "past the end", Method: "GET", Path: "/store/products?offset=10&fields=title", Headers: KeyHeader(w.KeyAB),
				Status: 200, Exact: `{"products":[],"count":3,"offset":10,"limit":50}`},
			{Name: "limit=0 counts", Method: "GET", Path: "/store/products?limit=0", Headers: KeyHeader(w.KeyAB),
				Status: 200, Exact: `{"products":[],"count":3,"offset":0,"limit":0}`},
			{Name: "variant option filter", Method: "GET", Path: "/store/products?variants[options][value]=M&fields=title&order=title",
				Headers: KeyHeader(w.KeyA), Status: 200, Check: wantTitles("A1-1795302911", "A2-1795302911")},
			{Name: "variant option filter matching nothing", Method: "GET", Path: "/store/products?variants[options][value]=XL",
				Headers: KeyHeader(w.KeyA), Status: 200, Want: M{"count": 0}},
			{Name: "$or", Method: "GET", Path: "/store/products?$or[0][handle]=a1-1795302911&$or[1][title]=B1-1795302911&order=title",
				Headers: KeyHeader(w.KeyAB), Status: 200, Check: wantTitles("A1-1795302911", "B1-1795302911")},
			{Name: "a product also in an enabled channel is listed", Method: "POST", Path: "/admin/products/" + w.d1,
				Body: M{"sales_channels": A{M{"id": w.ChannelD}, M{"id": w.ChannelB}}}, Status: 200},
			{Name: "key B now sees D1", Method: "GET", Path: list, Headers: KeyHeader(w.KeyB), Status: 200,
				Check: wantTitles("B1-1795302911", "D1-1795302911")},
			{Name: "revoke key B", Method: "POST", Path: "/admin/api-keys/" + w.KeyBID + "/revoke", Body: M{}, Status: 200},
			{Name: "revoked key", Method: "GET", Path: list, Headers: KeyHeader(w.KeyB), Status: 400, Exact: errInvalid},
		})
	})
}

// TestQueriesPerPage checks that a page costs the same number of statements whatever its
// size and whatever the size of the catalogue.
func TestQueriesPerPage(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		// A counter that moves on every read makes every request miss the page cache, so
		// the statements of the real query path are what gets counted.
		var tick uint64
		uncached := func() uint64 { tick++; return tick }
		front := countedStorefront(t, s, uncached)

		sc := s.Channel("A")
		other := s.Channel("B")
		_, token := s.PublishableKey("A", sc, other)
		region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
		add := func(from, to int) {
			for i := from; i < to; i++ {
				s.Post("/admin/products", SizedProduct(fmt.Sprintf("P%03d", i), fmt.Sprintf("P%03d", i), sc)).Must(200)
			}
		}
		cost := func(path string) int64 {
			t.Helper()
			_, statements := front.get(t, token, path)
			return statements
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
