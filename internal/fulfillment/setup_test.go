package fulfillment_test

import (
	"strconv"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

const defaultProfile = "sp_00000000000000000000000000"

// shipFrom gives a new stock location in the channels the manual provider and a shipping
// fulfillment set, and returns the location and set ids.
func shipFrom(s *apitest.Server, name string, channels ...string) (location, set string) {
	location = s.Location(name, channels...)
	s.Post("/admin/stock-locations/"+location+"/fulfillment-providers", M{"add": A{"manual_manual"}}).Must(200)
	s.Post("/admin/stock-locations/"+location+"/fulfillment-sets", M{"name": name + " shipping", "type": "shipping"}).Must(200)
	set = s.Get("/admin/stock-locations/" + location + "?fields=fulfillment_sets.id").Must(200).String("stock_location.fulfillment_sets.0.id")
	return location, set
}

// zone creates a service zone of the set with geo zones and returns its id.
func zone(s *apitest.Server, set, name string, geo ...M) string {
	zones := A{}
	for _, g := range geo {
		zones = append(zones, g)
	}
	r := s.Post("/admin/fulfillment-sets/"+set+"/service-zones?fields=service_zones.id,service_zones.name", M{"name": name, "geo_zones": zones}).Must(200)
	for i := range r.Len("fulfillment_set.service_zones") {
		if r.String("fulfillment_set.service_zones."+strconv.Itoa(i)+".name") == name {
			return r.String("fulfillment_set.service_zones." + strconv.Itoa(i) + ".id")
		}
	}
	panic("zone " + name + " not created")
}

// storeRules are the rules Medusa's dashboard gives a shipping option a storefront offers.
var storeRules = A{M{"attribute": "enabled_in_store", "operator": "eq", "value": "true"},
	M{"attribute": "is_return", "operator": "eq", "value": "false"}}

// option creates a flat shipping option in a zone with prices and rules (storeRules when
// nil) and returns its id.
func option(s *apitest.Server, zoneID, name string, prices A, rules A) string {
	if rules == nil {
		rules = storeRules
	}
	return s.Post("/admin/shipping-options", M{"name": name, "service_zone_id": zoneID, "shipping_profile_id": defaultProfile,
		"provider_id": "manual_manual", "price_type": "flat", "type": M{"label": name, "code": "std"},
		"prices": prices, "rules": rules}).Must(200).String("shipping_option.id")
}
