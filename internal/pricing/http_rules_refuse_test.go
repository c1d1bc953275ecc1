package pricing_test

import (
	"encoding/json"
	"strings"
	"testing"

	. "channeld/internal/apitest"
)

// V25 and the rest of §3.2's checks, in their order, and numbers read exactly.
func TestPriceInheritanceRefuses(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		a, b := s.Channel("A"), s.Channel("B")
		eur := configuredChannel(s, "EUR only", "eur")
		rules := func(c string) string { return "/admin/sales-channels/" + c + "/price-inheritance" }
		body := func(k string, source any, factor any) M {
			return M{"currency_code": k, "source_sales_channel_id": source, "source_currency_code": "usd", "factor": factor}
		}
		s.Post(rules(a), body("usd", b, 1)).Must(200)
		invalid := func(msg string) string { return ErrBody("invalid_data", msg) }
		Run(t, s, []Case{
			{Name: "cycle", Method: "POST", Path: rules(b), Body: body("usd", a, 1),
				Status: 400, Exact: invalid("Price inheritance would form a cycle: " + b + "/usd -> " + a + "/usd -> " + b + "/usd")},
			{Name: "own source", Method: "POST", Path: rules(b), Body: body("usd", b, 1),
				Status: 400, Exact: invalid("Price inheritance would form a cycle: " + b + "/usd -> " + b + "/usd")},
			{Name: "factor 0", Method: "POST", Path: rules(b), Body: body("usd", nil, 0),
				Status: 400, Exact: invalid("Invalid request: factor must be greater than 0")},
			{Name: "factor before currency", Method: "POST", Path: rules(eur), Body: body("usd", nil, -1),
				Status: 400, Exact: invalid("Invalid request: factor must be greater than 0")},
			{Name: "second usd rule", Method: "POST", Path: rules(a), Body: body("usd", nil, 1),
				Status: 400, Exact: invalid("Sales channel " + a + " already inherits usd prices")},
			{Name: "currency not offered", Method: "POST", Path: rules(eur), Body: body("usd", nil, 1),
				Status: 400, Exact: invalid("Currency usd is not available in sales channel " + eur)},
			{Name: "currency before source", Method: "POST", Path: rules(eur), Body: body("usd", "sc_missing", 1),
				Status: 400, Exact: invalid("Currency usd is not available in sales channel " + eur)},
			{Name: "unknown source", Method: "POST", Path: rules(b), Body: body("usd", "sc_missing", 1),
				Status: 400, Exact: invalid("Sales channels with IDs sc_missing do not exist")},
			{Name: "source before duplicate", Method: "POST", Path: rules(a), Body: body("usd", "sc_missing", 1),
				Status: 400, Exact: invalid("Sales channels with IDs sc_missing do not exist")},
			{Name: "increment finer than cents", Method: "POST", Path: rules(b), Body: with(body("usd", nil, 1), "rounding", M{"increment": 0.001}),
				Status: 400, Exact: invalid("Rounding increment 0.001 is not a multiple of the smallest unit of usd")},
			{Name: "increment 0", Method: "POST", Path: rules(b), Body: with(body("usd", nil, 1), "rounding", M{"increment": 0}),
				Status: 400, Exact: invalid("Rounding increment 0 is not a multiple of the smallest unit of usd")},
			{Name: "yen offset", Method: "POST", Path: rules(b), Body: with(body("jpy", nil, 1), "rounding", M{"offset": 0.5}),
				Status: 400, Exact: invalid("Rounding offset 0.5 is not a multiple of the smallest unit of jpy")},
			{Name: "huge increment", Method: "POST", Path: rules(b), Body: with(body("usd", nil, 1), "rounding", M{"increment": 1e300}),
				Status: 400, Check: WantType("invalid_data")},
			{Name: "unknown mode", Method: "POST", Path: rules(b), Body: with(body("usd", nil, 1), "rounding", M{"mode": "nearest"}),
				Status: 400, Check: WantType("invalid_data")},
			{Name: "source key required", Method: "POST", Path: rules(b), Body: M{"currency_code": "usd", "source_currency_code": "usd", "factor": 1},
				Status: 400, Check: WantType("invalid_data")},
			{Name: "factor a string", Method: "POST", Path: rules(b), Body: body("usd", nil, "1.2"), Status: 400, Check: WantType("invalid_data")},
			{Name: "unknown key", Method: "POST", Path: rules(b), Body: M{"currency_code": "usd", "source_sales_channel_id": nil,
				"source_currency_code": "usd", "factor": 1, "priority": 1}, Status: 400, Check: WantType("invalid_data")},
			{Name: "NUL in the source", Method: "POST", Path: rules(b), Body: body("usd", "sc\x00", 1), Status: 400, Check: WantType("invalid_data")},
			{Name: "not a currency", Method: "POST", Path: rules(b), Body: with(body("usd", nil, 1), "currency_code", "XXQ"),
				Status: 400, Exact: invalid("Currency code XXQ is not a known ISO 4217 currency")},
			{Name: "unknown channel", Method: "POST", Path: rules("sc_missing"), Body: body("usd", nil, 1),
				Status: 404, Exact: ErrBody("not_found", "Sales channel with id: sc_missing not found")},
			{Name: "exponent beyond 1000", Method: "POST", Path: rules(b), Body: body("usd", nil, json.RawMessage("1e2000")), Status: 400, Check: WantType("invalid_data")},
			{Name: "a factor no float64 holds", Method: "POST", Path: rules(b), Body: body("usd", nil, json.RawMessage("1.00000000000000000000001")),
				Status: 200, Check: func(t *testing.T, r *Response) {
					if !strings.Contains(string(r.Body), `"factor":1.00000000000000000000001,`) {
						t.Errorf("factor not kept exactly: %s", r.Body)
					}
				}},
			{Name: "an exponent is written out", Method: "POST", Path: rules(b), Body: body("eur", nil, json.RawMessage("125e-2")),
				Status: 200, Want: M{"price_inheritance": M{"factor": 1.25, "rounding": M{"increment": 0.01, "mode": "half_up", "offset": 0}}}},
			{Name: "a huge factor prices nothing, never fails", Method: "POST", Path: rules(b), Body: body("gbp", nil, json.RawMessage("1e300")), Status: 200},
			{Name: "yen default increment", Method: "POST", Path: rules(b), Body: body("jpy", nil, 150),
				Status: 200, Want: M{"price_inheritance": M{"rounding": M{"increment": 1, "mode": "half_up", "offset": 0}}}},
		})
		_, vid := productIn(s, "Lamp", M{"gbp": 10}, b)
		// gbp 10 × 1e300 is beyond what a client reads: no inherited price, the base shows.
		r := s.Get("/admin/sales-channels/" + b + "/prices?variant_id=" + vid + "&currency_code=gbp").Must(200)
		if r.String("prices.0.source") != "base" || r.Int("prices.0.amount") != 10 {
			t.Errorf("want the base price: %s", r.Body)
		}
	})
}

// with returns a copy of m with key set to v.
func with(m M, key string, v any) M {
	out := M{}
	for k, x := range m {
		out[k] = x
	}
	out[key] = v
	return out
}
