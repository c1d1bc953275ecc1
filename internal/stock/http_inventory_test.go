package stock_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/apitest"
)

func item(t *testing.T, srv *apitest.Server, sku string) string {
	t.Helper()
	return srv.Post("/admin/inventory-items", M{"sku": sku, "title": sku}).Must(200).String("inventory_item.id")
}

func TestInventoryItems(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		loc := srv.Location("L")
		loc2 := srv.Location("L2")
		var id string
		apitest.Run(t, srv, []apitest.Case{
			{Name: "create with levels", Method: "POST", Path: "/admin/inventory-items",
				Body: M{"sku": "S1", "title": "Shirt", "weight": 1.5, "location_levels": A{M{"location_id": loc, "stocked_quantity": 10, "incoming_quantity": 2}}}, Status: 200,
				Want: M{"inventory_item": M{"id": apitest.Any, "sku": "S1", "title": "Shirt", "weight": 1.5, "requires_shipping": true,
					"stocked_quantity": 10, "reserved_quantity": 0,
					"location_levels": A{M{"location_id": loc, "stocked_quantity": 10, "reserved_quantity": 0, "incoming_quantity": 2, "available_quantity": 10}}}},
				Check: func(t *testing.T, r *apitest.Response) { id = r.String("inventory_item.id") }},
			{Name: "duplicate sku", Method: "POST", Path: "/admin/inventory-items", Body: M{"sku": "S1"}, Status: 422},
			{Name: "level at an unknown location rolls back", Method: "POST", Path: "/admin/inventory-items",
				Body: M{"sku": "S2", "location_levels": A{M{"location_id": "sloc_nope"}}}, Status: 404,
				Exact: apitest.ErrBody("not_found", "Stock location with id: sloc_nope was not found")},
			{Name: "rolled back", Method: "GET", Path: "/admin/inventory-items?sku=S2", Status: 200, Want: M{"count": 0}},
		})
		apitest.Run(t, srv, []apitest.Case{
			{Name: "retrieve unknown", Method: "GET", Path: "/admin/inventory-items/iitem_nope", Status: 404,
				Exact: apitest.ErrBody("not_found", "Inventory item with id: iitem_nope was not found")},
			{Name: "update", Method: "POST", Path: "/admin/inventory-items/" + id + "?fields=title,weight", Body: M{"title": "T2", "weight": nil}, Status: 200,
				Exact: `{"inventory_item":{"title":"T2","weight":null,"id":"` + id + `"}}`},
			{Name: "list by location", Method: "GET", Path: "/admin/inventory-items?location_levels[location_id]=" + loc2, Status: 200, Want: M{"count": 0}},
			{Name: "list q", Method: "GET", Path: "/admin/inventory-items?q=s1", Status: 200, Want: M{"count": 1}},
			{Name: "q finds the new title", Method: "GET", Path: "/admin/inventory-items?q=t2", Status: 200, Want: M{"count": 1}},
			{Name: "q no longer finds the old one", Method: "GET", Path: "/admin/inventory-items?q=shirt", Status: 200, Want: M{"count": 0}},
			{Name: "list all", Method: "GET", Path: "/admin/inventory-items", Status: 200, Want: M{"count": 1}},
			{Name: "second level", Method: "POST", Path: "/admin/inventory-items/" + id + "/location-levels", Body: M{"location_id": loc2, "stocked_quantity": 5}, Status: 200,
				Want: M{"inventory_item": M{"stocked_quantity": 15}}},
			{Name: "duplicate level", Method: "POST", Path: "/admin/inventory-items/" + id + "/location-levels", Body: M{"location_id": loc2}, Status: 400},
			{Name: "level at unknown location", Method: "POST", Path: "/admin/inventory-items/" + id + "/location-levels", Body: M{"location_id": "sloc_x"}, Status: 404},
			{Name: "list levels", Method: "GET", Path: "/admin/inventory-items/" + id + "/location-levels", Status: 200, Want: M{"count": 2}},
			{Name: "update level", Method: "POST", Path: "/admin/inventory-items/" + id + "/location-levels/" + loc2, Body: M{"stocked_quantity": 7}, Status: 200,
				Want: M{"inventory_item": M{"stocked_quantity": 17}}},
			{Name: "update missing level", Method: "POST", Path: "/admin/inventory-items/" + id + "/location-levels/sloc_x", Body: M{"stocked_quantity": 7}, Status: 404},
			{Name: "negative stock", Method: "POST", Path: "/admin/inventory-items/" + id + "/location-levels/" + loc2, Body: M{"stocked_quantity": -1}, Status: 400},
		})
		// Reserved units block lowering stock below them and deleting the level.
		apitest.Exec(t, srv, `UPDATE inventory_level SET reserved_quantity = 3 WHERE location_id = $1`, loc2)
		apitest.Run(t, srv, []apitest.Case{
			{Name: "stock below reserved", Method: "POST", Path: "/admin/inventory-items/" + id + "/location-levels/" + loc2, Body: M{"stocked_quantity": 2}, Status: 400},
			{Name: "available subtracts reserved", Method: "GET", Path: "/admin/inventory-items/" + id, Status: 200,
				Want: M{"inventory_item": M{"reserved_quantity": 3, "location_levels": A{M{}, M{}}}}},
			{Name: "delete reserved level", Method: "DELETE", Path: "/admin/inventory-items/" + id + "/location-levels/" + loc2, Status: 400},
			{Name: "delete level", Method: "DELETE", Path: "/admin/inventory-items/" + id + "/location-levels/" + loc, Status: 200,
				Want: M{"object": "inventory-level", "deleted": true, "parent": M{"id": id}}},
		})
		other := item(t, srv, "O1")
		apitest.Run(t, srv, []apitest.Case{
			{Name: "batch fails as a whole", Method: "POST", Path: "/admin/inventory-items/location-levels/batch",
				Body: M{"create": A{M{"inventory_item_id": other, "location_id": loc, "stocked_quantity": 4}, M{"inventory_item_id": other, "location_id": "sloc_x"}}}, Status: 404},
			{Name: "nothing created", Method: "GET", Path: "/admin/inventory-items/" + other, Status: 200, Want: M{"inventory_item": M{"location_levels": A{}}}},
			{Name: "batch", Method: "POST", Path: "/admin/inventory-items/location-levels/batch",
				Body: M{"create": A{M{"inventory_item_id": other, "location_id": loc, "stocked_quantity": 4}},
					"update": A{M{"inventory_item_id": id, "location_id": loc2, "stocked_quantity": 9}}}, Status: 200,
				Want: M{"created": A{M{"stocked_quantity": 4}}, "updated": A{M{"stocked_quantity": 9}}, "deleted": A{}}},
			{Name: "delete item", Method: "DELETE", Path: "/admin/inventory-items/" + other, Status: 200,
				Exact: `{"id":"` + other + `","object":"inventory_item","deleted":true}`},
			{Name: "deleted item is gone", Method: "GET", Path: "/admin/inventory-items/" + other, Status: 404},
			{Name: "and uncounted", Method: "GET", Path: "/admin/inventory-items?limit=0", Status: 200, Want: M{"count": 1}},
			{Name: "and unsearched", Method: "GET", Path: "/admin/inventory-items?q=o1", Status: 200, Want: M{"count": 0}},
		})
	})
}

