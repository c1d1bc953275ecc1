package app_test

import (
	"fmt"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/platform/db/dbtest"
)

// BenchmarkAdminListing measures what the channel scope costs an admin listing, on each
// engine: the super admin and an admin limited to channel A list the first 20 products and
// orders of a store with two channels of 200 products and 40 orders each. The limited
// admin's pages are filtered in SQL to A's (an IN over its channels); both callers pay the
// one indexed query that resolves their roles.
//
//	go test ./internal/app -run '^$' -bench AdminListing -benchtime 500x
func BenchmarkAdminListing(b *testing.B) {
	for _, e := range dbtest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			s := apitest.New(b, e)
			region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
			channels := map[string]string{}
			for _, name := range []string{"A", "B"} {
				ch := s.Channel(name)
				channels[name] = ch
				_, token := s.PublishableKey(name, ch)
				var variant string
				for i := range 200 {
					p := s.Post("/admin/products", SizedProduct(fmt.Sprintf("%s%03d", name, i), fmt.Sprintf("%s%03d", name, i), ch)).Must(200)
					if i == 0 {
						variant = p.String("product.variants.0.id") // size S, not inventory-managed
					}
				}
				for range 40 {
					cart := s.Do("POST", "/store/carts", M{"region_id": region, "email": "c@example.com",
						"items": A{M{"variant_id": variant, "quantity": 1}}}, KeyHeader(token)).Must(200).String("cart.id")
					s.Do("POST", "/store/carts/"+cart+"/complete", nil, KeyHeader(token)).Must(200)
				}
			}
			_, limited := s.Limited("la@example.com", []string{"product:read", "order:read", "sales_channel:read"}, channels["A"])
			for _, who := range []struct {
				name string
				as   *apitest.Server
			}{{"super admin", s}, {"limited to A", limited}} {
				for _, list := range []struct{ name, path string }{
					{"products", "/admin/products?limit=20"},
					{"orders", "/admin/orders?limit=20"},
				} {
					if n := who.as.Get(list.path).Must(200).Len(list.name); n != 20 {
						b.Fatalf("%s lists %d %s", who.name, n, list.name)
					}
					b.Run(list.name+"/"+who.name, func(b *testing.B) {
						for b.Loop() {
							who.as.Get(list.path).Must(200)
						}
					})
				}
			}
		})
	}
}
