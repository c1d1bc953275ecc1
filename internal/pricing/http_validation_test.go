package pricing_test

import (
	"testing"

	. "channeld/internal/apitest"
)

// Requests the price routes refuse, and a refused batch that writes nothing of what it
// would have written before the failing part.
func TestChannelPriceRoutesRefuse(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		c, d := s.Channel("C"), s.Channel("D")
		eur := configuredChannel(s, "EUR only", "eur")
		_, vid := productIn(s, "Lamp", M{"usd": 10}, c, d, eur)
		dPrice := s.Post("/admin/sales-channels/"+d+"/prices/batch", M{"create": A{M{"variant_id": vid, "currency_code": "usd", "amount": 3}}}).
			Must(200).String("created.0.id")
		batch := "/admin/sales-channels/" + c + "/prices/batch"
		create := func(k string, amount any) M {
			return M{"create": A{M{"variant_id": vid, "currency_code": k, "amount": amount}}}
		}
		Run(t, s, []Case{
			{Name: "unknown channel, table", Method: "GET", Path: "/admin/sales-channels/sc_missing/prices",
				Status: 404, Exact: ErrBody("not_found", "Sales channel with id: sc_missing not found")},
			{Name: "unknown channel, batch", Method: "POST", Path: "/admin/sales-channels/sc_missing/prices/batch", Body: create("usd", 1),
				Status: 404, Exact: ErrBody("not_found", "Sales channel with id: sc_missing not found")},
			{Name: "unknown query key", Method: "GET", Path: "/admin/sales-channels/" + c + "/prices?fields=id", Status: 400, Check: WantType("invalid_data")},
			{Name: "unknown source", Method: "GET", Path: "/admin/sales-channels/" + c + "/prices?source[]=base&source[]=cheap", Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Expected: 'override, inherited, base, none' for field 'source', but got: 'cheap'")},
			{Name: "limit not a number", Method: "GET", Path: "/admin/sales-channels/" + c + "/prices?limit=x", Status: 400, Check: WantType("invalid_data")},
			{Name: "unknown body key", Method: "POST", Path: batch, Body: M{"upsert": A{}}, Status: 400, Check: WantType("invalid_data")},
			{Name: "rules in a create", Method: "POST", Path: batch,
				Body:   M{"create": A{M{"variant_id": vid, "currency_code": "usd", "amount": 1, "rules": M{"sales_channel_id": c}}}},
				Status: 400, Check: WantType("invalid_data")},
			{Name: "amount a string", Method: "POST", Path: batch, Body: create("usd", "1"), Status: 400, Check: WantType("invalid_data")},
			{Name: "NUL in a variant id", Method: "POST", Path: batch,
				Body:   M{"create": A{M{"variant_id": "v\x00", "currency_code": "usd", "amount": 1}}},
				Status: 400, Check: WantType("invalid_data")},
			{Name: "not a currency", Method: "POST", Path: batch, Body: create("xyz", 1),
				Status: 400, Exact: ErrBody("invalid_data", "Currency code xyz is not a known ISO 4217 currency")},
			{Name: "finer than cents", Method: "POST", Path: batch, Body: create("usd", 7.001), Status: 400, Check: WantType("invalid_data")},
			{Name: "too large", Method: "POST", Path: batch, Body: create("usd", 1e300), Status: 400, Check: WantType("invalid_data")},
			{Name: "currency the channel does not offer", Method: "POST", Path: "/admin/sales-channels/" + eur + "/prices/batch", Body: create("usd", 1),
				Status: 400, Exact: ErrBody("invalid_data", "Currency usd is not available in sales channel "+eur)},
			{Name: "another channel's price", Method: "POST", Path: batch, Body: M{"update": A{M{"id": dPrice, "amount": 4}}},
				Status: 404, Exact: ErrBody("not_found", "Price with id: "+dPrice+" was not found")},
			{Name: "all or nothing", Method: "POST", Path: batch,
				Body:   M{"create": A{M{"variant_id": vid, "currency_code": "usd", "amount": 1}}, "delete": A{"price_missing"}},
				Status: 404, Exact: ErrBody("not_found", "Price with id: price_missing was not found")},
			{Name: "nothing was written", Method: "GET", Path: "/admin/sales-channels/" + c + "/prices", Status: 200,
				Want: M{"prices": A{M{"variant_id": vid, "currency_code": "usd", "source": "base", "amount": 10}}, "count": 1}},
			{Name: "D keeps its price", Method: "GET", Path: "/admin/sales-channels/" + d + "/prices", Status: 200,
				Want: M{"prices": A{M{"source": "override", "amount": 3, "price_id": dPrice}}, "count": 1}},
		})
		if n := Scalar[int](t, s, `SELECT count(*) FROM audit_log WHERE resource = 'price' AND sales_channel_id = $1`, c); n != 0 {
			t.Errorf("%d audit entries for refused batches", n)
		}
	})
}

