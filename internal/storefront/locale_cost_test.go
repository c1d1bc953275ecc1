package storefront_test

import (
	"fmt"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/shop"
	"channeld/internal/storefront"
)

// TestTranslationCost checks what a locale costs a page: one statement for the pricing
// channel's locales, and one for the page's translations only when a locale applies, however
// many products and variants the page holds.
func TestTranslationCost(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a := s.App
		counted := func(langs storefront.Languages) *countedFront {
			svc := storefront.NewService(a.DB, a.Products, a.Stock, langs)
			n := storefront.CountReads(svc)
			var tick uint64
			uncached := func() uint64 { tick++; return tick }
			return &countedFront{ts: serveStore(t, a, svc, uncached), n: n}
		}
		without := counted(storefront.Languages{})
		with := counted(storefront.Languages{Channels: a.Channels, Store: shop.NewLocaleReader(), Translations: a.Translations})

		sc := s.Post("/admin/sales-channels", M{"name": "FR", "supported_locales": A{M{"locale_code": "fr-FR", "is_default": true}}}).
			Must(200).String("sales_channel.id")
		_, token := s.PublishableKey("FR", sc)
		var create A
		for i := range 30 {
			p := s.Post("/admin/products", SizedProduct(fmt.Sprintf("P%02d", i), fmt.Sprintf("P%02d", i), sc)).Must(200)
			create = append(create, M{"reference_id": p.String("product.id"), "reference": "product", "locale_code": "fr-FR",
				"translations": M{"title": fmt.Sprintf("Produit %02d", i)}})
		}
		s.Post("/admin/translations/batch", M{"create": create}).Must(200)

		page := func(limit int) string { return fmt.Sprintf("/store/products?limit=%d&order=title", limit) }
		_, base := without.get(t, token, page(5))
		for _, c := range []struct {
			path string
			want int64
		}{
			{page(5) + "&locale=zz", base + 2}, // not offered: the default, fr-FR
			{page(30), base + 2},
			{page(5) + "&sales_channel_id=" + sc, base + 2},
		} {
			body, n := with.get(t, token, c.path)
			if n != c.want {
				t.Errorf("%s: %d statements, want %d", c.path, n, c.want)
			}
			if title := apitest.Lookup(body, "products.0.title"); title != "Produit 00" {
				t.Errorf("%s: first title %v, want it translated", c.path, title)
			}
		}
		// A channel without locales, asked for none: the channel's read, no translations.
		plain := s.Channel("Plain")
		_, plainToken := s.PublishableKey("Plain", plain)
		s.Post("/admin/products", SizedProduct("Plain", "PLAIN", plain)).Must(200)
		_, plainBase := without.get(t, plainToken, page(5))
		if _, n := with.get(t, plainToken, page(5)); n != plainBase+1 {
			t.Errorf("an untranslated page: %d statements, want %d", n, plainBase+1)
		}
	})
}
