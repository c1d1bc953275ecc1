package cart_test

import (
	"sync"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

func reservedAt(t *testing.T, s *apitest.Server, sku string) int {
	t.Helper()
	var n int
	err := s.App.DB.Read().QueryRowContext(t.Context(), `SELECT COALESCE(SUM(lv.reserved_quantity), 0) FROM inventory_level lv
		JOIN inventory_item ii ON ii.id = lv.inventory_item_id WHERE ii.sku = $1`, sku).Scan(&n)
	if err != nil {
		t.Fatal(err)
	}
	return n
}

func TestCompleteCart(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		id := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "a@example.com",
			"items": A{M{"variant_id": w.a3, "quantity": 2}, M{"variant_id": w.a1, "quantity": 3}, M{"variant_id": w.a5, "quantity": 4}}})
		r := w.s.Do("POST", "/store/carts/"+id+"/complete", nil, KeyHeader(w.KeyA)).Must(200)
		if errs := Match(r.JSON, M{"type": "order", "order": M{"id": Any, "display_id": 1, "status": "pending", "email": "a@example.com",
			"currency_code": "eur", "region_id": w.EUR, "sales_channel_id": w.ChannelA, "item_total": 90, "subtotal": 90, "total": 90}}, ""); len(errs) > 0 {
			t.Fatalf("%v: %s", errs, r.Body)
		}
		orderID := r.String("order.id")
		if n := r.Len("order.items"); n != 3 {
			t.Fatalf("items: %d", n)
		}
		if got := reservedAt(t, w.s, "A3-S"); got != 2 {
			t.Fatalf("reserved A3: %d", got)
		}
		if n := Scalar[int](t, w.s, `SELECT COUNT(*) FROM reservation WHERE quantity = 2`); n != 1 {
			t.Fatalf("reservations: %d", n)
		}
		// Backordered and unmanaged lines reserve nothing.
		if n := Scalar[int](t, w.s, `SELECT COUNT(*) FROM reservation`); n != 1 {
			t.Fatalf("reservations: %d", n)
		}
		again := w.s.Do("POST", "/store/carts/"+id+"/complete", nil, KeyHeader(w.KeyA)).Must(200)
		if again.String("order.id") != orderID {
			t.Fatalf("second completion made another order")
		}
		if got := reservedAt(t, w.s, "A3-S"); got != 2 {
			t.Fatalf("reserved A3 after second completion: %d", got)
		}
		w.s.Get("/store/carts/" + id).Must(400)
		got := w.s.Do("GET", "/store/carts/"+id, nil, KeyHeader(w.KeyA)).Must(200)
		if got.Get("cart.completed_at") == nil {
			t.Fatalf("cart not completed")
		}
		w.s.Do("POST", "/store/carts/"+id+"/line-items", M{"variant_id": w.a1, "quantity": 1}, KeyHeader(w.KeyA)).Must(400)
		// Another channel's key does not reach the cart.
		w.s.Do("POST", "/store/carts/"+id+"/complete", nil, KeyHeader(w.KeyB)).Must(404)

		second := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "b@example.com", "items": A{M{"variant_id": w.a3, "quantity": 8}}})
		w.s.Do("POST", "/store/carts/"+second+"/complete", nil, KeyHeader(w.KeyA)).Must(200).String("order.id")
		third := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "c@example.com", "items": A{M{"variant_id": w.a1, "quantity": 1}}})
		w.s.Do("POST", "/store/carts/"+third+"/line-items", M{"variant_id": w.a4, "quantity": 1}, KeyHeader(w.KeyA)).Must(400)
		events := Scalar[int](t, w.s, `SELECT COUNT(*) FROM outbox_event WHERE name = 'order.placed'`)
		if events != 2 {
			t.Fatalf("order.placed events: %d", events)
		}
	})
}

