package cart_test

import (
	"testing"

	. "channeld/internal/apitest"
)

// Medusa's checkout with its system provider: a collection for the cart's total, a session
// with pp_system_default, completion authorizing it.
func TestCheckoutWithSystemProvider(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		w.s.Post("/admin/regions/"+w.EUR, M{"payment_providers": A{"pp_system_default"}}).Must(200)
		id := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "p@example.com", "items": A{M{"variant_id": w.a3, "quantity": 2}}})
		other := w.cart(t, w.KeyB, M{"region_id": w.EUR, "items": A{M{"variant_id": w.b1, "quantity": 1}}})
		usdCart := w.cart(t, w.KeyA, M{"region_id": w.USD, "items": A{M{"variant_id": w.a1, "quantity": 1}}})
		var collection, usdCollection string
		Run(t, w.s, []Case{
			{Name: "cart has no collection yet", Method: "GET", Path: "/store/carts/" + id, Headers: KeyHeader(w.KeyA), Status: 200,
				Want: M{"cart": M{"payment_collection": nil}}},
			{Name: "create the collection", Method: "POST", Path: "/store/payment-collections", Headers: KeyHeader(w.KeyA),
				Body: M{"cart_id": id}, Status: 200,
				Want:  M{"payment_collection": M{"id": Any, "currency_code": "eur", "amount": 20, "status": "not_paid", "payment_sessions": A{}}},
				Check: func(t *testing.T, r *Response) { collection = r.String("payment_collection.id") }},
			{Name: "creating again returns the same collection", Method: "POST", Path: "/store/payment-collections", Headers: KeyHeader(w.KeyA),
				Body: M{"cart_id": id}, Status: 200,
				Check: func(t *testing.T, r *Response) {
					if got := r.String("payment_collection.id"); got != collection {
						t.Errorf("second collection %s, want %s", got, collection)
					}
				}},
			{Name: "unknown cart", Method: "POST", Path: "/store/payment-collections", Headers: KeyHeader(w.KeyA),
				Body: M{"cart_id": "cart_nope"}, Status: 404, Exact: `{"type":"not_found","message":"Cart id not found: cart_nope"}`},
			{Name: "another channel's cart", Method: "POST", Path: "/store/payment-collections", Headers: KeyHeader(w.KeyA),
				Body: M{"cart_id": other}, Status: 404, Exact: `{"type":"not_found","message":"Cart id not found: ` + other + `"}`},
			{Name: "cart_id is required", Method: "POST", Path: "/store/payment-collections", Headers: KeyHeader(w.KeyA),
				Body: M{}, Status: 400, Exact: `{"type":"invalid_data","message":"Invalid request: Field 'cart_id' is required"}`},
			{Name: "the amount is not the client's to set", Method: "POST", Path: "/store/payment-collections", Headers: KeyHeader(w.KeyA),
				Body: M{"cart_id": id, "amount": 1}, Status: 400, Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'amount'"}`},
			{Name: "the cart shows its collection", Method: "GET", Path: "/store/carts/" + id, Headers: KeyHeader(w.KeyA), Status: 200,
				Check: func(t *testing.T, r *Response) {
					if r.String("cart.payment_collection.id") != collection {
						t.Errorf("cart payment_collection: %s", r.Body)
					}
				}},
		})
		sessions := "/store/payment-collections/" + collection + "/payment-sessions"
		Run(t, w.s, []Case{
			{Name: "open a session", Method: "POST", Path: sessions, Headers: KeyHeader(w.KeyA),
				Body: M{"provider_id": "pp_system_default"}, Status: 200,
				Want: M{"payment_collection": M{"amount": 20, "payment_sessions": A{M{"id": Any, "provider_id": "pp_system_default",
					"amount": 20, "currency_code": "eur", "status": "pending", "data": M{}, "authorized_at": nil}}}}},
			{Name: "a line change drops the session and updates the amount", Method: "POST", Path: "/store/carts/" + id + "/line-items",
				Headers: KeyHeader(w.KeyA), Body: M{"variant_id": w.a1, "quantity": 1}, Status: 200,
				Want: M{"cart": M{"total": 30, "payment_collection": M{"amount": 30, "payment_sessions": A{}}}}},
			{Name: "unknown provider", Method: "POST", Path: sessions, Headers: KeyHeader(w.KeyA),
				Body: M{"provider_id": "pp_stripe_stripe"}, Status: 404,
				Exact: `{"type":"not_found","message":"Payment provider with id: pp_stripe_stripe was not found"}`},
			{Name: "unknown collection", Method: "POST", Path: "/store/payment-collections/pay_col_nope/payment-sessions", Headers: KeyHeader(w.KeyA),
				Body: M{"provider_id": "pp_system_default"}, Status: 404,
				Exact: `{"type":"not_found","message":"PaymentCollection with id: pay_col_nope was not found"}`},
			{Name: "another channel's key does not reach the collection", Method: "POST", Path: sessions,
				Headers: KeyHeader(w.KeyB), Body: M{"provider_id": "pp_system_default"}, Status: 404, Check: WantType("not_found")},
			{Name: "a new session is for the new amount", Method: "POST", Path: sessions,
				Headers: KeyHeader(w.KeyA), Body: M{"provider_id": "pp_system_default", "data": M{"note": "x"}}, Status: 200,
				Want: M{"payment_collection": M{"amount": 30, "payment_sessions": A{M{"amount": 30, "status": "pending", "data": M{"note": "x"}}}}}},
			{Name: "a provider the region does not enable", Method: "POST", Path: "/store/payment-collections", Headers: KeyHeader(w.KeyA),
				Body: M{"cart_id": usdCart}, Status: 200,
				Check: func(t *testing.T, r *Response) { usdCollection = r.String("payment_collection.id") }},
			{Name: "complete authorizes the session", Method: "POST", Path: "/store/carts/" + id + "/complete", Headers: KeyHeader(w.KeyA), Status: 200,
				Want: M{"type": "order", "order": M{"payment_status": "authorized", "total": 30}}},
			{Name: "the completed cart shows the authorized payment", Method: "GET", Path: "/store/carts/" + id, Headers: KeyHeader(w.KeyA), Status: 200,
				Want: M{"cart": M{"payment_collection": M{"status": "authorized", "payment_sessions": A{M{"status": "authorized", "authorized_at": Any}}}}}},
			{Name: "no new session on a completed cart", Method: "POST", Path: sessions,
				Headers: KeyHeader(w.KeyA), Body: M{"provider_id": "pp_system_default"}, Status: 400,
				Exact: `{"type":"not_allowed","message":"Cart ` + id + ` is already completed"}`},
		})
		w.s.Do("POST", "/store/payment-collections/"+usdCollection+"/payment-sessions", M{"provider_id": "pp_system_default"}, KeyHeader(w.KeyA)).Must(400)

		plain := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "q@example.com", "items": A{M{"variant_id": w.a1, "quantity": 1}}})
		r := w.s.Do("POST", "/store/carts/"+plain+"/complete", nil, KeyHeader(w.KeyA)).Must(200)
		if got := r.String("order.payment_status"); got != "not_paid" {
			t.Errorf("order of a cart without payment: payment_status %q", got)
		}
		orders := w.s.Get("/admin/orders?fields=id,payment_status&order=display_id").Must(200)
		if orders.String("orders.0.payment_status") != "authorized" || orders.String("orders.1.payment_status") != "not_paid" {
			t.Errorf("admin orders: %s", orders.Body)
		}
	})
}

