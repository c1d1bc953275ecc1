package app_test

import (
	"fmt"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// variantOf returns the id of a product's variant with the SKU.
func variantOf(s *apitest.Server, productID, sku string) string {
	for _, v := range s.Get("/admin/products/" + productID + "?fields=*variants").Must(200).Get("product.variants").([]any) {
		if v.(map[string]any)["sku"] == sku {
			return v.(map[string]any)["id"].(string)
		}
	}
	return ""
}

func denied(keys string) string {
	return ErrBody("forbidden", "Insufficient permissions. Required policies: "+keys)
}

// TestLimitedAdminWrites is V34 and V35's channel parts: a write that reaches a channel the
// caller may not write is E24 whether or not the channel exists, and a foreign channel's
// price routes answer as a missing channel.
func TestLimitedAdminWrites(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		for _, c := range []string{a, b} {
			s.Post("/admin/sales-channels/"+c, M{"supported_currencies": A{M{"currency_code": "eur", "is_default": true}}}).Must(200)
		}
		p1, p2 := product(s, "one", a), product(s, "two", a, b)
		v2 := variantOf(s, p2, "two-S")
		_, la := s.Limited("la@example.com", []string{"product:read", "product:update", "product:create", "inventory_item:create", "price:create",
			"product_variant:read", "price:read", "price:update", "sales_channel:read", "sales_channel:update"}, a)
		Run(t, la, []Case{
			{Name: "title of a product only in A", Method: "POST", Path: "/admin/products/" + p1, Body: M{"title": "One"}, Status: 200},
			{Name: "title of a product in A and B", Method: "POST", Path: "/admin/products/" + p2, Body: M{"title": "Two"}, Status: 403,
				Exact: denied("product:update")},
			{Name: "link a product to B", Method: "POST", Path: "/admin/products/" + p1, Body: M{"sales_channels": A{M{"id": a}, M{"id": b}}}, Status: 403,
				Exact: denied("product:update")},
			{Name: "link a product to a missing channel", Method: "POST", Path: "/admin/products/" + p1, Body: M{"sales_channels": A{M{"id": "sc_missing"}}}, Status: 403,
				Exact: denied("product:update")},
			{Name: "a channel price for B", Method: "POST", Path: "/admin/products/" + p2 + "/variants/" + v2,
				Body: M{"prices": A{M{"currency_code": "eur", "amount": 5, "rules": M{"sales_channel_id": b}}}}, Status: 403, Exact: denied("price:update")},
			{Name: "a base price", Method: "POST", Path: "/admin/products/" + p2 + "/variants/" + v2,
				Body: M{"prices": A{M{"currency_code": "eur", "amount": 5}}}, Status: 403, Exact: denied("price:update")},
			{Name: "B's price batch", Method: "POST", Path: "/admin/sales-channels/" + b + "/prices/batch", Body: M{}, Status: 404,
				Exact: ErrBody("not_found", "Sales channel with id: "+b+" not found")},
			{Name: "a missing channel's price batch", Method: "POST", Path: "/admin/sales-channels/sc_missing/prices/batch", Body: M{}, Status: 404,
				Exact: ErrBody("not_found", "Sales channel with id: sc_missing not found")},
			{Name: "create without channels", Method: "POST", Path: "/admin/products", Body: M{"title": "Loose"}, Status: 400,
				Exact: ErrBody("invalid_data", "A channel-limited user must name at least one of its sales channels")},
			{Name: "create in B", Method: "POST", Path: "/admin/products", Body: M{"title": "Elsewhere", "sales_channels": A{M{"id": b}}}, Status: 403,
				Exact: denied("product:create, inventory_item:create, price:create")},
			{Name: "create in A", Method: "POST", Path: "/admin/products", Body: M{"title": "Here", "sales_channels": A{M{"id": a}}}, Status: 200},
			{Name: "rename B", Method: "POST", Path: "/admin/sales-channels/" + b, Body: M{"name": "Mine"}, Status: 404},
			{Name: "rename A", Method: "POST", Path: "/admin/sales-channels/" + a, Body: M{"name": "A2"}, Status: 200},
			{Name: "add a foreign product to A", Method: "POST", Path: "/admin/sales-channels/" + a + "/products",
				Body: M{"add": A{product(s, "three", b)}}, Status: 400},
			{Name: "create a channel", Method: "POST", Path: "/admin/sales-channels", Body: M{"name": "C"}, Status: 403,
				Exact: denied("sales_channel:create")},
		})
		// A channel price for A leaves the base price alone.
		v1 := variantOf(s, p1, "one-S")
		la.Post("/admin/products/"+p1+"/variants/"+v1, M{"prices": A{M{"currency_code": "eur", "amount": 7, "rules": M{"sales_channel_id": a}}}}).Must(200)
		prices := s.Get("/admin/products/" + p1 + "/variants/" + v1 + "?fields=*prices").Must(200).Get("variant.prices").([]any)
		if len(prices) != 2 {
			t.Errorf("the variant has %d prices after a channel price for A, want the base price and A's", len(prices))
		}
		// The same on P2, in A and B: a prices-only update with A's price leaves the base price.
		la.Post("/admin/products/"+p2+"/variants/"+v2, M{"prices": A{M{"currency_code": "eur", "amount": 6, "rules": M{"sales_channel_id": a}}}}).Must(200)
		base := ""
		for _, p := range s.Get("/admin/products/" + p2 + "/variants/" + v2 + "?fields=*prices").Must(200).Get("variant.prices").([]any) {
			if rules, _ := p.(map[string]any)["rules"].(map[string]any); len(rules) == 0 {
				base = fmt.Sprint(p.(map[string]any)["amount"])
			}
		}
		if base != "1000" {
			t.Errorf("P2's base price is %v after a channel price for A, want 1000", base)
		}
		_, ro := s.Limited("ro@example.com", []string{"product:read", "sales_channel:read"}, a)
		Run(t, ro, []Case{
			{Name: "read-only: update A", Method: "POST", Path: "/admin/sales-channels/" + a, Body: M{"name": "x"}, Status: 403,
				Exact: denied("sales_channel:update")},
		})
	})
}

