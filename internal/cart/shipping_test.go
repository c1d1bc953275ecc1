package cart_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// defaultProfile is the store's default shipping profile, which products get.
const defaultProfile = "sp_00000000000000000000000000"

// shipFrom gives a new stock location of the channels the manual provider and a shipping
// fulfillment set with one service zone covering the countries, and returns the zone's id.
func shipFrom(s *apitest.Server, name string, countries A, channels ...string) string {
	location := s.Location(name, channels...)
	s.Post("/admin/stock-locations/"+location+"/fulfillment-providers", M{"add": A{"manual_manual"}}).Must(200)
	s.Post("/admin/stock-locations/"+location+"/fulfillment-sets", M{"name": name + " shipping", "type": "shipping"}).Must(200)
	set := s.Get("/admin/stock-locations/" + location + "?fields=fulfillment_sets.id").Must(200).String("stock_location.fulfillment_sets.0.id")
	geo := A{}
	for _, c := range countries {
		geo = append(geo, M{"type": "country", "country_code": c})
	}
	return s.Post("/admin/fulfillment-sets/"+set+"/service-zones?fields=service_zones.id", M{"name": name + " zone", "geo_zones": geo}).
		Must(200).String("fulfillment_set.service_zones.0.id")
}

// shippingOption creates a flat option of the zone in the default profile, priced in EUR,
// offered in store.
func shippingOption(s *apitest.Server, zone, name string, eur float64) string {
	return s.Post("/admin/shipping-options", M{"name": name, "service_zone_id": zone, "shipping_profile_id": defaultProfile,
		"provider_id": "manual_manual", "price_type": "flat", "type": M{"label": name, "code": "std"},
		"prices": A{M{"currency_code": "eur", "amount": eur}},
		"rules": A{M{"attribute": "enabled_in_store", "operator": "eq", "value": "true"},
			M{"attribute": "is_return", "operator": "eq", "value": "false"}}}).Must(200).String("shipping_option.id")
}

