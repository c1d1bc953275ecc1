package shop_test

import (
	"testing"

	"channeld/internal/apitest"
)

func TestStoreLocales(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		storeID := apitest.Scalar[string](t, srv, `SELECT id FROM store`)
		path := "/admin/stores/" + storeID
		opted := path + "?fields=id,*supported_locales"
		apitest.Run(t, srv, []apitest.Case{
			{Name: "none at first", Method: "GET", Path: opted, Status: 200,
				Exact: `{"store":{"id":"` + storeID + `","supported_locales":[]}}`},
			{Name: "written canonical, read in code order", Method: "POST", Path: opted,
				Body: M{"supported_locales": A{M{"locale_code": "fr-fr"}, M{"locale_code": "EN-us"}}}, Status: 200,
				Want: M{"store": M{"id": storeID, "supported_locales": A{
					M{"locale_code": "en-US", "store_id": storeID, "created_at": apitest.Any, "updated_at": apitest.Any, "deleted_at": nil},
					M{"locale_code": "fr-FR", "store_id": storeID, "created_at": apitest.Any, "updated_at": apitest.Any, "deleted_at": nil},
				}}}},
			{Name: "opt-in", Method: "GET", Path: path, Status: 200,
				Want: M{"store": M{"id": storeID, "name": "Medusa Store", "supported_locales": apitest.Absent}}},
			{Name: "with the linked locale", Method: "GET", Path: path + "?fields=id,supported_locales.locale_code,*supported_locales.locale", Status: 200,
				Exact: `{"store":{"id":"` + storeID + `","supported_locales":[` +
					`{"locale_code":"en-US","locale":{"code":"en-US","name":"English (United States)"}},` +
					`{"locale_code":"fr-FR","locale":{"code":"fr-FR","name":"French (France)"}}]}}`},
			{Name: "E6", Method: "POST", Path: path, Body: M{"supported_locales": A{M{"locale_code": "en_US"}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Locale code en_US is not a valid BCP 47 tag")},
			{Name: "duplicate, as Medusa words it", Method: "POST", Path: path,
				Body: M{"supported_locales": A{M{"locale_code": "de-DE"}, M{"locale_code": "DE-de"}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Duplicate locale codes: de-DE")},
			{Name: "entries need a code", Method: "POST", Path: path, Body: M{"supported_locales": A{M{}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Field 'supported_locales, 0, locale_code' is required")},
			{Name: "refusals changed nothing", Method: "GET", Path: path + "?fields=supported_locales.locale_code", Status: 200,
				Exact: `{"store":{"supported_locales":[{"locale_code":"en-US"},{"locale_code":"fr-FR"}],"id":"` + storeID + `"}}`},
			{Name: "replaced", Method: "POST", Path: path + "?fields=supported_locales.locale_code",
				Body: M{"supported_locales": A{M{"locale_code": "fr-FR"}, M{"locale_code": "de-DE"}}}, Status: 200,
				Exact: `{"store":{"supported_locales":[{"locale_code":"de-DE"},{"locale_code":"fr-FR"}],"id":"` + storeID + `"}}`},
			{Name: "an update without the field keeps them", Method: "POST", Path: path + "?fields=supported_locales.locale_code",
				Body: M{"name": "Shop"}, Status: 200,
				Exact: `{"store":{"supported_locales":[{"locale_code":"de-DE"},{"locale_code":"fr-FR"}],"id":"` + storeID + `"}}`},
			{Name: "cleared", Method: "POST", Path: opted, Body: M{"supported_locales": A{}}, Status: 200,
				Exact: `{"store":{"id":"` + storeID + `","supported_locales":[]}}`},
		})
	})
}
