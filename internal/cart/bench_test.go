package cart_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/platform/db/dbtest"
)

// Benchmarks of the checkout requests, one at a time through the HTTP stack on loopback, on
// each engine: the cost of a request without the queueing of a load test. bench/checkout.sh
// measures the same requests under concurrent load.
//
//	go test ./internal/cart -run '^$' -bench . -benchtime 2000x
func BenchmarkCheckout(b *testing.B) {
	for _, e := range dbtest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			s := apitest.New(b, e)
			sc := s.Post("/admin/sales-channels", M{"name": "Web"}).Must(200).String("sales_channel.id")
			_, token := s.PublishableKey("Web", sc)
			region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
			loc := s.Post("/admin/stock-locations", M{"name": "WH"}).Must(200).String("stock_location.id")
			s.Post("/admin/stock-locations/"+loc+"/sales-channels", M{"add": A{sc}}).Must(200)
			var variants []string
			for i := range 20 {
				_, v := product(s, "P"+itoa(i), true, false, false, sc)
				item := s.Get("/admin/inventory-items?sku=P" + itoa(i) + "-S").Must(200).String("inventory_items.0.id")
				s.Post("/admin/inventory-items/"+item+"/location-levels", M{"location_id": loc, "stocked_quantity": 1_000_000}).Must(200)
				variants = append(variants, v)
			}
			h := KeyHeader(token)
			newCart := func() string {
				return s.Do("POST", "/store/carts", M{"region_id": region}, h).Must(200).String("cart.id")
			}

			b.Run("create cart", func(b *testing.B) {
				for b.Loop() {
					newCart()
				}
			})
			b.Run("add line item", func(b *testing.B) {
				// Carts of up to 10 lines, as a shopper builds them.
				var cart string
				i := 0
				for b.Loop() {
					if i%10 == 0 {
						b.StopTimer()
						cart = newCart()
						b.StartTimer()
					}
					s.Do("POST", "/store/carts/"+cart+"/line-items", M{"variant_id": variants[i%len(variants)], "quantity": 1}, h).Must(200)
					i++
				}
			})
			b.Run("complete", func(b *testing.B) {
				carts := make([]string, b.N)
				for i := range carts {
					carts[i] = s.Do("POST", "/store/carts", M{"region_id": region, "email": "bench@example.com",
						"items": A{M{"variant_id": variants[i%len(variants)], "quantity": 1}}}, h).Must(200).String("cart.id")
				}
				b.ResetTimer()
				for i := range b.N {
					s.Do("POST", "/store/carts/"+carts[i]+"/complete", nil, h).Must(200)
				}
			})
		})
	}
}
