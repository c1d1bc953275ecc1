package app_test

import (
	"strings"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// world is a running channeld with one of every entity a route can name, so that requests
// with real ids get past the lookups to the code that writes and queries.
type world struct {
	srv *apitest.Server
	// pk is the header carrying the publishable key of the channel everything is sold in.
	pk map[string]string
	// shopper is the token of the world's logged-in customer.
	shopper string
	// ids holds a live id per kind of path parameter ("product", "cart", ...).
	ids map[string]string
}

// kindOf names the id a path parameter takes, from the path segment before it.
var kindOf = map[string]string{
	"api-keys": "api_key", "carts": "cart", "line-items": "line", "orders": "order",
	"payment-collections": "payment_collection", "products": "product", "variants": "variant",
	"sales-channels": "channel", "regions": "region", "stores": "store", "inventory-items": "item",
	"location-levels": "location", "stock-locations": "location", "reservations": "reservation",
	"sellers": "seller", "price-inheritance": "price_inheritance", "users": "user", "roles": "role", "policies": "policy",
	"collections": "collection", "product-tags": "tag", "product-types": "type",
	"product-categories": "category", "product-variants": "variant", "customers": "customer", "addresses": "address",
	"webhooks": "webhook", "deliveries": "delivery",
	"fulfillment-providers": "fulfillment_provider", "fulfillment-sets": "fulfillment_set", "service-zones": "service_zone",
	"shipping-options": "shipping_option", "shipping-profiles": "shipping_profile",
	"notifications": "notification", "layouts": "zone", "currencies": "currency",
	"price-preferences": "price_preference", "auth": "actor_type", "invites": "invite",
}

// idFor returns the live id for the path parameter that follows segment.
func (w *world) idFor(t testing.TB, segment string) string {
	t.Helper()
	id, ok := w.ids[kindOf[segment]]
	if !ok {
		t.Fatalf("no seeded id for a parameter after /%s/: add it to kindOf and seed", segment)
	}
	return id
}

// eachWorld runs fn once per engine (see apitest.Each) on a world of its own.
func eachWorld(t *testing.T, fn func(t *testing.T, w *world)) {
	t.Helper()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) { fn(t, newWorld(t, s)) })
}

