package pricing_test

import (
	"encoding/json"
	"testing"

	. "channeld/internal/apitest"
)

// V24: a channel inherits usd from the base prices × 1.2, rounded up to whole dollars minus
// a cent; an override wins while it exists; a base price change shows at once.
func TestInheritedPricesFollowTheirSource(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		c := s.Channel("C")
		pid, vid := productIn(s, "Lamp", M{"usd": 19.99}, c)
		rules := "/admin/sales-channels/" + c + "/price-inheritance"
		table := "/admin/sales-channels/" + c + "/prices?variant_id=" + vid
		batch := "/admin/sales-channels/" + c + "/prices/batch"
		rule := s.Post(rules, M{"currency_code": "usd", "source_sales_channel_id": nil, "source_currency_code": "usd", "factor": 1.2,
			"rounding": M{"increment": 1, "mode": "up", "offset": -0.01}}).Must(200)
		ruleID := rule.String("price_inheritance.id")
		if got := rule.Keys("price_inheritance"); len(got) != 9 {
			t.Errorf("rule keys %v", got)
		}
		var overrideID string
		Run(t, s, []Case{
			{Name: "the rule", Method: "GET", Path: rules, Status: 200, Want: M{"price_inheritances": A{M{
				"id": ruleID, "sales_channel_id": c, "currency_code": "usd", "source_sales_channel_id": nil, "source_currency_code": "usd",
				"factor": 1.2, "rounding": M{"increment": 1, "mode": "up", "offset": -0.01}, "created_at": Any, "updated_at": Any}},
				"count": 1, "offset": 0, "limit": 50}},
			{Name: "inherited 23.99", Method: "GET", Path: table, Status: 200, Check: func(t *testing.T, r *Response) {
				ExpectExact(t, r.Body, `{"prices":[{"variant_id":"`+vid+`","product_id":"`+pid+`","currency_code":"usd","amount":23.99,
					"source":"inherited","price_id":null,"inherited_from":{"sales_channel_id":null,"currency_code":"usd","factor":1.2}}],
					"count":1,"offset":0,"limit":50}`)
			}},
			{Name: "override 20", Method: "POST", Path: batch, Body: M{"create": A{M{"variant_id": vid, "currency_code": "usd", "amount": 20}}},
				Status: 200, Check: func(t *testing.T, r *Response) { overrideID = r.String("created.0.id") }},
			{Name: "the override wins", Method: "GET", Path: table, Status: 200, Want: M{"prices": A{M{"source": "override", "amount": 20}}}},
		})
		s.Post(batch, M{"delete": A{overrideID}}).Must(200)
		Run(t, s, []Case{
			{Name: "inherited again", Method: "GET", Path: table, Status: 200, Want: M{"prices": A{M{"source": "inherited", "amount": 23.99}}}},
			{Name: "base to 10", Method: "POST", Path: "/admin/products/" + pid + "/variants/" + vid,
				Body: M{"prices": A{M{"currency_code": "usd", "amount": 10}}}, Status: 200},
			{Name: "inherited 11.99", Method: "GET", Path: table, Status: 200, Want: M{"prices": A{M{"source": "inherited", "amount": 11.99}}}},
			{Name: "factor 0.5, default rounding", Method: "POST", Path: rules + "/" + ruleID,
				Body: M{"factor": 0.5, "rounding": M{"increment": 0.01, "mode": "half_up", "offset": 0}}, Status: 200,
				Want: M{"price_inheritance": M{"id": ruleID, "factor": 0.5, "rounding": M{"increment": 0.01, "mode": "half_up", "offset": 0}}}},
			{Name: "inherited 5", Method: "GET", Path: table, Status: 200, Want: M{"prices": A{M{"source": "inherited", "amount": 5}}}},
			{Name: "currency cannot change", Method: "POST", Path: rules + "/" + ruleID, Body: M{"currency_code": "eur"}, Status: 400, Check: WantType("invalid_data")},
			{Name: "same currency is fine", Method: "POST", Path: rules + "/" + ruleID, Body: M{"currency_code": "USD"}, Status: 200},
			{Name: "unknown rule", Method: "POST", Path: rules + "/pinh_missing", Body: M{"factor": 2},
				Status: 404, Exact: ErrBody("not_found", "Price inheritance with id: pinh_missing was not found")},
			{Name: "delete", Method: "DELETE", Path: rules + "/" + ruleID, Status: 200,
				Exact: `{"id":"` + ruleID + `","object":"price_inheritance","deleted":true}`},
			{Name: "delete again", Method: "DELETE", Path: rules + "/" + ruleID,
				Status: 404, Exact: ErrBody("not_found", "Price inheritance with id: "+ruleID+" was not found")},
			{Name: "base again", Method: "GET", Path: table, Status: 200, Want: M{"prices": A{M{"source": "base", "amount": 10}}}},
		})
		wantAudit(t, s, ruleID, []string{"price_inheritance.created", "price_inheritance.updated", "price_inheritance.updated", "price_inheritance.deleted"})
		after := auditChanges(t, s, ruleID, "price_inheritance.created")["after"]
		want := `{"id":"` + ruleID + `","sales_channel_id":"` + c + `","currency_code":"usd","source_sales_channel_id":null,
			"source_currency_code":"usd","factor":1.2,"rounding":{"increment":1,"mode":"up","offset":-0.01}}`
		ExpectExact(t, after, want)
	})
}

// wantAudit fails unless the audit entries of resourceID, oldest first, have these actions.
func wantAudit(t *testing.T, s *Server, resourceID string, actions []string) {
	t.Helper()
	rows, err := s.App.DB.Read().QueryContext(t.Context(), `SELECT action FROM audit_log WHERE resource_id = $1 ORDER BY created_at, id`, resourceID)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var a string
		if err := rows.Scan(&a); err != nil {
			t.Fatal(err)
		}
		got = append(got, a)
	}
	if len(got) != len(actions) {
		t.Fatalf("audit actions %v, want %v", got, actions)
	}
	for i := range got {
		if got[i] != actions[i] {
			t.Fatalf("audit actions %v, want %v", got, actions)
		}
	}
}

// auditChanges returns the before and after objects of resourceID's one entry with action.
func auditChanges(t *testing.T, s *Server, resourceID, action string) map[string]json.RawMessage {
	t.Helper()
	raw := Scalar[string](t, s, `SELECT changes FROM audit_log WHERE resource_id = $1 AND action = $2`, resourceID, action)
	var out map[string]json.RawMessage
	if err := json.Unmarshal([]byte(raw), &out); err != nil {
		t.Fatal(err)
	}
	return out
}
