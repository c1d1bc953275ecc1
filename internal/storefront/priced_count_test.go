package storefront_test

import (
	"fmt"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// TestPricedPageStatements checks the cost of channel prices (issue item 8): on a catalogue
// where every variant has base prices and channel prices in three currencies for five
// channels, one of which inherits from another, a priced page costs the unpriced page's
// statements plus two — the pricing context (region, channel currencies and inheritance
// chain) and the page's prices — whatever the page's size, the channel or the currency.
func TestPricedPageStatements(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		var tick uint64
		uncached := func() uint64 { tick++; return tick }
		front := countedStorefront(t, s, uncached)
		currencies := []string{"eur", "usd", "gbp"}
		var chans []string
		for i := range 5 {
			chans = append(chans, s.Post("/admin/sales-channels", M{"name": fmt.Sprintf("C%d", i), "supported_currencies": A{
				M{"currency_code": "usd", "is_default": true}, M{"currency_code": "eur"}, M{"currency_code": "gbp", "is_tax_inclusive": true}}}).
				Must(200).String("sales_channel.id"))
		}
		_, inheriting := s.PublishableKey("C0", chans[0])
		_, plainKey := s.PublishableKey("C1", chans[1])
		_, allKey := s.PublishableKey("all", chans...)
		region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
		const stamp = "2026-01-01T00:00:00.000Z"
		for i := range 12 {
			p := s.Post("/admin/products", SizedProduct(fmt.Sprintf("P%02d", i), fmt.Sprintf("P%02d", i), chans...)).Must(200)
			for _, v := range p.Strings("product.variants", "id") {
				for ci, ch := range chans {
					for ki, cur := range currencies {
						Exec(t, s, `INSERT INTO price (id, variant_id, currency_code, amount, sales_channel_id, created_at, updated_at)
							VALUES ($1, $2, $3, $4, $5, $6, $6)`, fmt.Sprintf("price_%s_%d_%s", v, ci, cur), v, cur, 1000+100*ci+ki, ch, stamp)
					}
				}
			}
		}
		// C0's usd prices are C1's times 0.9, for the variants without an override of their own.
		Exec(t, s, `DELETE FROM price WHERE sales_channel_id = $1 AND currency_code = 'usd'`, chans[0])
		Exec(t, s, `INSERT INTO price_inheritance (id, sales_channel_id, currency_code, source_sales_channel_id,
			source_currency_code, factor, rounding_increment, rounding_mode, rounding_offset, created_at, updated_at)
			VALUES ('pinh_c0_usd', $1, 'usd', $2, 'usd', '0.9', 1, 'half_up', 0, $3, $3)`, chans[0], chans[1], stamp)

		priced := "&fields=%2Bvariants.calculated_price"
		for _, c := range []struct{ name, key, query string }{
			{"inherited, the channel's default currency", inheriting, ""},
			{"inherited, currency_code", inheriting, "&currency_code=usd"},
			{"overrides, a region", plainKey, "&region_id=" + region},
			{"several channels, base prices", allKey, "&region_id=" + region},
		} {
			for _, limit := range []int{5, 12} {
				page := fmt.Sprintf("/store/products?limit=%d", limit)
				_, plain := front.get(t, c.key, page)
				body, n := front.get(t, c.key, page+c.query+priced)
				if n != plain+2 {
					t.Errorf("%s, limit %d: %d statements priced, %d unpriced", c.name, limit, n, plain)
				}
				if got := Lookup(body, "products.0.variants.0.calculated_price.calculated_amount"); got == nil {
					t.Errorf("%s: no calculated price", c.name)
				}
			}
		}
		// The inheriting channel derives from C1's override: 11.01 usd × 0.9 = 9.909, to the cent.
		body, _ := front.get(t, inheriting, "/store/products?limit=1&order=title"+priced)
		if got := Lookup(body, "products.0.variants.0.calculated_price.calculated_amount"); got != 9.91 {
			t.Errorf("inherited amount %v, want 9.91", got)
		}
	})
}
