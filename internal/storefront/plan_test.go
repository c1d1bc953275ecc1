package storefront_test

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/product"
	"channeld/internal/storefront"
)

// guarded are the tables no storefront statement may read whole: a page must cost what it
// holds, not what the catalogue holds.
var guarded = []string{"product", "product_sales_channel", "product_listing", "product_variant", "price",
	"product_option", "product_option_value", "product_variant_option", "product_search",
	"product_variant_inventory_item", "inventory_level", "sales_channel_stock_location",
	"product_tags", "product_image", "product_category_product"}

// TestStorefrontPlans explains every statement of the storefront's reads on a seeded catalogue
// and fails on a full scan of a catalogue table, or, for unfiltered pages, on a sort below the
// statement's top level (the scope sorted to take one page of it).
func TestStorefrontPlans(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a := s.App
		svc := storefront.NewService(a.DB, a.Products, a.Stock, storefront.Languages{})
		statements := storefront.RecordReads(svc)
		var tick uint64
		uncached := func() uint64 { tick++; return tick }
		ts := serveStore(t, a, svc, uncached)

		ch := func(name string) string {
			return s.Post("/admin/sales-channels", M{"name": name}).Must(200).String("sales_channel.id")
		}
		scA, scB := ch("A"), ch("B")
		_, keyA := s.PublishableKey("A", scA)
		_, keyAB := s.PublishableKey("AB", scA, scB)
		eur := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
		var first string
		for i := range 12 {
			id := s.Post("/admin/products", SizedProduct(fmt.Sprintf("Lamp %02d", i), fmt.Sprintf("Lamp %02d", i), []string{scA, scB}[i%2])).
				Must(200).String("product.id")
			if first == "" {
				first = id
			}
		}
		stocked(t, s, first, scA, scB)
		bulk(t, a.Products, 1500, scA, scB)
		// The first lamp is in a collection, a type, a tag and a category, which filters name.
		col := s.Post("/admin/collections", M{"title": "Lamps"}).Must(200).String("collection.id")
		typ := s.Post("/admin/product-types", M{"value": "Lamp"}).Must(200).String("product_type.id")
		tag := s.Post("/admin/product-tags", M{"value": "brass"}).Must(200).String("product_tag.id")
		cat := s.Post("/admin/product-categories", M{"name": "Lighting", "is_active": true}).Must(200).String("product_category.id")
		s.Post("/admin/products/"+first, M{"collection_id": col, "type_id": typ, "tags": A{M{"id": tag}}, "categories": A{M{"id": cat}},
			"images": A{M{"url": "https://img.test/lamp.png"}}}).Must(200)
		dbtest.Analyze(t, a.DB)

		priced := "&region_id=" + eur + "&fields=%2Bvariants.calculated_price,%2Bvariants.inventory_quantity"
		for _, c := range []struct {
			name, path, key string
			walk            bool // an unfiltered page: no sort below the top level either
		}{
			{"one channel", "/store/products?limit=3&offset=2", keyA, true},
			{"by created_at", "/store/products?limit=3&offset=2&order=created_at", keyA, true},
			{"by -created_at", "/store/products?limit=3&offset=2&order=-created_at", keyA, true},
			{"by title", "/store/products?limit=3&offset=2&order=title", keyA, true},
			{"by -title", "/store/products?limit=3&offset=2&order=-title", keyA, true},
			{"two channels merged", "/store/products?limit=3&offset=2", keyAB, true},
			{"two channels by -created_at", "/store/products?limit=3&offset=2&order=-created_at", keyAB, true},
			{"priced and stocked", "/store/products?limit=3" + priced, keyA, true},
			{"q", "/store/products?limit=3&q=amp%200", keyAB, false},
			{"ids", "/store/products?id[]=" + first + "&id[]=prod_x", keyAB, false},
			{"handle", "/store/products?handle=lamp-01", keyAB, false},
			{"collection", "/store/products?collection_id[]=" + col, keyAB, false},
			{"type", "/store/products?type_id[]=" + typ, keyAB, false},
			{"tag", "/store/products?tag_id[]=" + tag, keyAB, false},
			{"category", "/store/products?category_id[]=" + cat, keyAB, false},
			{"one product", "/store/products/" + first + "?region_id=" + eur + "&fields=%2Bvariants.calculated_price", keyA, false},
		} {
			t.Run(c.name, func(t *testing.T) {
				statements()
				req, _ := http.NewRequest("GET", ts.URL+c.path, nil)
				req.Header.Set("x-publishable-api-key", c.key)
				res, err := ts.Client().Do(req)
				if err != nil {
					t.Fatal(err)
				}
				res.Body.Close()
				if res.StatusCode != 200 {
					t.Fatalf("status %d", res.StatusCode)
				}
				for _, st := range statements() {
					p := dbtest.ExplainGeneric(t, a.DB, st.SQL, st.Args)
					if testing.Verbose() {
						t.Logf("%s\n%s", st.SQL, p.Text)
					}
					for _, table := range p.FullScans {
						if contains(guarded, table) {
							t.Errorf("full scan of %s in\n%s\nplan:\n%s", table, st.SQL, p.Text)
						}
					}
					if c.walk && p.NestedSorts > 0 {
						t.Errorf("a sort below the top level in\n%s\nplan:\n%s", st.SQL, p.Text)
					}
				}
			})
		}
	})
}

// bulk adds n published products with two priced variants, alternately in each of chans, in
// one batch: enough rows that PostgreSQL's planner, given statistics, reads the page's rows
// through indexes rather than whole tables, which it rightly prefers for a dozen rows.
func bulk(t *testing.T, products *product.Service, n int, chans ...string) {
	t.Helper()
	var in product.BatchInput
	for i := range n {
		title := fmt.Sprintf("Bulk %04d", i)
		variant := func(size string) product.VariantInput {
			sku := title + "-" + size
			return product.VariantInput{Title: title + " " + size, SKU: &sku, Options: map[string]string{"Size": size},
				Prices: []product.PriceInput{{Amount: "10", CurrencyCode: "eur"}}}
		}
		in.Create = append(in.Create, product.CreateInput{Title: title, Status: product.StatusPublished,
			Options:       []product.OptionInput{{Title: "Size", Values: []string{"S", "M"}}},
			Variants:      []product.VariantInput{variant("S"), variant("M")},
			SalesChannels: []string{chans[i%len(chans)]}})
	}
	if _, err := products.Batch(context.Background(), in); err != nil {
		t.Fatal(err)
	}
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if strings.EqualFold(x, s) {
			return true
		}
	}
	return false
}