func TestPaymentProviders(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		w.s.Post("/admin/regions/"+w.EUR, M{"payment_providers": A{"pp_system_default"}}).Must(200)
		Run(t, w.s, []Case{
			{Name: "the region's providers", Method: "GET", Path: "/store/payment-providers?region_id=" + w.EUR, Headers: KeyHeader(w.KeyA),
				Status: 200, Exact: `{"payment_providers":[{"id":"pp_system_default","is_enabled":true}],"count":1,"offset":0,"limit":20}`},
			{Name: "a region without providers", Method: "GET", Path: "/store/payment-providers?region_id=" + w.USD, Headers: KeyHeader(w.KeyA),
				Status: 200, Exact: `{"payment_providers":[],"count":0,"offset":0,"limit":20}`},
			{Name: "region_id is required", Method: "GET", Path: "/store/payment-providers", Headers: KeyHeader(w.KeyA),
				Status: 400, Exact: `{"type":"invalid_data","message":"Invalid request: Field 'region_id' is required"}`},
			{Name: "unknown region", Method: "GET", Path: "/store/payment-providers?region_id=reg_nope", Headers: KeyHeader(w.KeyA),
				Status: 404, Exact: `{"type":"not_found","message":"Region with id: reg_nope was not found"}`},
		})
	})
}

// Completing a cart reserves stock, which the storefront shows at once even though pages
// are cached; building carts leaves the cached pages as they were.
func TestStorefrontSeesReservations(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		path := "/store/products?handle=a3&fields=id,variants.id,%2Bvariants.inventory_quantity"
		stock := func() int {
			return w.s.Do("GET", path, nil, KeyHeader(w.KeyA)).Must(200).Int("products.0.variants.0.inventory_quantity")
		}
		if got := stock(); got != 10 {
			t.Fatalf("inventory_quantity %d, want 10", got)
		}
		id := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "r@example.com", "items": A{M{"variant_id": w.a3, "quantity": 3}}})
		if got := stock(); got != 10 {
			t.Fatalf("after a cart: inventory_quantity %d, want 10", got)
		}
		w.s.Do("POST", "/store/carts/"+id+"/complete", nil, KeyHeader(w.KeyA)).Must(200)
		if got := stock(); got != 7 {
			t.Fatalf("after completion: inventory_quantity %d, want 7", got)
		}
	})
}
