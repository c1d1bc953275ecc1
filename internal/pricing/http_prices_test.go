package pricing_test

import (
	"encoding/json"
	"testing"

	. "channeld/internal/apitest"
)

// productIn creates a published product with one variant priced at the base prices given
// (currency → amount), linked to channels, and returns its id and its variant's id.
func productIn(s *Server, title string, prices M, channels ...string) (productID, variantID string) {
	scs, ps := A{}, A{}
	for _, c := range channels {
		scs = append(scs, M{"id": c})
	}
	for k, amount := range prices {
		ps = append(ps, M{"currency_code": k, "amount": amount})
	}
	r := s.Post("/admin/products", M{"title": title, "status": "published",
		"options":        A{M{"title": "Size", "values": A{"S"}}},
		"variants":       A{M{"title": title + " S", "options": M{"Size": "S"}, "prices": ps}},
		"sales_channels": scs}).Must(200)
	return r.String("product.id"), r.String("product.variants.0.id")
}

// configuredChannel creates a channel selling in the currencies given, the first the default.
func configuredChannel(s *Server, name string, currencies ...string) string {
	cs := A{}
	for i, k := range currencies {
		cs = append(cs, M{"currency_code": k, "is_default": i == 0})
	}
	return s.Post("/admin/sales-channels", M{"name": name, "supported_currencies": cs}).Must(200).String("sales_channel.id")
}

// V15: a batch create of a channel price, its effective row, an idempotent create that
// updates, a delete that uncovers the base price, and a variant outside the channel (E17).
func TestChannelPriceBatchAndTable(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		c := s.Channel("C")
		pid, vid := productIn(s, "Lamp", M{"usd": 10}, c)
		_, other := productIn(s, "Chair", M{"usd": 5})
		batch := "/admin/sales-channels/" + c + "/prices/batch"
		table := "/admin/sales-channels/" + c + "/prices?variant_id=" + vid
		var priceID string
		Run(t, s, []Case{
			{Name: "create usd 7", Method: "POST", Path: batch, Body: M{"create": A{M{"variant_id": vid, "currency_code": "USD", "amount": 7}}},
				Status: 200, Want: M{"created": A{M{"variant_id": vid, "currency_code": "usd", "amount": 7, "rules": M{"sales_channel_id": c},
					"raw_amount": Any, "min_quantity": nil, "max_quantity": nil, "id": Any, "created_at": Any, "updated_at": Any}},
					"updated": A{}, "deleted": M{"ids": A{}, "object": "price", "deleted": true}},
				Check: func(t *testing.T, r *Response) {
					priceID = r.String("created.0.id")
					if got := len(r.Keys("created")); got != 10 {
						t.Errorf("price object has %d keys, want 10: %s", got, r.Body)
					}
				}},
			{Name: "override row", Method: "GET", Path: table, Status: 200, Check: func(t *testing.T, r *Response) {
				ExpectExact(t, r.Body, `{"prices":[{"variant_id":"`+vid+`","product_id":"`+pid+`","currency_code":"usd","amount":7,
					"source":"override","price_id":"`+priceID+`","inherited_from":null}],"count":1,"offset":0,"limit":50}`)
			}},
			{Name: "create again updates", Method: "POST", Path: batch, Body: M{"create": A{M{"variant_id": vid, "currency_code": "usd", "amount": 9}}},
				Status: 200, Check: func(t *testing.T, r *Response) {
					if r.Len("created") != 0 || r.String("updated.0.id") != priceID || r.Int("updated.0.amount") != 9 {
						t.Errorf("want the price updated to 9: %s", r.Body)
					}
				}},
		})
		Run(t, s, []Case{
			{Name: "delete it", Method: "POST", Path: batch, Body: M{"delete": A{priceID}}, Status: 200,
				Want: M{"created": A{}, "updated": A{}, "deleted": M{"ids": A{priceID}, "object": "price", "deleted": true}}},
			{Name: "base row", Method: "GET", Path: table, Status: 200,
				Want: M{"prices": A{M{"source": "base", "amount": 10, "price_id": Any, "inherited_from": nil}}, "count": 1}},
			{Name: "variant not in C", Method: "POST", Path: batch, Body: M{"create": A{
				M{"variant_id": other, "currency_code": "usd", "amount": 1},
				M{"variant_id": vid, "currency_code": "usd", "amount": 1},
				M{"variant_id": "variant_missing", "currency_code": "usd", "amount": 1}}},
				Status: 400, Exact: ErrBody("invalid_data", "Product variants with IDs "+other+", variant_missing are not in sales channel "+c)},
			{Name: "deleted price", Method: "POST", Path: batch, Body: M{"delete": A{priceID}},
				Status: 404, Exact: ErrBody("not_found", "Price with id: "+priceID+" was not found")},
		})
	})
}

// mustJSON encodes a decoded JSON value again, for ExpectExact.
func mustJSON(t *testing.T, v any) []byte {
	t.Helper()
	b, err := json.Marshal(v)
	if err != nil {
		t.Fatal(err)
	}
	return b
}
