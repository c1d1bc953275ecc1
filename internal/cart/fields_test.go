package cart_test

import (
	"maps"
	"slices"
	"strings"
	"testing"

	. "channeld/internal/apitest"
)

// starterCart is the field list the Next.js starter storefront retrieves a cart with.
const starterCart = "*items,*region,*items.product,*items.variant,*items.thumbnail,*items.metadata,+items.total,*promotions,+shipping_methods.name"

// wantKeys fails unless the object at path has exactly the keys want, in any order.
func wantKeys(t *testing.T, r *Response, path string, want ...string) {
	t.Helper()
	got := r.Keys(strings.Split(path, ".")...)
	slices.Sort(got)
	want = slices.Clone(want)
	slices.Sort(want)
	if !slices.Equal(got, want) {
		t.Errorf("%s keys:\n got %v\nwant %v", path, got, want)
	}
}

// cartTotals are every total Medusa's default store cart fields name.
var cartTotals = []string{"total", "subtotal", "tax_total", "discount_total", "discount_subtotal", "discount_tax_total",
	"original_total", "original_tax_total", "item_total", "item_subtotal", "item_tax_total", "item_discount_total",
	"original_item_total", "original_item_subtotal", "original_item_tax_total", "shipping_total", "shipping_subtotal",
	"shipping_tax_total", "shipping_discount_total", "original_shipping_tax_total", "original_shipping_subtotal",
	"original_shipping_total", "credit_line_subtotal", "credit_line_tax_total", "credit_line_total"}

