package seller_test

import (
	"testing"

	"channeld/internal/apitest"
)

// TestSellerAuditEntries checks that seller writes record seller.created, seller.updated
// with the changed fields alone, and seller.deleted, store-wide (no channel).
func TestSellerAuditEntries(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		id := s.Post("/admin/sellers", apitest.M{"name": "Acme"}).Must(200).String("seller.id")
		s.Post("/admin/sellers/"+id, apitest.M{"name": "Acme Ltd", "email": nil}).Must(200)
		s.Do("DELETE", "/admin/sellers/"+id, nil, nil).Must(200)
		apitest.Run(t, s, []apitest.Case{{Name: "entries", Method: "GET", Path: "/admin/audit-logs?resource=seller&order=created_at",
			Status: 200, Want: apitest.M{"count": 3, "audit_logs": apitest.A{
				apitest.M{"action": "seller.created", "resource_id": id, "sales_channel_id": nil,
					"changes": apitest.M{"before": nil, "after": apitest.M{"name": "Acme", "email": nil, "metadata": nil}}},
				apitest.M{"action": "seller.updated",
					"changes": apitest.M{"before": apitest.M{"name": "Acme"}, "after": apitest.M{"name": "Acme Ltd"}}},
				apitest.M{"action": "seller.deleted", "changes": apitest.M{"before": apitest.M{"name": "Acme Ltd"}, "after": nil}},
			}}}})
	})
}