// TestLimitedKeyAndLocationWrites: a limited admin changes the keys and locations of its
// channels only, links them only to its channels, and creates no location (store-wide).
func TestLimitedKeyAndLocationWrites(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		keyA, _ := s.PublishableKey("A", a)
		keyB, _ := s.PublishableKey("B", b)
		locA, locB := s.Location("LA", a), s.Location("LB", b)
		_, la := s.Limited("la@example.com", []string{"api_key:read", "api_key:update", "api_key:create", "stock_location:read",
			"stock_location:update", "stock_location:create", "stock_location:delete", "sales_channel:read"}, a)
		Run(t, la, []Case{
			{Name: "rename A's key", Method: "POST", Path: "/admin/api-keys/" + keyA, Body: M{"title": "A2"}, Status: 200},
			{Name: "rename B's key", Method: "POST", Path: "/admin/api-keys/" + keyB, Body: M{"title": "B2"}, Status: 404},
			{Name: "link A's key to B", Method: "POST", Path: "/admin/api-keys/" + keyA + "/sales-channels", Body: M{"add": A{b}}, Status: 403,
				Exact: denied("api_key:update")},
			{Name: "link A's key to a missing channel", Method: "POST", Path: "/admin/api-keys/" + keyA + "/sales-channels", Body: M{"add": A{"sc_missing"}}, Status: 403,
				Exact: denied("api_key:update")},
			{Name: "create a key", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "K", "type": "publishable"}, Status: 400,
				Exact: ErrBody("invalid_data", "A channel-limited user must name at least one of its sales channels")},
			{Name: "create a key in B", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "K", "type": "publishable", "sales_channel_ids": A{b}}, Status: 403,
				Exact: denied("api_key:create")},
			{Name: "create a key in a missing channel", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "K", "type": "publishable", "sales_channel_ids": A{a, "sc_missing"}}, Status: 403,
				Exact: denied("api_key:create")},
			{Name: "create a secret key", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "K", "type": "secret", "sales_channel_ids": A{a}}, Status: 403,
				Exact: denied("api_key:create")},
			{Name: "create a key in A", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "Mine", "type": "publishable", "sales_channel_ids": A{a}}, Status: 200,
				Want: M{"api_key": M{"title": "Mine", "type": "publishable", "token": Any}}},
			{Name: "its new key in A", Method: "GET", Path: "/admin/api-keys?title=Mine&fields=title,*sales_channels", Status: 200,
				Want: M{"count": 1, "api_keys": A{M{"title": "Mine", "sales_channels": A{M{"id": a}}}}}},
			{Name: "rename A's location", Method: "POST", Path: "/admin/stock-locations/" + locA, Body: M{"name": "LA2"}, Status: 200},
			{Name: "link A's location to B", Method: "POST", Path: "/admin/stock-locations/" + locA + "/sales-channels", Body: M{"add": A{b}}, Status: 403,
				Exact: denied("stock_location:update")},
			{Name: "create a location", Method: "POST", Path: "/admin/stock-locations", Body: M{"name": "New"}, Status: 403,
				Exact: denied("stock_location:create")},
			{Name: "delete B's location", Method: "DELETE", Path: "/admin/stock-locations/" + locB, Status: 200},
		})
		s.Get("/admin/stock-locations/" + locB).Must(200)
		Run(t, s, []Case{
			{Name: "no channels for a secret key", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "S", "type": "secret", "sales_channel_ids": A{a}}, Status: 400,
				Exact: ErrBody("invalid_data", "Sales channels can only be associated with publishable API keys")},
			{Name: "a missing channel", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "P", "type": "publishable", "sales_channel_ids": A{a, "sc_missing"}}, Status: 400,
				Exact: ErrBody("invalid_data", "Sales channels with IDs sc_missing do not exist")},
			{Name: "an empty list", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "P", "type": "publishable", "sales_channel_ids": A{}}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Value for field 'sales_channel_ids' too small, expected at least: '1'")},
			{Name: "null is none", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "P", "type": "publishable", "sales_channel_ids": nil}, Status: 200},
		})
		if n := s.Get("/admin/api-keys?title=P").Int("count"); n != 1 {
			t.Errorf("%d keys titled P, want the one created without channels", n)
		}
		key := s.Get("/admin/api-keys?title=Mine").Must(200).String("api_keys.0.id")
		if n := apitest.Scalar[int](t, s, `SELECT count(*) FROM audit_log WHERE action = 'sales_channel.api_key_added' AND resource_id = $1 AND sales_channel_id = $2`, key, a); n != 1 {
			t.Errorf("%d audit entries for the new key's link", n)
		}
	})
}

