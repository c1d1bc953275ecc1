package fulfillment_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// TestLimitedAdmin: an admin limited to channel A sees and changes only the fulfillment sets,
// zones and options of A's locations; the others answer as missing ones.
func TestLimitedAdmin(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		chA, chB := s.Channel("A"), s.Channel("B")
		locA, setA := shipFrom(s, "A warehouse", chA)
		locB, setB := shipFrom(s, "B warehouse", chB)
		zoneA := zone(s, setA, "A Germany", M{"type": "country", "country_code": "de"})
		zoneB := zone(s, setB, "B Germany", M{"type": "country", "country_code": "de"})
		optA := option(s, zoneA, "A standard", A{M{"currency_code": "eur", "amount": 5}}, nil)
		optB := option(s, zoneB, "B standard", A{M{"currency_code": "eur", "amount": 5}}, nil)
		_, la := s.Limited("shipping@a.test", []string{"stock_location:read", "stock_location:update", "fulfillment_set:read",
			"fulfillment_set:create", "fulfillment_set:update", "fulfillment_set:delete", "service_zone:read", "service_zone:create",
			"service_zone:update", "service_zone:delete", "shipping_option:read", "shipping_option:create", "shipping_option:update",
			"shipping_option:delete", "shipping_profile:read", "fulfillment_provider:read"}, chA)
		body := func(zoneID string) M {
			return M{"name": "New", "service_zone_id": zoneID, "shipping_profile_id": defaultProfile, "provider_id": "manual_manual",
				"price_type": "flat", "type": M{"label": "New", "code": "new"}, "prices": A{M{"currency_code": "eur", "amount": 1}}}
		}
		Run(t, la, []Case{
			{Name: "only A's options", Method: "GET", Path: "/admin/shipping-options?fields=id", Status: 200,
				Exact: `{"shipping_options":[{"id":"` + optA + `"}],"count":1,"offset":0,"limit":20}`},
			{Name: "B's option is missing", Method: "GET", Path: "/admin/shipping-options/" + optB, Status: 404,
				Exact: ErrBody("not_found", "Shipping Option with id: "+optB+" not found")},
			{Name: "B's option cannot be changed", Method: "POST", Path: "/admin/shipping-options/" + optB, Body: M{"name": "x"}, Status: 404},
			{Name: "nor its rules", Method: "POST", Path: "/admin/shipping-options/" + optB + "/rules/batch", Body: M{"delete": A{"x"}}, Status: 404},
			{Name: "deleting it changes nothing", Method: "DELETE", Path: "/admin/shipping-options/" + optB, Status: 200},
			{Name: "no option in B's zone", Method: "POST", Path: "/admin/shipping-options", Body: body(zoneB), Status: 404,
				Exact: ErrBody("not_found", "ServiceZone with id: "+zoneB+" was not found")},
			{Name: "an option in A's zone", Method: "POST", Path: "/admin/shipping-options?fields=id", Body: body(zoneA), Status: 200},
			{Name: "A's location with its sets", Method: "GET", Path: "/admin/stock-locations/" + locA + "?fields=id,fulfillment_sets.id", Status: 200,
				Exact: `{"stock_location":{"id":"` + locA + `","fulfillment_sets":[{"id":"` + setA + `"}]}}`},
			{Name: "B's location is missing", Method: "GET", Path: "/admin/stock-locations/" + locB, Status: 404},
			{Name: "B's set is missing", Method: "POST", Path: "/admin/fulfillment-sets/" + setB + "/service-zones", Body: M{"name": "x"}, Status: 404,
				Exact: ErrBody("not_found", "FulfillmentSet with id: "+setB+" was not found")},
			{Name: "so is its zone", Method: "GET", Path: "/admin/fulfillment-sets/" + setB + "/service-zones/" + zoneB, Status: 404},
			{Name: "no set at B's location", Method: "POST", Path: "/admin/stock-locations/" + locB + "/fulfillment-sets", Body: M{"name": "x", "type": "shipping"}, Status: 404},
			{Name: "nor providers", Method: "POST", Path: "/admin/stock-locations/" + locB + "/fulfillment-providers", Body: M{"remove": A{"manual_manual"}}, Status: 404},
			{Name: "B's providers are not listed", Method: "GET", Path: "/admin/fulfillment-providers?stock_location_id=" + locB, Status: 200, Want: M{"count": 0}},
			{Name: "deleting B's set changes nothing", Method: "DELETE", Path: "/admin/fulfillment-sets/" + setB, Status: 200},
			{Name: "a zone in A's set", Method: "POST", Path: "/admin/fulfillment-sets/" + setA + "/service-zones", Body: M{"name": "A France"}, Status: 200},
			{Name: "profiles are store-wide", Method: "POST", Path: "/admin/shipping-profiles", Body: M{"name": "x", "type": "x"}, Status: 403},
		})
		// B's entities are untouched.
		Run(t, s, []Case{
			{Name: "B's option is there", Method: "GET", Path: "/admin/shipping-options/" + optB + "?fields=name", Status: 200,
				Want: M{"shipping_option": M{"name": "B standard"}}},
			{Name: "so is B's set", Method: "GET", Path: "/admin/stock-locations/" + locB + "?fields=fulfillment_sets.id", Status: 200,
				Want: M{"stock_location": M{"fulfillment_sets": A{M{"id": setB}}}}},
		})
	})
}
