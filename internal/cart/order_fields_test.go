package cart_test

import (
	"strings"
	"testing"

	. "channeld/internal/apitest"
)

// Field lists Medusa's own clients read orders with (medusa-clients.md).
const (
	starterOrder   = "*payment_collections.payments,*items,*items.metadata,*items.variant,*items.product"
	dashboardOrder = "id,status,created_at,email,display_id,custom_display_id,payment_status,fulfillment_status,total,currency_code,*customer,*sales_channel,*payment_collections,*shipping_address"
)

// paidOrder completes a cart of 2 × A1 in channel A with addresses and a system payment.
func paidOrder(t *testing.T, w *world) (orderID, cartID string) {
	t.Helper()
	two, _ := addressRegions(t, w)
	w.s.Post("/admin/regions/"+two, M{"payment_providers": A{"pp_system_default"}}).Must(200)
	key := KeyHeader(w.KeyA)
	cartID = w.cart(t, w.KeyA, M{"region_id": two, "email": "ada@example.com", "locale": "fr-FR",
		"items":            A{M{"variant_id": w.a1, "quantity": 2}},
		"shipping_address": M{"first_name": "Ada", "city": "Paris", "country_code": "fr"},
		"billing_address":  M{"first_name": "Ada", "city": "London", "country_code": "gb"}})
	pay := w.s.Do("POST", "/store/payment-collections", M{"cart_id": cartID}, key).Must(200).String("payment_collection.id")
	w.s.Do("POST", "/store/payment-collections/"+pay+"/payment-sessions", M{"provider_id": "pp_system_default"}, key).Must(200)
	r := w.s.Do("POST", "/store/carts/"+cartID+"/complete", nil, key).Must(200)
	return r.String("order.id"), cartID
}

func TestOrderFields(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		orderID, cartID := paidOrder(t, w)
		store := "/store/orders/" + orderID
		admin := "/admin/orders/" + orderID
		Run(t, w.s, []Case{
			{Name: "completion answers the order with its addresses", Method: "POST", Path: "/store/carts/" + cartID + "/complete",
				Headers: KeyHeader(w.KeyA), Status: 200,
				Want: M{"type": "order", "order": M{"id": orderID, "display_id": 1, "payment_status": "authorized",
					"fulfillment_status": "not_fulfilled", "total": 20, "shipping_total": 0, "summary": M{"pending_difference": 20},
					"shipping_address": M{"first_name": "Ada", "city": "Paris", "country_code": "fr"},
					"billing_address":  M{"city": "London", "country_code": "gb"}, "shipping_methods": A{},
					"payment_collections": A{M{"amount": 20, "status": "authorized"}},
					"items":               A{M{"quantity": 2, "variant": M{"id": w.a1, "product": M{"id": w.a1Prod}}, "detail": M{"quantity": 2}}}}},
				Check: func(t *testing.T, r *Response) {
					if id := r.String("order.shipping_address.id"); !strings.HasPrefix(id, "ordaddr_") {
						t.Errorf("the order keeps its own copy of the address: %s", id)
					}
				}},
			{Name: "the starter's order page", Method: "GET", Path: store + "?fields=" + starterOrder, Headers: KeyHeader(w.KeyA), Status: 200,
				Want: M{"order": M{"id": orderID, "email": "ada@example.com", "currency_code": "eur",
					"payment_collections": A{M{"payments": A{M{"id": Any, "amount": 20, "currency_code": "eur", "provider_id": "pp_system_default",
						"captured_at": nil}}}},
					"items": A{M{"metadata": nil, "product": M{"id": w.a1Prod, "title": "A1"}, "variant": M{"id": w.a1, "sku": "A1-S"},
						"unit_price": 10, "total": 20}}}}},
			{Name: "another channel's key", Method: "GET", Path: store, Headers: KeyHeader(w.KeyB), Status: 404,
				Exact: `{"type":"not_found","message":"Order with id: ` + orderID + ` was not found"}`},
			{Name: "the dashboard's order list", Method: "GET", Path: "/admin/orders?fields=" + dashboardOrder, Status: 200,
				Want: M{"orders": A{M{"id": orderID, "status": "pending", "display_id": 1, "custom_display_id": nil,
					"payment_status": "authorized", "fulfillment_status": "not_fulfilled", "total": 20, "currency_code": "eur",
					"customer": nil, "sales_channel": M{"id": w.ChannelA, "name": "A"}, "payment_collections": A{M{"amount": 20}},
					"shipping_address": M{"city": "Paris"}}}}},
			{Name: "an order's totals and relations", Method: "GET",
				Path:   admin + "?fields=item_subtotal,shipping_total,tax_total,discount_total,original_total,*region,locale,*items.variant,*items.product,*shipping_methods,*customer,*sales_channel",
				Status: 200,
				Want: M{"order": M{"item_subtotal": 20, "shipping_total": 0, "tax_total": 0, "discount_total": 0, "original_total": 20,
					"locale": "fr-FR", "region": M{"name": "Continent"}, "shipping_methods": A{}, "customer": nil,
					"sales_channel": M{"id": w.ChannelA}, "items": A{M{"variant": M{"id": w.a1}, "product": M{"id": w.a1Prod}}}}}},
			{Name: "unknown order field", Method: "GET", Path: admin + "?fields=+nope", Status: 400,
				Exact: `{"type":"invalid_data","message":"Requested fields [nope] are not valid"}`},
		})
	})
}
