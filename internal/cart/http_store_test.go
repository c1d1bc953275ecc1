package cart_test

import (
	"fmt"
	"strconv"
	"strings"
	"sync"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

const (
	errMulti = `{"errors":[%q],"message":"Provided request body contains errors. Please check the data and retry the request"}`
	errStock = `{"code":"insufficient_inventory","type":"not_allowed","message":"Some variant does not have the required inventory"}`
)

// world is apitest.Storefronts with channel D disabled and products in the channels.
type world struct {
	s *apitest.Server
	apitest.Storefronts
	a1, a3, a4, b1, b2, d1, a5 string // variant ids
	a1Prod                     string
}

// product creates a published product with one variant priced at 10 EUR (and 12 USD when
// usd) in the channels; it returns the product and variant ids.
func product(s *apitest.Server, title string, manage, backorder, usd bool, channels ...string) (string, string) {
	scs := A{}
	for _, c := range channels {
		scs = append(scs, M{"id": c})
	}
	prices := A{M{"currency_code": "eur", "amount": 10}}
	if usd {
		prices = append(prices, M{"currency_code": "usd", "amount": 12.5})
	}
	r := s.Post("/admin/products", M{"title": title, "status": "published",
		"options":        A{M{"title": "Size", "values": A{"S"}}},
		"variants":       A{M{"title": title + " S", "sku": title + "-S", "options": M{"Size": "S"}, "manage_inventory": manage, "allow_backorder": backorder, "prices": prices}},
		"sales_channels": scs}).Must(200)
	return r.String("product.id"), r.String("product.variants.0.id")
}

// eachWorld runs fn once per engine (see apitest.Each) on a world of its own.
func eachWorld(t *testing.T, fn func(t *testing.T, w *world)) {
	t.Helper()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) { fn(t, setup(s)) })
}

func setup(s *apitest.Server) *world {
	w := &world{s: s, Storefronts: s.Storefronts()}
	w.a1Prod, w.a1 = product(s, "A1", false, false, true, w.ChannelA, w.ChannelB)
	_, w.b1 = product(s, "B1", false, false, true, w.ChannelB)
	_, w.d1 = product(s, "D1", false, false, true, w.ChannelD)
	_, w.a3 = product(s, "A3", true, false, false, w.ChannelA)
	_, w.a4 = product(s, "A4", true, false, false, w.ChannelA)
	_, w.a5 = product(s, "A5", true, true, false, w.ChannelA)
	_, w.b2 = product(s, "B2", true, false, false, w.ChannelA, w.ChannelB)
	la, lb := s.Location("L_A", w.ChannelA), s.Location("L_B", w.ChannelB)
	s.StockAt(s.InventoryItem("A3-S"), la, 10)
	s.StockAt(s.InventoryItem("A5-S"), la, 0)
	s.StockAt(s.InventoryItem("B2-S"), lb, 10)
	s.Post("/admin/sales-channels/"+w.ChannelD, M{"is_disabled": true}).Must(200)
	return w
}

func sprintf(format string, args ...any) string { return fmt.Sprintf(format, args...) }

func contains(s, sub string) bool { return strings.Contains(s, sub) }

func itoa(i int) string { return strconv.Itoa(i) }

func (w *world) cart(t *testing.T, token string, body M) string {
	t.Helper()
	return w.s.Do("POST", "/store/carts", body, KeyHeader(token)).Must(200).String("cart.id")
}