func TestCompleteInsufficientWritesNothing(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		a := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "d@example.com", "items": A{M{"variant_id": w.a3, "quantity": 6}}})
		b := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "e@example.com", "items": A{M{"variant_id": w.a1, "quantity": 1}, M{"variant_id": w.a3, "quantity": 6}}})
		w.s.Do("POST", "/store/carts/"+a+"/complete", nil, KeyHeader(w.KeyA)).Must(200)
		r := w.s.Do("POST", "/store/carts/"+b+"/complete", nil, KeyHeader(w.KeyA))
		if r.Status != 400 || string(r.Body) != errStock {
			t.Fatalf("got %d %s", r.Status, r.Body)
		}
		if got := reservedAt(t, w.s, "A3-S"); got != 6 {
			t.Fatalf("reserved: %d", got)
		}
		if n := Scalar[int](t, w.s, `SELECT COUNT(*) FROM "order"`); n != 1 {
			t.Fatalf("orders: %d", n)
		}
		if n := Scalar[int](t, w.s, `SELECT COUNT(*) FROM cart WHERE completed_at IS NOT NULL`); n != 1 {
			t.Fatalf("completed carts: %d", n)
		}
	})
}

// race sets up a variant with 10 units at a location of a fresh channel, fills 50 carts
// with one unit each, and completes them concurrently spread over the servers.
func race(t *testing.T, servers ...*apitest.Server) {
	s := servers[0]
	sc := s.Post("/admin/sales-channels", M{"name": "Race"}).Must(200).String("sales_channel.id")
	_, token := s.PublishableKey("race", sc)
	region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
	_, variant := product(s, "R1", true, false, false, sc)
	loc := s.Post("/admin/stock-locations", M{"name": "L"}).Must(200).String("stock_location.id")
	s.Post("/admin/stock-locations/"+loc+"/sales-channels", M{"add": A{sc}}).Must(200)
	item := s.Get("/admin/inventory-items?sku=R1-S").Must(200).String("inventory_items.0.id")
	s.Post("/admin/inventory-items/"+item+"/location-levels", M{"location_id": loc, "stocked_quantity": 10}).Must(200)
	const n = 50
	carts := make([]string, n)
	for i := range carts {
		carts[i] = s.Do("POST", "/store/carts", M{"region_id": region, "email": "race@example.com", "items": A{M{"variant_id": variant, "quantity": 1}}}, KeyHeader(token)).
			Must(200).String("cart.id")
	}
	statuses := make([]int, n)
	bodies := make([]string, n)
	var wg sync.WaitGroup
	for i := range carts {
		wg.Add(1)
		go func() {
			defer wg.Done()
			r := servers[i%len(servers)].Do("POST", "/store/carts/"+carts[i]+"/complete", nil, KeyHeader(token))
			statuses[i], bodies[i] = r.Status, string(r.Body)
		}()
	}
	wg.Wait()
	ok, short := 0, 0
	for i, st := range statuses {
		switch {
		case st == 200:
			ok++
		case st == 400 && bodies[i] == errStock:
			short++
		default:
			t.Errorf("cart %d: %d %s", i, st, bodies[i])
		}
	}
	if ok != 10 || short != 40 {
		t.Fatalf("orders %d, insufficient %d; want 10 and 40", ok, short)
	}
	if got := reservedAt(t, s, "R1-S"); got != 10 {
		t.Fatalf("reserved_quantity %d, want 10", got)
	}
	if got := Scalar[int](t, s, `SELECT COUNT(*) FROM "order"`); got != 10 {
		t.Fatalf("orders stored %d, want 10", got)
	}
	if got := Scalar[int](t, s, `SELECT COALESCE(SUM(quantity), 0) FROM reservation WHERE inventory_item_id = $1`, item); got != 10 {
		t.Fatalf("reserved in reservations %d, want 10", got)
	}
}

func TestCompleteNeverOversells(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) { race(t, s) })
}

func TestCompleteNeverOversellsTwoInstances(t *testing.T) {
	url := dbtest.URL(t, db.Postgres)
	one := apitest.NewWithURL(t, url)
	two := apitest.NewWithURL(t, url)
	race(t, one, two)
}

