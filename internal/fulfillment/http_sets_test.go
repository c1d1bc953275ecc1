package fulfillment_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestProvidersAndSets(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		loc := s.Location("Warehouse")
		other := s.Location("Depot")
		Run(t, s, []Case{
			{Name: "the manual provider", Method: "GET", Path: "/admin/fulfillment-providers", Status: 200,
				Exact: `{"fulfillment_providers":[{"id":"manual_manual","is_enabled":true}],"count":1,"offset":0,"limit":50}`},
			{Name: "its options", Method: "GET", Path: "/admin/fulfillment-providers/manual_manual/options", Status: 200,
				Exact: `{"count":2,"fulfillment_options":[{"id":"manual-fulfillment"},{"id":"manual-fulfillment-return","is_return":true}],"limit":2,"offset":0}`},
			{Name: "options of an unknown provider", Method: "GET", Path: "/admin/fulfillment-providers/nope/options", Status: 404,
				Exact: ErrBody("not_found", "FulfillmentProvider with id: nope was not found")},
			{Name: "no provider at the location yet", Method: "GET", Path: "/admin/fulfillment-providers?stock_location_id=" + loc, Status: 200,
				Want: M{"fulfillment_providers": A{}, "count": 0}},
			{Name: "enable it there", Method: "POST", Path: "/admin/stock-locations/" + loc + "/fulfillment-providers?fields=id,*fulfillment_providers",
				Body: M{"add": A{"manual_manual"}}, Status: 200,
				Exact: `{"stock_location":{"id":"` + loc + `","fulfillment_providers":[{"id":"manual_manual","is_enabled":true}]}}`},
			{Name: "now listed for the location", Method: "GET", Path: "/admin/fulfillment-providers?stock_location_id[]=" + loc + "&is_enabled=true&fields=id", Status: 200,
				Exact: `{"fulfillment_providers":[{"id":"manual_manual"}],"count":1,"offset":0,"limit":50}`},
			{Name: "not for another location", Method: "GET", Path: "/admin/fulfillment-providers?stock_location_id=" + other, Status: 200,
				Want: M{"count": 0}},
			{Name: "search", Method: "GET", Path: "/admin/fulfillment-providers?q=MANUAL&fields=id", Status: 200, Want: M{"count": 1}},
			{Name: "unknown provider", Method: "POST", Path: "/admin/stock-locations/" + loc + "/fulfillment-providers", Body: M{"add": A{"fedex_fedex"}}, Status: 404,
				Exact: ErrBody("not_found", "FulfillmentProvider with id: fedex_fedex was not found")},
			{Name: "unknown location", Method: "POST", Path: "/admin/stock-locations/sloc_nope/fulfillment-providers", Body: M{"add": A{"manual_manual"}}, Status: 404,
				Exact: ErrBody("not_found", "Stock location with id: sloc_nope was not found")},
			{Name: "strict filters", Method: "GET", Path: "/admin/fulfillment-providers?name=x", Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'name'")},
			{Name: "a set at the location", Method: "POST", Path: "/admin/stock-locations/" + loc + "/fulfillment-sets?fields=id,fulfillment_sets.name,fulfillment_sets.type",
				Body: M{"name": "Warehouse shipping", "type": "shipping"}, Status: 200,
				Want: M{"stock_location": M{"id": loc, "fulfillment_sets": A{M{"id": Any, "name": "Warehouse shipping", "type": "shipping"}}}}},
			{Name: "set names are unique", Method: "POST", Path: "/admin/stock-locations/" + other + "/fulfillment-sets",
				Body: M{"name": "Warehouse shipping", "type": "shipping"}, Status: 400,
				Exact: ErrBody("invalid_data", "Fulfillment set with name: Warehouse shipping, already exists.")},
			{Name: "set type required", Method: "POST", Path: "/admin/stock-locations/" + other + "/fulfillment-sets", Body: M{"name": "x"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Field 'type' is required")},
			{Name: "set at an unknown location", Method: "POST", Path: "/admin/stock-locations/sloc_nope/fulfillment-sets", Body: M{"name": "x", "type": "shipping"}, Status: 404,
				Exact: ErrBody("not_found", "Stock location with id: sloc_nope was not found")},
			{Name: "NUL in a set name", Method: "POST", Path: "/admin/stock-locations/" + other + "/fulfillment-sets", Body: M{"name": "a\x00", "type": "shipping"}, Status: 400,
				Check: WantType("invalid_data")},
		})
		set := s.Get("/admin/stock-locations/" + loc + "?fields=fulfillment_sets.id").Must(200).String("stock_location.fulfillment_sets.0.id")
		germany := M{"name": "Germany", "geo_zones": A{M{"type": "country", "country_code": "DE"},
			M{"type": "zip", "country_code": "at", "province_code": "W", "city": "Wien", "postal_expression": M{"codes": A{"1010"}}}}}
		r := s.Post("/admin/fulfillment-sets/"+set+"/service-zones", germany).Must(200)
		zoneID := r.String("fulfillment_set.service_zones.0.id")
		geoDE := r.String("fulfillment_set.service_zones.0.geo_zones.0.id")
		zones := "/admin/fulfillment-sets/" + set + "/service-zones/"
		Run(t, s, []Case{
			{Name: "the zone in the set", Method: "GET", Path: zones + zoneID, Status: 200,
				Want: M{"service_zone": M{"id": zoneID, "name": "Germany", "created_at": Any, "updated_at": Any, "deleted_at": nil,
					"geo_zones": A{M{"id": geoDE, "type": "country", "country_code": "de", "province_code": nil, "city": nil, "postal_expression": nil},
						M{"type": "zip", "country_code": "at", "province_code": "W", "city": "Wien", "postal_expression": M{"codes": A{"1010"}}}}}}},
			{Name: "the set's default fields", Method: "GET", Path: "/admin/stock-locations/" + loc + "?fields=id,*fulfillment_sets,*fulfillment_sets.service_zones,*fulfillment_sets.service_zones.geo_zones,*fulfillment_sets.service_zones.shipping_options", Status: 200,
				Want: M{"stock_location": M{"fulfillment_sets": A{M{"id": set, "service_zones": A{M{"id": zoneID, "shipping_options": A{},
					"geo_zones": A{M{"id": geoDE}, M{"type": "zip"}}}}}}}}},
			{Name: "zone names are unique", Method: "POST", Path: "/admin/fulfillment-sets/" + set + "/service-zones", Body: M{"name": "Germany"}, Status: 400,
				Exact: ErrBody("invalid_data", "Service zone with name: Germany, already exists.")},
			{Name: "a province zone needs its province", Method: "POST", Path: "/admin/fulfillment-sets/" + set + "/service-zones",
				Body: M{"name": "Bavaria", "geo_zones": A{M{"type": "province", "country_code": "de"}}}, Status: 400, Check: WantType("invalid_data")},
			{Name: "an empty province code", Method: "POST", Path: "/admin/fulfillment-sets/" + set + "/service-zones",
				Body: M{"name": "Bavaria", "geo_zones": A{M{"type": "province", "country_code": "de", "province_code": ""}}}, Status: 400,
				Exact: ErrBody("invalid_data", "Missing required property province_code for geo zone type province")},
			{Name: "an unknown geo zone type", Method: "POST", Path: "/admin/fulfillment-sets/" + set + "/service-zones",
				Body: M{"name": "Moon", "geo_zones": A{M{"type": "planet", "country_code": "de"}}}, Status: 400, Check: WantType("invalid_data")},
			{Name: "a zone of an unknown set", Method: "POST", Path: "/admin/fulfillment-sets/fuset_nope/service-zones", Body: M{"name": "x"}, Status: 404,
				Exact: ErrBody("not_found", "FulfillmentSet with id: fuset_nope was not found")},
			{Name: "an unknown zone", Method: "GET", Path: zones + "serzo_nope", Status: 404,
				Exact: ErrBody("not_found", "Service zone with id: serzo_nope not found")},
			{Name: "rename and replace the geo zones, keeping one", Method: "POST", Path: zones + zoneID + "?fields=id,service_zones.name,*service_zones.geo_zones",
				Body: M{"name": "DACH", "geo_zones": A{M{"id": geoDE, "type": "country", "country_code": "de"}, M{"type": "country", "country_code": "ch"}}}, Status: 200,
				Want: M{"fulfillment_set": M{"id": set, "service_zones": A{M{"name": "DACH", "geo_zones": A{M{"id": geoDE, "country_code": "de"}, M{"country_code": "ch"}}}}}}},
			{Name: "a geo zone of another zone", Method: "POST", Path: zones + zoneID, Body: M{"geo_zones": A{M{"id": "fgz_nope", "type": "country", "country_code": "de"}}}, Status: 404,
				Exact: ErrBody("not_found", "The following geo zones does not exists: fgz_nope")},
			{Name: "update an unknown zone", Method: "POST", Path: zones + "serzo_nope", Body: M{"name": "x"}, Status: 404,
				Exact: ErrBody("not_found", "Service zone with id: serzo_nope not found on fulfillment set")},
			{Name: "delete an unknown zone", Method: "DELETE", Path: zones + "serzo_nope", Status: 404,
				Exact: ErrBody("not_found", "Service zone with id: serzo_nope not found on fulfillment set")},
			{Name: "delete the zone", Method: "DELETE", Path: zones + zoneID, Status: 200,
				Want: M{"id": zoneID, "object": "service_zone", "deleted": true, "parent": M{"id": set, "service_zones": A{}}}},
			{Name: "delete the set", Method: "DELETE", Path: "/admin/fulfillment-sets/" + set, Status: 200,
				Exact: `{"id":"` + set + `","object":"fulfillment_set","deleted":true}`},
			{Name: "the location has none", Method: "GET", Path: "/admin/stock-locations/" + loc + "?fields=id,*fulfillment_sets", Status: 200,
				Exact: `{"stock_location":{"id":"` + loc + `","fulfillment_sets":[]}}`},
			{Name: "deleting it again changes nothing", Method: "DELETE", Path: "/admin/fulfillment-sets/" + set, Status: 200},
		})
		WantEvents(t, s, "fulfillment-set.created", 1)
		WantEvents(t, s, "fulfillment-set.deleted", 1)
		WantEvents(t, s, "service-zone.created", 1)
		WantEvents(t, s, "service-zone.updated", 1)
		WantEvents(t, s, "service-zone.deleted", 1)
	})
}