func TestCreateCart(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		st := w.s.Get("/admin/stores").Must(200)
		def := st.String("stores.0.default_sales_channel_id")
		w.s.Post("/admin/stores/"+st.String("stores.0.id"), M{"supported_currencies": A{
			M{"currency_code": "eur"}, M{"currency_code": "usd", "is_default": true}}}).Must(200)
		Run(t, w.s, []Case{
			{Name: "key with one channel", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA), Body: M{"region_id": w.EUR},
				Status: 200, Want: M{"cart": M{"id": Any, "region_id": w.EUR, "sales_channel_id": w.ChannelA, "currency_code": "eur",
					"items": A{}, "item_total": 0, "subtotal": 0, "total": 0, "email": nil, "completed_at": nil}}},
			{Name: "explicit null still takes the key's channel", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA),
				Body: M{"region_id": w.EUR, "sales_channel_id": nil}, Status: 200, Want: M{"cart": M{"sales_channel_id": w.ChannelA}}},
			{Name: "unknown field", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA), Body: M{"region_id": w.EUR, "foo": 1},
				Status: 400, Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
			{Name: "unknown region", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA), Body: M{"region_id": "reg_nope"},
				Status: 404, Exact: `{"type":"not_found","message":"No regions found"}`},
			{Name: "channel not on the key", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA),
				Body: M{"region_id": w.EUR, "sales_channel_id": w.ChannelB}, Status: 400,
				Exact: sprintf(errMulti, "Sales channel ID in payload "+w.ChannelB+" is not associated with the Publishable API Key in the header.")},
			{Name: "multi-channel key without sales_channel_id", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyAB),
				Body: M{"region_id": w.EUR}, Status: 400,
				Exact: sprintf(errMulti, "Cannot assign sales channel to cart. The Publishable API Key in the header has multiple associated sales channels. Please provide a sales channel ID in the request body.")},
			{Name: "multi-channel key with one of its channels", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyAB),
				Body: M{"region_id": w.EUR, "sales_channel_id": w.ChannelB}, Status: 200, Want: M{"cart": M{"sales_channel_id": w.ChannelB}}},
			{Name: "disabled channel of the key", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyD), Body: M{"region_id": w.EUR},
				Status: 400, Exact: `{"type":"invalid_data","message":"Unable to assign cart to disabled Sales Channel: D"}`},
			{Name: "explicit disabled channel", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyD),
				Body: M{"region_id": w.EUR, "sales_channel_id": w.ChannelD}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Unable to assign cart to disabled Sales Channel: D"}`},
			{Name: "key without channels: unknown channel", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyNone),
				Body: M{"sales_channel_id": "sc_nope"}, Status: 404,
				Exact: `{"type":"not_found","message":"SalesChannel with id: sc_nope was not found"}`},
			{Name: "key without channels: store default and default currency", Method: "POST", Path: "/store/carts",
				Headers: KeyHeader(w.KeyNone), Body: M{"email": "a@example.com", "metadata": M{"k": "v"}}, Status: 200,
				Want: M{"cart": M{"sales_channel_id": def, "region_id": nil, "currency_code": "usd", "email": "a@example.com", "metadata": M{"k": "v"}}}},
			{Name: "currency_code without region", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA),
				Body: M{"currency_code": "eur"}, Status: 200, Want: M{"cart": M{"currency_code": "eur", "region_id": nil}}},
			{Name: "with items", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA),
				Body: M{"region_id": w.EUR, "items": A{M{"variant_id": w.a1, "quantity": 2}, M{"variant_id": w.a3, "quantity": 3}}}, Status: 200,
				Want: M{"cart": M{"items": A{
					M{"variant_id": w.a1, "product_id": w.a1Prod, "title": "A1 S", "product_title": "A1", "variant_title": "A1 S", "variant_sku": "A1-S",
						"quantity": 2, "unit_price": 10, "subtotal": 20, "total": 20},
					M{"variant_id": w.a3, "quantity": 3, "unit_price": 10}}, "item_total": 50, "subtotal": 50, "total": 50}}},
			{Name: "items outside the channel create nothing", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA),
				Body: M{"region_id": w.EUR, "items": A{M{"variant_id": w.b1, "quantity": 1}}}, Status: 400, Check: WantType("invalid_data")},
		})
	})
}

