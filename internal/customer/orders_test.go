package customer_test

import (
	"slices"
	"strconv"
	"testing"

	. "channeld/internal/apitest"
)

// A logged-in customer's carts and orders are theirs: a cart made with their token, or
// transferred to them, completes into an order that lists among their orders, but only
// through a key of the order's channel; admins find customers by the channels they ordered
// in, and a channel-limited admin sees only those.
func TestCustomerCartsAndOrders(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		f := s.Storefronts()
		product := s.Post("/admin/products", SizedProduct("Lamp", "LAMP", f.ChannelA, f.ChannelB)).Must(200)
		var variant string
		for i := range product.Len("product.variants") {
			if product.String("product.variants."+itoa(i)+".sku") == "LAMP-S" {
				variant = product.String("product.variants." + itoa(i) + ".id")
			}
		}
		ada, token := signUp(t, s, f.KeyA, "ada@example.com", M{"first_name": "Ada"})
		_, graceToken := signUp(t, s, f.KeyA, "grace@example.com", nil)
		items := A{M{"variant_id": variant, "quantity": 1}}

		// A cart made with the customer's token is theirs, with their email.
		cartA := s.Do("POST", "/store/carts", M{"region_id": f.EUR, "items": items}, headers(f.KeyA, token)).Must(200)
		if cartA.String("cart.customer.id") != ada || cartA.String("cart.customer.email") != "ada@example.com" ||
			cartA.String("cart.email") != "ada@example.com" {
			t.Fatalf("customer's cart: %s", cartA.Body)
		}
		orderA := s.Do("POST", "/store/carts/"+cartA.String("cart.id")+"/complete", nil, KeyHeader(f.KeyA)).Must(200).String("order.id")

		// A guest's cart passes to the customer who logs in, and takes their email.
		guest := s.Do("POST", "/store/carts", M{"region_id": f.EUR, "email": "guest@example.com", "items": items}, KeyHeader(f.KeyB)).Must(200)
		if guest.Get("cart.customer") != nil {
			t.Fatalf("guest cart has a customer: %s", guest.Body)
		}
		guestID := guest.String("cart.id")
		transfer := "/store/carts/" + guestID + "/customer"
		Run(t, s, []Case{
			{Name: "transfer without a login", Method: "POST", Path: transfer, Headers: KeyHeader(f.KeyB), Status: 401, Exact: `{"message":"Unauthorized"}`},
			{Name: "transfer through another channel's key", Method: "POST", Path: transfer, Headers: headers(f.KeyA, token), Status: 404,
				Exact: ErrBody("not_found", "Cart id not found: "+guestID)},
			{Name: "transfer with a body", Method: "POST", Path: transfer, Headers: headers(f.KeyB, token), Body: M{"customer_id": ada}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'customer_id'")},
			{Name: "transfer", Method: "POST", Path: transfer, Headers: headers(f.KeyB, token), Status: 200,
				Want: M{"cart": M{"id": guestID, "email": "ada@example.com", "customer": M{"id": ada, "email": "ada@example.com",
					"groups": A{}}}}},
			{Name: "transfer again", Method: "POST", Path: transfer + "?fields=id,customer_id", Headers: headers(f.KeyB, token), Status: 200,
				Exact: `{"cart":{"id":"` + guestID + `","customer_id":"` + ada + `"}}`},
		})
		WantEvents(t, s, "cart.customer_transferred", 1)
		orderB := s.Do("POST", "/store/carts/"+guestID+"/complete", nil, KeyHeader(f.KeyB)).Must(200).String("order.id")
		guestOrder := s.Do("POST", "/store/carts", M{"region_id": f.EUR, "email": "guest@example.com", "items": items}, KeyHeader(f.KeyA)).Must(200).String("cart.id")
		guestOrder = s.Do("POST", "/store/carts/"+guestOrder+"/complete", nil, KeyHeader(f.KeyA)).Must(200).String("order.id")

		ids := func(r *Response, path string) []string {
			var out []string
			for i := range r.Len(path) {
				out = append(out, r.String(path+"."+itoa(i)+".id"))
			}
			return out
		}
		orders := func(key, token string) []string {
			t.Helper()
			return ids(s.Do("GET", "/store/orders", nil, headers(key, token)).Must(200), "orders")
		}
		for _, c := range []struct {
			name, key, token string
			want             []string
		}{
			{"key A", f.KeyA, token, []string{orderA}},
			{"key B", f.KeyB, token, []string{orderB}},
			{"key AB", f.KeyAB, token, []string{orderA, orderB}},
			{"key D", f.KeyD, token, nil},
			{"a key without channels", f.KeyNone, token, nil},
			{"another customer", f.KeyAB, graceToken, nil},
		} {
			if got := orders(c.key, c.token); !slices.Equal(got, c.want) {
				t.Errorf("%s: orders %v, want %v", c.name, got, c.want)
			}
		}
		Run(t, s, []Case{
			{Name: "orders without a login", Method: "GET", Path: "/store/orders", Headers: KeyHeader(f.KeyA), Status: 401, Exact: `{"message":"Unauthorized"}`},
			{Name: "orders with an admin token", Method: "GET", Path: "/store/orders", Headers: headers(f.KeyA, s.Token), Status: 401},
			{Name: "orders' default fields", Method: "GET", Path: "/store/orders", Headers: headers(f.KeyA, token), Status: 200,
				Want: M{"orders": A{M{"id": orderA, "display_id": 1, "status": "pending", "total": 1000, "currency_code": "eur",
					"created_at": Any, "updated_at": Any, "email": Absent}}, "count": 1, "offset": 0, "limit": 50}},
			{Name: "orders with fields", Method: "GET", Path: "/store/orders?fields=id,customer_id,*customer&order=-created_at", Headers: headers(f.KeyAB, token), Status: 200,
				Want: M{"orders": A{M{"id": orderB, "customer_id": ada, "customer": M{"id": ada, "email": "ada@example.com"}},
					M{"id": orderA, "customer_id": ada, "customer": M{"id": ada}}}, "count": 2}},
			{Name: "orders with an unknown field", Method: "GET", Path: "/store/orders?fields=nope", Headers: headers(f.KeyA, token), Status: 400,
				Exact: ErrBody("invalid_data", "Requested fields [nope] are not valid")},
			{Name: "orders by status", Method: "GET", Path: "/store/orders?status=canceled", Headers: headers(f.KeyAB, token), Status: 200,
				Want: M{"orders": A{}, "count": 0}},
			{Name: "orders with an unknown parameter", Method: "GET", Path: "/store/orders?customer_id=x", Headers: headers(f.KeyA, token), Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'customer_id'")},
			{Name: "an order of another channel", Method: "GET", Path: "/store/orders/" + orderB, Headers: headers(f.KeyA, token), Status: 404,
				Exact: ErrBody("not_found", "Order with id: "+orderB+" was not found")},
			{Name: "an order and its customer", Method: "GET", Path: "/store/orders/" + orderA + "?fields=id,*customer", Headers: headers(f.KeyA, token), Status: 200,
				Want: M{"order": M{"id": orderA, "customer": M{"id": ada, "first_name": "Ada", "has_account": true}}}},
			{Name: "a guest's order has no customer", Method: "GET", Path: "/store/orders/" + guestOrder + "?fields=id,customer_id,*customer", Headers: KeyHeader(f.KeyA), Status: 200,
				Exact: `{"order":{"id":"` + guestOrder + `","customer_id":null,"customer":null}}`},
			{Name: "the customer's orders through key A", Method: "GET", Path: "/store/customers/me?fields=id,*orders", Headers: headers(f.KeyA, token), Status: 200,
				Want: M{"customer": M{"id": ada, "orders": A{M{"id": orderA, "customer_id": ada}}}}},
			{Name: "the customer's orders through key D", Method: "GET", Path: "/store/customers/me?fields=id,*orders", Headers: headers(f.KeyD, token), Status: 200,
				Exact: `{"customer":{"id":"` + ada + `","orders":[]}}`},
			{Name: "orders' unknown fields", Method: "GET", Path: "/store/customers/me?fields=orders.nope", Headers: headers(f.KeyA, token), Status: 400,
				Exact: ErrBody("invalid_data", "Requested fields [orders.nope] are not valid")},
			{Name: "admin order with its customer", Method: "GET", Path: "/admin/orders/" + orderB + "?fields=id,*customer", Status: 200,
				Want: M{"order": M{"id": orderB, "customer": M{"id": ada, "email": "ada@example.com", "created_by": nil}}}},
		})

		// Admins find customers by the channels they ordered in; a channel-limited admin sees
		// only those of its channels.
		stranger := s.Post("/admin/customers", M{"email": "stranger@example.com"}).Must(200).String("customer.id")
		_, limitedB := s.Limited("b@example.com", []string{"customer:read", "customer:update", "order:read"}, f.ChannelB)
		_, limitedD := s.Limited("d@example.com", []string{"customer:read", "customer:update", "customer:delete"}, f.ChannelD)
		list := func(s *Server, query string) []string {
			t.Helper()
			return ids(s.Get("/admin/customers"+query).Must(200), "customers")
		}
		for _, c := range []struct {
			name  string
			s     *Server
			query string
			want  []string
		}{
			{"channel A", s, "?sales_channel_id=" + f.ChannelA, []string{ada}},
			{"channels A and D", s, "?sales_channel_id[]=" + f.ChannelA + "&sales_channel_id[]=" + f.ChannelD, []string{ada}},
			{"channel D", s, "?sales_channel_id=" + f.ChannelD, nil},
			{"limited to B", limitedB, "", []string{ada}},
			{"limited to B asking for A", limitedB, "?sales_channel_id=" + f.ChannelA, nil},
			{"limited to D", limitedD, "", nil},
		} {
			if got := list(c.s, c.query); !slices.Equal(got, c.want) {
				t.Errorf("%s: customers %v, want %v", c.name, got, c.want)
			}
		}
		Run(t, limitedD, []Case{
			{Name: "a customer of another channel", Method: "GET", Path: "/admin/customers/" + ada, Status: 404,
				Exact: ErrBody("not_found", "Customer with id: "+ada+" not found")},
			{Name: "a customer who never ordered", Method: "GET", Path: "/admin/customers/" + stranger, Status: 404},
			{Name: "update a customer of another channel", Method: "POST", Path: "/admin/customers/" + ada, Body: M{"first_name": "X"}, Status: 404,
				Exact: ErrBody("not_found", `Customer with id "`+ada+`" not found`)},
			{Name: "create needs the store", Method: "POST", Path: "/admin/customers", Body: M{"email": "new@example.com"}, Status: 403},
			{Name: "delete a customer of another channel", Method: "DELETE", Path: "/admin/customers/" + ada, Status: 200},
		})
		Run(t, limitedB, []Case{
			{Name: "a customer of its channel", Method: "GET", Path: "/admin/customers/" + ada + "?fields=email", Status: 200,
				Exact: `{"customer":{"id":"` + ada + `","email":"ada@example.com"}}`},
			{Name: "update a customer who ordered elsewhere too", Method: "POST", Path: "/admin/customers/" + ada, Body: M{"first_name": "X"}, Status: 403,
				Exact: ErrBody("forbidden", "Insufficient permissions. Required policies: customer:update")},
			{Name: "an order's customer", Method: "GET", Path: "/admin/orders/" + orderB + "?fields=id,customer.email", Status: 200,
				Exact: `{"order":{"id":"` + orderB + `","customer":{"email":"ada@example.com"},"payment_status":"not_paid","fulfillment_status":"not_fulfilled"}}`},
		})
		s.Get("/admin/customers/" + ada).Must(200) // the limited delete deleted nothing
	})
}

func itoa(i int) string { return strconv.Itoa(i) }
