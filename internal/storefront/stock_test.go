package storefront_test

import (
	"encoding/json"
	"slices"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

const errStockChannel = `{"type":"invalid_data","message":"Inventory availability cannot be calculated in the given context. Either provide a single sales channel id or configure a single sales channel in the publishable key"}`

// stocked is Medusa's test data (§4.3) on the inventory-managed variant of productID: its own
// item and a second one, each needed 20 times; 20 of the first at L1, 30 of the second at L2,
// both locations linked to channel. A location of other holds plenty of both, which must not
// count. It returns the variant, its own item and L1.
func stocked(t *testing.T, s *apitest.Server, productID, channel, other string) (variant, item1, l1 string) {
	t.Helper()
	p := s.Get("/admin/products/" + productID).Must(200)
	for i := 0; i < p.Len("product.variants"); i++ {
		if p.Get("product.variants."+itoa(i)+".manage_inventory") == true {
			variant = p.String("product.variants." + itoa(i) + ".id")
		}
	}
	if variant == "" {
		t.Fatalf("no inventory-managed variant: %s", p.Body)
	}
	items := "/admin/products/" + productID + "/variants/" + variant + "/inventory-items"
	item1 = s.Get(items).Must(200).String("variant.inventory_items.0.inventory_item_id")
	s.Post(items+"/"+item1, M{"required_quantity": 20}).Must(200)
	item2 := s.Post("/admin/inventory-items", M{"sku": productID + "-extra"}).Must(200).String("inventory_item.id")
	s.Post(items, M{"inventory_item_id": item2, "required_quantity": 20}).Must(200)
	l1, l2, l3 := s.Location("L1", channel), s.Location("L2", channel), s.Location("L3", other)
	s.StockAt(item1, l1, 20)
	s.StockAt(item2, l2, 30)
	s.StockAt(item1, l3, 1000)
	s.StockAt(item2, l3, 1000)
	return variant, item1, l1
}

func itoa(i int) string { b, _ := json.Marshal(i); return string(b) }

// wantStock checks the variants at path (a list of them): the managed one has quantity n, the
// unmanaged one no inventory_quantity key at all.
func wantStock(path string, managed string, n int) func(t *testing.T, r *Response) {
	return func(t *testing.T, r *Response) {
		t.Helper()
		if r.Len(path) == 0 {
			t.Fatalf("no variants at %s: %s", path, r.Body)
		}
		for i := 0; i < r.Len(path); i++ {
			vpath := path + "." + itoa(i)
			has := slices.Contains(keys(t, r.Get(vpath)), "inventory_quantity")
			if r.String(vpath+".id") != managed {
				if has {
					t.Errorf("variant without managed inventory has inventory_quantity: %s", r.Body)
				}
				continue
			}
			if !has || r.Int(vpath+".inventory_quantity") != n {
				got := r.Get(vpath + ".inventory_quantity")
				t.Errorf("inventory_quantity %v, want %v: %s", got, n, r.Body)
			}
		}
	}
}

func TestStoreInventoryQuantity(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		variant, _, _ := stocked(t, w.s, w.a1, w.ChannelA, w.ChannelB)
		const list = "/store/products?q=A1-1795302911&fields=%2Bvariants.inventory_quantity"
		Run(t, w.s, []Case{
			{Name: "Medusa's test data gives 1; another channel's location does not count", Method: "GET", Path: list,
				Headers: KeyHeader(w.KeyA), Status: 200, Check: wantStock("products.0.variants", variant, 1)},
			{Name: "with calculated prices", Method: "GET", Path: list + ",%2Bvariants.calculated_price&region_id=" + w.EUR,
				Headers: KeyHeader(w.KeyA), Status: 200, Check: func(t *testing.T, r *Response) {
					wantStock("products.0.variants", variant, 1)(t, r)
					if r.Get("products.0.variants.0.calculated_price.calculated_amount") == nil {
						t.Errorf("no calculated price: %s", r.Body)
					}
				}},
			{Name: "fields=variants.inventory_quantity", Method: "GET",
				Path: "/store/products?q=A1-1795302911&fields=title,variants.inventory_quantity", Headers: KeyHeader(w.KeyA),
				Status: 200, Check: wantStock("products.0.variants", variant, 1)},
			{Name: "not asked for", Method: "GET", Path: "/store/products?q=A1-1795302911", Headers: KeyHeader(w.KeyA), Status: 200,
				Check: func(t *testing.T, r *Response) {
					if slices.Contains(keys(t, r.Get("products.0.variants.1")), "inventory_quantity") {
						t.Errorf("inventory_quantity without being asked for: %s", r.Body)
					}
				}},
			{Name: "detail", Method: "GET", Path: "/store/products/" + w.a1 + "?fields=%2Bvariants.inventory_quantity",
				Headers: KeyHeader(w.KeyA), Status: 200, Check: wantStock("product.variants", variant, 1)},
			{Name: "a key with two channels and no sales_channel_id", Method: "GET", Path: list, Headers: KeyHeader(w.KeyAB),
				Status: 400, Exact: errStockChannel},
			{Name: "two sales_channel_id values", Method: "GET",
				Path: list + "&sales_channel_id[]=" + w.ChannelA + "&sales_channel_id[]=" + w.ChannelB, Headers: KeyHeader(w.KeyAB),
				Status: 400, Exact: errStockChannel},
			{Name: "detail on a key with two channels", Method: "GET",
				Path: "/store/products/" + w.a1 + "?fields=%2Bvariants.inventory_quantity", Headers: KeyHeader(w.KeyAB),
				Status: 400, Exact: errStockChannel},
			{Name: "a key with two channels and one sales_channel_id", Method: "GET", Path: list + "&sales_channel_id=" + w.ChannelA,
				Headers: KeyHeader(w.KeyAB), Status: 200, Check: wantStock("products.0.variants", variant, 1)},
			{Name: "a key with two channels and a one-element sales_channel_id[]", Method: "GET",
				Path: list + "&sales_channel_id[]=" + w.ChannelA, Headers: KeyHeader(w.KeyAB), Status: 200,
				Check: wantStock("products.0.variants", variant, 1)},
			{Name: "the channel still has to be the key's", Method: "GET", Path: list + "&sales_channel_id=" + w.ChannelB,
				Headers: KeyHeader(w.KeyA), Status: 400, Exact: errNotInKey},
		})
	})
}

