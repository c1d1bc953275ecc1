package region_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestAdminRegions(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		eu := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "EUR", "countries": []string{"DE", "fr"},
			"payment_providers": []string{"pp_system_default"}}).Must(200)
		euID := eu.String("region.id")
		Run(t, s, []Case{
			{Name: "created", Method: "GET", Path: "/admin/regions/" + euID, Status: 200, Want: M{"region": M{
				"id": euID, "name": "Europe", "currency_code": "eur", "automatic_taxes": true, "metadata": nil,
				"deleted_at": nil, "created_at": Any, "updated_at": Any,
				"countries": A{
					M{"iso_2": "de", "iso_3": "deu", "num_code": "276", "display_name": "Germany", "region_id": euID},
					M{"iso_2": "fr", "iso_3": "fra", "display_name": "France", "region_id": euID},
				},
			}}},
			{Name: "minimal create", Method: "POST", Path: "/admin/regions", Body: M{"name": "US", "currency_code": "usd"}, Status: 200,
				Want: M{"region": M{"currency_code": "usd", "countries": A{}, "automatic_taxes": true}}},
			{Name: "providers on request", Method: "GET", Path: "/admin/regions/" + euID + "?fields=id,*payment_providers", Status: 200,
				Exact: `{"region":{"id":"` + euID + `","payment_providers":[{"id":"pp_system_default","is_enabled":true}]}}`},
			{Name: "country taken", Method: "POST", Path: "/admin/regions", Body: M{"name": "X", "currency_code": "eur", "countries": []string{"de", "it"}},
				Status: 400, Exact: `{"type":"invalid_data","message":"Countries with codes: \"de\" are already assigned to a region"}`},
			{Name: "unknown country", Method: "POST", Path: "/admin/regions", Body: M{"name": "X", "currency_code": "eur", "countries": []string{"zz"}},
				Status: 400, Exact: `{"type":"invalid_data","message":"Countries with codes: \"zz\" do not exist"}`},
			{Name: "bad currency", Method: "POST", Path: "/admin/regions", Body: M{"name": "X", "currency_code": "xyz"},
				Status: 400, Exact: `{"type":"invalid_data","message":"Currency code xyz is not a valid ISO 4217 currency"}`},
			{Name: "currency required", Method: "POST", Path: "/admin/regions", Body: M{"name": "X"},
				Status: 400, Exact: `{"type":"invalid_data","message":"Invalid request: Field 'currency_code' is required"}`},
			{Name: "missing", Method: "GET", Path: "/admin/regions/reg_nope", Status: 404,
				Exact: `{"type":"not_found","message":"Region with id: reg_nope was not found"}`},
			{Name: "list by currency", Method: "GET", Path: "/admin/regions?currency_code=eur&fields=id,name", Status: 200,
				Exact: `{"regions":[{"id":"` + euID + `","name":"Europe"}],"count":1,"offset":0,"limit":20}`},
			{Name: "list q", Method: "GET", Path: "/admin/regions?q=eur", Status: 200, Want: M{"count": 1, "regions": A{M{"id": euID}}}},
			{Name: "update", Method: "POST", Path: "/admin/regions/" + euID, Body: M{"name": "EU", "countries": []string{"it"}, "automatic_taxes": false, "metadata": M{"a": 1}},
				Status: 200, Want: M{"region": M{"name": "EU", "automatic_taxes": false, "metadata": M{"a": 1}, "countries": A{M{"iso_2": "it"}}}}},
			{Name: "freed country reusable", Method: "POST", Path: "/admin/regions", Body: M{"name": "DE", "currency_code": "eur", "countries": []string{"de"}}, Status: 200},
			{Name: "update missing", Method: "POST", Path: "/admin/regions/reg_nope", Body: M{}, Status: 404},
			{Name: "delete", Method: "DELETE", Path: "/admin/regions/" + euID, Status: 200,
				Exact: `{"id":"` + euID + `","object":"region","deleted":true}`},
			{Name: "deleted is gone", Method: "GET", Path: "/admin/regions/" + euID, Status: 404},
			{Name: "deleted frees countries", Method: "POST", Path: "/admin/regions", Body: M{"name": "IT", "currency_code": "eur", "countries": []string{"it"}}, Status: 200},
			{Name: "unknown field", Method: "POST", Path: "/admin/regions", Body: M{"name": "X", "currency_code": "eur", "foo": 1},
				Status: 400, Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
		})
	})
}

func TestStoreRegions(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		id := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur", "countries": []string{"de"}}).Must(200).String("region.id")
		s.Post("/admin/regions", M{"name": "US", "currency_code": "usd"}).Must(200)
		key := s.Post("/admin/api-keys", M{"title": "web", "type": "publishable"}).Must(200).String("api_key.token")
		pk := map[string]string{"x-publishable-api-key": key}
		Run(t, s, []Case{
			{Name: "no key", Method: "GET", Path: "/store/regions", Status: 400,
				Exact: `{"type":"not_allowed","message":"Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard."}`},
			{Name: "list", Method: "GET", Path: "/store/regions?currency_code=eur", Headers: pk, Status: 200,
				Want: M{"count": 1, "limit": 20, "regions": A{M{"id": id, "countries": A{M{"iso_2": "de"}}}}}},
			{Name: "retrieve", Method: "GET", Path: "/store/regions/" + id, Headers: pk, Status: 200, Want: M{"region": M{"id": id, "name": "Europe"}}},
			{Name: "missing", Method: "GET", Path: "/store/regions/reg_nope", Headers: pk, Status: 404,
				Exact: `{"type":"not_found","message":"Region with id: reg_nope was not found"}`},
		})
	})
}

// A region's tax inclusivity is its region_id price preference, which the dashboard's region
// pages read and write through the region.
func TestRegionTaxPreference(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		inclusive := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur", "is_tax_inclusive": true}).Must(200).String("region.id")
		plain := s.Post("/admin/regions", M{"name": "US", "currency_code": "usd"}).Must(200).String("region.id")
		pref := func(id string) string {
			return "/admin/price-preferences?attribute=region_id&value=" + id + "&fields=value,is_tax_inclusive"
		}
		Run(t, s, []Case{
			{Name: "created inclusive", Method: "GET", Path: pref(inclusive), Status: 200,
				Want: M{"count": 1, "price_preferences": A{M{"value": inclusive, "is_tax_inclusive": true}}}},
			{Name: "created without the flag", Method: "GET", Path: pref(plain), Status: 200,
				Want: M{"count": 1, "price_preferences": A{M{"value": plain, "is_tax_inclusive": false}}}},
			{Name: "update sets it", Method: "POST", Path: "/admin/regions/" + plain, Body: M{"is_tax_inclusive": true}, Status: 200},
			{Name: "updated", Method: "GET", Path: pref(plain), Status: 200,
				Want: M{"count": 1, "price_preferences": A{M{"value": plain, "is_tax_inclusive": true}}}},
			{Name: "update without the flag keeps it", Method: "POST", Path: "/admin/regions/" + plain, Body: M{"name": "USA"}, Status: 200},
			{Name: "kept", Method: "GET", Path: pref(plain), Status: 200,
				Want: M{"count": 1, "price_preferences": A{M{"value": plain, "is_tax_inclusive": true}}}},
			{Name: "not a boolean", Method: "POST", Path: "/admin/regions/" + plain, Body: M{"is_tax_inclusive": "yes"}, Status: 400,
				Want: M{"type": "invalid_data"}},
		})
	})
}
