package app

import (
	"slices"

	"channeld/internal/platform/httpapi"
	"channeld/internal/rbac"
)

// The route check of spec §5.6 step 1 for every admin route outside the rbac module (which
// declares its own in rbac.RouteRules): Medusa 2.21.2's `policies` from its
// api/admin/**/middlewares.js, a path-prefix declaration (`/admin/products/*` →
// `product:read`) written first, then the route's own; channeld's additions where Medusa
// declares nothing (sellers, audit logs, channel prices, updates Medusa guards only by the read
// prefix). A Medusa declaration with several operations (`product:create,update`) is written
// as one key per operation. Routes no rule names are open to every logged-in admin, as
// Medusa's undeclared routes are; openAdminRoutes lists them, and a test fails for any admin
// route that is in neither list.
var adminRules = concatRules(channelRules, storeRules, keyRules, regionRules, sellerRules,
	productRules, taxonomyRules, pricingRules, translationRules, stockRules, fulfillmentRules, orderRules, customerRules,
	auditRules, webhookRules, referenceRules, pricePreferenceRules, inviteRules)

// inviteRules are Medusa's declarations of /admin/invites*; the acceptance is no admin route.
var inviteRules = []rbac.Rule{
	rule("GET", "/admin/invites", decl{"invite:read"}),
	rule("POST", "/admin/invites", decl{"invite:create"}),
	rule("GET", "/admin/invites/{id}", decl{"invite:read"}),
	rule("DELETE", "/admin/invites/{id}", decl{"invite:delete"}),
	rule("POST", "/admin/invites/{id}/resend", decl{"invite:update"}),
}

// openAdminRoutes are the admin routes that declare no policy (Medusa's, §5.6).
var openAdminRoutes = []string{
	"GET /admin/users/me",
	"GET /admin/rbac/me/permissions",
	// Medusa declares no policy on the dashboard's layouts and search indexes.
	"GET /admin/layouts/configurations",
	"GET /admin/layouts/{zone}/configuration",
	"GET /admin/search-indexes",
	"GET /admin/plugins",
}

// guarded puts a module's routes behind their declarations of adminRules.
func guarded(routes []httpapi.Route) []httpapi.Route { return rbac.Apply(routes, adminRules) }

type decl = rbac.Policies

func rule(method, path string, decls ...decl) rbac.Rule {
	return rbac.Rule{Method: method, Path: path, Policies: decls}
}

// storeWide marks every write among rules as a write on what belongs to no channel (a
// region, a collection, a new channel): a channel-limited admin may not do it (§5.6 "global").
func storeWide(rules ...rbac.Rule) []rbac.Rule {
	out := slices.Clone(rules)
	for i := range out {
		if out[i].Method != "GET" {
			out[i].StoreWide = true
		}
	}
	return out
}

func concatRules(groups ...[]rbac.Rule) []rbac.Rule {
	var out []rbac.Rule
	for _, g := range groups {
		out = append(out, g...)
	}
	return out
}

var (
	channelRead = decl{"sales_channel:read"}
	productRead = decl{"product:read"}
	variantRead = decl{"product_variant:read"}
	itemRead    = decl{"inventory_item:read"}
)

var channelRules = []rbac.Rule{
	rule("GET", "/admin/sales-channels", channelRead),
	storeWide(rule("POST", "/admin/sales-channels", decl{"sales_channel:create"}))[0],
	rule("GET", "/admin/sales-channels/{id}", channelRead),
	rule("POST", "/admin/sales-channels/{id}", channelRead, decl{"sales_channel:update"}),
	rule("DELETE", "/admin/sales-channels/{id}", channelRead, decl{"sales_channel:delete"}),
	rule("POST", "/admin/sales-channels/{id}/products", channelRead, decl{"sales_channel:update"}),
	rule("GET", "/admin/sales-channels/{id}/availability", channelRead, productRead),
}

