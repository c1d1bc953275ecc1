package cart_test

import (
	"testing"

	. "channeld/internal/apitest"
)

func TestOrders(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		complete := func(token string, body M) string {
			id := w.cart(t, token, body)
			return w.s.Do("POST", "/store/carts/"+id+"/complete", nil, KeyHeader(token)).Must(200).String("order.id")
		}
		oA := complete(w.KeyA, M{"region_id": w.EUR, "email": "alice@example.com", "items": A{M{"variant_id": w.a3, "quantity": 3}}})
		oB := complete(w.KeyB, M{"region_id": w.EUR, "email": "bob@example.com", "items": A{M{"variant_id": w.b2, "quantity": 1}}})
		list := func(query string) *Response { return w.s.Get("/admin/orders" + query).Must(200) }
		ids := func(r *Response) []string {
			var out []string
			for i := range r.Len("orders") {
				out = append(out, r.String("orders."+itoa(i)+".id"))
			}
			return out
		}
		eq := func(name string, got []string, want ...string) {
			t.Helper()
			if sprintf("%v", got) != sprintf("%v", want) {
				t.Errorf("%s: got %v, want %v", name, got, want)
			}
		}
		all := list("")
		eq("all", ids(all), oA, oB)
		if all.Int("limit") != 15 || all.Int("count") != 2 {
			t.Errorf("envelope: %s", all.Body)
		}
		if errs := Match(all.JSON, M{"orders": A{M{"id": oA, "display_id": 1, "status": "pending", "email": "alice@example.com",
			"currency_code": "eur", "region_id": w.EUR, "sales_channel_id": w.ChannelA, "item_total": 30, "subtotal": 30, "total": 30,
			"created_at": Any, "updated_at": Any,
			"items": A{M{"id": Any, "title": "A3 S", "product_title": "A3", "variant_id": w.a3, "product_id": Any, "variant_sku": "A3-S",
				"quantity": 3, "unit_price": 10, "subtotal": 30, "total": 30}}}, Any}}, ""); len(errs) > 0 {
			t.Errorf("%v: %s", errs, all.Body)
		}
		eq("channel A", ids(list("?sales_channel_id[]="+w.ChannelA)), oA)
		eq("channels A and B", ids(list("?sales_channel_id[]="+w.ChannelA+"&sales_channel_id[]="+w.ChannelB)), oA, oB)
		eq("channel D", ids(list("?sales_channel_id[]="+w.ChannelD)))
		for _, c := range []struct {
			query string
			count int
		}{{"?sales_channel_id[]=" + w.ChannelA, 1}, {"?sales_channel_id[]=" + w.ChannelD, 0}, {"?order=-created_at&limit=0", 2}, {"?q=bob", 1}} {
			if n := list(c.query).Int("count"); n != c.count {
				t.Errorf("%s: count %d, want %d", c.query, n, c.count)
			}
		}
		eq("newest first", ids(list("?order=-created_at")), oB, oA)
		r := w.s.Get("/admin/orders?sales_channel_id=" + w.ChannelA)
		if r.Status != 400 || string(r.Body) != `{"type":"invalid_data","message":"Invalid request: Expected type: 'array' for field 'sales_channel_id', got: '`+w.ChannelA+`'"}` {
			t.Errorf("bare sales_channel_id: %d %s", r.Status, r.Body)
		}
		eq("q", ids(list("?q=bob")), oB)
		eq("id", ids(list("?id="+oB)), oB)
		eq("created_at $gte", ids(list("?created_at[$gte]=2000-01-01T00:00:00Z")), oA, oB)
		eq("created_at $lt", ids(list("?created_at[$lt]=2000-01-01T00:00:00Z")))
		eq("limit/offset", ids(list("?limit=1&offset=1")), oB)
		f := list("?fields=id,display_id")
		if errs := Match(f.JSON, M{"orders": A{M{"id": oA, "display_id": 1}, M{"id": oB, "display_id": 2}}}, ""); len(errs) > 0 {
			t.Errorf("%v: %s", errs, f.Body)
		}
		if _, has := f.Get("orders.0").(map[string]any)["email"]; has {
			t.Errorf("fields: %s", f.Body)
		}

		w.s.Get("/admin/orders/" + oA).Must(200)
		nf := w.s.Get("/admin/orders/order_nope")
		if nf.Status != 404 || string(nf.Body) != `{"type":"not_found","message":"Order with id: order_nope was not found"}` {
			t.Errorf("unknown order: %d %s", nf.Status, nf.Body)
		}
		if got := w.s.Do("GET", "/store/orders/"+oA, nil, KeyHeader(w.KeyA)).Must(200).String("order.sales_channel_id"); got != w.ChannelA {
			t.Errorf("store order channel %s", got)
		}
		w.s.Do("GET", "/store/orders/"+oA, nil, KeyHeader(w.KeyB)).Must(404)
		w.s.Do("GET", "/store/orders/"+oB, nil, KeyHeader(w.KeyAB)).Must(200)
		w.s.Do("GET", "/store/orders/"+oB, nil, KeyHeader(w.KeyNone)).Must(404)

		res := w.s.Get("/admin/reservations").Must(200)
		if res.Int("count") != 2 {
			t.Fatalf("reservations: %s", res.Body)
		}
		loc, item := res.String("reservations.0.location_id"), res.String("reservations.0.inventory_item_id")
		if n := w.s.Get("/admin/reservations?location_id=" + loc).Must(200).Int("count"); n != 1 {
			t.Errorf("by location: %d", n)
		}
		if n := w.s.Get("/admin/reservations?inventory_item_id=" + item).Must(200).Int("count"); n != 1 {
			t.Errorf("by item: %d", n)
		}
		if n := w.s.Get("/admin/reservations?inventory_item_id=iitem_nope").Must(200).Int("count"); n != 0 {
			t.Errorf("by unknown item: %d", n)
		}
	})
}
