package app_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// TestVariantStock: the product routes answer a variant's stock as Medusa's admin dashboard
// reads it: its links to items with their levels, and inventory_quantity, the units its
// items can deliver over every location (per item the available units summed over its
// levels, divided by the units the variant needs), absent from a variant that does not
// manage inventory. A channel-limited admin sees only the levels of its own locations.
func TestVariantStock(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		locA, locB := s.Location("LA", a), s.Location("LB", b)
		p := s.Post("/admin/products", SizedProduct("Shirt", "sh", a, b)).Must(200)
		id, sID, mID := p.String("product.id"), p.String("product.variants.0.id"), p.String("product.variants.1.id")
		item := s.InventoryItem("sh-M")
		s.StockAt(item, locA, 7)
		s.StockAt(item, locB, 5)
		apitest.Exec(t, s, `UPDATE inventory_level SET reserved_quantity = 1 WHERE location_id = $1`, locB)
		s.Post("/admin/products/"+id+"/variants/"+mID+"/inventory-items/"+item, M{"required_quantity": 2}).Must(200)
		variants := "/admin/products/" + id + "/variants"
		detail := variants + "?order=variant_rank&limit=10&fields=title,sku,thumbnail,*options,created_at," +
			"*inventory_items.inventory.location_levels,inventory_quantity,manage_inventory"
		levelA := M{"location_id": locA, "inventory_item_id": item, "stocked_quantity": 7, "reserved_quantity": 0, "available_quantity": 7}
		levelB := M{"location_id": locB, "inventory_item_id": item, "stocked_quantity": 5, "reserved_quantity": 1, "available_quantity": 4}
		if locB < locA {
			levelA, levelB = levelB, levelA
		}
		// Asked for through its levels alone, a link and its item carry their keys.
		link := func(levels ...any) M {
			return M{"id": Any, "variant_id": mID, "inventory_item_id": item, "required_quantity": Absent,
				"inventory": M{"id": item, "sku": Absent, "location_levels": A(levels)}}
		}
		fullLink := M{"id": Any, "variant_id": mID, "inventory_item_id": item, "required_quantity": 2, "created_at": Any, "deleted_at": nil,
			"inventory": M{"id": item, "sku": "sh-M", "stocked_quantity": 12, "reserved_quantity": 1, "location_levels": A{levelA, levelB}}}
		_, la := s.Limited("la@example.com", []string{"product:read", "product_variant:read", "inventory_item:read"}, a)
		Run(t, s, []Case{
			{Name: "the product page's variants", Method: "GET", Path: detail, Status: 200, Want: M{"count": 2, "variants": A{
				M{"id": sID, "title": "Shirt S", "manage_inventory": false, "inventory_items": A{}, "inventory_quantity": Absent},
				M{"id": mID, "title": "Shirt M", "manage_inventory": true, "inventory_quantity": 5,
					"inventory_items": A{link(levelA, levelB)}},
			}}},
			{Name: "asked without manage_inventory, Medusa adds it", Method: "GET", Path: variants + "?fields=inventory_quantity", Status: 200,
				Exact: `{"variants":[{"id":"` + sID + `","manage_inventory":false},{"id":"` + mID + `","manage_inventory":true,"inventory_quantity":5}],` +
					`"count":2,"offset":0,"limit":50}`},
			{Name: "the variant page", Method: "GET", Status: 200, Path: variants + "/" + mID +
				"?fields=*inventory_items,*inventory_items.inventory,*inventory_items.inventory.location_levels,*options,*options.option," +
				"*prices,*prices.price_rules,+images.id,+images.url,+images.variants.id",
				Want: M{"variant": M{"id": mID, "inventory_items": A{fullLink}}}},
			{Name: "the stock page's variants", Method: "GET", Status: 200, Path: variants + "?id=" + mID + "&offset=0&limit=20&fields=" +
				"id,title,sku,inventory_items,inventory_items.*,inventory_items.inventory,inventory_items.inventory.id," +
				"inventory_items.inventory.title,inventory_items.inventory.sku,*inventory_items.inventory.location_levels,product.thumbnail",
				Want: M{"count": 1, "variants": A{M{"id": mID, "product": M{"thumbnail": nil},
					"inventory_items": A{M{"required_quantity": 2, "inventory": M{"id": item, "sku": "sh-M", "title": Any,
						"description": Absent, "location_levels": A{levelA, levelB}}}}}}}},
			{Name: "every product's variants, as an order's outbound items read them", Method: "GET", Status: 200,
				Path: "/admin/product-variants?q=sh-&order=sku&fields=*inventory_items.inventory.location_levels,+inventory_quantity,+manage_inventory",
				Want: M{"count": 2, "variants": A{
					M{"id": mID, "sku": "sh-M", "inventory_quantity": 5, "product": M{"id": id, "title": "Shirt"}, "prices": Any,
						"inventory_items": A{link(levelA, levelB)}},
					M{"id": sID, "sku": "sh-S", "inventory_quantity": Absent, "product": M{"id": id}},
				}}},
			{Name: "filtered as Medusa filters variants", Method: "GET", Path: "/admin/product-variants?manage_inventory=false&fields=id", Status: 200,
				Exact: `{"variants":[{"id":"` + sID + `"}],"count":1,"offset":0,"limit":50}`},
			{Name: "an unknown filter", Method: "GET", Path: "/admin/product-variants?title=x", Status: 400, Check: WantType("invalid_data")},
			{Name: "an unknown field of the item", Method: "GET", Path: variants + "?fields=*inventory_items.inventory.nope", Status: 400,
				Exact: ErrBody("invalid_data", "Requested fields [inventory_items.inventory.nope] are not valid")},
		})
		Run(t, la, []Case{
			{Name: "a limited admin sees its location's level only", Method: "GET", Path: detail, Status: 200, Want: M{"variants": A{
				M{"id": sID, "inventory_items": A{}},
				M{"id": mID, "inventory_quantity": 3, "inventory_items": A{link(M{"location_id": locA, "stocked_quantity": 7})}},
			}}},
			{Name: "a limited admin lists its channels' variants", Method: "GET", Path: "/admin/product-variants?fields=id,product.title", Status: 200,
				Want: M{"count": 2}},
		})
		s.Post("/admin/products", SizedProduct("Coat", "co", b)).Must(200)
		Run(t, la, []Case{
			{Name: "and not another channel's", Method: "GET", Path: "/admin/product-variants?fields=sku&order=sku", Status: 200,
				Want: M{"count": 2, "variants": A{M{"sku": "sh-M"}, M{"sku": "sh-S"}}}},
		})
	})
}
