package product_test

import (
	"context"
	"fmt"
	"slices"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/product"
)

// TestAdminListPlans explains every statement of the admin's product lists on a seeded
// catalogue and fails on a full scan of products, their channel links or listing rows,
// variants or prices, and, for pages walked in index order, on a sort that feeds the page.
func TestAdminListPlans(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a := s.App
		statements := product.RecordReads(a.Products)
		ch := func(name string) string {
			return s.Post("/admin/sales-channels", M{"name": name}).Must(200).String("sales_channel.id")
		}
		scA, scB := ch("A"), ch("B")
		var in product.BatchInput
		for i := range 1500 {
			title := fmt.Sprintf("Chair %04d", i)
			sku := title + "-S"
			in.Create = append(in.Create, product.CreateInput{Title: title, Status: []string{"draft", "published"}[i%2],
				Options: []product.OptionInput{{Title: "Size", Values: []string{"S"}}},
				Variants: []product.VariantInput{{Title: title + " S", SKU: &sku, Options: map[string]string{"Size": "S"},
					Prices: []product.PriceInput{{Amount: "10", CurrencyCode: "eur"}}}},
				SalesChannels: []string{[]string{scA, scB}[i%2]}})
		}
		if _, err := a.Products.Batch(context.Background(), in); err != nil {
			t.Fatal(err)
		}
		dbtest.Analyze(t, a.DB)
		guarded := []string{"product", "product_sales_channel", "product_listing", "product_variant", "price", "product_search"}
		for _, c := range []struct {
			name, filter string
			order        string
			walk         bool
		}{
			{"the catalogue by id", "", "", true},
			{"the catalogue newest first", "", "-created_at", true},
			{"the catalogue by title", "", "title", true},
			{"the catalogue by title, descending", "", "-title", true},
			{"one channel", "sales_channel_id=" + scA, "", true},
			{"two channels", "sales_channel_id=" + scA + "&sales_channel_id=" + scB, "", true},
			{"q", "q=hair%2001", "", false},
			{"q in a channel", "q=hair%2001&sales_channel_id=" + scB, "", false},
		} {
			t.Run(c.name, func(t *testing.T) {
				statements()
				s.Get("/admin/products?limit=5&offset=3&fields=id,title,*variants,*variants.prices,*sales_channels&order=" +
					c.order + "&" + c.filter).Must(200)
				for _, st := range statements() {
					p := dbtest.Explain(t, a.DB, st.SQL, st.Args)
					for _, table := range p.FullScans {
						if slices.Contains(guarded, table) {
							t.Errorf("full scan of %s in\n%s\nplan:\n%s", table, st.SQL, p.Text)
						}
					}
					if c.walk && p.NestedSorts > 0 {
						t.Errorf("a sort feeding the page in\n%s\nplan:\n%s", st.SQL, p.Text)
					}
				}
			})
		}
	})
}