// newWorld creates in the channeld s serves: a channel with a publishable key, a
// region, a stock location, a product whose variant has stock and a reservation of it, a
// cart with a line and a payment collection, a completed order, and a second API key for the
// key routes to change.
func newWorld(t testing.TB, s *apitest.Server) *world {
	t.Helper()
	w := &world{srv: s, ids: map[string]string{}}
	ch := s.Post("/admin/sales-channels", M{"name": "Web"}).Must(200).String("sales_channel.id")
	key := s.Post("/admin/api-keys", M{"title": "Web", "type": "publishable"}).Must(200)
	s.Post("/admin/api-keys/"+key.String("api_key.id")+"/sales-channels", M{"add": A{ch}}).Must(200)
	w.pk = map[string]string{"x-publishable-api-key": key.String("api_key.token")}
	w.ids["channel"] = ch
	w.ids["price_inheritance"] = s.Post("/admin/sales-channels/"+ch+"/price-inheritance", M{"currency_code": "usd",
		"source_sales_channel_id": nil, "source_currency_code": "eur", "factor": 1.1}).Must(200).String("price_inheritance.id")
	w.ids["collection"] = s.Post("/admin/collections", M{"title": "Summer"}).Must(200).String("collection.id")
	w.ids["tag"] = s.Post("/admin/product-tags", M{"value": "cotton"}).Must(200).String("product_tag.id")
	w.ids["type"] = s.Post("/admin/product-types", M{"value": "Shirts"}).Must(200).String("product_type.id")
	w.ids["category"] = s.Post("/admin/product-categories", M{"name": "Tops"}).Must(200).String("product_category.id")
	w.ids["seller"] = s.Post("/admin/sellers", M{"name": "Acme"}).Must(200).String("seller.id")
	w.ids["policy"] = s.Get("/admin/rbac/policies?key=product:read").Must(200).String("policies.0.id")
	w.ids["role"] = s.Post("/admin/rbac/roles", M{"name": "Readers", "policy_ids": []string{w.ids["policy"]}}).Must(200).String("role.id")
	w.ids["user"] = s.Post("/admin/users", M{"email": "clerk@example.com", "password": "password1", "roles": []string{w.ids["role"]}}).
		Must(200).String("user.id")
	w.ids["api_key"] = s.Post("/admin/api-keys", M{"title": "Other", "type": "publishable"}).Must(200).String("api_key.id")
	w.ids["store"] = s.Get("/admin/stores").Must(200).String("stores.0.id")
	w.ids["region"] = s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
	loc := s.Post("/admin/stock-locations", M{"name": "Main"}).Must(200).String("stock_location.id")
	s.Post("/admin/stock-locations/"+loc+"/sales-channels", M{"add": A{ch}}).Must(200)
	w.ids["location"] = loc
	w.seedShipping(t, loc)
	p := s.Post("/admin/products", M{"title": "Shirt", "status": "published",
		"options":        A{M{"title": "Size", "values": A{"S"}}},
		"variants":       A{M{"title": "Shirt S", "sku": "SHIRT-S", "options": M{"Size": "S"}, "prices": A{M{"currency_code": "eur", "amount": 10}}}},
		"sales_channels": A{M{"id": ch}}}).Must(200)
	w.ids["product"], w.ids["variant"] = p.String("product.id"), p.String("product.variants.0.id")
	w.ids["item"] = s.Get("/admin/inventory-items?sku=SHIRT-S").Must(200).String("inventory_items.0.id")
	s.Post("/admin/inventory-items/"+w.ids["item"]+"/location-levels", M{"location_id": loc, "stocked_quantity": 1000}).Must(200)
	w.ids["reservation"] = s.Post("/admin/reservations", M{"location_id": loc, "inventory_item_id": w.ids["item"], "quantity": 1}).
		Must(200).String("reservation.id")
	w.ids["cart"] = w.cartWithLine(t)
	w.ids["line"] = s.Do("GET", "/store/carts/"+w.ids["cart"], nil, w.pk).Must(200).String("cart.items.0.id")
	w.ids["payment_collection"] = s.Do("POST", "/store/payment-collections", M{"cart_id": w.ids["cart"]}, w.pk).
		Must(200).String("payment_collection.id")
	w.ids["order"] = s.Do("POST", "/store/carts/"+w.cartWithLine(t)+"/complete", nil, w.pk).Must(200).String("order.id")
	// A webhook for every event, with the deliveries of everything above.
	w.ids["webhook"] = s.Post("/admin/webhooks", M{"url": "http://127.0.0.1:9/hooks", "events": A{"*"}}).Must(200).String("webhook.id")
	if _, err := s.App.Relay.Flush(t.Context()); err != nil {
		t.Fatalf("relay: %v", err)
	}
	w.ids["delivery"] = s.Get("/admin/webhooks/" + w.ids["webhook"] + "/deliveries").Must(200).String("deliveries.0.id")
	w.seedCustomer(t)
	// channeld stores no notification and no layout: their routes answer for any id.
	w.ids["notification"], w.ids["zone"] = "noti_none", "product.details.before"
	w.ids["actor_type"] = "user"
	w.ids["currency"] = "eur"
	w.ids["invite"] = s.Post("/admin/invites", M{"email": "invitee@example.com", "roles": A{w.ids["role"]}}).Must(200).String("invite.id")
	w.ids["price_preference"] = s.Get("/admin/price-preferences?attribute=region_id&value=" + w.ids["region"]).Must(200).
		String("price_preferences.0.id")
	return w
}

