package fulfillment_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestShippingOptions(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		loc, set := shipFrom(s, "Warehouse")
		de := zone(s, set, "Germany", M{"type": "country", "country_code": "de"})
		bare := s.Location("No provider")
		s.Post("/admin/stock-locations/"+bare+"/fulfillment-sets", M{"name": "Bare", "type": "shipping"}).Must(200)
		bareSet := s.Get("/admin/stock-locations/" + bare + "?fields=fulfillment_sets.id").Must(200).String("stock_location.fulfillment_sets.0.id")
		bareZone := zone(s, bareSet, "Bare zone", M{"type": "country", "country_code": "fr"})
		region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur", "countries": A{"de"}}).Must(200).String("region.id")
		body := func(extra M) M {
			b := M{"name": "Standard", "service_zone_id": de, "shipping_profile_id": defaultProfile, "provider_id": "manual_manual",
				"price_type": "flat", "type": M{"label": "Standard", "description": "2-3 days", "code": "standard"},
				"prices": A{M{"currency_code": "EUR", "amount": 4.99}, M{"region_id": region, "amount": 3.5}}, "rules": storeRules}
			for k, v := range extra {
				if v == nil {
					delete(b, k)
				} else {
					b[k] = v
				}
			}
			return b
		}
		created := s.Post("/admin/shipping-options", body(nil)).Must(200)
		id := created.String("shipping_option.id")
		typeID := created.String("shipping_option.type.id")
		rule := created.String("shipping_option.rules.0.id")
		one := "/admin/shipping-options/" + id
		Run(t, s, []Case{
			{Name: "created with Medusa's default fields", Method: "GET", Path: one, Status: 200,
				Want: M{"shipping_option": M{"id": id, "name": "Standard", "price_type": "flat", "data": nil, "provider_id": "manual_manual",
					"metadata": nil, "created_at": Any, "updated_at": Any, "service_zone_id": Absent,
					"rules": A{M{"attribute": "enabled_in_store", "operator": "eq", "value": "true"}, M{"attribute": "is_return", "value": "false"}},
					"type":  M{"id": typeID, "label": "Standard", "description": "2-3 days", "code": "standard"},
					"prices": A{M{"currency_code": "eur", "amount": 4.99, "price_rules": A{}},
						M{"currency_code": "eur", "amount": 3.5, "rules_count": 1, "price_rules": A{M{"attribute": "region_id", "operator": "eq", "value": region}}}},
					"service_zone":     M{"id": de, "name": "Germany", "fulfillment_set_id": set},
					"shipping_profile": M{"id": defaultProfile, "type": "default"},
					"provider":         M{"id": "manual_manual", "is_enabled": true}}}},
			{Name: "listed by location", Method: "GET", Path: "/admin/shipping-options?stock_location_id=" + loc + "&fields=id,name", Status: 200,
				Exact: `{"shipping_options":[{"id":"` + id + `","name":"Standard"}],"count":1,"offset":0,"limit":20}`},
			{Name: "not by another location", Method: "GET", Path: "/admin/shipping-options?stock_location_id=" + bare + "&fields=id", Status: 200, Want: M{"count": 0}},
			{Name: "storefront options are not admin only", Method: "GET", Path: "/admin/shipping-options?admin_only=true&fields=id", Status: 200, Want: M{"count": 0}},
			{Name: "nor returns", Method: "GET", Path: "/admin/shipping-options?is_return=false&q=stand&fields=id", Status: 200, Want: M{"count": 1}},
			{Name: "by zone and profile", Method: "GET", Path: "/admin/shipping-options?service_zone_id=" + de + "&shipping_profile_id=" + defaultProfile + "&fields=id", Status: 200, Want: M{"count": 1}},
			{Name: "type or type_id", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"type": nil}), Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Exactly one of 'type' or 'type_id' must be provided, but not both")},
			{Name: "not both", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"type_id": typeID}), Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Exactly one of 'type' or 'type_id' must be provided, but not both")},
			{Name: "an existing type", Method: "POST", Path: "/admin/shipping-options?fields=type.id", Body: body(M{"type": nil, "type_id": typeID, "name": "Again"}), Status: 200,
				Want: M{"shipping_option": M{"type": M{"id": typeID}}}},
			{Name: "an unknown type", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"type": nil, "type_id": "sotype_nope"}), Status: 404,
				Exact: ErrBody("not_found", "ShippingOptionType with id: sotype_nope was not found")},
			{Name: "price type", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"price_type": "free"}), Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Expected: 'calculated, flat' for field 'price_type', but got: 'free'")},
			{Name: "name required", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"name": nil}), Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Field 'name' is required")},
			{Name: "strict", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"amount": 1}), Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'amount'")},
			{Name: "the provider must be enabled at the location", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"service_zone_id": bareZone}), Status: 400,
				Exact: ErrBody("not_allowed", "Providers (manual_manual) are not enabled for the service location")},
			{Name: "manual cannot calculate", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"price_type": "calculated", "name": "Live rates"}), Status: 400,
				Exact: ErrBody("invalid_data", "Cannot calcuate pricing for: [Live rates] shipping option(s).")},
			{Name: "an unknown region", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"prices": A{M{"region_id": "reg_nope", "amount": 1}}}), Status: 400,
				Exact: ErrBody("invalid_data", "Cannot create prices for non-existent regions. Region with ids [reg_nope] were not found.")},
			{Name: "an unknown zone", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"service_zone_id": "serzo_nope"}), Status: 404,
				Exact: ErrBody("not_found", "ServiceZone with id: serzo_nope was not found")},
			{Name: "an unknown profile", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"shipping_profile_id": "sp_nope"}), Status: 404,
				Exact: ErrBody("not_found", "ShippingProfile with id: sp_nope was not found")},
			{Name: "an unknown currency", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"prices": A{M{"currency_code": "xyz", "amount": 1}}}), Status: 400,
				Check: WantType("invalid_data")},
			{Name: "too many decimals", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"prices": A{M{"currency_code": "eur", "amount": 1.001}}}), Status: 400,
				Exact: ErrBody("invalid_data", "Amount 1.001 has more decimals than EUR allows (2)")},
			{Name: "a huge amount", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"prices": A{M{"currency_code": "eur", "amount": 1e30}}}), Status: 400,
				Check: WantType("invalid_data")},
			{Name: "a negative amount", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"prices": A{M{"currency_code": "eur", "amount": -1}}}), Status: 400,
				Check: WantType("invalid_data")},
			{Name: "a price with both", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"prices": A{M{"currency_code": "eur", "region_id": region, "amount": 1}}}), Status: 400,
				Check: WantType("invalid_data")},
			{Name: "in needs a list", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"rules": A{M{"attribute": "customer_group", "operator": "in", "value": "vip"}}}), Status: 400,
				Exact: ErrBody("invalid_data", "Rule value must be an array for in/nin operators")},
			{Name: "eq needs one value", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"rules": A{M{"attribute": "x", "operator": "eq", "value": A{"a"}}}}), Status: 400,
				Exact: ErrBody("invalid_data", "Rule value must be a string, bool, number value for the selected operator eq")},
			{Name: "an unknown operator", Method: "POST", Path: "/admin/shipping-options", Body: body(M{"rules": A{M{"attribute": "x", "operator": "like", "value": "a"}}}), Status: 400,
				Check: WantType("invalid_data")},
			{Name: "missing", Method: "GET", Path: "/admin/shipping-options/so_nope", Status: 404,
				Exact: ErrBody("not_found", "Shipping Option with id: so_nope not found")},
			{Name: "update missing", Method: "POST", Path: "/admin/shipping-options/so_nope", Body: M{"name": "x"}, Status: 404,
				Exact: ErrBody("not_found", `ShippingOption with id "so_nope" not found`)},
			{Name: "update: rename, reprice and replace the rules", Method: "POST", Path: one + "?fields=name,prices.amount,prices.currency_code,rules.attribute,rules.id",
				Body: M{"name": "Express", "prices": A{M{"currency_code": "usd", "amount": 12}},
					"rules": A{M{"id": rule, "attribute": "enabled_in_store", "operator": "eq", "value": "false"}}}, Status: 200,
				Exact: `{"shipping_option":{"name":"Express","id":"` + id + `","prices":[{"amount":12,"currency_code":"usd"}],"rules":[{"attribute":"enabled_in_store","id":"` + rule + `"}]}}`},
			{Name: "now admin only", Method: "GET", Path: "/admin/shipping-options?admin_only=true&fields=id", Status: 200, Want: M{"count": 1}},
			{Name: "a rule of another option", Method: "POST", Path: one, Body: M{"rules": A{M{"id": "sorul_nope", "attribute": "a", "operator": "eq", "value": "b"}}}, Status: 404,
				Exact: ErrBody("not_found", "The following rules does not exists: sorul_nope on shipping option "+id)},
			{Name: "only one of type and type_id", Method: "POST", Path: one, Body: M{"type_id": typeID, "type": M{"label": "x", "code": "x"}}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Only one of 'type' or 'type_id' can be provided")},
			{Name: "rules batch", Method: "POST", Path: one + "/rules/batch",
				Body: M{"create": A{M{"attribute": "is_return", "operator": "eq", "value": "false"}}, "update": A{M{"id": rule, "attribute": "enabled_in_store", "operator": "eq", "value": "true"}}, "delete": A{"sorul_gone"}}, Status: 200,
				Want: M{"created": A{M{"id": Any, "attribute": "is_return", "operator": "eq", "value": "false", "shipping_option_id": id}},
					"updated": A{M{"id": rule, "value": "true"}}, "deleted": M{"ids": A{"sorul_gone"}, "object": "shipping_option_rule", "deleted": true}}},
			{Name: "a batch update of an unknown rule", Method: "POST", Path: one + "/rules/batch", Body: M{"update": A{M{"id": "sorul_nope", "attribute": "a", "operator": "eq", "value": "b"}}}, Status: 404,
				Exact: ErrBody("not_found", `ShippingOptionRule with id "sorul_nope" not found`)},
			{Name: "a batch on an unknown option", Method: "POST", Path: "/admin/shipping-options/so_nope/rules/batch", Body: M{}, Status: 404},
			{Name: "delete", Method: "DELETE", Path: one, Status: 200, Exact: `{"id":"` + id + `","object":"shipping_option","deleted":true}`},
			{Name: "gone", Method: "GET", Path: one, Status: 404},
			{Name: "deleting it again changes nothing", Method: "DELETE", Path: one, Status: 200},
		})
		WantEvents(t, s, "shipping-option.created", 2)
		WantEvents(t, s, "shipping-option.updated", 2)
		WantEvents(t, s, "shipping-option.deleted", 1)
	})
}

