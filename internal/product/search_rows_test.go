package product_test

import (
	"fmt"
	"strings"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/platform/db/dbtest"
)

// A product whose search text outgrows one row keeps a row per variant, so editing one of
// its variants rewrites that variant's row alone, and a search still finds every variant.
func TestSearchRowsOfALargeProduct(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		values, variants := A{}, A{}
		for i := range 40 { // 40 variants of about 450 characters: past the 16,384 of one row
			size := fmt.Sprintf("S%02d", i)
			values = append(values, size)
			variants = append(variants, M{"title": size + " " + strings.Repeat("long title ", 40), "sku": "BIG-" + size,
				"options": M{"Size": size}, "prices": A{M{"currency_code": "eur", "amount": 10}}})
		}
		big := s.Post("/admin/products", M{"title": "Big", "status": "published", "options": A{M{"title": "Size", "values": values}},
			"variants": variants}).Must(200)
		bigID := big.String("product.id")
		small := s.Post("/admin/products", M{"title": "Small", "status": "published"}).Must(200).String("product.id")
		rows := func(productID string) []string {
			return dbtest.Column[string](t, s.App.DB.Read(), `SELECT CAST(id AS TEXT) FROM product_search WHERE product_id = $1 ORDER BY id`, productID)
		}
		if n := len(rows(bigID)); n != 41 {
			t.Fatalf("the large product has %d search rows, want its own and one per variant (41)", n)
		}
		if n := len(rows(small)); n != 1 {
			t.Fatalf("the small product has %d search rows, want 1", n)
		}
		before := rows(bigID)
		variant := big.String("product.variants.17.id")
		s.Post("/admin/products/"+bigID+"/variants/"+variant, M{"sku": "BIG-RENAMED"}).Must(200)
		after := rows(bigID)
		kept := 0
		for _, id := range after {
			for _, was := range before {
				if id == was {
					kept++
				}
			}
		}
		if len(after) != 41 || kept != 40 {
			t.Errorf("after editing one variant: %d rows, %d kept of %d; want 41, 40 kept", len(after), kept, len(before))
		}
		for _, q := range []string{"BIG-RENAMED", "big-s33", "Big"} {
			if got := s.Get("/admin/products?fields=id&q=" + q).Must(200); got.Int("count") != 1 || got.String("products.0.id") != bigID {
				t.Errorf("q=%s: %s", q, got.Body)
			}
		}
	})
}
