package app_test

import (
	"testing"

	"channeld/internal/apitest"
)

// The admin dashboard's order page asks for the order with its lines' stock and details, its
// preview, and its changes of every kind; channeld makes no changes, so those lists are
// empty, and an order the caller may not read answers 404 on every one of them.
func TestOrderPageCalls(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		s, id := w.srv, w.ids["order"]
		got := s.Get("/admin/orders/" + id + "?version=1&fields=id,*items,*items.variant.inventory_items.inventory,+items.variant.inventory_items.required_quantity").Must(200)
		if got.Get("order.payment_status") == nil || got.Get("order.fulfillment_status") == nil {
			t.Fatalf("the statuses the page reads are missing: %s", got.Body)
		}
		line := apitest.Lookup(got.Get("order.items"), "0")
		if apitest.Lookup(line, "detail.fulfilled_quantity") == nil {
			t.Fatalf("a line without its detail: %s", got.Body)
		}
		link := apitest.Lookup(line, "variant.inventory_items.0")
		if apitest.Lookup(link, "required_quantity") == nil || apitest.Lookup(link, "inventory.id") == nil {
			t.Fatalf("a line's variant without its stock link: %s", got.Body)
		}
		preview := s.Get("/admin/orders/" + id + "/preview").Must(200)
		if preview.String("order.id") != id || preview.Get("order.order_change") != nil || preview.Len("order.items") == 0 {
			t.Fatalf("preview = %s", preview.Body)
		}
		apitest.Run(t, s, []apitest.Case{
			{Name: "changes", Method: "GET", Path: "/admin/orders/" + id + "/changes?change_type[]=edit&change_type[]=return", Status: 200, Exact: `{"order_changes":[]}`},
			{Name: "returns", Method: "GET", Path: "/admin/returns?order_id=" + id + "&status=requested&fields=+received_at", Status: 200,
				Exact: `{"returns":[],"count":0,"offset":0,"limit":20}`},
			{Name: "claims", Method: "GET", Path: "/admin/claims?order_id=" + id + "&fields=*additional_items&limit=5", Status: 200,
				Exact: `{"claims":[],"count":0,"offset":0,"limit":5}`},
			{Name: "exchanges", Method: "GET", Path: "/admin/exchanges?order_id=" + id, Status: 200, Exact: `{"exchanges":[],"count":0,"offset":0,"limit":20}`},
			{Name: "plugins", Method: "GET", Path: "/admin/plugins", Status: 200, Exact: `{"plugins":[]}`},
			{Name: "an unknown filter", Method: "GET", Path: "/admin/returns?nope=1", Status: 400},
			{Name: "a version that is no number", Method: "GET", Path: "/admin/orders/" + id + "?version=x", Status: 400},
			{Name: "a missing order's preview", Method: "GET", Path: "/admin/orders/order_nope/preview", Status: 404},
			{Name: "a missing order's changes", Method: "GET", Path: "/admin/orders/order_nope/changes", Status: 404},
		})
	})
}
