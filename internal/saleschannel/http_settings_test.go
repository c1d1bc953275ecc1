package saleschannel_test

import (
	"testing"

	"channeld/internal/apitest"
)

func TestChannelSettings(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		const settings = "?fields=id,+default_currency_code,*supported_currencies,+default_locale_code,*supported_locales"
		eu := s.Post("/admin/sales-channels", M{"name": "EU",
			"supported_currencies": A{M{"currency_code": "EUR", "is_default": true}, M{"currency_code": "gbp", "is_tax_inclusive": true}},
			"supported_locales":    A{M{"locale_code": "de-de", "is_default": true}, M{"locale_code": "en-GB"}},
		}).Must(200).String("sales_channel.id")
		plain := s.Channel("Medusa-made")
		apitest.Run(t, s, []apitest.Case{
			{Name: "settings on request", Method: "GET", Path: "/admin/sales-channels/" + eu + settings, Status: 200,
				Exact: `{"sales_channel":{"id":"` + eu + `","default_currency_code":"eur","supported_currencies":[` +
					`{"currency_code":"eur","is_default":true,"is_tax_inclusive":false},{"currency_code":"gbp","is_default":false,"is_tax_inclusive":true}],` +
					`"default_locale_code":"de-DE","supported_locales":[{"locale_code":"de-DE","is_default":true},{"locale_code":"en-GB","is_default":false}]}}`},
			{Name: "not by default", Method: "GET", Path: "/admin/sales-channels/" + eu, Status: 200,
				Want: M{"sales_channel": M{"id": eu, "supported_currencies": apitest.Absent, "default_currency_code": apitest.Absent}}},
			{Name: "a channel without settings", Method: "GET", Path: "/admin/sales-channels/" + plain + settings, Status: 200,
				Exact: `{"sales_channel":{"id":"` + plain + `","default_currency_code":null,"supported_currencies":[],"default_locale_code":null,"supported_locales":[]}}`},
			{Name: "switching the default moves only the flag", Method: "POST", Path: "/admin/sales-channels/" + eu + "?fields=id,*supported_currencies",
				Body: M{"default_currency_code": "gbp"}, Status: 200,
				Exact: `{"sales_channel":{"id":"` + eu + `","supported_currencies":[{"currency_code":"eur","is_default":false,"is_tax_inclusive":false},` +
					`{"currency_code":"gbp","is_default":true,"is_tax_inclusive":true}]}}`},
			{Name: "a new default is added", Method: "POST", Path: "/admin/sales-channels/" + plain + "?fields=id,+default_currency_code,*supported_currencies",
				Body: M{"default_currency_code": "usd"}, Status: 200,
				Exact: `{"sales_channel":{"id":"` + plain + `","default_currency_code":"usd","supported_currencies":[{"currency_code":"usd","is_default":true,"is_tax_inclusive":false}]}}`},
			{Name: "E3", Method: "POST", Path: "/admin/sales-channels/" + eu, Body: M{"supported_currencies": A{M{"currency_code": "abc", "is_default": true}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Currency code abc is not a known ISO 4217 currency")},
			{Name: "E4", Method: "POST", Path: "/admin/sales-channels", Body: M{"name": "X", "supported_currencies": A{M{"currency_code": "eur", "is_default": true}, M{"currency_code": "EUR"}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Currency eur is listed more than once in supported_currencies")},
			{Name: "E5", Method: "POST", Path: "/admin/sales-channels/" + eu, Body: M{"supported_currencies": A{M{"currency_code": "eur", "is_default": true}}, "default_currency_code": "gbp"}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "default_currency_code gbp conflicts with is_default on eur")},
			{Name: "E2", Method: "POST", Path: "/admin/sales-channels/" + eu, Body: M{"name": "Renamed", "supported_currencies": A{M{"currency_code": "eur"}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Exactly one supported currency must be the default, got 0")},
			{Name: "nothing written on a refusal", Method: "GET", Path: "/admin/sales-channels/" + eu + "?fields=name,+default_currency_code", Status: 200,
				Exact: `{"sales_channel":{"id":"` + eu + `","name":"EU","default_currency_code":"gbp"}}`},
			{Name: "E6", Method: "POST", Path: "/admin/sales-channels/" + eu, Body: M{"default_locale_code": "en_US"}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Locale code en_US is not a valid BCP 47 tag")},
			{Name: "E7", Method: "POST", Path: "/admin/sales-channels/" + eu, Body: M{"supported_locales": A{M{"locale_code": "en-US", "is_default": true}, M{"locale_code": "EN-us"}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Locale en-US is listed more than once in supported_locales")},
			{Name: "E8", Method: "POST", Path: "/admin/sales-channels/" + eu, Body: M{"supported_locales": A{M{"locale_code": "en-US"}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Exactly one supported locale must be the default, got 0")},
			{Name: "the channel is found first", Method: "POST", Path: "/admin/sales-channels/sc_nope", Body: M{"default_currency_code": "abc"}, Status: 404,
				Exact: apitest.ErrBody("not_found", `Sales channel with id "sc_nope" not found`)},
			{Name: "a set's entry is strict", Method: "POST", Path: "/admin/sales-channels/" + eu, Body: M{"supported_currencies": A{M{"currency_code": "eur", "is_default": true, "rate": 1}}}, Status: 400,
				Check: apitest.WantType("invalid_data")},
			{Name: "clearing", Method: "POST", Path: "/admin/sales-channels/" + eu + "?fields=id,+default_currency_code,*supported_currencies", Body: M{"supported_currencies": A{}}, Status: 200,
				Exact: `{"sales_channel":{"id":"` + eu + `","default_currency_code":null,"supported_currencies":[]}}`},
			{Name: "delete", Method: "DELETE", Path: "/admin/sales-channels/" + plain, Status: 200},
		})
		if n := apitest.Scalar[int](t, s, `SELECT count(*) FROM sales_channel_currency WHERE sales_channel_id = $1`, plain); n != 0 {
			t.Errorf("a deleted channel keeps %d currencies", n)
		}
		if n := apitest.Scalar[int](t, s, `SELECT count(*) FROM sales_channel_locale WHERE sales_channel_id = $1`, eu); n != 2 {
			t.Errorf("the EU channel has %d locales, want 2", n)
		}
	})
}

// TestChannelLocalesInStore checks E9: once the store lists locales, a channel serves only
// some of them, on create and on update, whichever field names the locale.
func TestChannelLocalesInStore(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		storeID := apitest.Scalar[string](t, s, `SELECT id FROM store`)
		anyTag := s.Post("/admin/sales-channels", M{"name": "Before", "default_locale_code": "nl-NL"}).Must(200).String("sales_channel.id")
		s.Post("/admin/stores/"+storeID, M{"supported_locales": A{M{"locale_code": "en-US"}, M{"locale_code": "fr-FR"}}}).Must(200)
		fr := s.Channel("FR")
		const locales = "?fields=id,+default_locale_code,*supported_locales"
		apitest.Run(t, s, []apitest.Case{
			{Name: "create outside the store", Method: "POST", Path: "/admin/sales-channels",
				Body: M{"name": "DE", "supported_locales": A{M{"locale_code": "de-DE", "is_default": true}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Locale de-DE is not supported by the store")},
			{Name: "create inside the store", Method: "POST", Path: "/admin/sales-channels" + locales,
				Body: M{"name": "US", "default_locale_code": "en-us"}, Status: 200,
				Want: M{"sales_channel": M{"default_locale_code": "en-US", "supported_locales": A{M{"locale_code": "en-US", "is_default": true}}}}},
			{Name: "update with one outside", Method: "POST", Path: "/admin/sales-channels/" + fr,
				Body: M{"supported_locales": A{M{"locale_code": "fr-FR", "is_default": true}, M{"locale_code": "de-DE"}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Locale de-DE is not supported by the store")},
			{Name: "a default outside", Method: "POST", Path: "/admin/sales-channels/" + fr, Body: M{"default_locale_code": "it-IT"}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Locale it-IT is not supported by the store")},
			{Name: "E6 comes before E9", Method: "POST", Path: "/admin/sales-channels/" + fr, Body: M{"default_locale_code": "it_IT"}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Locale code it_IT is not a valid BCP 47 tag")},
			{Name: "nothing was written", Method: "GET", Path: "/admin/sales-channels/" + fr + locales, Status: 200,
				Exact: `{"sales_channel":{"id":"` + fr + `","default_locale_code":null,"supported_locales":[]}}`},
			{Name: "update inside the store, any case", Method: "POST", Path: "/admin/sales-channels/" + fr + locales,
				Body: M{"supported_locales": A{M{"locale_code": "FR-fr", "is_default": true}, M{"locale_code": "en-US"}}}, Status: 200,
				Exact: `{"sales_channel":{"id":"` + fr + `","default_locale_code":"fr-FR","supported_locales":[` +
					`{"locale_code":"en-US","is_default":false},{"locale_code":"fr-FR","is_default":true}]}}`},
			{Name: "an update without locales leaves an older channel alone", Method: "POST", Path: "/admin/sales-channels/" + anyTag,
				Body: M{"name": "Before, renamed"}, Status: 200},
			{Name: "but its locales are checked when written", Method: "POST", Path: "/admin/sales-channels/" + anyTag,
				Body: M{"default_locale_code": "en-US"}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Locale nl-NL is not supported by the store")},
		})
	})
}