func TestLineItems(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		c := w.cart(t, w.KeyA, M{"region_id": w.EUR})
		lines := "/store/carts/" + c + "/line-items"
		add := func(name, variant string, qty int, status int) Case {
			return Case{Name: name, Method: "POST", Path: lines, Headers: KeyHeader(w.KeyA), Body: M{"variant_id": variant, "quantity": qty}, Status: status}
		}
		var lineID string
		cases := []Case{
			add("a variant of the channel", w.a1, 1, 200),
			add("the same variant again raises the quantity", w.a1, 2, 200),
			{Name: "cart shows one line", Method: "GET", Path: "/store/carts/" + c, Headers: KeyHeader(w.KeyA), Status: 200,
				Want:  M{"cart": M{"items": A{M{"variant_id": w.a1, "quantity": 3, "unit_price": 10}}, "total": 30}},
				Check: func(t *testing.T, r *Response) { lineID = r.String("cart.items.0.id") }},
		}
		outside := add("a product not in the cart's channel", w.b1, 1, 400)
		outside.Check = func(t *testing.T, r *Response) {
			WantType("invalid_data")(t, r)
			if msg := r.String("message"); !contains(msg, "B1") || !contains(msg, w.ChannelA) {
				t.Errorf("message should name the product and the channel: %s", msg)
			}
		}
		cases = append(cases, outside)
		unknown := add("unknown variant", "variant_nope", 1, 400)
		unknown.Exact = `{"type":"invalid_data","message":"Variants variant_nope do not exist or belong to a product that is not published"}`
		zero := add("quantity 0", w.a1, 0, 400)
		zero.Exact = `{"type":"invalid_data","message":"Invalid request: Value for field 'quantity' too small, expected at least: '0'"}`
		noLevel := add("managed variant without a level at the channel's locations", w.a4, 1, 400)
		noLevel.Exact = `{"type":"invalid_data","message":"Sales channel ` + w.ChannelA + ` is not associated with any stock location for variant ` + w.a4 + `."}`
		otherLoc := add("stock only at another channel's location", w.b2, 1, 400)
		otherLoc.Exact = `{"type":"invalid_data","message":"Sales channel ` + w.ChannelA + ` is not associated with any stock location for variant ` + w.b2 + `."}`
		tooMany := add("more than the stock", w.a3, 11, 400)
		tooMany.Exact = errStock
		cases = append(cases, unknown, zero, noLevel, otherLoc, tooMany,
			add("exactly the stock", w.a3, 10, 200))
		oneMore := add("one more than the stock in total", w.a3, 1, 400)
		oneMore.Exact = errStock
		cases = append(cases, oneMore, add("backorder skips the quantity check", w.a5, 5, 200),
			Case{Name: "another channel's key cannot add", Method: "POST", Path: lines, Headers: KeyHeader(w.KeyB),
				Body: M{"variant_id": w.a1, "quantity": 1}, Status: 404,
				Exact: `{"type":"not_found","message":"Cart id not found: ` + c + `"}`},
			Case{Name: "another channel's key cannot read", Method: "GET", Path: "/store/carts/" + c, Headers: KeyHeader(w.KeyB), Status: 404,
				Exact: `{"type":"not_found","message":"Cart id not found: ` + c + `"}`},
			Case{Name: "a key with the cart's channel reads it", Method: "GET", Path: "/store/carts/" + c, Headers: KeyHeader(w.KeyAB), Status: 200},
			Case{Name: "unknown cart", Method: "POST", Path: "/store/carts/cart_nope/line-items", Headers: KeyHeader(w.KeyA),
				Body: M{"variant_id": w.a1, "quantity": 1}, Status: 404, Exact: `{"type":"not_found","message":"Cart id not found: cart_nope"}`},
		)
		Run(t, w.s, cases)
		Run(t, w.s, []Case{
			{Name: "update a line", Method: "POST", Path: lines + "/" + lineID, Headers: KeyHeader(w.KeyA), Body: M{"quantity": 5},
				Status: 200, Want: M{"cart": M{"items": A{M{"id": lineID, "quantity": 5, "total": 50}, Any, Any}}}},
			{Name: "update beyond stock", Method: "POST", Path: lines + "/" + itemOf(t, w, c, w.a3), Headers: KeyHeader(w.KeyA),
				Body: M{"quantity": 11}, Status: 400, Exact: errStock},
			{Name: "delete a line", Method: "DELETE", Path: lines + "/" + lineID, Headers: KeyHeader(w.KeyA), Status: 200,
				Want: M{"id": lineID, "object": "line-item", "deleted": true, "parent": M{"items": A{Any, Any}}}},
			{Name: "delete it again", Method: "DELETE", Path: lines + "/" + lineID, Headers: KeyHeader(w.KeyA), Status: 404},
		})
		// The disabled channel takes no new line: disable A after the cart exists.
		w.s.Post("/admin/sales-channels/"+w.ChannelA, M{"is_disabled": true}).Must(200)
		Run(t, w.s, []Case{{Name: "disabled channel takes no new line", Method: "POST", Path: lines, Headers: KeyHeader(w.KeyA),
			Body: M{"variant_id": w.a1, "quantity": 1}, Status: 400,
			Exact: `{"type":"invalid_data","message":"Unable to add items to cart in disabled Sales Channel: A"}`}})
	})
}