// TestLimitedSellers: a limited admin sees the sellers of its channels and changes those whose
// every channel it may update; creating a seller is store-wide.
func TestLimitedSellers(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b, c := s.Channel("A"), s.Channel("B"), s.Channel("C")
		seller := func(name string, channels ...string) string {
			id := s.Post("/admin/sellers", M{"name": name}).Must(200).String("seller.id")
			for _, ch := range channels {
				s.Post("/admin/sales-channels/"+ch, M{"seller_id": id}).Must(200)
			}
			return id
		}
		inA, inB, inC := seller("SA", a), seller("SB", b), seller("SC")
		s.Post("/admin/sales-channels/"+a, M{"seller_id": inA}).Must(200)
		s.Post("/admin/sales-channels/"+c, M{"seller_id": inC}).Must(200)
		_, la := s.Limited("la@example.com", []string{"seller:read", "seller:update", "seller:create", "sales_channel:read"}, a, c)
		_, only := s.Limited("lc@example.com", []string{"seller:read", "seller:update", "sales_channel:read"}, c)
		Run(t, la, []Case{
			{Name: "its sellers", Method: "GET", Path: "/admin/sellers?fields=id&order=id", Status: 200, Want: M{"count": 2}},
			{Name: "a foreign seller", Method: "GET", Path: "/admin/sellers/" + inB, Status: 404,
				Exact: ErrBody("not_found", "Seller with id: "+inB+" was not found")},
			{Name: "rename its seller", Method: "POST", Path: "/admin/sellers/" + inA, Body: M{"name": "SA2"}, Status: 200},
			{Name: "create a seller", Method: "POST", Path: "/admin/sellers", Body: M{"name": "New"}, Status: 403, Exact: denied("seller:create")},
		})
		Run(t, only, []Case{
			{Name: "its seller", Method: "GET", Path: "/admin/sellers?fields=id", Status: 200, Want: M{"sellers": A{M{"id": inC}}, "count": 1}},
		})
	})
}

// TestLimitedStore: the store's default channel shows null to an admin who may not read it,
// and the store is changed store-wide only.
func TestLimitedStore(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a := s.Channel("A")
		store := s.Get("/admin/stores").Must(200).String("stores.0.id")
		_, la := s.Limited("la@example.com", []string{"store:read", "store:update", "sales_channel:read"}, a)
		Run(t, la, []Case{
			{Name: "the default channel is hidden", Method: "GET", Path: "/admin/stores?fields=id,default_sales_channel_id", Status: 200,
				Want: M{"stores": A{M{"id": store, "default_sales_channel_id": nil}}}},
			{Name: "by id too", Method: "GET", Path: "/admin/stores/" + store + "?fields=id,default_sales_channel_id", Status: 200,
				Want: M{"store": M{"id": store, "default_sales_channel_id": nil}}},
			{Name: "update the store", Method: "POST", Path: "/admin/stores/" + store, Body: M{"name": "Mine"}, Status: 403, Exact: denied("store:update")},
		})
		if s.Get("/admin/stores").String("stores.0.default_sales_channel_id") == "" {
			t.Error("the super admin no longer sees the default channel")
		}
	})
}

// TestLimitedPriceSync is E36: with the store's price sync on, a channel admin's price write
// that sync would carry into a channel it may not update is refused, naming that channel.
func TestLimitedPriceSync(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		usd := func(amount float64, channel string) M {
			p := M{"currency_code": "usd", "amount": amount}
			if channel != "" {
				p["rules"] = M{"sales_channel_id": channel}
			}
			return p
		}
		p := s.Post("/admin/products", M{"title": "Lamp", "options": A{M{"title": "Size", "values": A{"S"}}},
			"variants":       A{M{"title": "S", "options": M{"Size": "S"}, "prices": A{usd(10, ""), usd(10, a), usd(10, b)}}},
			"sales_channels": A{M{"id": a}, M{"id": b}}}).Must(200)
		pid, vid := p.String("product.id"), p.String("product.variants.0.id")
		store := s.Get("/admin/stores").Must(200).String("stores.0.id")
		s.Post("/admin/stores/"+store, M{"sync_prices_across_channels": true}).Must(200)
		_, la := s.Limited("la@example.com", []string{"product:read", "product_variant:read", "price:read", "price:update"}, a)
		Run(t, la, []Case{
			{Name: "sync into B", Method: "POST", Path: "/admin/products/" + pid + "/variants/" + vid, Body: M{"prices": A{usd(12, a)}}, Status: 403,
				Exact: ErrBody("forbidden", "Price sync would change prices in sales channels you cannot update: "+b)},
		})
	})
}