func TestCartFields(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		id := w.cart(t, w.KeyA, M{"region_id": w.EUR, "items": A{M{"variant_id": w.a1, "quantity": 2}}})
		line := w.s.Do("GET", "/store/carts/"+id, nil, KeyHeader(w.KeyA)).Must(200).String("cart.items.0.id")
		get := func(fields string) string { return "/store/carts/" + id + "?fields=" + fields }
		zeroes := M{}
		for _, k := range cartTotals {
			zeroes[k] = 0
		}
		for _, k := range []string{"total", "subtotal", "original_total", "item_total", "item_subtotal", "original_item_total", "original_item_subtotal"} {
			zeroes[k] = 20
		}
		Run(t, w.s, []Case{
			{Name: "default fields", Method: "GET", Path: "/store/carts/" + id, Headers: KeyHeader(w.KeyA), Status: 200,
				Want: M{"cart": zeroes},
				Check: func(t *testing.T, r *Response) {
					wantKeys(t, r, "cart", append([]string{"id", "currency_code", "email", "locale", "region_id", "created_at",
						"updated_at", "completed_at", "metadata", "sales_channel_id", "promotions", "items", "customer",
						"shipping_methods", "shipping_address_id", "shipping_address", "billing_address_id", "billing_address",
						"region", "payment_collection", "credit_lines"}, cartTotals...)...)
					wantKeys(t, r, "cart.region", "id", "name", "currency_code", "automatic_taxes", "countries")
					product, _ := r.Get("cart.items.0.product").(map[string]any)
					if got := slices.Sorted(maps.Keys(product)); !slices.Equal(got, []string{"categories", "collection_id", "id", "tags", "type_id"}) {
						t.Errorf("line product keys: %v", got)
					}
					if r.String("cart.items.0.variant.id") != w.a1 || r.Int("cart.items.0.total") != 20 {
						t.Errorf("line: %s", r.Body)
					}
				}},
			{Name: "the starter's fields", Method: "GET", Path: get(starterCart), Headers: KeyHeader(w.KeyA), Status: 200,
				Want: M{"cart": M{"promotions": A{}, "shipping_methods": A{}, "shipping_address": nil, "region": M{"id": w.EUR, "name": "Europe"},
					"items": A{M{"id": line, "cart_id": id, "quantity": 2, "unit_price": 10, "total": 20, "subtotal": 20, "tax_total": 0,
						"discount_total": 0, "thumbnail": nil, "metadata": nil, "product_handle": "a1",
						"product": M{"id": w.a1Prod, "title": "A1", "handle": "a1"}, "variant": M{"id": w.a1, "sku": "A1-S"}}}}}},
			{Name: "a plain list replaces the defaults", Method: "GET", Path: get("total,item_total"), Headers: KeyHeader(w.KeyA), Status: 200,
				Exact: `{"cart":{"total":20,"item_total":20,"id":"` + id + `"}}`},
			{Name: "variant with its product", Method: "GET", Path: get("id,items.variant.product.title"), Headers: KeyHeader(w.KeyA),
				Status: 200, Want: M{"cart": M{"items": A{M{"variant": M{"product": M{"title": "A1"}}}}}}},
			{Name: "unknown field", Method: "GET", Path: get("+nope,items.nope"), Headers: KeyHeader(w.KeyA), Status: 400,
				Exact: `{"type":"invalid_data","message":"Requested fields [items.nope, nope] are not valid"}`},
			{Name: "a line's product does not show its channels", Method: "GET", Path: get("items.product.sales_channels.id"),
				Headers: KeyHeader(w.KeyA), Status: 400,
				Exact: `{"type":"invalid_data","message":"Requested fields [items.product.sales_channels] are not valid"}`},
			{Name: "fields on a line added", Method: "POST", Path: "/store/carts/" + id + "/line-items?fields=item_total,items.quantity",
				Headers: KeyHeader(w.KeyA), Body: M{"variant_id": w.a1, "quantity": 1}, Status: 200,
				Exact: `{"cart":{"item_total":30,"id":"` + id + `","items":[{"quantity":3,"subtotal":30,"total":30,"original_subtotal":30,"original_total":30,"discount_subtotal":0,"discount_tax_total":0,"discount_total":0,"tax_total":0,"original_tax_total":0}]}}`},
			{Name: "fields on a line updated", Method: "POST", Path: "/store/carts/" + id + "/line-items/" + line + "?fields=id",
				Headers: KeyHeader(w.KeyA), Body: M{"quantity": 4}, Status: 200, Exact: `{"cart":{"id":"` + id + `"}}`},
			{Name: "fields on the cart updated", Method: "POST", Path: "/store/carts/" + id + "?fields=email,locale",
				Headers: KeyHeader(w.KeyA), Body: M{"email": "x@example.com", "locale": "fr-FR"}, Status: 200,
				Exact: `{"cart":{"email":"x@example.com","locale":"fr-FR","id":"` + id + `"}}`},
			{Name: "fields on the parent of a line removed", Method: "DELETE", Path: "/store/carts/" + id + "/line-items/" + line + "?fields=total",
				Headers: KeyHeader(w.KeyA), Status: 200,
				Exact: `{"id":"` + line + `","object":"line-item","deleted":true,"parent":{"total":0,"id":"` + id + `"}}`},
			{Name: "fields on a new cart, with locale", Method: "POST", Path: "/store/carts?fields=locale,region.name",
				Headers: KeyHeader(w.KeyA), Body: M{"region_id": w.EUR, "locale": "de-DE"}, Status: 200,
				Want: M{"cart": M{"locale": "de-DE", "region": M{"name": "Europe"}}}},
		})
	})
}

// addressRegions adds a region of two countries and one of a single country.
func addressRegions(t *testing.T, w *world) (two, one string) {
	t.Helper()
	two = w.s.Post("/admin/regions", M{"name": "Continent", "currency_code": "eur", "countries": A{"de", "fr"}}).Must(200).String("region.id")
	one = w.s.Post("/admin/regions", M{"name": "Island", "currency_code": "eur", "countries": A{"mt"}}).Must(200).String("region.id")
	return two, one
}