func TestShipping(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		continent, _ := addressRegions(t, w)
		w.s.Post("/admin/regions/"+continent, M{"payment_providers": A{"pp_system_default"}}).Must(200)
		zoneA := shipFrom(w.s, "Paris depot", A{"fr"}, w.ChannelA)
		standard := shippingOption(w.s, zoneA, "Standard", 5)
		express := shippingOption(w.s, zoneA, "Express", 15)
		zoneB := shipFrom(w.s, "Lyon depot", A{"fr", "de"}, w.ChannelB)
		courier := shippingOption(w.s, zoneB, "Courier", 7)

		key := KeyHeader(w.KeyA)
		id := w.cart(t, w.KeyA, M{"region_id": continent, "email": "s@example.com", "items": A{M{"variant_id": w.a1, "quantity": 2}},
			"shipping_address": M{"country_code": "fr", "city": "Paris"}})
		german := w.cart(t, w.KeyA, M{"region_id": continent, "shipping_address": M{"country_code": "de"}})
		inB := w.cart(t, w.KeyB, M{"region_id": continent, "shipping_address": M{"country_code": "de"}})
		options := "/store/shipping-options?cart_id="
		methods := "/store/carts/" + id + "/shipping-methods"
		totals := "?fields=total,item_total,shipping_total,shipping_subtotal,original_shipping_total,*shipping_methods"
		Run(t, w.s, []Case{
			{Name: "a cart in channel A is offered A's options only", Method: "GET", Path: options + id, Headers: key, Status: 200,
				Want: M{"shipping_options": A{
					M{"id": express, "name": "Express", "price_type": "flat", "amount": 15, "shipping_profile_id": defaultProfile,
						"provider_id": "manual_manual", "calculated_price": M{"calculated_amount": 15, "currency_code": "eur"}},
					M{"id": standard, "name": "Standard", "amount": 5, "calculated_price": M{"calculated_amount": 5}}}}},
			{Name: "an address no zone of the channel covers", Method: "GET", Path: options + german, Headers: key, Status: 200,
				Exact: `{"shipping_options":[]}`},
			{Name: "channel B ships there", Method: "GET", Path: options + inB, Headers: KeyHeader(w.KeyB), Status: 200,
				Want: M{"shipping_options": A{M{"id": courier, "amount": 7}}}},
			{Name: "return options", Method: "GET", Path: options + id + "&is_return=true", Headers: key, Status: 200,
				Exact: `{"shipping_options":[]}`},
			{Name: "another channel's cart", Method: "GET", Path: options + id, Headers: KeyHeader(w.KeyB), Status: 404,
				Exact: `{"type":"not_found","message":"Cart id not found: ` + id + `"}`},
			{Name: "no cart_id", Method: "GET", Path: "/store/shipping-options", Headers: key, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Field 'cart_id' is required"}`},
			{Name: "price one option for the cart", Method: "POST", Path: "/store/shipping-options/" + standard + "/calculate", Headers: key,
				Body: M{"cart_id": id}, Status: 200, Want: M{"shipping_option": M{"id": standard, "amount": 5}}},
			{Name: "an option of another channel's location answers as an unknown one", Method: "POST", Path: methods, Headers: key,
				Body: M{"option_id": courier}, Status: 404,
				Exact: `{"type":"not_found","message":"Shipping option with id: ` + courier + ` was not found"}`},
			{Name: "and is not priced for the cart either", Method: "POST", Path: "/store/shipping-options/" + courier + "/calculate", Headers: key,
				Body: M{"cart_id": id}, Status: 404,
				Exact: `{"type":"not_found","message":"Shipping option with id: ` + courier + ` was not found"}`},
			{Name: "an unknown option", Method: "POST", Path: methods, Headers: key, Body: M{"option_id": "so_nope"}, Status: 404,
				Exact: `{"type":"not_found","message":"Shipping option with id: so_nope was not found"}`},
			{Name: "an option the address is outside of", Method: "POST", Path: "/store/carts/" + german + "/shipping-methods", Headers: key,
				Body: M{"option_id": standard}, Status: 400, Check: func(t *testing.T, r *Response) {
					if !contains(r.String("message"), "does not ship to DE") {
						t.Errorf("refusal: %s", r.Body)
					}
				}},
			{Name: "option_id of the wrong type", Method: "POST", Path: methods, Headers: key, Body: M{"option_id": 5}, Status: 400},
			{Name: "data of the wrong type", Method: "POST", Path: methods, Headers: key, Body: M{"option_id": standard, "data": "x"}, Status: 400},
			{Name: "nothing was added", Method: "GET", Path: "/store/carts/" + id + totals, Headers: key, Status: 200,
				Want: M{"cart": M{"shipping_total": 0, "total": 20, "shipping_methods": A{}}}},
			{Name: "a shipping method", Method: "POST", Path: methods + totals, Headers: key, Body: M{"option_id": standard}, Status: 200,
				Want: M{"cart": M{"item_total": 20, "shipping_total": 5, "shipping_subtotal": 5, "original_shipping_total": 5, "total": 25,
					"shipping_methods": A{M{"id": Any, "cart_id": id, "name": "Standard", "amount": 5, "shipping_option_id": standard,
						"total": 5, "subtotal": 5, "tax_total": 0, "data": M{}}}}}},
			{Name: "another of the same profile replaces it", Method: "POST", Path: methods + totals, Headers: key,
				Body: M{"option_id": express, "data": M{"note": "ring twice"}}, Status: 200,
				Want: M{"cart": M{"shipping_total": 15, "total": 35,
					"shipping_methods": A{M{"name": "Express", "amount": 15, "data": M{"note": "ring twice"}}}}}},
			{Name: "an address the option does not serve drops the method", Method: "POST", Path: "/store/carts/" + id + totals, Headers: key,
				Body: M{"shipping_address": M{"country_code": "de"}}, Status: 200,
				Want: M{"cart": M{"shipping_total": 0, "total": 20, "shipping_methods": A{}}}},
			{Name: "back in France", Method: "POST", Path: "/store/carts/" + id, Headers: key,
				Body: M{"shipping_address": M{"first_name": "Ada", "country_code": "fr", "city": "Paris"}}, Status: 200},
			{Name: "shipping again, as a list", Method: "POST", Path: methods + "?fields=total", Headers: key, Body: A{M{"option_id": standard}},
				Status: 200, Exact: `{"cart":{"total":25,"id":"` + id + `"}}`},
			{Name: "a list of the wrong items", Method: "POST", Path: methods, Headers: key, Body: A{5}, Status: 400},
		})

		// Paying covers the shipping; completion copies the method and the addresses.
		pay := w.s.Do("POST", "/store/payment-collections", M{"cart_id": id}, key).Must(200)
		if pay.Int("payment_collection.amount") != 25 {
			t.Fatalf("payment: %s", pay.Body)
		}
		w.s.Do("POST", "/store/payment-collections/"+pay.String("payment_collection.id")+"/payment-sessions",
			M{"provider_id": "pp_system_default"}, key).Must(200)
		r := w.s.Do("POST", "/store/carts/"+id+"/complete", nil, key).Must(200)
		if errs := Match(r.JSON, M{"type": "order", "order": M{"item_total": 20, "shipping_total": 5, "total": 25,
			"shipping_address":    M{"first_name": "Ada", "country_code": "fr"},
			"shipping_methods":    A{M{"order_id": r.String("order.id"), "name": "Standard", "amount": 5, "shipping_option_id": standard}},
			"payment_collections": A{M{"amount": 25}}}}, ""); len(errs) > 0 {
			t.Fatalf("%v: %s", errs, r.Body)
		}
		if n := Scalar[int](t, w.s, `SELECT COUNT(*) FROM order_shipping_method WHERE order_id = $1`, r.String("order.id")); n != 1 {
			t.Errorf("order shipping methods: %d", n)
		}
		w.s.Get("/admin/orders/" + r.String("order.id") + "?fields=shipping_total,shipping_methods.name").Must(200)
	})
}
