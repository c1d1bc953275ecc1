package cart_test

import (
	"testing"

	. "channeld/internal/apitest"
)

// Carts price their lines as the storefront does (channel-model.md §2.5, V21): the cart's
// channel's override, else its inherited price, else the base price, in the cart's currency,
// which a currency-configured channel must sell (E1).
func TestCartChannelPrices(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		s := w.s
		s.Post("/admin/sales-channels/"+w.ChannelA, M{"supported_currencies": A{M{"currency_code": "eur", "is_default": true}}}).Must(200)
		s.Post("/admin/sales-channels/"+w.ChannelB, M{"supported_currencies": A{M{"currency_code": "usd", "is_default": true},
			M{"currency_code": "eur", "is_tax_inclusive": true}, M{"currency_code": "gbp"}}}).Must(200)
		priceB := s.Post("/admin/sales-channels/"+w.ChannelB+"/prices/batch", M{"create": A{
			M{"variant_id": w.a1, "currency_code": "usd", "amount": 7}}}).Must(200).String("created.0.id")
		// B's eur prices are half its usd prices.
		s.Post("/admin/sales-channels/"+w.ChannelB+"/price-inheritance", M{"currency_code": "eur",
			"source_sales_channel_id": w.ChannelB, "source_currency_code": "usd", "factor": 0.5}).Must(200)
		jpy := s.Post("/admin/regions", M{"name": "Japan", "currency_code": "jpy"}).Must(200).String("region.id")
		inB := w.cart(t, w.KeyB, M{"region_id": w.USD, "items": A{M{"variant_id": w.a1, "quantity": 1}}})
		ordered := w.cart(t, w.KeyB, M{"region_id": w.USD, "email": "a@example.com", "items": A{M{"variant_id": w.a1, "quantity": 2}}})
		carts := Scalar[int](t, s, `SELECT count(*) FROM cart`)
		e1 := func(currency, channel string) string {
			return ErrBody("invalid_data", "Currency "+currency+" is not available in sales channel "+channel)
		}
		Run(t, s, []Case{
			{Name: "V21 a usd cart in a eur channel", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA),
				Body: M{"region_id": w.USD}, Status: 400, Exact: e1("usd", w.ChannelA)},
			{Name: "V21 with items too", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA),
				Body: M{"currency_code": "usd", "items": A{M{"variant_id": w.a1, "quantity": 1}}}, Status: 400, Exact: e1("usd", w.ChannelA)},
			{Name: "no cart was created", Method: "GET", Path: "/store/carts/" + inB, Headers: KeyHeader(w.KeyB), Status: 200,
				Check: func(t *testing.T, _ *Response) {
					if n := Scalar[int](t, s, `SELECT count(*) FROM cart`); n != carts {
						t.Errorf("%d carts, want %d", n, carts)
					}
				}},
			{Name: "without a region or a currency, the channel's default currency", Method: "POST", Path: "/store/carts",
				Headers: KeyHeader(w.KeyA), Body: M{}, Status: 200, Want: M{"cart": M{"currency_code": "eur", "sales_channel_id": w.ChannelA}}},
			{Name: "V21 a line at the channel's price", Method: "GET", Path: "/store/carts/" + inB, Headers: KeyHeader(w.KeyB), Status: 200,
				Want: M{"cart": M{"currency_code": "usd", "items": A{M{"unit_price": 7, "is_tax_inclusive": false}}, "total": 7}}},
			{Name: "a line at the inherited price, tax inclusive", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyB),
				Body: M{"region_id": w.EUR, "items": A{M{"variant_id": w.a1, "quantity": 1}}}, Status: 200,
				Want: M{"cart": M{"currency_code": "eur", "items": A{M{"unit_price": 3.5, "is_tax_inclusive": true}}}}},
			{Name: "a line at the base price in a channel without its own", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA),
				Body: M{"region_id": w.EUR, "items": A{M{"variant_id": w.a1, "quantity": 1}}}, Status: 200,
				Want: M{"cart": M{"items": A{M{"unit_price": 10, "is_tax_inclusive": false}}}}},
			{Name: "a variant without a price in the currency", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyB),
				Body: M{"currency_code": "gbp", "items": A{M{"variant_id": w.a1, "quantity": 1}}}, Status: 400,
				Exact: ErrBody("invalid_data", "Variant "+w.a1+" has no price in gbp in sales channel "+w.ChannelB)},
			{Name: "E1 on a region change", Method: "POST", Path: "/store/carts/" + inB, Headers: KeyHeader(w.KeyB),
				Body: M{"region_id": jpy}, Status: 400, Exact: e1("jpy", w.ChannelB)},
			{Name: "the cart is unchanged", Method: "GET", Path: "/store/carts/" + inB, Headers: KeyHeader(w.KeyB), Status: 200,
				Want: M{"cart": M{"region_id": w.USD, "currency_code": "usd", "items": A{M{"unit_price": 7}}}}},
			{Name: "E1 on a channel change", Method: "POST", Path: "/store/carts/" + inB, Headers: KeyHeader(w.KeyAB),
				Body: M{"sales_channel_id": w.ChannelA}, Status: 400, Exact: e1("usd", w.ChannelA)},
			{Name: "a region change reprices through inheritance", Method: "POST", Path: "/store/carts/" + inB, Headers: KeyHeader(w.KeyB),
				Body: M{"region_id": w.EUR}, Status: 200,
				Want: M{"cart": M{"currency_code": "eur", "items": A{M{"unit_price": 3.5, "is_tax_inclusive": true}}}}},
		})
		// A later price change leaves the line, and the order copies the line.
		s.Post("/admin/sales-channels/"+w.ChannelB+"/prices/batch", M{"update": A{M{"id": priceB, "amount": 9}}}).Must(200)
		Run(t, s, []Case{
			{Name: "the order copies the line's price", Method: "POST", Path: "/store/carts/" + ordered + "/complete", Headers: KeyHeader(w.KeyB),
				Status: 200, Want: M{"order": M{"items": A{M{"unit_price": 7, "quantity": 2}}, "total": 14}}},
		})
	})
}
