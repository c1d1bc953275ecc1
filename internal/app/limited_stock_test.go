package app_test

import (
	"slices"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// TestLimitedStockWrites: a channel-limited admin writes stock only at locations of its
// channels, refused with E24 whether or not a location it names exists, changes an item
// itself only when every channel of the item is its own, and reads only its levels.
func TestLimitedStockWrites(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		locA, locB := s.Location("LA", a), s.Location("LB", b)
		product(s, "pa", a)
		product(s, "pb", b)
		itemA, itemB := s.InventoryItem("pa-M"), s.InventoryItem("pb-M")
		s.StockAt(itemA, locA, 10)
		s.StockAt(itemB, locB, 10)
		shared := s.Post("/admin/inventory-items", M{"sku": "SHARED", "location_levels": A{
			M{"location_id": locA, "stocked_quantity": 5}, M{"location_id": locB, "stocked_quantity": 5}}}).
			Must(200).String("inventory_item.id")
		var keys []string
		for _, res := range []string{"inventory_item", "inventory_level", "reservation_item"} {
			for _, op := range []string{"read", "create", "update", "delete"} {
				keys = append(keys, res+":"+op)
			}
		}
		_, la := s.Limited("la@example.com", append(keys, "stock_location:read"), a)
		levels := "/admin/inventory-items/" + itemA + "/location-levels"
		Run(t, la, []Case{
			{Name: "stock at B", Method: "POST", Path: levels, Body: M{"location_id": locB, "stocked_quantity": 1}, Status: 403,
				Exact: denied("inventory_level:create")},
			{Name: "stock at a missing location", Method: "POST", Path: levels, Body: M{"location_id": "sloc_missing", "stocked_quantity": 1}, Status: 403,
				Exact: denied("inventory_level:create")},
			{Name: "restock at A", Method: "POST", Path: levels + "/" + locA, Body: M{"stocked_quantity": 20}, Status: 200},
			{Name: "a level at B is unknown", Method: "POST", Path: "/admin/inventory-items/" + shared + "/location-levels/" + locB,
				Body: M{"stocked_quantity": 20}, Status: 404},
			{Name: "a foreign item", Method: "POST", Path: "/admin/inventory-items/" + itemB, Body: M{"title": "x"}, Status: 404,
				Exact: ErrBody("not_found", "Inventory item with id: "+itemB+" was not found")},
			{Name: "an item shared with B", Method: "POST", Path: "/admin/inventory-items/" + shared, Body: M{"title": "x"}, Status: 403,
				Exact: denied("inventory_item:update")},
			{Name: "its own item", Method: "POST", Path: "/admin/inventory-items/" + itemA, Body: M{"title": "Mine"}, Status: 200},
			{Name: "an item nowhere", Method: "POST", Path: "/admin/inventory-items", Body: M{"sku": "LOOSE"}, Status: 400,
				Exact: ErrBody("invalid_data", "A channel-limited user must name at least one of its sales channels")},
			{Name: "an item at B", Method: "POST", Path: "/admin/inventory-items", Body: M{"sku": "ATB",
				"location_levels": A{M{"location_id": locB, "stocked_quantity": 1}}}, Status: 403, Exact: denied("inventory_item:create")},
			{Name: "an item at A", Method: "POST", Path: "/admin/inventory-items", Body: M{"sku": "ATA",
				"location_levels": A{M{"location_id": locA, "stocked_quantity": 1}}}, Status: 200},
			{Name: "a batch at B", Method: "POST", Path: "/admin/inventory-items/location-levels/batch", Body: M{"update": A{
				M{"inventory_item_id": itemB, "location_id": locB, "stocked_quantity": 0}}}, Status: 403,
				Exact: denied("inventory_item:create, inventory_item:update, inventory_item:delete")},
			{Name: "a reservation at B", Method: "POST", Path: "/admin/reservations", Body: M{"location_id": locB, "inventory_item_id": shared, "quantity": 1},
				Status: 403, Exact: denied("reservation_item:create")},
			{Name: "a reservation at A", Method: "POST", Path: "/admin/reservations", Body: M{"location_id": locA, "inventory_item_id": shared, "quantity": 1},
				Status: 200},
			{Name: "only its levels of a shared item", Method: "GET", Path: "/admin/inventory-items/" + shared + "/location-levels?fields=location_id", Status: 200,
				Want: M{"inventory_levels": A{M{"location_id": locA}}, "count": 1}},
		})
		resB := s.Post("/admin/reservations", M{"location_id": locB, "inventory_item_id": shared, "quantity": 1}).Must(200).String("reservation.id")
		resA := la.Get("/admin/reservations?fields=id").Must(200).Strings("reservations", "id")
		if len(resA) != 1 || slices.Contains(resA, resB) {
			t.Errorf("a limited admin lists reservations %v", resA)
		}
		Run(t, la, []Case{
			{Name: "move a reservation to B", Method: "POST", Path: "/admin/reservations/" + resA[0], Body: M{"location_id": locB}, Status: 403,
				Exact: denied("reservation_item:update")},
			{Name: "a reservation at B is unknown", Method: "POST", Path: "/admin/reservations/" + resB, Body: M{"quantity": 2}, Status: 404},
			{Name: "deleting it does nothing", Method: "DELETE", Path: "/admin/reservations/" + resB, Status: 200},
		})
		s.Get("/admin/reservations/" + resB).Must(200)
		// Nothing refused was written: B's stock is as it was.
		if n := s.Get("/admin/inventory-items/" + itemB + "/location-levels").Int("inventory_levels.0.stocked_quantity"); n != 10 {
			t.Errorf("B's level holds %d", n)
		}
	})
}
