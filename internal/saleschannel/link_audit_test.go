package saleschannel_test

import (
	"testing"

	"channeld/internal/apitest"
)

// TestLinkAuditEntries checks that the link routes of publishable keys and stock locations
// record one entry per link they changed, in the changed channel, and none for a link that
// was already there or never was.
func TestLinkAuditEntries(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		c, d := s.Channel("C"), s.Channel("D")
		key, _ := s.PublishableKey("web", c)
		s.Post("/admin/api-keys/"+key+"/sales-channels", M{"add": A{c, d}, "remove": A{c}}).Must(200)
		loc := s.Location("Depot", c)
		s.Post("/admin/stock-locations/"+loc+"/sales-channels", M{"remove": A{c, d}}).Must(200)
		apitest.Run(t, s, []apitest.Case{
			{Name: "api key links", Method: "GET", Path: "/admin/audit-logs?resource=api_key&order=created_at", Status: 200,
				Want: M{"count": 3, "audit_logs": A{
					M{"action": "sales_channel.api_key_added", "resource_id": key, "sales_channel_id": c,
						"changes": M{"before": nil, "after": M{"api_key_id": key}}},
					M{"action": "sales_channel.api_key_added", "sales_channel_id": d},
					M{"action": "sales_channel.api_key_removed", "sales_channel_id": c,
						"changes": M{"before": M{"api_key_id": key}, "after": nil}},
				}}},
			{Name: "stock location links", Method: "GET", Path: "/admin/audit-logs?resource=stock_location&order=created_at", Status: 200,
				Want: M{"count": 2, "audit_logs": A{
					M{"action": "sales_channel.stock_location_added", "resource_id": loc, "sales_channel_id": c,
						"changes": M{"before": nil, "after": M{"stock_location_id": loc}}},
					M{"action": "sales_channel.stock_location_removed", "sales_channel_id": c},
				}}},
		})
	})
}
