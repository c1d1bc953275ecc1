package cart_test

import (
	"testing"

	. "channeld/internal/apitest"
)

// An order keeps the seller its channel had when it was placed, whatever happens to the
// channel's seller afterwards.
func TestOrdersKeepTheirSeller(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		seller := w.s.Post("/admin/sellers", M{"name": "Acme"}).Must(200).String("seller.id")
		w.s.Post("/admin/sales-channels/"+w.ChannelA, M{"seller_id": seller}).Must(200)
		cart := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "alice@example.com", "items": A{M{"variant_id": w.a3, "quantity": 1}}})
		placed := w.s.Do("POST", "/store/carts/"+cart+"/complete", nil, KeyHeader(w.KeyA)).Must(200).String("order.id")
		other := w.cart(t, w.KeyB, M{"region_id": w.EUR, "email": "bob@example.com", "items": A{M{"variant_id": w.b2, "quantity": 1}}})
		w.s.Do("POST", "/store/carts/"+other+"/complete", nil, KeyHeader(w.KeyB)).Must(200)
		w.s.Post("/admin/sales-channels/"+w.ChannelA, M{"seller_id": nil}).Must(200)
		Run(t, w.s, []Case{
			{Name: "kept after the channel lost its seller", Method: "GET", Path: "/admin/orders/" + placed + "?fields=id,+seller_id", Status: 200,
				// Medusa's order detail answers its two statuses whatever fields asks.
				Exact: `{"order":{"id":"` + placed + `","seller_id":"` + seller + `","payment_status":"not_paid","fulfillment_status":"not_fulfilled"}}`},
			{Name: "not in the default answer", Method: "GET", Path: "/admin/orders/" + placed, Status: 200,
				Want: M{"order": M{"id": placed, "seller_id": Absent}}},
			{Name: "filtered by seller", Method: "GET", Path: "/admin/orders?seller_id[]=" + seller + "&fields=id", Status: 200,
				Exact: `{"orders":[{"id":"` + placed + `"}],"count":1,"offset":0,"limit":15}`},
			{Name: "the filter takes an array", Method: "GET", Path: "/admin/orders?seller_id=" + seller, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Expected type: 'array' for field 'seller_id', got: '"+seller+"'")},
		})
	})
}
