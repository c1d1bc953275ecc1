package storefront_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// inLocale is the headers of a store request with the key's token and Medusa's locale header.
func inLocale(token, locale string) map[string]string {
	h := KeyHeader(token)
	h["x-medusa-locale"] = locale
	return h
}

// titles is a Want for a product named title, with subtitle and description, whose variants
// are named variants.
func titles(title, subtitle, description string, variants ...string) M {
	vs := A{}
	for _, v := range variants {
		vs = append(vs, M{"title": v})
	}
	return M{"title": title, "subtitle": subtitle, "description": description, "variants": vs}
}

// TestStoreProductsInLocale checks the storefront's locale (channel-model.md §6): the
// parameter, else the header, else the channel's default; a locale the channel does not offer
// falls back to the default, a field without a translation to the original, and the page
// cache keeps each locale's page apart.
func TestStoreProductsInLocale(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		storeID := apitest.Scalar[string](t, s, `SELECT id FROM store`)
		s.Post("/admin/stores/"+storeID, M{"supported_locales": A{M{"locale_code": "de-DE"}, M{"locale_code": "en-US"}, M{"locale_code": "fr-FR"}}}).Must(200)
		fr := s.Post("/admin/sales-channels", M{"name": "FR", "supported_locales": A{
			M{"locale_code": "fr-FR", "is_default": true}, M{"locale_code": "en-US"}}}).Must(200).String("sales_channel.id")
		plain := s.Channel("Plain")
		_, keyFR := s.PublishableKey("FR", fr)
		_, keyPlain := s.PublishableKey("Plain", plain)
		_, keyBoth := s.PublishableKey("Both", fr, plain)
		body := SizedProduct("Lamp", "LAMP", fr, plain)
		body["subtitle"], body["description"] = "Bright", "A lamp"
		p := s.Post("/admin/products", body).Must(200)
		lamp, small := p.String("product.id"), p.String("product.variants.0.id")
		s.Post("/admin/translations/batch", M{"create": A{
			M{"reference_id": lamp, "reference": "product", "locale_code": "fr-FR", "translations": M{"title": "Lampe", "description": "Une lampe"}},
			M{"reference_id": small, "reference": "product_variant", "locale_code": "fr-FR", "translations": M{"title": "Lampe S"}},
			M{"reference_id": lamp, "reference": "product", "locale_code": "de-DE", "translations": M{"title": "Leuchte"}},
		}}).Must(200)

		french := titles("Lampe", "Bright", "Une lampe", "Lampe S", "Lamp M")
		german := titles("Leuchte", "Bright", "A lamp", "Lamp S", "Lamp M")
		original := titles("Lamp", "Bright", "A lamp", "Lamp S", "Lamp M")
		list := "/store/products?fields=title,subtitle,description,*variants"
		one := "/store/products/" + lamp + "?fields=title,subtitle,description,*variants"
		Run(t, s, []Case{
			{Name: "the channel's default", Method: "GET", Path: list, Headers: KeyHeader(keyFR), Status: 200, Want: M{"products": A{french}}},
			{Name: "a locale it offers, untranslated, reads the originals", Method: "GET", Path: list + "&locale=en-US", Headers: KeyHeader(keyFR), Status: 200,
				Want: M{"products": A{original}}},
			{Name: "a locale it does not offer reads the default", Method: "GET", Path: list + "&locale=de-DE", Headers: KeyHeader(keyFR), Status: 200,
				Want: M{"products": A{french}}},
			{Name: "by the header", Method: "GET", Path: list, Headers: inLocale(keyFR, "en-us"), Status: 200, Want: M{"products": A{original}}},
			{Name: "the parameter before the header", Method: "GET", Path: list + "&locale=fr-FR", Headers: inLocale(keyFR, "en-US"), Status: 200,
				Want: M{"products": A{french}}},
			{Name: "a tag that is not one is ignored", Method: "GET", Path: list + "&locale=en_US", Headers: KeyHeader(keyFR), Status: 200,
				Want: M{"products": A{french}}},
			{Name: "a channel without locales reads any", Method: "GET", Path: list + "&locale=de-de", Headers: KeyHeader(keyPlain), Status: 200,
				Want: M{"products": A{german}}},
			{Name: "and the originals without one", Method: "GET", Path: list, Headers: KeyHeader(keyPlain), Status: 200, Want: M{"products": A{original}}},
			// The page cache answers repeated pages; the same path in another header's locale is
			// another page.
			{Name: "cached page, German header", Method: "GET", Path: list, Headers: inLocale(keyPlain, "de-DE"), Status: 200, Want: M{"products": A{german}}},
			{Name: "cached page, French header", Method: "GET", Path: list, Headers: inLocale(keyPlain, "fr-FR"), Status: 200, Want: M{"products": A{french}}},
			{Name: "cached page, no header", Method: "GET", Path: list, Headers: KeyHeader(keyPlain), Status: 200, Want: M{"products": A{original}}},
			{Name: "cached page, German again", Method: "GET", Path: list, Headers: inLocale(keyPlain, "de-DE"), Status: 200, Want: M{"products": A{german}}},
			{Name: "two channels: no default", Method: "GET", Path: list, Headers: KeyHeader(keyBoth), Status: 200, Want: M{"products": A{original}}},
			{Name: "two channels, one asked: its default", Method: "GET", Path: list + "&sales_channel_id=" + fr, Headers: KeyHeader(keyBoth), Status: 200,
				Want: M{"products": A{french}}},
			{Name: "one product by the parameter", Method: "GET", Path: one + "&locale=de-DE", Headers: KeyHeader(keyPlain), Status: 200,
				Want: M{"product": german}},
			{Name: "one product by the header", Method: "GET", Path: one, Headers: inLocale(keyPlain, "fr-FR"), Status: 200,
				Want: M{"product": french}},
			{Name: "one product in the default", Method: "GET", Path: one, Headers: KeyHeader(keyFR), Status: 200, Want: M{"product": french}},
			{Name: "one product, a locale not offered", Method: "GET", Path: one, Headers: inLocale(keyFR, "de-DE"), Status: 200, Want: M{"product": french}},
			{Name: "one product, untranslated", Method: "GET", Path: one + "&locale=en-US", Headers: KeyHeader(keyFR), Status: 200, Want: M{"product": original}},
		})
		s.Post("/admin/translations/batch", M{"create": A{
			M{"reference_id": lamp, "reference": "product", "locale_code": "en-US", "translations": M{"subtitle": "Shiny"}}}}).Must(200)
		Run(t, s, []Case{
			{Name: "a new translation shows at once", Method: "GET", Path: list + "&locale=en-US", Headers: KeyHeader(keyFR), Status: 200,
				Want: M{"products": A{titles("Lamp", "Shiny", "A lamp", "Lamp S", "Lamp M")}}},
		})
	})
}