func TestShippingProfiles(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		bulky := s.Post("/admin/shipping-profiles", M{"name": "Bulky", "type": "bulky", "metadata": M{"a": 1}}).Must(200).String("shipping_profile.id")
		one := "/admin/shipping-profiles/" + bulky
		Run(t, s, []Case{
			{Name: "the default profile", Method: "GET", Path: "/admin/shipping-profiles/" + defaultProfile, Status: 200,
				Want: M{"shipping_profile": M{"id": defaultProfile, "name": "Default Shipping Profile", "type": "default", "metadata": nil,
					"created_at": Any, "updated_at": Any, "deleted_at": Absent}}},
			{Name: "list by type", Method: "GET", Path: "/admin/shipping-profiles?type=bulky&fields=id,name", Status: 200,
				Exact: `{"shipping_profiles":[{"id":"` + bulky + `","name":"Bulky"}],"count":1,"offset":0,"limit":20}`},
			{Name: "search", Method: "GET", Path: "/admin/shipping-profiles?q=default&fields=id", Status: 200, Want: M{"count": 1}},
			{Name: "type required", Method: "POST", Path: "/admin/shipping-profiles", Body: M{"name": "X"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Field 'type' is required")},
			{Name: "unique name", Method: "POST", Path: "/admin/shipping-profiles", Body: M{"name": "Bulky", "type": "x"}, Status: 400,
				Exact: ErrBody("invalid_data", "Shipping profile with name: Bulky, already exists.")},
			{Name: "NUL", Method: "POST", Path: "/admin/shipping-profiles", Body: M{"name": "a\x00", "type": "x"}, Status: 400, Check: WantType("invalid_data")},
			{Name: "missing", Method: "GET", Path: "/admin/shipping-profiles/sp_nope", Status: 404,
				Exact: ErrBody("not_found", "ShippingProfile with id: sp_nope was not found")},
			{Name: "update missing", Method: "POST", Path: "/admin/shipping-profiles/sp_nope", Body: M{"name": "x"}, Status: 404,
				Exact: ErrBody("not_found", `ShippingProfile with id "sp_nope" not found`)},
			{Name: "update", Method: "POST", Path: one, Body: M{"name": "Heavy", "metadata": nil}, Status: 200,
				Want: M{"shipping_profile": M{"id": bulky, "name": "Heavy", "type": "bulky", "metadata": nil}}},
			{Name: "the default stays", Method: "DELETE", Path: "/admin/shipping-profiles/" + defaultProfile, Status: 400,
				Exact: ErrBody("not_allowed", "The default shipping profile cannot be deleted")},
			{Name: "delete", Method: "DELETE", Path: one, Status: 200, Exact: `{"id":"` + bulky + `","object":"shipping_profile","deleted":true}`},
			{Name: "delete missing", Method: "DELETE", Path: one, Status: 404},
		})
		WantEvents(t, s, "shipping-profile.created", 1)
		WantEvents(t, s, "shipping-profile.updated", 1)
		WantEvents(t, s, "shipping-profile.deleted", 1)
	})
}

