package storefront_test

import (
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
