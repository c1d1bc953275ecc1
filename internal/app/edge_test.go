package app_test

import (
	"encoding/json"
	"strings"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// invalidBody is the body of a 400 invalid_data answer.
func invalidBody(msg string) string {
	b, _ := json.Marshal(map[string]string{"type": "invalid_data", "message": msg})
	return string(b)
}

func tooBig(field, n string) string {
	return invalidBody("Invalid request: Value for field '" + field + "' too big, expected at most: '" + n + "'")
}

// Integers stored in PostgreSQL INTEGER columns are bounded in the schema, so 2^31 is a 400
// on both engines rather than a database error; BIGINT columns take any safe integer.
func TestIntegerColumnBounds(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		p, v, item, loc := w.ids["product"], w.ids["variant"], w.ids["item"], w.ids["location"]
		cart, line := w.ids["cart"], w.ids["line"]
		links := "/admin/products/" + p + "/variants/" + v + "/inventory-items"
		apitest.Run(t, w.srv, []Case{
			{Name: "variant_rank", Method: "POST", Path: "/admin/products/" + p + "/variants/" + v,
				Body: M{"variant_rank": 2147483648}, Status: 400, Exact: tooBig("variant_rank", "2147483647")},
			{Name: "negative variant_rank", Method: "POST", Path: "/admin/products/" + p + "/variants",
				Body: M{"title": "L", "prices": A{}, "variant_rank": -2147483649}, Status: 400,
				Exact: invalidBody("Invalid request: Value for field 'variant_rank' too small, expected at least: '-2147483648'")},
			{Name: "variant_rank of a new product's variant", Method: "POST", Path: "/admin/products",
				Body: M{"title": "T", "variants": A{M{"title": "V", "prices": A{}, "variant_rank": 2147483648}}}, Status: 400,
				Exact: tooBig("variants, 0, variant_rank", "2147483647")},
			{Name: "required_quantity of a new variant's items", Method: "POST", Path: "/admin/products/" + p + "/variants",
				Body:   M{"title": "L", "prices": A{}, "inventory_items": A{M{"inventory_item_id": item, "required_quantity": 2147483648}}},
				Status: 400, Exact: tooBig("inventory_items, 0, required_quantity", "2147483647")},
			{Name: "largest variant_rank", Method: "POST", Path: "/admin/products/" + p + "/variants/" + v,
				Body: M{"variant_rank": 2147483647}, Status: 200},
			{Name: "required_quantity on link", Method: "POST", Path: links,
				Body: M{"inventory_item_id": item, "required_quantity": 2147483648}, Status: 400, Exact: tooBig("required_quantity", "2147483647")},
			{Name: "required_quantity on update", Method: "POST", Path: links + "/" + item,
				Body: M{"required_quantity": 2147483648}, Status: 400, Exact: tooBig("required_quantity", "2147483647")},
			{Name: "line quantity", Method: "POST", Path: "/store/carts/" + cart + "/line-items", Headers: w.pk,
				Body: M{"variant_id": v, "quantity": 2147483648}, Status: 400, Exact: tooBig("quantity", "2147483647")},
			{Name: "line quantity on update", Method: "POST", Path: "/store/carts/" + cart + "/line-items/" + line, Headers: w.pk,
				Body: M{"quantity": 2147483648}, Status: 400, Exact: tooBig("quantity", "2147483647")},
			{Name: "line quantity in a new cart", Method: "POST", Path: "/store/carts", Headers: w.pk,
				Body: M{"region_id": w.ids["region"], "items": A{M{"variant_id": v, "quantity": 2147483648}}}, Status: 400,
				Exact: tooBig("items, 0, quantity", "2147483647")},
			{Name: "BIGINT stock takes more than 32 bits", Method: "POST", Path: "/admin/inventory-items/" + item + "/location-levels/" + loc,
				Body: M{"stocked_quantity": 2147483648}, Status: 200},
			{Name: "but only safe integers", Method: "POST", Path: "/admin/inventory-items/" + item + "/location-levels/" + loc,
				Body: `{"stocked_quantity": 9007199254740993}`, Status: 400, Exact: tooBig("stocked_quantity", "9007199254740991")},
		})
	})
}