// TestProductProfiles: products get the default profile unless they name one, and show it
// with *shipping_profile; a profile with products cannot be deleted.
func TestProductProfiles(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		bulky := s.Post("/admin/shipping-profiles", M{"name": "Bulky", "type": "bulky"}).Must(200).String("shipping_profile.id")
		lamp := s.Post("/admin/products", M{"title": "Lamp"}).Must(200).String("product.id")
		sofa := s.Post("/admin/products?fields=id,*shipping_profile", M{"title": "Sofa", "shipping_profile_id": bulky}).Must(200).String("product.id")
		Run(t, s, []Case{
			{Name: "the default profile", Method: "GET", Path: "/admin/products/" + lamp + "?fields=*categories,*shipping_profile,-variants", Status: 200,
				Want: M{"product": M{"id": lamp, "categories": A{}, "shipping_profile": M{"id": defaultProfile, "name": "Default Shipping Profile", "type": "default"}}}},
			{Name: "the profile named", Method: "GET", Path: "/admin/products?fields=id,shipping_profile.name&order=title", Status: 200,
				Want: M{"products": A{M{"id": lamp, "shipping_profile": M{"name": "Default Shipping Profile"}}, M{"id": sofa, "shipping_profile": M{"name": "Bulky"}}}}},
			{Name: "an unknown profile", Method: "POST", Path: "/admin/products", Body: M{"title": "Chair", "shipping_profile_id": "sp_nope"}, Status: 404,
				Exact: ErrBody("not_found", "ShippingProfile with id: sp_nope was not found")},
			{Name: "nothing was created", Method: "GET", Path: "/admin/products?q=chair&fields=id", Status: 200, Want: M{"count": 0}},
			{Name: "a profile with products stays", Method: "DELETE", Path: "/admin/shipping-profiles/" + bulky, Status: 400,
				Exact: ErrBody("invalid_data", "Cannot delete following shipping profiles because they are linked to products: "+sofa)},
			{Name: "move the sofa", Method: "POST", Path: "/admin/products/" + sofa + "?fields=id,*shipping_profile", Body: M{"shipping_profile_id": defaultProfile}, Status: 200,
				Want: M{"product": M{"shipping_profile": M{"id": defaultProfile}}}},
			{Name: "no profile", Method: "POST", Path: "/admin/products/" + lamp + "?fields=id,*shipping_profile", Body: M{"shipping_profile_id": nil}, Status: 200,
				Want: M{"product": M{"shipping_profile": nil}}},
			{Name: "an unknown profile on update", Method: "POST", Path: "/admin/products/" + lamp, Body: M{"shipping_profile_id": "sp_nope"}, Status: 404},
			{Name: "now it can go", Method: "DELETE", Path: "/admin/shipping-profiles/" + bulky, Status: 200},
		})
	})
}
