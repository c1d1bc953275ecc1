package pricing_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	. "channeld/internal/apitest"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/pricing"
	"channeld/internal/product"
)

// TestPriceTablePlans explains every statement of narrow reads of a channel's price table on
// a seeded catalogue, and fails on a full scan of variants, products, their channel links or
// prices: a filtered page costs the same whatever the catalogue's size.
func TestPriceTablePlans(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		a := s.App
		statements := pricing.RecordReads(a.Pricing)
		open, eur := s.Channel("Open"), configuredChannel(s, "EUR", "eur", "usd")
		var in product.BatchInput
		for i := range 1500 {
			title := fmt.Sprintf("Chair %04d", i)
			in.Create = append(in.Create, product.CreateInput{Title: title, Status: "published",
				Options: []product.OptionInput{{Title: "Size", Values: []string{"S"}}},
				Variants: []product.VariantInput{{Title: title + " S", Options: map[string]string{"Size": "S"},
					Prices: []product.PriceInput{{Amount: "10", CurrencyCode: "eur"}}}},
				SalesChannels: []string{open, eur}})
		}
		res, err := a.Products.Batch(context.Background(), in)
		if err != nil {
			t.Fatal(err)
		}
		pid := res.Created[700]
		vid := s.Get("/admin/products/" + pid + "?fields=id,*variants").Must(200).String("product.variants.0.id")
		s.Post("/admin/sales-channels/"+open+"/price-inheritance", M{"currency_code": "usd", "source_sales_channel_id": nil,
			"source_currency_code": "eur", "factor": 1.1}).Must(200)
		dbtest.Analyze(t, a.DB)
		guarded := []string{"product", "product_sales_channel", "product_variant", "price"}
		for _, c := range []struct {
			name, path string
			count      int
		}{
			{"a variant", "/admin/sales-channels/" + open + "/prices?variant_id=" + vid, 2},
			{"a product", "/admin/sales-channels/" + open + "/prices?product_id=" + pid, 2},
			{"a variant, configured", "/admin/sales-channels/" + eur + "/prices?variant_id=" + vid, 2},
			{"a variant by source", "/admin/sales-channels/" + open + "/prices?variant_id=" + vid + "&source=inherited", 1},
		} {
			t.Run(c.name, func(t *testing.T) {
				statements()
				r := s.Get(c.path).Must(200)
				if r.Int("count") != c.count {
					t.Errorf("count %d, want %d: %s", r.Int("count"), c.count, r.Body)
				}
				for _, st := range statements() {
					p := dbtest.Explain(t, a.DB, st.SQL, st.Args)
					for _, table := range p.FullScans {
						if slices.Contains(guarded, table) {
							t.Errorf("full scan of %s in\n%s\nplan:\n%s", table, st.SQL, p.Text)
						}
					}
				}
			})
		}
	})
}