var pricingRules = []rbac.Rule{
	rule("GET", "/admin/sales-channels/{id}/prices", channelRead, decl{"price:read"}),
	rule("POST", "/admin/sales-channels/{id}/prices/batch", channelRead, decl{"price:update"}),
	rule("POST", "/admin/sales-channels/{id}/prices/sync", channelRead, decl{"price:update"}),
	rule("GET", "/admin/sales-channels/{id}/price-inheritance", channelRead, decl{"price:read"}),
	rule("POST", "/admin/sales-channels/{id}/price-inheritance", channelRead, decl{"price:update"}),
	rule("POST", "/admin/sales-channels/{id}/price-inheritance/{rule_id}", channelRead, decl{"price:update"}),
	rule("DELETE", "/admin/sales-channels/{id}/price-inheritance/{rule_id}", channelRead, decl{"price:update"}),
}

var storeRules = storeWide(
	rule("GET", "/admin/stores", decl{"store:read"}),
	rule("GET", "/admin/stores/{id}", decl{"store:read"}),
	rule("POST", "/admin/stores/{id}", decl{"store:read"}, decl{"store:update"}),
)

var keyRules = []rbac.Rule{
	rule("GET", "/admin/api-keys", decl{"api_key:read"}),
	rule("POST", "/admin/api-keys", decl{"api_key:create"}),
	rule("GET", "/admin/api-keys/{id}", decl{"api_key:read"}),
	rule("POST", "/admin/api-keys/{id}", decl{"api_key:read"}, decl{"api_key:update"}),
	rule("DELETE", "/admin/api-keys/{id}", decl{"api_key:read"}, decl{"api_key:delete"}),
	rule("POST", "/admin/api-keys/{id}/revoke", decl{"api_key:read"}, decl{"api_key:update"}),
	rule("POST", "/admin/api-keys/{id}/sales-channels", decl{"api_key:read"}, decl{"api_key:update"}),
}

var (
	regionRules = storeWide(crudRules("/admin/regions", "region")...)
	sellerRules = crudRules("/admin/sellers", "seller")
	// Medusa declares customer:read on /admin/customers/* and each route's own operation.
	customerRules = crudRules("/admin/customers", "customer")
	// Webhooks are channeld's: their own resource, deliveries read with the webhook and
	// redelivered as its update.
	webhookRules = append(crudRules("/admin/webhooks", "webhook"),
		rule("GET", "/admin/webhooks/{id}/deliveries", decl{"webhook:read"}),
		rule("POST", "/admin/webhooks/{id}/deliveries/{delivery_id}/redeliver", decl{"webhook:read"}, decl{"webhook:update"}))
)

// crudRules declares the five routes of a resource managed as Medusa's CRUD modules are: the
// list and a retrieve read, create, then a read prefix before the update or delete of one.
func crudRules(path, resource string) []rbac.Rule {
	read := decl{resource + ":read"}
	return []rbac.Rule{
		rule("GET", path, read),
		rule("POST", path, decl{resource + ":create"}),
		rule("GET", path+"/{id}", read),
		rule("POST", path+"/{id}", read, decl{resource + ":update"}),
		rule("DELETE", path+"/{id}", read, decl{resource + ":delete"}),
	}
}