// product creates a product in channel with one variant per sku and returns the variant ids.
func product(t *testing.T, srv *apitest.Server, channelID string, manage bool, skus ...string) (string, []string) {
	t.Helper()
	vals := A{}
	variants := A{}
	for _, s := range skus {
		vals = append(vals, s)
		variants = append(variants, M{"title": s, "sku": s, "options": M{"Size": s}, "manage_inventory": manage,
			"prices": A{M{"currency_code": "eur", "amount": 100}}})
	}
	r := srv.Post("/admin/products", M{"title": "P " + skus[0], "options": A{M{"title": "Size", "values": vals}},
		"variants": variants, "sales_channels": A{M{"id": channelID}}}).Must(200)
	out := []string{}
	for i := range skus {
		out = append(out, r.String("product.variants."+string(rune('0'+i))+".id"))
	}
	return r.String("product.id"), out
}

func TestVariantItemsAndAvailability(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		a, b := srv.Channel("A"), srv.Channel("B")
		la1, la2 := srv.Location("LA1", a), srv.Location("LA2", a)
		lb := srv.Location("LB", b)
		shared := srv.Location("Shared", a, b)

		// Variants created with manage_inventory get their own item (SKU and title of the
		// variant, one unit each), as in Medusa; unmanaged variants get none.
		prodID, vs := product(t, srv, a, true, "KIT", "SOLO")
		_, unmanaged := product(t, srv, a, false, "FREE")
		linked := func(variantID string) []any {
			r := srv.Get("/admin/products/" + prodID + "/variants/" + variantID + "/inventory-items").Must(200)
			items, _ := r.Get("variant.inventory_items").([]any)
			return items
		}
		kit, solo := "", ""
		for i, v := range vs {
			items := linked(v)
			if len(items) != 1 {
				t.Fatalf("variant %d has %d inventory items, want the one created with it", i, len(items))
			}
			itemID, _ := apitest.Lookup(items[0], "inventory_item_id").(string)
			if q := apitest.Lookup(items[0], "required_quantity"); q == nil || apitest.Lookup(items[0], "inventory.sku") != []string{"KIT", "SOLO"}[i] {
				t.Fatalf("variant %d's item: %v", i, items[0])
			}
			if i == 0 {
				kit = itemID
			} else {
				solo = itemID
			}
		}
		if n := srv.Get("/admin/inventory-items?sku=FREE").Must(200).Int("count"); n != 0 {
			t.Fatalf("an unmanaged variant got %d inventory items", n)
		}
		x, y := item(t, srv, "X"), item(t, srv, "Y")
		base := "/admin/products/" + prodID + "/variants/" + vs[0] + "/inventory-items"
		apitest.Run(t, srv, []apitest.Case{
			{Name: "unlink own item", Method: "DELETE", Path: base + "/" + kit, Status: 200,
				Want: M{"id": kit, "object": "variant-inventory-item", "deleted": true, "parent": M{"id": vs[0], "inventory_items": A{}}}},
			{Name: "unlink again", Method: "DELETE", Path: base + "/" + kit, Status: 404},
			{Name: "link X", Method: "POST", Path: base, Body: M{"inventory_item_id": x, "required_quantity": 1}, Status: 200,
				Want: M{"variant": M{"id": vs[0], "inventory_items": A{M{"inventory_item_id": x, "required_quantity": 1, "inventory": M{"sku": "X"}}}}}},
			{Name: "link X twice", Method: "POST", Path: base, Body: M{"inventory_item_id": x}, Status: 400},
			{Name: "update X", Method: "POST", Path: base + "/" + x, Body: M{"required_quantity": 2}, Status: 200,
				Want: M{"variant": M{"inventory_items": A{M{"required_quantity": 2}}}}},
			{Name: "zero quantity", Method: "POST", Path: base + "/" + x, Body: M{"required_quantity": 0}, Status: 400},
			{Name: "link Y", Method: "POST", Path: base, Body: M{"inventory_item_id": y}, Status: 200},
			{Name: "link unknown item", Method: "POST", Path: base, Body: M{"inventory_item_id": "iitem_nope"}, Status: 404},
			{Name: "unknown variant", Method: "GET", Path: "/admin/products/" + prodID + "/variants/variant_nope/inventory-items", Status: 404},
			{Name: "list", Method: "GET", Path: base, Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					if r.Len("variant.inventory_items") != 2 {
						t.Errorf("items: %s", r.Body)
					}
				}},
		})

		// X: 3 at LA1 + 4 at LA2 (A) = 7 → 3 kits; 100 at LB (B only).
		// Y: 2 at LA1, 50 at LB. Shared (A and B): X 1, Y 1.
		srv.StockAt(x, la1, 3)
		srv.StockAt(x, la2, 4)
		srv.StockAt(x, lb, 100)
		srv.StockAt(y, la1, 2)
		srv.StockAt(y, lb, 50)
		srv.StockAt(x, shared, 1)
		srv.StockAt(y, shared, 1)
		srv.StockAt(solo, lb, 9)
		avail := func(channelID string) map[string]int64 {
			t.Helper()
			got, err := srv.App.Stock.Available(context.Background(), srv.App.DB.Read(), channelID, []string{vs[0], vs[1], unmanaged[0]})
			if err != nil {
				t.Fatal(err)
			}
			return got
		}
		// A: X = 3+4+1 = 8 → 4 kits; Y = 2+1 = 3 → kit limited to 3. SOLO has stock only in B.
		if d := cmp.Diff(map[string]int64{vs[0]: 3, vs[1]: 0, unmanaged[0]: 0}, avail(a)); d != "" {
			t.Errorf("channel A (-want +got):\n%s", d)
		}
		// B: X = 100+1 → 50; Y = 51 → kit 50; SOLO 9.
		if d := cmp.Diff(map[string]int64{vs[0]: 50, vs[1]: 9, unmanaged[0]: 0}, avail(b)); d != "" {
			t.Errorf("channel B (-want +got):\n%s", d)
		}
		// Reservations count against stock; a deleted location stops counting.
		apitest.Exec(t, srv, `UPDATE inventory_level SET reserved_quantity = 2 WHERE location_id = $1 AND inventory_item_id = $2`, lb, x)
		srv.Do("DELETE", "/admin/stock-locations/"+shared, nil, nil).Must(200)
		// B: X = 98 → 49; Y = 50 → kit 49. A: X = 7 → 3, Y = 2 → 2.
		if d := cmp.Diff(map[string]int64{vs[0]: 49, vs[1]: 9, unmanaged[0]: 0}, avail(b)); d != "" {
			t.Errorf("channel B after (-want +got):\n%s", d)
		}
		if got := avail(a)[vs[0]]; got != 2 {
			t.Errorf("channel A kit after location delete: %d, want 2", got)
		}
	})
}