func itemOf(t *testing.T, w *world, cartID, variant string) string {
	t.Helper()
	r := w.s.Do("GET", "/store/carts/"+cartID, nil, KeyHeader(w.KeyA)).Must(200)
	for i := 0; i < r.Len("cart.items"); i++ {
		if r.String("cart.items."+itoa(i)+".variant_id") == variant {
			return r.String("cart.items." + itoa(i) + ".id")
		}
	}
	t.Fatalf("no line of %s: %s", variant, r.Body)
	return ""
}

func TestUpdateCart(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		c := w.cart(t, w.KeyAB, M{"region_id": w.EUR, "sales_channel_id": w.ChannelA, "items": A{M{"variant_id": w.a3, "quantity": 1}}})
		path := "/store/carts/" + c
		Run(t, w.s, []Case{
			{Name: "email and metadata", Method: "POST", Path: path, Headers: KeyHeader(w.KeyAB), Body: M{"email": "x@example.com", "metadata": M{"a": 1}},
				Status: 200, Want: M{"cart": M{"email": "x@example.com", "metadata": M{"a": 1}, "sales_channel_id": w.ChannelA}}},
			{Name: "moving to a channel that lacks a line's stock re-checks it", Method: "POST", Path: path, Headers: KeyHeader(w.KeyAB),
				Body: M{"sales_channel_id": w.ChannelB}, Status: 400, Check: WantType("invalid_data")},
			{Name: "nothing changed", Method: "GET", Path: path, Headers: KeyHeader(w.KeyAB), Status: 200, Want: M{"cart": M{"sales_channel_id": w.ChannelA}}},
			{Name: "a channel outside the key", Method: "POST", Path: path, Headers: KeyHeader(w.KeyAB), Body: M{"sales_channel_id": w.ChannelD},
				Status: 400, Check: WantType("invalid_data")},
			{Name: "a region whose currency has no price", Method: "POST", Path: path, Headers: KeyHeader(w.KeyAB), Body: M{"region_id": w.USD},
				Status: 400, Check: WantType("invalid_data")},
			{Name: "unknown region", Method: "POST", Path: path, Headers: KeyHeader(w.KeyAB), Body: M{"region_id": "reg_nope"},
				Status: 404, Exact: `{"type":"not_found","message":"No regions found"}`},
			{Name: "remove the managed line", Method: "POST", Path: path + "/line-items/" + itemOf2(t, w, c), Headers: KeyHeader(w.KeyAB),
				Body: M{"quantity": 0}, Status: 200, Want: M{"cart": M{"items": A{}}}},
			{Name: "add a line sold in both channels", Method: "POST", Path: path + "/line-items", Headers: KeyHeader(w.KeyAB),
				Body: M{"variant_id": w.a1, "quantity": 2}, Status: 200},
			{Name: "move to B and reprice in USD", Method: "POST", Path: path, Headers: KeyHeader(w.KeyAB), Body: M{"sales_channel_id": w.ChannelB, "region_id": w.USD},
				Status: 200, Want: M{"cart": M{"sales_channel_id": w.ChannelB, "currency_code": "usd", "items": A{M{"unit_price": 12.5, "total": 25}}, "total": 25}}},
			{Name: "key A no longer reaches it", Method: "GET", Path: path, Headers: KeyHeader(w.KeyA), Status: 404},
		})
	})
}

func itemOf2(t *testing.T, w *world, cartID string) string {
	t.Helper()
	return w.s.Do("GET", "/store/carts/"+cartID, nil, KeyHeader(w.KeyAB)).Must(200).String("cart.items.0.id")
}

func TestCartEvents(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		c := w.cart(t, w.KeyA, M{"region_id": w.EUR})
		w.s.Do("POST", "/store/carts", M{"region_id": "reg_nope"}, KeyHeader(w.KeyA)).Must(404)
		w.s.Do("POST", "/store/carts/"+c+"/line-items", M{"variant_id": w.a1, "quantity": 1}, KeyHeader(w.KeyA)).Must(200)
		w.s.Do("POST", "/store/carts/"+c+"/line-items", M{"variant_id": w.b1, "quantity": 1}, KeyHeader(w.KeyA)).Must(400)
		WantEvents(t, w.s, "cart.created", 1)
		WantEvents(t, w.s, "cart.updated", 1)
	})
}

