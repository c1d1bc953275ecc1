package pricing_test

import (
	"testing"

	. "channeld/internal/apitest"
)

// Chains hold at most four rules, counted through the written rule both ways: the rules it
// follows and the rules that follow it.
func TestPriceInheritanceChainLimit(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		var ch [6]string
		for i := range ch {
			ch[i] = s.Channel("X")
		}
		rule := func(c string, source any) M {
			return M{"currency_code": "usd", "source_sales_channel_id": source, "source_currency_code": "usd", "factor": 1}
		}
		path := func(c string) string { return "/admin/sales-channels/" + c + "/price-inheritance" }
		// ch1 ← ch2 ← ch3 ← ch4 ← ch5: four rules.
		for i := 1; i <= 4; i++ {
			s.Post(path(ch[i]), rule(ch[i], ch[i+1])).Must(200)
		}
		limit := ErrBody("invalid_data", "Price inheritance chains are limited to 4 steps")
		Run(t, s, []Case{
			{Name: "a fifth at the end", Method: "POST", Path: path(ch[5]), Body: rule(ch[5], nil), Status: 400, Exact: limit},
			{Name: "a fifth at the start", Method: "POST", Path: path(ch[0]), Body: rule(ch[0], ch[1]), Status: 400, Exact: limit},
			{Name: "another currency is its own chain", Method: "POST", Path: path(ch[0]),
				Body: M{"currency_code": "eur", "source_sales_channel_id": ch[1], "source_currency_code": "eur", "factor": 1}, Status: 200},
			{Name: "a branch of four", Method: "POST", Path: path(ch[0]),
				Body: M{"currency_code": "usd", "source_sales_channel_id": ch[2], "source_currency_code": "usd", "factor": 1}, Status: 200},
		})
	})
}

// A dry run answers the rule without an id and the rows of the channel's table it changes,
// and saves nothing, on create and on update.
func TestPriceInheritanceDryRun(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		c := s.Channel("C")
		_, v1 := productIn(s, "Lamp", M{"usd": 10}, c)
		_, v2 := productIn(s, "Chair", M{"usd": 20}, c)
		_, v3 := productIn(s, "Desk", M{"eur": 5}, c)
		if v2 < v1 {
			v1, v2 = v2, v1
		}
		s.Post("/admin/sales-channels/"+c+"/prices/batch", M{"create": A{M{"variant_id": v2, "currency_code": "usd", "amount": 1}}}).Must(200)
		rules := "/admin/sales-channels/" + c + "/price-inheritance"
		create := M{"currency_code": "usd", "source_sales_channel_id": nil, "source_currency_code": "usd", "factor": 0.5, "dry_run": true}
		Run(t, s, []Case{
			{Name: "create", Method: "POST", Path: rules, Body: create, Status: 200, Check: func(t *testing.T, r *Response) {
				if r.Get("price_inheritance.id") != nil || r.String("price_inheritance.sales_channel_id") != c {
					t.Errorf("rule: %s", r.Body)
				}
				ExpectExact(t, mustJSON(t, r.Get("changes")), `[{"variant_id":"`+v1+`","currency_code":"usd","before":10,"after":5,
					"source_before":"base","source_after":"inherited"}]`)
			}},
			{Name: "nothing saved", Method: "GET", Path: rules, Status: 200, Want: M{"price_inheritances": A{}, "count": 0}},
		})
		ruleID := s.Post(rules, with(create, "dry_run", false)).Must(200).String("price_inheritance.id")
		Run(t, s, []Case{
			{Name: "update", Method: "POST", Path: rules + "/" + ruleID, Body: M{"source_currency_code": "eur", "factor": 2, "dry_run": true},
				Status: 200, Check: func(t *testing.T, r *Response) {
					if r.Get("price_inheritance.id") != nil || r.Int("price_inheritance.factor") != 2 {
						t.Errorf("rule: %s", r.Body)
					}
					ExpectExact(t, mustJSON(t, r.Get("changes")), `[{"variant_id":"`+v1+`","currency_code":"usd","before":5,"after":10,
						"source_before":"inherited","source_after":"base"},{"variant_id":"`+v3+`","currency_code":"usd","before":null,"after":10,
						"source_before":"none","source_after":"inherited"}]`)
				}},
			{Name: "still the saved rule", Method: "GET", Path: rules, Status: 200,
				Want: M{"price_inheritances": A{M{"id": ruleID, "factor": 0.5, "source_currency_code": "usd"}}}},
		})
		wantAudit(t, s, ruleID, []string{"price_inheritance.created"})
	})
}