// A cart whose channel was cleared cannot be completed: its stock would be reserved nowhere.
func TestCompleteNeedsAChannel(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		id := w.cart(t, w.KeyNone, M{"region_id": w.EUR, "sales_channel_id": nil})
		w.s.Do("GET", "/store/carts/"+id, nil, KeyHeader(w.KeyNone)).Must(200)
		r := w.s.Do("POST", "/store/carts/"+id+"/complete", nil, KeyHeader(w.KeyNone))
		if r.Status != 400 {
			t.Fatalf("status %d: %s", r.Status, r.Body)
		}
		ExpectExact(t, r.Body, `{"type":"invalid_data","message":"Field(s) are required to have value to continue - sales_channel_id"}`)
		if n := Scalar[int](t, w.s, `SELECT COUNT(*) FROM "order"`); n != 0 {
			t.Fatalf("%d orders", n)
		}
	})
}

// An empty cart, or one without an email, is not an order: completing it is refused and
// places nothing.
func TestCompleteNeedsItemsAndAnEmail(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		empty := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "a@example.com"})
		anonymous := w.cart(t, w.KeyA, M{"region_id": w.EUR, "items": A{M{"variant_id": w.a1, "quantity": 1}}})
		apitest.Run(t, w.s, []apitest.Case{
			{Name: "empty", Method: "POST", Path: "/store/carts/" + empty + "/complete", Headers: KeyHeader(w.KeyA), Status: 400,
				Exact: `{"type":"invalid_data","message":"Cannot complete a cart with no items"}`},
			{Name: "no email", Method: "POST", Path: "/store/carts/" + anonymous + "/complete", Headers: KeyHeader(w.KeyA), Status: 400,
				Exact: `{"type":"invalid_data","message":"Cannot complete a cart without an email: set one with POST /store/carts/` + anonymous + `"}`},
			{Name: "with an email it completes", Method: "POST", Path: "/store/carts/" + anonymous, Headers: KeyHeader(w.KeyA),
				Body: M{"email": "late@example.com"}, Status: 200},
			{Name: "and completes", Method: "POST", Path: "/store/carts/" + anonymous + "/complete", Headers: KeyHeader(w.KeyA), Status: 200,
				Want: M{"type": "order", "order": M{"email": "late@example.com"}}},
		})
		if n := Scalar[int](t, w.s, `SELECT COUNT(*) FROM "order"`); n != 1 {
			t.Fatalf("%d orders, want the one with an email", n)
		}
	})
}

// A total clients cannot read exactly (beyond JavaScript's safe integers in minor units) is
// refused when the line is added, so no order ever carries a wrapped or rounded total.
func TestCartTotalsStayExact(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		r := w.s.Post("/admin/products", M{"title": "Island", "status": "published", "sales_channels": A{M{"id": w.ChannelA}},
			"options":  A{M{"title": "Size", "values": A{"L"}}},
			"variants": A{M{"title": "L", "options": M{"Size": "L"}, "manage_inventory": false, "prices": A{M{"currency_code": "eur", "amount": 50000000000000}}}},
		}).Must(200)
		island := r.String("product.variants.0.id")
		id := w.cart(t, w.KeyA, M{"region_id": w.EUR, "email": "rich@example.com", "items": A{M{"variant_id": island, "quantity": 1}}})
		add := w.s.Do("POST", "/store/carts/"+id+"/line-items", M{"variant_id": island, "quantity": 1}, KeyHeader(w.KeyA))
		if add.Status != 400 || add.String("type") != "invalid_data" {
			t.Fatalf("a second island: %d %s", add.Status, add.Body)
		}
		huge := w.s.Do("POST", "/store/carts", M{"region_id": w.EUR, "items": A{M{"variant_id": island, "quantity": 2147483647}}}, KeyHeader(w.KeyA))
		if huge.Status != 400 {
			t.Fatalf("2147483647 islands: %d %s", huge.Status, huge.Body)
		}
		o := w.s.Do("POST", "/store/carts/"+id+"/complete", nil, KeyHeader(w.KeyA)).Must(200)
		if errs := Match(o.JSON, M{"order": M{"total": 50000000000000}}, ""); len(errs) > 0 {
			t.Errorf("order total: %v", errs)
		}
	})
}