// seedShipping gives the location the manual provider, a fulfillment set with a zone
// covering Germany and a shipping option there, and adds a shipping profile.
func (w *world) seedShipping(t testing.TB, loc string) {
	t.Helper()
	s := w.srv
	w.ids["fulfillment_provider"] = "manual_manual"
	s.Post("/admin/stock-locations/"+loc+"/fulfillment-providers", M{"add": A{"manual_manual"}}).Must(200)
	w.ids["fulfillment_set"] = s.Post("/admin/stock-locations/"+loc+"/fulfillment-sets?fields=fulfillment_sets.id",
		M{"name": "Main shipping", "type": "shipping"}).Must(200).String("stock_location.fulfillment_sets.0.id")
	w.ids["service_zone"] = s.Post("/admin/fulfillment-sets/"+w.ids["fulfillment_set"]+"/service-zones",
		M{"name": "Germany", "geo_zones": A{M{"type": "country", "country_code": "de"}}}).Must(200).String("fulfillment_set.service_zones.0.id")
	w.ids["shipping_profile"] = s.Post("/admin/shipping-profiles", M{"name": "Bulky", "type": "bulky"}).Must(200).String("shipping_profile.id")
	w.ids["shipping_option"] = s.Post("/admin/shipping-options", M{"name": "Standard", "service_zone_id": w.ids["service_zone"],
		"shipping_profile_id": w.ids["shipping_profile"], "provider_id": "manual_manual", "price_type": "flat",
		"type": M{"label": "Standard", "code": "standard"}, "prices": A{M{"currency_code": "eur", "amount": 5}},
		"rules": A{M{"attribute": "enabled_in_store", "operator": "eq", "value": "true"}}}).Must(200).String("shipping_option.id")
}

// seedCustomer registers a customer with an address and logs it in.
func (w *world) seedCustomer(t testing.TB) {
	t.Helper()
	s, creds := w.srv, M{"email": "shopper@example.com", "password": "shopper-secret"}
	reg := s.Do("POST", "/auth/customer/emailpass/register", creds, nil).Must(200).String("token")
	w.ids["customer"] = s.Do("POST", "/store/customers", M{"email": "shopper@example.com"}, w.asShopper(reg)).Must(200).String("customer.id")
	w.shopper = s.Do("POST", "/auth/customer/emailpass", creds, nil).Must(200).String("token")
	w.ids["address"] = s.Do("POST", "/store/customers/me/addresses", M{"city": "Berlin"}, w.asShopper(w.shopper)).Must(200).
		String("customer.addresses.0.id")
}

// asShopper returns the store headers with a customer's token.
func (w *world) asShopper(token string) map[string]string {
	h := map[string]string{"Authorization": "Bearer " + token}
	for k, v := range w.pk {
		h[k] = v
	}
	return h
}

// cartWithLine creates a cart in the world's channel with one unit of its variant.
func (w *world) cartWithLine(t testing.TB) string {
	t.Helper()
	id := w.srv.Do("POST", "/store/carts", M{"region_id": w.ids["region"], "email": "a@example.com"}, w.pk).
		Must(200).String("cart.id")
	w.srv.Do("POST", "/store/carts/"+id+"/line-items", M{"variant_id": w.ids["variant"], "quantity": 1}, w.pk).Must(200)
	return id
}

// fill replaces each {param} of an OpenAPI path with the world's live id.
func (w *world) fill(t testing.TB, path string) string {
	t.Helper()
	segs := strings.Split(path, "/")
	for i, s := range segs {
		if strings.HasPrefix(s, "{") {
			segs[i] = w.idFor(t, segs[i-1])
		}
	}
	return strings.Join(segs, "/")
}

// headers returns the credentials a route's audience needs.
func (w *world) headers(path string) map[string]string {
	// The logged-in customer's routes get past their login check.
	if strings.HasPrefix(path, "/store/customers") || path == "/store/orders" || strings.HasSuffix(path, "/customer") {
		return w.asShopper(w.shopper)
	}
	if strings.HasPrefix(path, "/store/") {
		return w.pk
	}
	return nil // apitest sends the admin token on /admin paths
}