// Lines added to one cart at the same time are all kept: an add checked against a cart that
// another add changed meanwhile is checked and written again under the cart's lock.
func TestConcurrentAddsKeepEveryLine(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		c := w.cart(t, w.KeyA, M{"region_id": w.EUR})
		const same, backordered = 12, 6
		variants := make([]string, 0, same+backordered)
		for range same {
			variants = append(variants, w.a1)
		}
		for range backordered {
			variants = append(variants, w.a5)
		}
		statuses := make([]int, len(variants))
		var wg sync.WaitGroup
		for i, v := range variants {
			wg.Add(1)
			go func() {
				defer wg.Done()
				r := w.s.Do("POST", "/store/carts/"+c+"/line-items", M{"variant_id": v, "quantity": 1}, KeyHeader(w.KeyA))
				statuses[i] = r.Status
			}()
		}
		wg.Wait()
		for i, st := range statuses {
			if st != 200 {
				t.Errorf("add %d: status %d", i, st)
			}
		}
		r := w.s.Do("GET", "/store/carts/"+c, nil, KeyHeader(w.KeyA)).Must(200)
		got := map[string]int{}
		for i := 0; i < r.Len("cart.items"); i++ {
			got[r.String("cart.items."+itoa(i)+".variant_id")] += r.Int("cart.items." + itoa(i) + ".quantity")
		}
		if r.Len("cart.items") != 2 || got[w.a1] != same || got[w.a5] != backordered || r.Int("cart.total") != (same+backordered)*10 {
			t.Errorf("cart after concurrent adds: %s", r.Body)
		}
		WantEvents(t, w.s, "cart.updated", len(variants))
	})
}

// A key without sales channels reaches the carts made with it, also after moving one to a
// channel by id (Medusa allows both); another key without channels, or a key of another
// channel, still gets the 404 of an unknown cart.
func TestKeyWithoutChannelsKeepsItsCarts(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		_, other := w.s.PublishableKey("another without channels")
		c := w.cart(t, w.KeyNone, M{"region_id": w.EUR})
		cart := "/store/carts/" + c
		apitest.Run(t, w.s, []apitest.Case{
			{Name: "move to B by id", Method: "POST", Path: cart, Headers: KeyHeader(w.KeyNone), Body: M{"sales_channel_id": w.ChannelB}, Status: 200,
				Want: M{"cart": M{"sales_channel_id": w.ChannelB}}},
			{Name: "read after the move", Method: "GET", Path: cart, Headers: KeyHeader(w.KeyNone), Status: 200,
				Want: M{"cart": M{"id": c, "sales_channel_id": w.ChannelB}}},
			{Name: "add a line of B", Method: "POST", Path: cart + "/line-items", Headers: KeyHeader(w.KeyNone),
				Body: M{"variant_id": w.b1, "quantity": 1}, Status: 200, Want: M{"cart": M{"items": A{M{"variant_id": w.b1}}}}},
			{Name: "update after the move", Method: "POST", Path: cart, Headers: KeyHeader(w.KeyNone), Body: M{"email": "x@example.com"}, Status: 200},
			{Name: "another key without channels", Method: "GET", Path: cart, Headers: KeyHeader(other), Status: 404,
				Exact: `{"type":"not_found","message":"Cart id not found: ` + c + `"}`},
			{Name: "a key of another channel", Method: "GET", Path: cart, Headers: KeyHeader(w.KeyA), Status: 404,
				Exact: `{"type":"not_found","message":"Cart id not found: ` + c + `"}`},
			{Name: "the key of its channel now", Method: "GET", Path: cart, Headers: KeyHeader(w.KeyB), Status: 200},
		})
		// Nor does a key without channels reach a cart another key made in the default channel.
		def := w.s.Get("/admin/stores").Must(200).String("stores.0.default_sales_channel_id")
		_, withDefault := w.s.PublishableKey("default", def)
		theirs := w.cart(t, withDefault, M{"region_id": w.EUR})
		w.s.Do("GET", "/store/carts/"+theirs, nil, KeyHeader(w.KeyNone)).Must(404)
		w.s.Do("GET", "/store/carts/"+theirs, nil, KeyHeader(withDefault)).Must(200)
	})
}