// A variant created with Medusa's inventory_items consumes those items, so many units each,
// and gets no item of its own; a bad list creates nothing.
func TestVariantCreatedWithInventoryItems(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		a := srv.Channel("A")
		loc := srv.Location("L", a)
		frame, wheel := item(t, srv, "FRAME"), item(t, srv, "WHEEL")
		srv.StockAt(frame, loc, 10)
		srv.StockAt(wheel, loc, 7)
		bike := func(items A, sku string) M {
			return M{"title": "Bike " + sku, "status": "published", "sales_channels": A{M{"id": a}},
				"options": A{M{"title": "Size", "values": A{"M"}}},
				"variants": A{M{"title": "M", "sku": sku, "options": M{"Size": "M"}, "prices": A{M{"currency_code": "eur", "amount": 300}},
					"inventory_items": items}}}
		}
		apitest.Run(t, srv, []apitest.Case{
			{Name: "unknown item", Method: "POST", Path: "/admin/products",
				Body:   bike(A{M{"inventory_item_id": frame, "required_quantity": 1}, M{"inventory_item_id": "iitem_nope", "required_quantity": 2}}, "BIKE-X"),
				Status: 400, Exact: apitest.ErrBody("invalid_data", "Inventory Items with ids: iitem_nope was not found")},
			{Name: "the same item twice", Method: "POST", Path: "/admin/products",
				Body:   bike(A{M{"inventory_item_id": frame, "required_quantity": 1}, M{"inventory_item_id": frame, "required_quantity": 2}}, "BIKE-Y"),
				Status: 400, Check: wantInvalid},
			{Name: "nothing was created", Method: "GET", Path: "/admin/products?q=Bike", Status: 200, Want: M{"count": 0}},
		})
		r := srv.Post("/admin/products", bike(A{M{"inventory_item_id": frame, "required_quantity": 1},
			M{"inventory_item_id": wheel, "required_quantity": 2}}, "BIKE-M")).Must(200)
		prodID, variantID := r.String("product.id"), r.String("product.variants.0.id")
		links := srv.Get("/admin/products/" + prodID + "/variants/" + variantID + "/inventory-items").Must(200)
		if errs := apitest.Match(links.JSON, M{"variant": M{"inventory_items": A{
			M{"inventory_item_id": frame, "required_quantity": 1}, M{"inventory_item_id": wheel, "required_quantity": 2},
		}}}, ""); len(errs) > 0 {
			t.Fatalf("links: %v\n%s", errs, links.Body)
		}
		if n := srv.Get("/admin/inventory-items?sku=BIKE-M").Must(200).Int("count"); n != 0 {
			t.Errorf("an item of its own was created as well")
		}
		// 7 wheels make 3 bikes: the channel can sell 3.
		avail := srv.Get("/admin/sales-channels/" + a + "/availability?variant_id=" + variantID).Must(200)
		if q := avail.Int("availability.0.quantity"); q != 3 {
			t.Errorf("available bikes %d, want 3: %s", q, avail.Body)
		}
	})
}
