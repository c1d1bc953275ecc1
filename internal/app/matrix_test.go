package app_test

import (
	"slices"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// channelWorld holds, per channel A and B, one of each channel-bound entity.
type channelWorld struct {
	a, b                 string
	productA, productB   string
	keyA, keyB           string
	locationA, locationB string
	orderA, orderB       string
	itemA, itemB         string
}

// newChannelWorld creates two channels, and in each a product, a publishable key, a stock
// location and an order placed through the channel's key.
func newChannelWorld(t *testing.T, s *apitest.Server) channelWorld {
	t.Helper()
	w := channelWorld{a: s.Channel("A"), b: s.Channel("B")}
	w.productA, w.productB = product(s, "pa", w.a), product(s, "pb", w.b)
	var tokenA, tokenB string
	w.keyA, tokenA = s.PublishableKey("A", w.a)
	w.keyB, tokenB = s.PublishableKey("B", w.b)
	w.locationA, w.locationB = s.Location("LA", w.a), s.Location("LB", w.b)
	region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
	w.orderA = placeOrder(t, s, tokenA, region, "pa-S")
	w.orderB = placeOrder(t, s, tokenB, region, "pb-S")
	w.itemA, w.itemB = s.InventoryItem("pa-M"), s.InventoryItem("pb-M")
	return w
}

// placeOrder completes a cart of one unit of the variant with the SKU through a storefront key.
func placeOrder(t *testing.T, s *apitest.Server, token, region, sku string) string {
	t.Helper()
	variant := s.Get("/admin/products?fields=id,*variants&q=" + sku[:2]).Must(200)
	var variantID string
	for _, v := range variant.JSON.(map[string]any)["products"].([]any)[0].(map[string]any)["variants"].([]any) {
		if v.(map[string]any)["sku"] == sku {
			variantID = v.(map[string]any)["id"].(string)
		}
	}
	cart := s.Do("POST", "/store/carts", M{"region_id": region, "email": "c@example.com",
		"items": A{M{"variant_id": variantID, "quantity": 1}}}, KeyHeader(token)).Must(200).String("cart.id")
	return s.Do("POST", "/store/carts/"+cart+"/complete", nil, KeyHeader(token)).Must(200).String("order.id")
}

// everyRead is the read policy of each resource the matrix lists.
var everyRead = []string{"product:read", "sales_channel:read", "order:read", "api_key:read", "stock_location:read", "inventory_item:read"}

// TestChannelMatrix runs the main list and get routes as the super admin, an admin limited to
// A, one limited to A with read policies only and a user with no role, over entities in A and
// in B: a limited admin lists and counts A's entities only and gets 404 for B's.
func TestChannelMatrix(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		w := newChannelWorld(t, s)
		writes := []string{"product:update", "sales_channel:update", "order:update", "api_key:update", "stock_location:update"}
		_, la := s.Limited("la@example.com", slices.Concat(everyRead, writes), w.a)
		_, ro := s.Limited("ro@example.com", everyRead, w.a)
		none := s.NoRole("none@example.com")
		routes := []struct{ base, list, inA, inB string }{
			{"/admin/products", "products", w.productA, w.productB},
			{"/admin/sales-channels", "sales_channels", w.a, w.b},
			{"/admin/orders", "orders", w.orderA, w.orderB},
			{"/admin/api-keys", "api_keys", w.keyA, w.keyB},
			{"/admin/stock-locations", "stock_locations", w.locationA, w.locationB},
			{"/admin/inventory-items", "inventory_items", w.itemA, w.itemB},
		}
		for _, rt := range routes {
			for _, who := range []struct {
				name   string
				as     *apitest.Server
				getB   int
				listed []string
			}{
				{"super admin", s, 200, []string{rt.inA, rt.inB}},
				{"limited to A", la, 404, []string{rt.inA}},
				{"read-only in A", ro, 404, []string{rt.inA}},
			} {
				t.Run(rt.list+"/"+who.name, func(t *testing.T) {
					who.as.Get(rt.base + "/" + rt.inA).Must(200)
					who.as.Get(rt.base + "/" + rt.inB).Must(who.getB)
					list := who.as.Get(rt.base + "?fields=id&limit=100").Must(200)
					ids := list.Strings(rt.list, "id")
					for _, id := range who.listed {
						if !slices.Contains(ids, id) {
							t.Errorf("%s lists %v, missing %s", rt.base, ids, id)
						}
					}
					if who.getB == 404 && (len(ids) != 1 || list.Int("count") != 1) {
						t.Errorf("%s lists %v, count %d; want only %s", rt.base, ids, list.Int("count"), rt.inA)
					}
				})
			}
			t.Run(rt.list+"/no role", func(t *testing.T) {
				none.Get(rt.base).Must(403)
				none.Get(rt.base + "/" + rt.inA).Must(403)
			})
		}
	})
}