// TestStoreLocales checks GET /store/locales: the key's channel's locales when it has any,
// else the store's.
func TestStoreLocales(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		storeID := apitest.Scalar[string](t, s, `SELECT id FROM store`)
		plain := s.Channel("Plain")
		_, keyPlain := s.PublishableKey("Plain", plain)
		Run(t, s, []Case{
			{Name: "nothing anywhere", Method: "GET", Path: "/store/locales", Headers: KeyHeader(keyPlain), Status: 200, Exact: `{"locales":[]}`},
		})
		s.Post("/admin/stores/"+storeID, M{"supported_locales": A{M{"locale_code": "fr-FR"}, M{"locale_code": "en-US"}, M{"locale_code": "de-CH"}}}).Must(200)
		fr := s.Post("/admin/sales-channels", M{"name": "FR", "supported_locales": A{
			M{"locale_code": "fr-FR", "is_default": true}, M{"locale_code": "en-US"}}}).Must(200).String("sales_channel.id")
		_, keyFR := s.PublishableKey("FR", fr)
		_, keyBoth := s.PublishableKey("Both", fr, plain)
		store := `{"locales":[{"code":"de-CH","name":"German (Switzerland)"},{"code":"en-US","name":"English (United States)"},{"code":"fr-FR","name":"French (France)"}]}`
		channel := `{"locales":[{"code":"en-US","name":"English (United States)"},{"code":"fr-FR","name":"French (France)"}]}`
		Run(t, s, []Case{
			{Name: "a configured channel", Method: "GET", Path: "/store/locales", Headers: KeyHeader(keyFR), Status: 200, Exact: channel},
			{Name: "an unconfigured channel", Method: "GET", Path: "/store/locales", Headers: KeyHeader(keyPlain), Status: 200, Exact: store},
			{Name: "two channels", Method: "GET", Path: "/store/locales", Headers: KeyHeader(keyBoth), Status: 200, Exact: store},
			{Name: "two channels, one asked", Method: "GET", Path: "/store/locales?sales_channel_id=" + fr, Headers: KeyHeader(keyBoth), Status: 200, Exact: channel},
			{Name: "a channel not in the key", Method: "GET", Path: "/store/locales?sales_channel_id=" + plain, Headers: KeyHeader(keyFR), Status: 400,
				Exact: ErrBody("invalid_data", "Requested sales channel is not part of the publishable key")},
			{Name: "a key is required", Method: "GET", Path: "/store/locales", Status: 400, Check: WantType("not_allowed")},
		})
	})
}
