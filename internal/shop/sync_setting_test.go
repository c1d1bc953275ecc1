package shop_test

import (
	"testing"

	"channeld/internal/apitest"
)

// TestSyncPricesSetting checks §3.1's store setting: false by default, written with the
// store update, shown only when `fields` names it, and recorded as store.updated with the
// changed fields alone.
func TestSyncPricesSetting(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		storeID := apitest.Scalar[string](t, srv, `SELECT id FROM store`)
		path := "/admin/stores/" + storeID
		apitest.Run(t, srv, []apitest.Case{
			{Name: "off by default, on request", Method: "GET", Path: path + "?fields=id,+sync_prices_across_channels", Status: 200,
				Exact: `{"store":{"id":"` + storeID + `","sync_prices_across_channels":false}}`},
			{Name: "not in the default fields", Method: "GET", Path: path, Status: 200,
				Want: M{"store": M{"id": storeID, "sync_prices_across_channels": apitest.Absent}}},
			{Name: "written with the update", Method: "POST", Path: path + "?fields=id,sync_prices_across_channels", Body: M{"sync_prices_across_channels": true},
				Status: 200, Exact: `{"store":{"id":"` + storeID + `","sync_prices_across_channels":true}}`},
			{Name: "a boolean", Method: "POST", Path: path, Body: M{"sync_prices_across_channels": "yes"}, Status: 400,
				Check: apitest.WantType("invalid_data")},
			{Name: "an unchanged update records nothing", Method: "POST", Path: path, Body: M{"sync_prices_across_channels": true}, Status: 200},
			{Name: "store.updated with the changed field", Method: "GET", Path: "/admin/audit-logs?action=store.updated", Status: 200,
				Want: M{"count": 1, "audit_logs": A{M{"resource": "store", "resource_id": storeID, "sales_channel_id": nil,
					"changes": M{"before": M{"sync_prices_across_channels": false}, "after": M{"sync_prices_across_channels": true}}}}},
				Check: func(t *testing.T, r *apitest.Response) {
					if after, _ := r.Get("audit_logs.0.changes.after").(map[string]any); len(after) != 1 {
						t.Errorf("changed fields %v, want the setting alone", after)
					}
				}},
		})
	})
}