func TestCartAddresses(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		two, one := addressRegions(t, w)
		id := w.cart(t, w.KeyA, M{"region_id": two})
		ada := M{"first_name": "Ada", "last_name": "Lovelace", "address_1": "1 Rue de Rivoli", "city": "Paris",
			"country_code": "fr", "postal_code": "75001", "phone": "+33 1", "company": nil, "metadata": M{"floor": 2}}
		path := "/store/carts/" + id
		var shippingID string
		Run(t, w.s, []Case{
			{Name: "a new cart in a region of two countries has no address", Method: "GET", Path: path, Headers: KeyHeader(w.KeyA),
				Status: 200, Want: M{"cart": M{"shipping_address": nil, "billing_address": nil, "shipping_address_id": nil}}},
			{Name: "addresses stored", Method: "POST", Path: path, Headers: KeyHeader(w.KeyA), Status: 200,
				Body: M{"email": "ada@example.com", "shipping_address": ada, "billing_address": M{"country_code": "us", "city": "Boston"}},
				Want: M{"cart": M{"email": "ada@example.com", "shipping_address_id": Any,
					"shipping_address": M{"id": Any, "first_name": "Ada", "last_name": "Lovelace", "company": nil, "address_1": "1 Rue de Rivoli",
						"address_2": nil, "city": "Paris", "postal_code": "75001", "country_code": "fr", "province": nil, "phone": "+33 1"},
					"billing_address": M{"country_code": "us", "city": "Boston", "first_name": nil}}},
				Check: func(t *testing.T, r *Response) {
					shippingID = r.String("cart.shipping_address.id")
					if !strings.HasPrefix(shippingID, "caaddr_") || shippingID != r.String("cart.shipping_address_id") {
						t.Errorf("address id: %s", r.Body)
					}
				}},
			{Name: "read back with its metadata", Method: "GET", Path: path + "?fields=*shipping_address", Headers: KeyHeader(w.KeyA),
				Status: 200, Want: M{"cart": M{"shipping_address": M{"metadata": M{"floor": 2}, "created_at": Any}}}},
			{Name: "a new shipping address replaces the old one", Method: "POST", Path: path + "?fields=shipping_address.*",
				Headers: KeyHeader(w.KeyA), Status: 200, Body: M{"shipping_address": M{"country_code": "DE", "city": "Berlin"}},
				Want: M{"cart": M{"shipping_address": M{"country_code": "de", "city": "Berlin", "first_name": nil, "metadata": nil}}}},
			{Name: "country outside the region", Method: "POST", Path: path, Headers: KeyHeader(w.KeyA), Status: 400,
				Body:  M{"shipping_address": M{"country_code": "us"}},
				Exact: `{"type":"invalid_data","message":"Country with code us is not within region Continent"}`},
			{Name: "the refused update left the address", Method: "GET", Path: path + "?fields=shipping_address.city", Headers: KeyHeader(w.KeyA),
				Status: 200, Want: M{"cart": M{"shipping_address": M{"city": "Berlin"}}}},
			{Name: "unknown address field", Method: "POST", Path: path, Headers: KeyHeader(w.KeyA), Status: 400,
				Body:  M{"shipping_address": M{"street": "x"}},
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'street'"}`},
			{Name: "wrong type", Method: "POST", Path: path, Headers: KeyHeader(w.KeyA), Status: 400,
				Body:  M{"shipping_address": M{"city": 5}},
				Exact: `{"type":"invalid_data","message":"Invalid request: Expected type: 'string' for field 'shipping_address, city', got: '5'"}`},
			{Name: "NUL character", Method: "POST", Path: path, Headers: KeyHeader(w.KeyA), Status: 400,
				Body:  M{"billing_address": M{"city": "a\x00b"}},
				Exact: `{"type":"invalid_data","message":"Invalid request: Value for field 'billing_address, city' contains a NUL character"}`},
			{Name: "moving to a one-country region names its country", Method: "POST", Path: path + "?fields=shipping_address.country_code,shipping_address.city",
				Headers: KeyHeader(w.KeyA), Status: 200, Body: M{"region_id": one},
				Want: M{"cart": M{"shipping_address": M{"country_code": "mt", "city": nil}}}},
			{Name: "moving to a region of several countries drops the address", Method: "POST", Path: path + "?fields=shipping_address,billing_address.city",
				Headers: KeyHeader(w.KeyA), Status: 200, Body: M{"region_id": two},
				Want: M{"cart": M{"shipping_address": nil, "billing_address": M{"city": "Boston"}}}},
			{Name: "created in a one-country region", Method: "POST", Path: "/store/carts?fields=shipping_address.country_code",
				Headers: KeyHeader(w.KeyA), Status: 200, Body: M{"region_id": one},
				Want: M{"cart": M{"shipping_address": M{"country_code": "mt"}}}},
			{Name: "created with an address outside the region", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA),
				Status: 400, Body: M{"region_id": one, "shipping_address": M{"country_code": "fr"}},
				Exact: `{"type":"invalid_data","message":"Country with code fr is not within region Island"}`},
		})
		// The refused creation wrote nothing.
		if n := Scalar[int](t, w.s, `SELECT COUNT(*) FROM cart_address WHERE country_code = 'fr'`); n != 0 {
			t.Errorf("addresses of refused carts: %d", n)
		}
		// Dropped addresses do not linger.
		if n := Scalar[int](t, w.s, `SELECT COUNT(*) FROM cart_address WHERE id = $1`, shippingID); n != 0 {
			t.Errorf("dropped address still stored")
		}
	})
}