// A NUL character (or invalid UTF-8) anywhere in a request is a 400 naming where it is, the
// same on both engines: PostgreSQL cannot store either.
func TestUnstorableText(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		nul := func(field string) string {
			return invalidBody("Invalid request: Value for field '" + field + "' contains a NUL character")
		}
		apitest.Run(t, w.srv, []Case{
			{Name: "body string", Method: "POST", Path: "/admin/sales-channels", Body: M{"name": "a\x00b"}, Status: 400, Exact: nul("name")},
			{Name: "metadata value", Method: "POST", Path: "/admin/sales-channels", Body: M{"name": "x", "metadata": M{"note": "\x00"}},
				Status: 400, Exact: nul("metadata, note")},
			{Name: "metadata key", Method: "POST", Path: "/admin/sales-channels", Body: M{"name": "x", "metadata": M{"k\x00": 1}},
				Status: 400, Exact: invalidBody("Invalid request: Value for field 'metadata' has a key that contains a NUL character")},
			{Name: "nested free-form JSON", Method: "POST", Path: "/store/carts/" + w.ids["cart"], Headers: w.pk,
				Body: M{"metadata": M{"a": A{M{"b": "x\x00"}}}}, Status: 400, Exact: nul("metadata, a, 0, b")},
			{Name: "array element", Method: "POST", Path: "/admin/api-keys/" + w.ids["api_key"] + "/sales-channels",
				Body: M{"add": A{"sc\x00"}}, Status: 400, Exact: nul("add, 0")},
			{Name: "metadata number out of JSONB's range", Method: "POST", Path: "/admin/sales-channels",
				Body: `{"name":"x","metadata":{"n":1e999999}}`, Status: 400,
				Exact: invalidBody("Invalid request: Value for field 'metadata, n' is out of range")},
			{Name: "query value", Method: "GET", Path: "/admin/products?q=%00", Status: 400, Exact: nul("q")},
			{Name: "operator value", Method: "GET", Path: "/admin/sales-channels?created_at[$gt]=a%00", Status: 400, Exact: nul("created_at, $gt")},
			{Name: "store query value", Method: "GET", Path: "/store/products?handle[]=%00", Headers: w.pk, Status: 400, Exact: nul("handle, 0")},
			{Name: "admin path id", Method: "GET", Path: "/admin/products/%00", Status: 400,
				Exact: invalidBody("Invalid request: Path parameter 'id' contains a NUL character")},
			{Name: "store path id", Method: "GET", Path: "/store/carts/" + w.ids["cart"] + "%00", Headers: w.pk, Status: 400,
				Exact: invalidBody("Invalid request: Path parameter 'id' contains a NUL character")},
			{Name: "second path id", Method: "DELETE", Path: "/admin/products/" + w.ids["product"] + "/variants/v%00", Status: 400,
				Exact: invalidBody("Invalid request: Path parameter 'variant_id' contains a NUL character")},
			{Name: "path id of invalid UTF-8", Method: "GET", Path: "/admin/regions/%FF", Status: 400,
				Exact: invalidBody("Invalid request: Path parameter 'id' is not valid UTF-8")},
			{Name: "credentials first", Method: "GET", Path: "/admin/products/%00", Headers: map[string]string{"Authorization": ""},
				Status: 401, Exact: `{"message":"Unauthorized"}`},
		})
		// An HTTP client refuses to send these headers; a server still receives them.
		for _, key := range []string{"pk_\x00", "\xff\xfe"} {
			status, body := w.send(probe{method: "GET", path: "/store/products", header: map[string]string{"x-publishable-api-key": key}})
			want := `{"type":"not_allowed","message":"A valid publishable key is required to proceed with the request"}`
			if status != 400 || string(body) != want {
				t.Errorf("publishable key %q: %d %s", key, status, body)
			}
		}
	})
}

// Query strings are bounded: q to MaxSearch characters, any other value to 4,096, any list
// to 1,000 values; bodies' lists too, and strings that end up in a btree index.
func TestRequestSizeBounds(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		ids := strings.TrimSuffix(strings.Repeat("x,", 1001), ",")
		many := make(A, 1001)
		for i := range many {
			many[i] = "prod_x"
		}
		long := func(n int) string { return strings.Repeat("é", n) }
		apitest.Run(t, w.srv, []Case{
			{Name: "q", Method: "GET", Path: "/admin/products?q=" + long(1001), Status: 400, Exact: tooBig("q", "1000")},
			{Name: "q past SQLite's LIKE limit", Method: "GET", Path: "/store/products?q=" + strings.Repeat("x", 50_001), Headers: w.pk,
				Status: 400, Exact: tooBig("q", "1000")},
			{Name: "q in $or", Method: "GET", Path: "/admin/sales-channels?$or[0][q]=" + long(1001), Status: 400, Exact: tooBig("$or, 0, q", "1000")},
			{Name: "longest q", Method: "GET", Path: "/admin/products?q=" + long(1000), Status: 200},
			{Name: "other query value", Method: "GET", Path: "/admin/sales-channels?name=" + long(4097), Status: 400, Exact: tooBig("name", "4096")},
			{Name: "longest other query value", Method: "GET", Path: "/admin/sales-channels?name=" + long(4096), Status: 200},
			{Name: "query list", Method: "GET", Path: "/admin/orders?id[]=" + ids, Status: 400, Exact: tooBig("id", "1000")},
			{Name: "LIKE on a date", Method: "GET", Path: "/admin/sales-channels?created_at[$like]=2024%25", Status: 400,
				Exact: invalidBody("Invalid request: operator $like is not supported for field 'created_at'")},
			{Name: "body list", Method: "POST", Path: "/admin/sales-channels/" + w.ids["channel"] + "/products", Body: M{"add": many},
				Status: 400, Exact: tooBig("add", "1000")},
			{Name: "product title, the source of its handle", Method: "POST", Path: "/admin/products", Body: M{"title": long(501)},
				Status: 400, Exact: tooBig("title", "500")},
			{Name: "handle", Method: "POST", Path: "/admin/products", Body: M{"title": "T", "handle": long(501)},
				Status: 400, Exact: tooBig("handle", "500")},
			{Name: "sku", Method: "POST", Path: "/admin/inventory-items", Body: M{"sku": long(501)}, Status: 400, Exact: tooBig("sku", "500")},
			{Name: "reservation line_item_id", Method: "POST", Path: "/admin/reservations", Body: M{"location_id": w.ids["location"],
				"inventory_item_id": w.ids["item"], "quantity": 1, "line_item_id": long(501)}, Status: 400, Exact: tooBig("line_item_id", "500")},
			{Name: "a long email is a failed login", Method: "POST", Path: "/auth/user/emailpass",
				Body: M{"email": big, "password": "x"}, Status: 401},
		})
	})
}
