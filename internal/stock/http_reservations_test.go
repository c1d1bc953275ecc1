package stock_test

import (
	"testing"

	"channeld/internal/apitest"
)

// An admin holds stock by hand: the hold counts against the level's availability, may not
// take more than is available, follows its changes and is released when deleted.
func TestReservationsByHand(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		loc, other := srv.Location("Main"), srv.Location("Other")
		it := item(t, srv, "HOLD-1")
		srv.StockAt(it, loc, 10)
		reserved := func(want int) apitest.Case {
			return apitest.Case{Name: "reserved now", Method: "GET", Path: "/admin/inventory-items/" + it, Status: 200,
				Want: M{"inventory_item": M{"reserved_quantity": want,
					"location_levels": A{M{"location_id": loc, "reserved_quantity": want, "available_quantity": 10 - want}}}}}
		}
		var res string
		apitest.Run(t, srv, []apitest.Case{
			{Name: "hold 4", Method: "POST", Path: "/admin/reservations",
				Body: M{"inventory_item_id": it, "location_id": loc, "quantity": 4, "description": "VIP", "metadata": M{"by": "phone"}}, Status: 200,
				Want: M{"reservation": M{"id": apitest.Any, "inventory_item_id": it, "location_id": loc, "quantity": 4,
					"line_item_id": nil, "description": "VIP", "metadata": M{"by": "phone"}}},
				Check: func(t *testing.T, r *apitest.Response) { res = r.String("reservation.id") }},
			reserved(4),
			{Name: "more than is left", Method: "POST", Path: "/admin/reservations",
				Body: M{"inventory_item_id": it, "location_id": loc, "quantity": 7}, Status: 400,
				Exact: apitest.ErrBody("not_allowed", "Not enough stock available for item "+it+" at location "+loc)},
			{Name: "where the item is not stocked", Method: "POST", Path: "/admin/reservations",
				Body: M{"inventory_item_id": it, "location_id": other, "quantity": 1}, Status: 404,
				Exact: apitest.ErrBody("not_found", "Item "+it+" is not stocked at location "+other)},
			{Name: "no units", Method: "POST", Path: "/admin/reservations",
				Body: M{"inventory_item_id": it, "location_id": loc, "quantity": 0}, Status: 400, Check: wantInvalid},
			reserved(4),
		})
		apitest.Run(t, srv, []apitest.Case{
			{Name: "retrieve", Method: "GET", Path: "/admin/reservations/" + res, Status: 200, Want: M{"reservation": M{"id": res, "quantity": 4}}},
			{Name: "retrieve unknown", Method: "GET", Path: "/admin/reservations/res_nope", Status: 404,
				Exact: apitest.ErrBody("not_found", "Reservation with id: res_nope was not found")},
			{Name: "raise to 6", Method: "POST", Path: "/admin/reservations/" + res, Body: M{"quantity": 6, "description": nil}, Status: 200,
				Want: M{"reservation": M{"quantity": 6, "description": nil, "metadata": M{"by": "phone"}}}},
			reserved(6),
			{Name: "raise past the stock", Method: "POST", Path: "/admin/reservations/" + res, Body: M{"quantity": 11}, Status: 400,
				Exact: apitest.ErrBody("not_allowed", "Not enough stock available for item "+it+" at location "+loc)},
			{Name: "move where it is not stocked", Method: "POST", Path: "/admin/reservations/" + res, Body: M{"location_id": other}, Status: 404},
			reserved(6),
			{Name: "list by item", Method: "GET", Path: "/admin/reservations?inventory_item_id=" + it, Status: 200, Want: M{"count": 1}},
			{Name: "release", Method: "DELETE", Path: "/admin/reservations/" + res, Status: 200,
				Exact: `{"id":"` + res + `","object":"reservation","deleted":true}`},
			reserved(0),
			{Name: "release again", Method: "DELETE", Path: "/admin/reservations/" + res, Status: 200},
			reserved(0),
		})
	})
}

func wantInvalid(t *testing.T, r *apitest.Response) {
	if r.String("type") != "invalid_data" {
		t.Errorf("type %q, want invalid_data: %s", r.String("type"), r.Body)
	}
}