var productRules = []rbac.Rule{
	rule("GET", "/admin/products", productRead),
	rule("POST", "/admin/products", decl{"product:create", "inventory_item:create", "price:create"}),
	rule("POST", "/admin/products/batch", productRead, decl{"product:create", "product:update"}),
	rule("GET", "/admin/products/{id}", productRead),
	rule("POST", "/admin/products/{id}", productRead, decl{"product:update"}),
	rule("DELETE", "/admin/products/{id}", productRead, decl{"product:delete"}),
	rule("GET", "/admin/products/{id}/variants", productRead),
	rule("GET", "/admin/product-variants", variantRead),
	rule("POST", "/admin/products/{id}/variants", productRead, decl{"product_variant:create"}),
	rule("GET", "/admin/products/{id}/variants/{variant_id}", productRead, variantRead),
	// The update's own declaration depends on the body (product_variant:update, or
	// price:update alone for a prices-only change): the route holds one of them before the
	// body is read, and the product module checks the one the body needs.
	{Method: "POST", Path: "/admin/products/{id}/variants/{variant_id}", Policies: []decl{productRead, variantRead},
		OneOf: []decl{{"product_variant:update"}, {"price:update"}}},
	rule("DELETE", "/admin/products/{id}/variants/{variant_id}", productRead, variantRead, decl{"product_variant:delete"}),
	rule("GET", "/admin/products/{id}/variants/{variant_id}/inventory-items", productRead, variantRead, itemRead),
	rule("POST", "/admin/products/{id}/variants/{variant_id}/inventory-items", productRead, variantRead, decl{"inventory_item:create"}),
	rule("POST", "/admin/products/{id}/variants/{variant_id}/inventory-items/{inventory_item_id}", productRead, variantRead, itemRead, decl{"inventory_item:update"}),
	rule("DELETE", "/admin/products/{id}/variants/{variant_id}/inventory-items/{inventory_item_id}", productRead, variantRead, itemRead, decl{"inventory_item:delete"}),
}

var translationRules = []rbac.Rule{
	rule("GET", "/admin/translations", decl{"translation:read"}),
	rule("POST", "/admin/translations/batch", decl{"translation:read"}, decl{"translation:create", "translation:update"}),
}

var (
	locationRead    = decl{"stock_location:read"}
	reservationRead = decl{"reservation_item:read"}
	levelRead       = decl{"inventory_level:read"}
	itemWrite       = decl{"inventory_item:create", "inventory_item:update", "inventory_item:delete"}
)

var stockRules = []rbac.Rule{
	rule("GET", "/admin/stock-locations", locationRead),
	rule("POST", "/admin/stock-locations", decl{"stock_location:create"}),
	rule("GET", "/admin/stock-locations/{id}", locationRead),
	rule("POST", "/admin/stock-locations/{id}", locationRead, decl{"stock_location:update"}),
	rule("DELETE", "/admin/stock-locations/{id}", locationRead, decl{"stock_location:delete"}),
	rule("POST", "/admin/stock-locations/{id}/sales-channels", locationRead, decl{"stock_location:update"}),
	rule("GET", "/admin/inventory-items", itemRead),
	rule("POST", "/admin/inventory-items", decl{"inventory_item:create"}),
	rule("POST", "/admin/inventory-items/location-levels/batch", itemRead, itemWrite),
	rule("GET", "/admin/inventory-items/{id}", itemRead),
	rule("POST", "/admin/inventory-items/{id}", itemRead, decl{"inventory_item:update"}),
	rule("DELETE", "/admin/inventory-items/{id}", itemRead, decl{"inventory_item:delete"}),
	rule("GET", "/admin/inventory-items/{id}/location-levels", itemRead),
	rule("POST", "/admin/inventory-items/{id}/location-levels", itemRead, decl{"inventory_level:create"}),
	rule("POST", "/admin/inventory-items/{id}/location-levels/{location_id}", itemRead, levelRead, decl{"inventory_level:update"}),
	rule("DELETE", "/admin/inventory-items/{id}/location-levels/{location_id}", itemRead, levelRead, decl{"inventory_level:delete"}),
	rule("GET", "/admin/reservations", reservationRead),
	rule("POST", "/admin/reservations", decl{"reservation_item:create"}),
	rule("GET", "/admin/reservations/{id}", reservationRead),
	rule("POST", "/admin/reservations/{id}", reservationRead, decl{"reservation_item:update"}),
	rule("DELETE", "/admin/reservations/{id}", reservationRead, decl{"reservation_item:delete"}),
}

