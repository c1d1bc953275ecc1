package audit_test

import (
	"net/url"
	"testing"

	. "channeld/internal/apitest"
)

// TestAuditLogs checks V28 and the list route of §5.8: a channel price changed 7 → 8 through
// the variant route has a price.updated entry after its price.created one, with the acting
// user and exactly the entry's default fields; filters, order and paging.
func TestAuditLogs(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		admin := s.Get("/admin/users/me").Must(200).String("user.id")
		c := s.Channel("C")
		p := s.Post("/admin/products", M{"title": "Lamp", "sales_channels": A{M{"id": c}}, "variants": A{M{"title": "Lamp",
			"prices": A{M{"currency_code": "usd", "amount": 7, "rules": M{"sales_channel_id": c}}}}}}).Must(200)
		pid, vid := p.String("product.id"), p.String("product.variants.0.id")
		priceID := p.String("product.variants.0.prices.0.id")
		s.Post("/admin/products/"+pid+"/variants/"+vid, M{"prices": A{M{"id": priceID, "amount": 8}}}).Must(200)
		created := s.Get("/admin/audit-logs?order=created_at&limit=1").Must(200).String("audit_logs.0.created_at")

		priceObject := func(amount int) M { return M{"variant_id": vid, "currency_code": "usd", "amount": amount} }
		byPrice := "/admin/audit-logs?resource_id=" + priceID
		Run(t, s, []Case{
			{Name: "V28: newest first, the update then the creation", Method: "GET", Path: byPrice, Status: 200, Want: M{
				"count": 2, "offset": 0, "limit": 50, "audit_logs": A{
					M{"action": "price.updated", "resource": "price", "resource_id": priceID, "sales_channel_id": c,
						"actor_type": "user", "actor_id": admin, "cause": nil,
						"changes": M{"before": priceObject(7), "after": priceObject(8)}},
					M{"action": "price.created", "changes": M{"before": nil, "after": priceObject(7)}},
				}}},
			{Name: "an entry has exactly its default fields", Method: "GET", Path: byPrice + "&limit=1", Status: 200,
				Check: func(t *testing.T, r *Response) {
					want := []string{"id", "action", "resource", "resource_id", "sales_channel_id", "actor_type", "actor_id",
						"cause", "changes", "created_at"}
					if got := r.Keys("audit_logs"); !equal(got, want) {
						t.Errorf("entry keys %v, want %v", got, want)
					}
				}},
			{Name: "oldest first", Method: "GET", Path: byPrice + "&order=created_at", Status: 200,
				Want: M{"audit_logs": A{M{"action": "price.created"}, M{"action": "price.updated"}}}},
			{Name: "paging", Method: "GET", Path: byPrice + "&offset=1&limit=1", Status: 200,
				Want: M{"count": 2, "offset": 1, "limit": 1, "audit_logs": A{M{"action": "price.created"}}}},
			{Name: "actions as an array", Method: "GET", Path: "/admin/audit-logs?action[]=price.updated&action[]=sales_channel.created",
				Status: 200, Want: M{"count": 3}}, // with the default channel, created at start by no actor
			{Name: "by channel and resource", Method: "GET", Path: "/admin/audit-logs?sales_channel_id=" + c + "&resource=product",
				Status: 200, Want: M{"count": 1, "audit_logs": A{M{"action": "sales_channel.product_added", "resource_id": pid,
					"changes": M{"before": nil, "after": M{"product_id": pid}}}}}},
			{Name: "by actor", Method: "GET", Path: "/admin/audit-logs?actor_id[]=user_nobody&actor_id[]=" + admin + "&resource=sales_channel",
				Status: 200, Want: M{"count": 1, "audit_logs": A{M{"action": "sales_channel.created", "resource_id": c,
					"changes": M{"before": nil, "after": M{"name": "C", "description": nil, "is_disabled": false,
						"supported_currencies": A{}, "seller_id": nil}}}}}},
			{Name: "by an unknown actor", Method: "GET", Path: "/admin/audit-logs?actor_id=user_nobody", Status: 200,
				Want: M{"count": 0, "audit_logs": A{}}},
			{Name: "created_at operators", Method: "GET", Path: "/admin/audit-logs?created_at[$lt]=" + url.QueryEscape(created),
				Status: 200, Want: M{"count": 0}},
			{Name: "strict query", Method: "GET", Path: "/admin/audit-logs?fields=id", Status: 400, Check: WantType("invalid_data")},
			{Name: "order by created_at only", Method: "GET", Path: "/admin/audit-logs?order=action", Status: 400, Check: WantType("invalid_data")},
		})
	})
}

func equal(a, b []string) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}
