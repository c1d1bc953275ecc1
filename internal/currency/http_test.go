package currency_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestAdminCurrencies(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		Run(t, s, []Case{
			{Name: "first page", Method: "GET", Path: "/admin/currencies", Status: 200, Want: M{
				"count": 119, "offset": 0, "limit": 200,
				"currencies": Any,
			}, Check: func(t *testing.T, r *Response) {
				if got := r.String("currencies.0.code"); got != "aed" {
					t.Errorf("first currency %q, want aed (by code)", got)
				}
			}},
			{Name: "retrieve", Method: "GET", Path: "/admin/currencies/eur", Status: 200,
				Exact: `{"currency":{"code":"eur","name":"Euro","symbol":"€","symbol_native":"€","decimal_digits":2,"rounding":0}}`},
			{Name: "cash rounding", Method: "GET", Path: "/admin/currencies/chf?fields=code,rounding,raw_rounding", Status: 200,
				Exact: `{"currency":{"code":"chf","rounding":0.05,"raw_rounding":{"value":"0.05","precision":20}}}`},
			// Decimal digits are the ones channeld checks amounts against (ISO 4217).
			{Name: "digits are channeld's", Method: "GET", Path: "/admin/currencies?code[]=jpy&code[]=kwd&code[]=huf&fields=code,decimal_digits",
				Status: 200, Exact: `{"currencies":[{"code":"huf","decimal_digits":2},{"code":"jpy","decimal_digits":0},` +
					`{"code":"kwd","decimal_digits":3}],"count":3,"offset":0,"limit":200}`},
			{Name: "timestamps", Method: "GET", Path: "/admin/currencies/usd?fields=created_at,updated_at,deleted_at", Status: 200,
				Want: M{"currency": M{"created_at": Any, "updated_at": Any, "deleted_at": nil}}},
			{Name: "q on code or name", Method: "GET", Path: "/admin/currencies?q=DOLLAR&fields=code&limit=2&offset=1&order=-code", Status: 200,
				Want: M{"count": Any, "offset": 1, "limit": 2, "currencies": A{M{"code": "usd"}, M{"code": "twd"}}}},
			{Name: "q on code", Method: "GET", Path: "/admin/currencies?q=eUr&fields=code", Status: 200,
				Exact: `{"currencies":[{"code":"eur"}],"count":1,"offset":0,"limit":200}`},
			{Name: "order by name", Method: "GET", Path: "/admin/currencies?order=name&fields=name&limit=1", Status: 200,
				Exact: `{"currencies":[{"name":"Afghan Afghani","code":"afn"}],"count":119,"offset":0,"limit":1}`},
			{Name: "$or", Method: "GET", Path: "/admin/currencies?$or[0][code]=usd&$or[1][q]=euro&fields=code", Status: 200,
				Exact: `{"currencies":[{"code":"eur"},{"code":"usd"}],"count":2,"offset":0,"limit":200}`},
			{Name: "code is exact", Method: "GET", Path: "/admin/currencies?code=EUR", Status: 200,
				Exact: `{"currencies":[],"count":0,"offset":0,"limit":200}`},
			{Name: "past the end", Method: "GET", Path: "/admin/currencies?offset=500", Status: 200,
				Exact: `{"currencies":[],"count":119,"offset":500,"limit":200}`},
			{Name: "unknown filter", Method: "GET", Path: "/admin/currencies?name=Euro", Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'name'"}`},
			{Name: "bad order", Method: "GET", Path: "/admin/currencies?order=nope", Status: 400,
				Exact: `{"type":"invalid_data","message":"Order field nope is not valid"}`},
			{Name: "bad limit", Method: "GET", Path: "/admin/currencies?limit=-1", Status: 400, Want: M{"type": "invalid_data"}},
			{Name: "unknown field", Method: "GET", Path: "/admin/currencies/eur?fields=nope", Status: 400, Want: M{"type": "invalid_data"}},
			{Name: "missing", Method: "GET", Path: "/admin/currencies/xyz", Status: 404,
				Exact: `{"type":"not_found","message":"Currency with code: xyz was not found"}`},
			{Name: "withdrawn code", Method: "GET", Path: "/admin/currencies/hrk", Status: 404},
		})
		sc := s.Post("/admin/sales-channels", M{"name": "Shop A"}).Must(200).String("sales_channel.id")
		_, la := s.Limited("la@example.com", []string{"currency:read"}, sc)
		_, other := s.Limited("other@example.com", []string{"product:read"}, sc)
		Run(t, la, []Case{
			{Name: "limited admin lists", Method: "GET", Path: "/admin/currencies?limit=1", Status: 200, Want: M{"count": 119}},
			{Name: "limited admin retrieves", Method: "GET", Path: "/admin/currencies/eur", Status: 200},
		})
		Run(t, other, []Case{{Name: "needs currency:read", Method: "GET", Path: "/admin/currencies", Status: 403}})
	})
}
