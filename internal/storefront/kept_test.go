package storefront_test

import (
	"fmt"
	"net/http"
	"strings"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/shop"
	"channeld/internal/storefront"
)

// TestChannelLocalesKept checks that pages nobody asked before read their channel's locales
// once, not on every page, and that a change to the channel's locales shows on the very next
// page.
func TestChannelLocalesKept(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a := s.App
		svc := storefront.NewService(a.DB, a.Products, a.Stock,
			storefront.Languages{Channels: a.Channels, Store: shop.NewLocaleReader(), Translations: a.Translations})
		statements := storefront.RecordReads(svc)
		ts := serveStore(t, a, svc, a.DB.Commits)

		sc := s.Post("/admin/sales-channels", M{"name": "FR", "supported_locales": A{M{"locale_code": "fr-FR", "is_default": true}}}).
			Must(200).String("sales_channel.id")
		_, token := s.PublishableKey("FR", sc)
		id := s.Post("/admin/products", SizedProduct("Lamp", "LAMP", sc)).Must(200).String("product.id")
		s.Post("/admin/translations/batch", M{"create": A{M{"reference_id": id, "reference": "product", "locale_code": "fr-FR",
			"translations": M{"title": "Lampe"}}}}).Must(200)

		// page reads a page nobody asked before and tells whether it read the channel's locales.
		page := func(path, wantTitle string) (readLocales bool) {
			t.Helper()
			statements()
			body := storeGet(t, ts, token, path)
			if got := Lookup(body, "products.0.title"); got != wantTitle {
				t.Errorf("%s: title %v, want %q", path, got, wantTitle)
			}
			for _, st := range statements() {
				readLocales = readLocales || strings.Contains(st.SQL, "FROM sales_channel_locale")
			}
			return readLocales
		}
		if !page("/store/products?limit=1", "Lampe") {
			t.Error("the first page did not read the channel's locales")
		}
		if page("/store/products?limit=2", "Lampe") {
			t.Error("the second page read the channel's locales again")
		}
		// English becomes the channel's default: the next page is written in the original.
		s.Post("/admin/sales-channels/"+sc, M{"supported_locales": A{M{"locale_code": "en-US", "is_default": true}}}).Must(200)
		if !page("/store/products?limit=3", "Lamp") {
			t.Error("the page after the change did not read the channel's locales")
		}
	})
}

// TestPricingContextKept checks that priced pages nobody asked before read their pricing
// context once, not on every page, and again after a write.
func TestPricingContextKept(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a := s.App
		svc := storefront.NewService(a.DB, a.Products, a.Stock, storefront.Languages{})
		statements := storefront.RecordReads(svc)
		ts := serveStore(t, a, svc, a.DB.Commits)

		sc := s.Channel("Web")
		_, token := s.PublishableKey("Web", sc)
		region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
		id := s.Post("/admin/products", SizedProduct("Lamp", "LAMP", sc)).Must(200).String("product.id")
		priced := "&region_id=" + region + "&fields=%2Bvariants.calculated_price"

		// page reads a priced page nobody asked before and tells whether it read its context.
		page := func(limit int) (readContext bool) {
			t.Helper()
			statements()
			body := storeGet(t, ts, token, fmt.Sprintf("/store/products?limit=%d%s", limit, priced))
			if got := Lookup(body, "products.0.variants.0.calculated_price.currency_code"); got != "eur" {
				t.Errorf("limit %d: calculated price in %v, want eur", limit, got)
			}
			for _, st := range statements() {
				readContext = readContext || strings.Contains(st.SQL, "WITH RECURSIVE candidates")
			}
			return readContext
		}
		if !page(1) {
			t.Error("the first priced page did not read its pricing context")
		}
		if page(2) {
			t.Error("the second priced page read its pricing context again")
		}
		s.Post("/admin/products/"+id, M{"title": "Desk lamp"}).Must(200)
		if !page(3) {
			t.Error("the priced page after a write did not read its pricing context")
		}
		// A missing region is refused every time, not only when first read.
		for range 2 {
			req, _ := http.NewRequest("GET", ts.URL+"/store/products?limit=4&region_id=reg_nope&fields=%2Bvariants.calculated_price", nil)
			req.Header.Set("x-publishable-api-key", token)
			res, err := ts.Client().Do(req)
			if err != nil {
				t.Fatal(err)
			}
			res.Body.Close()
			if res.StatusCode != 404 {
				t.Errorf("a missing region: status %d, want 404", res.StatusCode)
			}
		}
	})
}
