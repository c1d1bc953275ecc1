package pricing_test

import (
	"testing"

	"channeld/internal/apitest"
	"channeld/internal/pricing"
)

// TestResolveFollowsTheChain prices one variant through channels whose rules derive from one
// another: an override wins, a rule derives from its source's effective price (itself
// inherited), a missing source falls through to the base price, and the factor applies to
// major units across currencies with different decimals.
func TestResolveFollowsTheChain(t *testing.T) {
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b, c, d := s.Channel("A"), s.Channel("B"), s.Channel("C"), s.Channel("D")
		p := s.Post("/admin/products", apitest.M{"title": "Lamp", "options": apitest.A{apitest.M{"title": "Size", "values": apitest.A{"S"}}},
			"variants": apitest.A{apitest.M{"title": "S", "options": apitest.M{"Size": "S"},
				"prices": apitest.A{apitest.M{"currency_code": "usd", "amount": 19.99}, apitest.M{"currency_code": "eur", "amount": 10}}}}}).Must(200)
		vid := p.String("product.variants.0.id")
		now := "2026-01-01T00:00:00.000Z"
		rule := func(id, channel, cur string, source any, srcCur, factor string, inc, off int64, mode string) {
			apitest.Exec(t, s, `INSERT INTO price_inheritance (id, sales_channel_id, currency_code, source_sales_channel_id,
				source_currency_code, factor, rounding_increment, rounding_mode, rounding_offset, created_at, updated_at)
				VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $10)`, id, channel, cur, source, srcCur, factor, inc, mode, off, now)
		}
		// A usd ← base usd × 1.2, up to whole dollars, minus a cent: 19.99 → 23.99.
		rule("pinh_a", a, "usd", nil, "usd", "1.2", 100, -1, "up")
		// B usd ← A usd × 0.5: 11.995 → 12.00 (half up).
		rule("pinh_b", b, "usd", a, "usd", "0.5", 1, 0, "half_up")
		// C jpy ← B usd × 150: 12.00 usd → 1800 jpy.
		rule("pinh_c", c, "jpy", b, "usd", "150", 1, 0, "half_up")
		// D eur ← A eur: A has no eur price of its own, so A's effective eur is the base 10.
		rule("pinh_d", d, "eur", a, "eur", "2", 1, 0, "half_up")
		apitest.Exec(t, s, `INSERT INTO price (id, variant_id, currency_code, amount, sales_channel_id, created_at, updated_at)
			VALUES ('price_override', $1, 'usd', 500, $2, $3, $3)`, vid, d, now)

		cases := []struct {
			channel, currency string
			want              pricing.Resolved
			rules             int
		}{
			{a, "usd", pricing.Resolved{Amount: 2399, Source: pricing.SourceInherited}, 1},
			{b, "usd", pricing.Resolved{Amount: 1200, Source: pricing.SourceInherited}, 2},
			{c, "jpy", pricing.Resolved{Amount: 1800, Source: pricing.SourceInherited}, 3},
			{d, "eur", pricing.Resolved{Amount: 2000, Source: pricing.SourceInherited}, 1},
			{d, "usd", pricing.Resolved{Amount: 500, Source: pricing.SourceOverride, PriceID: "price_override"}, 0},
			{c, "usd", pricing.Resolved{Amount: 1999, Source: pricing.SourceBase}, 0},
			{"", "eur", pricing.Resolved{Amount: 1000, Source: pricing.SourceBase}, 0},
		}
		for _, tc := range cases {
			chain, err := pricing.LoadChain(t.Context(), s.App.DB.Read(), tc.channel, tc.currency)
			if err != nil {
				t.Fatal(err)
			}
			if len(chain.Rules) != tc.rules {
				t.Errorf("%s %s: %d rules in the chain, want %d", tc.channel, tc.currency, len(chain.Rules), tc.rules)
			}
			got, err := chain.Resolve(t.Context(), s.App.DB.Read(), []string{vid, "variant_missing"})
			if err != nil {
				t.Fatal(err)
			}
			r, ok := got[vid]
			if !ok || r.Amount != tc.want.Amount || r.Source != tc.want.Source ||
				(tc.want.PriceID != "" && r.PriceID != tc.want.PriceID) || r.PriceID == "" {
				t.Errorf("%s %s: %+v, want %+v", tc.channel, tc.currency, r, tc.want)
			}
			if _, ok := got["variant_missing"]; ok {
				t.Errorf("%s %s: a missing variant has a price", tc.channel, tc.currency)
			}
		}
	})
}