// fulfillmentRules: providers, shipping profiles, fulfillment sets with their service zones,
// and shipping options, as Medusa declares them; the routes under a stock location are
// location updates.
var fulfillmentRules = func() []rbac.Rule {
	setRead, zoneRead := decl{"fulfillment_set:read"}, decl{"service_zone:read"}
	const zone = "/admin/fulfillment-sets/{id}/service-zones/{zone_id}"
	out := concatRules(crudRules("/admin/shipping-profiles", "shipping_profile"), crudRules("/admin/shipping-options", "shipping_option"))
	return append(out,
		rule("GET", "/admin/fulfillment-providers", decl{"fulfillment_provider:read"}),
		rule("GET", "/admin/fulfillment-providers/{id}/options", decl{"fulfillment_provider:read"}),
		rule("POST", "/admin/stock-locations/{id}/fulfillment-providers", locationRead, decl{"stock_location:update"}),
		rule("POST", "/admin/stock-locations/{id}/fulfillment-sets", locationRead, decl{"stock_location:update"}),
		rule("DELETE", "/admin/fulfillment-sets/{id}", setRead, decl{"fulfillment_set:delete"}),
		rule("POST", "/admin/fulfillment-sets/{id}/service-zones", setRead, decl{"fulfillment_set:create", "service_zone:create"}),
		rule("GET", zone, setRead, zoneRead, zoneRead),
		rule("POST", zone, setRead, zoneRead, decl{"fulfillment_set:update", "service_zone:update"}),
		rule("DELETE", zone, setRead, zoneRead, decl{"fulfillment_set:update", "service_zone:delete"}),
		rule("POST", "/admin/shipping-options/{id}/rules/batch", decl{"shipping_option:read"}, decl{"shipping_option:update"}),
	)
}()

var orderRules = []rbac.Rule{
	rule("GET", "/admin/orders", decl{"order:read"}),
	rule("GET", "/admin/orders/{id}", decl{"order:read"}),
	rule("GET", "/admin/orders/{id}/preview", decl{"order:read"}),
	// channeld makes no order changes; their empty lists are read as the order is.
	rule("GET", "/admin/orders/{id}/changes", decl{"order:read"}),
	rule("GET", "/admin/returns", decl{"order:read"}),
	rule("GET", "/admin/claims", decl{"order:read"}),
	rule("GET", "/admin/exchanges", decl{"order:read"}),
}

// referenceRules: what the dashboard reads on every page, as Medusa declares it. None of it
// belongs to a channel, and a channel-limited admin holding the read loads it like any other.
var referenceRules = []rbac.Rule{
	rule("GET", "/admin/notifications", decl{"notification:read"}),
	rule("GET", "/admin/notifications/{id}", decl{"notification:read"}),
	rule("GET", "/admin/currencies", decl{"currency:read"}),
	rule("GET", "/admin/currencies/{code}", decl{"currency:read"}),
}

// pricePreferenceRules: a preference is the tax flag of a currency or a region, store-wide.
var pricePreferenceRules = storeWide(crudRules("/admin/price-preferences", "price_preference")...)

var auditRules = []rbac.Rule{
	rule("GET", "/admin/audit-logs", decl{"audit_log:read"}),
}

// taxonomyRules: collections, tags, types and categories, as Medusa declares them (a read
// prefix on sub-paths, then the route's own operation).
var taxonomyRules = func() []rbac.Rule {
	// The terms themselves are store-wide; linking products to a collection changes the
	// products, which the module checks per channel.
	out := storeWide(concatRules(crudRules("/admin/collections", "product_collection"),
		crudRules("/admin/product-tags", "product_tag"), crudRules("/admin/product-types", "product_type"),
		crudRules("/admin/product-categories", "product_category"))...)
	return append(out, rule("POST", "/admin/collections/{id}/products", decl{"product_collection:read"},
		decl{"product_collection:update"}),
		rule("POST", "/admin/product-categories/{id}/products", decl{"product_category:read"}, decl{"product_category:update"}))
}()