func TestPromoCodes(t *testing.T) {
	t.Parallel()
	eachWorld(t, func(t *testing.T, w *world) {
		id := w.cart(t, w.KeyA, M{"region_id": w.EUR})
		carts := Scalar[int](t, w.s, `SELECT COUNT(*) FROM cart`)
		invalid := `{"type":"invalid_data","message":"The promotion code SUMMER is invalid"}`
		Run(t, w.s, []Case{
			{Name: "unknown code on update", Method: "POST", Path: "/store/carts/" + id, Headers: KeyHeader(w.KeyA),
				Body: M{"promo_codes": A{"SUMMER", "WINTER"}, "email": "p@example.com"}, Status: 400, Exact: invalid},
			{Name: "the refused update changed nothing", Method: "GET", Path: "/store/carts/" + id + "?fields=email",
				Headers: KeyHeader(w.KeyA), Status: 200, Exact: `{"cart":{"email":null,"id":"` + id + `"}}`},
			{Name: "no codes", Method: "POST", Path: "/store/carts/" + id, Headers: KeyHeader(w.KeyA),
				Body: M{"promo_codes": A{}}, Status: 200, Want: M{"cart": M{"promotions": A{}}}},
			{Name: "unknown code on create", Method: "POST", Path: "/store/carts", Headers: KeyHeader(w.KeyA),
				Body: M{"region_id": w.EUR, "promo_codes": A{"SUMMER"}}, Status: 400, Exact: invalid},
			{Name: "unknown code through the promotions route", Method: "POST", Path: "/store/carts/" + id + "/promotions",
				Headers: KeyHeader(w.KeyA), Body: M{"promo_codes": A{"SUMMER"}}, Status: 400, Exact: invalid},
			{Name: "removing codes", Method: "DELETE", Path: "/store/carts/" + id + "/promotions?fields=promotions",
				Headers: KeyHeader(w.KeyA), Body: M{"promo_codes": A{"SUMMER"}}, Status: 200,
				Exact: `{"cart":{"promotions":[],"id":"` + id + `"}}`},
			{Name: "promotions route of another channel's cart", Method: "DELETE", Path: "/store/carts/" + id + "/promotions",
				Headers: KeyHeader(w.KeyB), Body: M{"promo_codes": A{}}, Status: 404,
				Exact: `{"type":"not_found","message":"Cart id not found: ` + id + `"}`},
			{Name: "promo_codes not a list", Method: "POST", Path: "/store/carts/" + id + "/promotions",
				Headers: KeyHeader(w.KeyA), Body: M{"promo_codes": "SUMMER"}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Expected type: 'array' for field 'promo_codes', got: 'SUMMER'"}`},
		})
		if n := Scalar[int](t, w.s, `SELECT COUNT(*) FROM cart`); n != carts {
			t.Errorf("carts after a refused creation: %d, want %d", n, carts)
		}
	})
}
