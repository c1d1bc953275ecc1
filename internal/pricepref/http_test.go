package pricepref_test

import (
	"strings"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestAdminPricePreferences(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		// Preferences do not check their values; a region's own is made with the region.
		reg := "reg_elsewhere"
		pref := s.Post("/admin/price-preferences", M{"attribute": "region_id", "value": reg, "is_tax_inclusive": true}).Must(200)
		id := pref.String("price_preference.id")
		Run(t, s, []Case{
			{Name: "created", Method: "GET", Path: "/admin/price-preferences/" + id, Status: 200, Want: M{"price_preference": M{
				"id": id, "attribute": "region_id", "value": reg, "is_tax_inclusive": true,
				"created_at": Any, "updated_at": Any, "deleted_at": nil,
			}}},
			{Name: "default false", Method: "POST", Path: "/admin/price-preferences?fields=attribute,value,is_tax_inclusive",
				Body: M{"attribute": "currency_code", "value": "dkk"}, Status: 200,
				Want: M{"price_preference": M{"id": Any, "attribute": "currency_code", "value": "dkk", "is_tax_inclusive": false}}},
			{Name: "duplicate", Method: "POST", Path: "/admin/price-preferences", Body: M{"attribute": "region_id", "value": reg}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Price preference with attribute: region_id, value: ` + reg + `, already exists."}`},
			{Name: "value required", Method: "POST", Path: "/admin/price-preferences", Body: M{"attribute": "region_id"}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Field 'value' is required"}`},
			{Name: "flag is a boolean", Method: "POST", Path: "/admin/price-preferences", Body: M{"attribute": "a", "value": "b", "is_tax_inclusive": "yes"},
				Status: 400, Want: M{"type": "invalid_data"}},
			{Name: "value too long", Method: "POST", Path: "/admin/price-preferences", Body: M{"attribute": "a", "value": strings.Repeat("v", 501)},
				Status: 400, Want: M{"type": "invalid_data"}},
			{Name: "unknown body field", Method: "POST", Path: "/admin/price-preferences", Body: M{"attribute": "a", "value": "b", "foo": 1}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
			{Name: "list", Method: "GET", Path: "/admin/price-preferences?attribute=region_id", Status: 200,
				Want: M{"count": 1, "offset": 0, "limit": 300, "price_preferences": A{M{"id": id}}}},
			{Name: "list by values", Method: "GET", Path: "/admin/price-preferences?attribute=currency_code&value[]=dkk&value[]=sek&fields=value",
				Status: 200, Want: M{"count": 1, "price_preferences": A{M{"value": "dkk"}}}},
			{Name: "q", Method: "GET", Path: "/admin/price-preferences?q=DK&fields=value", Status: 200, Want: M{"count": 1}},
			{Name: "$or", Method: "GET", Path: "/admin/price-preferences?$or[0][value]=dkk&$or[1][id]=" + id + "&order=-value&fields=value",
				Status: 200, Want: M{"count": 2, "price_preferences": A{M{"value": reg}, M{"value": "dkk"}}}},
			{Name: "bad order", Method: "GET", Path: "/admin/price-preferences?order=nope", Status: 400,
				Exact: `{"type":"invalid_data","message":"Order field nope is not valid"}`},
			{Name: "unknown filter", Method: "GET", Path: "/admin/price-preferences?is_tax_inclusive=true", Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'is_tax_inclusive'"}`},
			{Name: "update", Method: "POST", Path: "/admin/price-preferences/" + id, Body: M{"is_tax_inclusive": false}, Status: 200,
				Want: M{"price_preference": M{"id": id, "attribute": "region_id", "is_tax_inclusive": false}}},
			{Name: "update into a duplicate", Method: "POST", Path: "/admin/price-preferences/" + id, Body: M{"attribute": "currency_code", "value": "dkk"},
				Status: 400, Exact: `{"type":"invalid_data","message":"Price preference with attribute: currency_code, value: dkk, already exists."}`},
			{Name: "update missing", Method: "POST", Path: "/admin/price-preferences/prpref_nope", Body: M{"is_tax_inclusive": true}, Status: 404,
				Exact: `{"type":"not_found","message":"Price preference with id: prpref_nope was not found"}`},
			{Name: "missing", Method: "GET", Path: "/admin/price-preferences/prpref_nope", Status: 404,
				Exact: `{"type":"not_found","message":"Price preference with id: prpref_nope was not found"}`},
			{Name: "delete", Method: "DELETE", Path: "/admin/price-preferences/" + id, Status: 200,
				Exact: `{"id":"` + id + `","object":"price_preference","deleted":true}`},
			{Name: "deleted is gone", Method: "GET", Path: "/admin/price-preferences/" + id, Status: 404},
			{Name: "delete again", Method: "DELETE", Path: "/admin/price-preferences/" + id, Status: 200},
			{Name: "recreated after delete", Method: "POST", Path: "/admin/price-preferences", Body: M{"attribute": "region_id", "value": reg}, Status: 200},
		})
	})
}

// The store's currencies keep their tax flag as currency_code preferences, which the store
// page of the dashboard reads and toggles through the store.
func TestStoreCurrencyPreferences(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		storeID := s.Get("/admin/stores").Must(200).String("stores.0.id")
		s.Post("/admin/stores/"+storeID, M{"supported_currencies": A{
			M{"currency_code": "eur", "is_default": true, "is_tax_inclusive": true}, M{"currency_code": "usd"}}}).Must(200)
		// Toggling one currency, as the dashboard does, leaves the other's flag alone.
		s.Post("/admin/stores/"+storeID, M{"supported_currencies": A{
			M{"currency_code": "eur", "is_default": true}, M{"currency_code": "usd", "is_tax_inclusive": true}}}).Must(200)
		Run(t, s, []Case{
			{Name: "preferences", Method: "GET", Path: "/admin/price-preferences?attribute=currency_code&value[]=eur&value[]=usd&order=value&fields=value,is_tax_inclusive",
				Status: 200, Want: M{"count": 2, "price_preferences": A{
					M{"value": "eur", "is_tax_inclusive": true}, M{"value": "usd", "is_tax_inclusive": true}}}},
			{Name: "store", Method: "GET", Path: "/admin/stores/" + storeID + "?fields=supported_currencies.currency_code,supported_currencies.is_tax_inclusive",
				Status: 200, Check: func(t *testing.T, r *Response) {
					for i := range 2 {
						if r.Get("store.supported_currencies."+string(rune('0'+i))+".is_tax_inclusive") != true {
							t.Errorf("currency %d not tax inclusive: %s", i, r.Body)
						}
					}
				}},
		})
		// A preference written directly is the store's flag too.
		usd := s.Get("/admin/price-preferences?attribute=currency_code&value=usd").Must(200).String("price_preferences.0.id")
		s.Post("/admin/price-preferences/"+usd, M{"is_tax_inclusive": false}).Must(200)
		Run(t, s, []Case{
			{Name: "store follows", Method: "GET", Path: "/admin/stores/" + storeID + "?fields=supported_currencies.currency_code,supported_currencies.is_tax_inclusive",
				Status: 200, Check: func(t *testing.T, r *Response) {
					for i := range 2 {
						code := r.String("store.supported_currencies." + string(rune('0'+i)) + ".currency_code")
						got := r.Get("store.supported_currencies."+string(rune('0'+i))+".is_tax_inclusive") == true
						if got != (code == "eur") {
							t.Errorf("%s is_tax_inclusive %v: %s", code, got, r.Body)
						}
					}
				}},
		})
	})
}

// A channel-limited admin reads preferences but may not change them: they are store-wide.
func TestPricePreferencesForALimitedAdmin(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		id := s.Post("/admin/price-preferences", M{"attribute": "currency_code", "value": "eur"}).Must(200).String("price_preference.id")
		sc := s.Post("/admin/sales-channels", M{"name": "Shop A"}).Must(200).String("sales_channel.id")
		_, la := s.Limited("la@example.com", []string{"price_preference:read", "price_preference:create", "price_preference:update",
			"price_preference:delete"}, sc)
		Run(t, la, []Case{
			{Name: "list", Method: "GET", Path: "/admin/price-preferences", Status: 200, Want: M{"count": 1}},
			{Name: "retrieve", Method: "GET", Path: "/admin/price-preferences/" + id, Status: 200},
			{Name: "create", Method: "POST", Path: "/admin/price-preferences", Body: M{"attribute": "currency_code", "value": "usd"}, Status: 403},
			{Name: "update", Method: "POST", Path: "/admin/price-preferences/" + id, Body: M{"is_tax_inclusive": true}, Status: 403},
			{Name: "delete", Method: "DELETE", Path: "/admin/price-preferences/" + id, Status: 403},
		})
	})
}