// The table's rows: a configured channel's currencies for every variant it sells, with
// none where there is no price; another channel's currencies per variant; filters, source
// filters and pages.
func TestEffectivePriceTable(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		c := configuredChannel(s, "C", "usd", "eur")
		open := s.Channel("Open")
		p1, v1 := productIn(s, "Lamp", M{"usd": 10}, c, open)
		p2, v2 := productIn(s, "Chair", M{}, c, open)
		if v2 < v1 {
			p1, v1, p2, v2 = p2, v2, p1, v1
		}
		s.Post("/admin/sales-channels/"+c+"/prices/batch", M{"create": A{M{"variant_id": v1, "currency_code": "eur", "amount": 6},
			M{"variant_id": v2, "currency_code": "eur", "amount": 4}}}).Must(200)
		s.Post("/admin/sales-channels/"+open+"/prices/batch", M{"create": A{M{"variant_id": v1, "currency_code": "gbp", "amount": 8}}}).Must(200)
		row := func(vid, pid, k, source string, amount any) M {
			return M{"variant_id": vid, "product_id": pid, "currency_code": k, "source": source, "amount": amount}
		}
		base := "/admin/sales-channels/" + c + "/prices"
		Run(t, s, []Case{
			{Name: "every cell", Method: "GET", Path: base, Status: 200, Want: M{"prices": A{
				row(v1, p1, "eur", "override", 6), row(v1, p1, "usd", "base", 10),
				row(v2, p2, "eur", "override", 4), row(v2, p2, "usd", "none", nil)}, "count": 4, "offset": 0, "limit": 50}},
			{Name: "a page", Method: "GET", Path: base + "?limit=2&offset=1", Status: 200, Want: M{"prices": A{
				row(v1, p1, "usd", "base", 10), row(v2, p2, "eur", "override", 4)}, "count": 4, "offset": 1, "limit": 2}},
			{Name: "a currency, upper case", Method: "GET", Path: base + "?currency_code=USD", Status: 200, Want: M{"prices": A{
				row(v1, p1, "usd", "base", 10), row(v2, p2, "usd", "none", nil)}, "count": 2}},
			{Name: "a product", Method: "GET", Path: base + "?product_id[]=" + p2, Status: 200, Want: M{"prices": A{
				row(v2, p2, "eur", "override", 4), row(v2, p2, "usd", "none", nil)}, "count": 2}},
			{Name: "no price", Method: "GET", Path: base + "?source=none", Status: 200, Want: M{"prices": A{
				M{"variant_id": v2, "currency_code": "usd", "amount": nil, "source": "none", "price_id": nil, "inherited_from": nil}}, "count": 1}},
			{Name: "two sources, paged", Method: "GET", Path: base + "?source[]=base&source[]=override&limit=1&offset=2", Status: 200,
				Want: M{"prices": A{row(v2, p2, "eur", "override", 4)}, "count": 3, "offset": 2, "limit": 1}},
			{Name: "count only", Method: "GET", Path: base + "?limit=0", Status: 200, Want: M{"prices": A{}, "count": 4}},
			{Name: "unconfigured: each variant's own currencies", Method: "GET", Path: "/admin/sales-channels/" + open + "/prices", Status: 200,
				Want: M{"prices": A{row(v1, p1, "gbp", "override", 8), row(v1, p1, "usd", "base", 10)}, "count": 2}},
		})
	})
}