// TestInventoryQuantityCache checks that a cached page with inventory_quantity shows a level
// change on the next request: the write commits, which invalidates the page.
func TestInventoryQuantityCache(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		front := countedStorefront(t, s, s.App.DB.Commits)

		sc := s.Channel("A")
		other := s.Channel("B")
		_, token := s.PublishableKey("A", sc)
		prod := s.Post("/admin/products", apitest.SizedProduct("Lamp", "Lamp", sc)).Must(200).String("product.id")
		variant, item1, l1 := stocked(t, s, prod, sc, other)

		get := func() (qty any, statements int64) {
			t.Helper()
			body, statements := front.get(t, token, "/store/products?fields=%2Bvariants.inventory_quantity")
			for i := 0; i < 2; i++ {
				if apitest.Lookup(body, "products.0.variants."+itoa(i)+".id") == variant {
					return apitest.Lookup(body, "products.0.variants."+itoa(i)+".inventory_quantity"), statements
				}
			}
			t.Fatalf("variant %s not listed: %v", variant, body)
			return nil, 0
		}
		if q, c := get(); q != float64(1) || c == 0 {
			t.Fatalf("first page: inventory_quantity %v after %d statements", q, c)
		}
		if q, c := get(); q != float64(1) || c != 0 {
			t.Fatalf("repeated page: inventory_quantity %v after %d statements, want it from the cache", q, c)
		}
		s.Post("/admin/inventory-items/"+item1+"/location-levels/"+l1, M{"stocked_quantity": 0}).Must(200)
		if q, _ := get(); q != float64(0) {
			t.Fatalf("after a level change the page says %v, want 0", q)
		}
		s.Post("/admin/inventory-items/"+item1+"/location-levels/"+l1, M{"stocked_quantity": 65}).Must(200)
		if q, _ := get(); q != float64(1) { // min(65/20, 30/20)
			t.Fatalf("after a level change the page says %v, want 1", q)
		}
	})
}
