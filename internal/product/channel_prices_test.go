package product_test

import (
	"testing"

	. "channeld/internal/apitest"
)

// onePriced is the body of a product with one variant priced with prices, in channels.
func onePriced(title string, prices A, channels ...string) M {
	sc := A{}
	for _, c := range channels {
		sc = append(sc, M{"id": c})
	}
	return M{"title": title, "sales_channels": sc, "options": A{M{"title": "Size", "values": A{"S"}}},
		"variants": A{M{"title": title + " S", "options": M{"Size": "S"}, "prices": prices}}}
}

// price is a wire price; channel "" makes it a base price.
func price(cur string, amount float64, channel string) M {
	p := M{"currency_code": cur, "amount": amount}
	if channel != "" {
		p["rules"] = M{"sales_channel_id": channel}
	}
	return p
}

// pricesOf returns the variant's prices as the admin variant route answers them.
func pricesOf(s *Server, productID, variantID string) *Response {
	return s.Get("/admin/products/" + productID + "/variants/" + variantID + "?fields=*prices").Must(200)
}

// TestVariantChannelPrices checks V9: a product created in C with a base and a channel price
// keeps both, shown with Medusa's rules, on the product and the variant routes; an update
// with ids rewrites prices in place and a prices array replaces the whole set.
func TestVariantChannelPrices(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		c, d := s.Channel("C"), s.Channel("D")
		p := s.Post("/admin/products", onePriced("Lamp", A{price("usd", 10, ""), price("usd", 12, c)}, c, d)).Must(200)
		pid, vid := p.String("product.id"), p.String("product.variants.0.id")
		if diffs := Match(p.Get("product.variants.0.prices"), A{
			M{"currency_code": "usd", "amount": 10, "rules": M{}, "variant_id": vid},
			M{"currency_code": "usd", "amount": 12, "rules": M{"sales_channel_id": c}, "variant_id": vid},
		}, ""); len(diffs) > 0 {
			t.Fatalf("created prices: %v\n%s", diffs, p.Body)
		}
		got := pricesOf(s, pid, vid)
		baseID, channelID := got.String("variant.prices.0.id"), got.String("variant.prices.1.id")
		Run(t, s, []Case{
			{Name: "update by id keeps the row and its channel", Method: "POST", Path: "/admin/products/" + pid + "/variants/" + vid,
				Body: M{"prices": A{M{"id": baseID, "amount": 11}, M{"id": channelID, "amount": 13}, price("eur", 9, d)}}, Status: 200,
				Check: func(t *testing.T, r *Response) {
					want := A{M{"id": baseID, "amount": 11, "rules": M{}},
						M{"currency_code": "eur", "amount": 9, "rules": M{"sales_channel_id": d}},
						M{"id": channelID, "currency_code": "usd", "amount": 13, "rules": M{"sales_channel_id": c}}}
					if diffs := Match(pricesOf(s, pid, vid).Get("variant.prices"), want, ""); len(diffs) > 0 {
						t.Errorf("prices after update: %v", diffs)
					}
				}},
			{Name: "unlisted prices are deleted, base and channel", Method: "POST", Path: "/admin/products/" + pid,
				Body: M{"variants": A{M{"id": vid, "prices": A{price("usd", 8, c)}}}}, Status: 200,
				Want: M{"product": M{"variants": A{M{"prices": A{M{"amount": 8, "rules": M{"sales_channel_id": c}}}}}}}},
			{Name: "an empty array deletes them all", Method: "POST", Path: "/admin/products/" + pid + "/variants/" + vid,
				Body: M{"prices": A{}}, Status: 200, Want: M{"product": M{"variants": A{M{"prices": A{}}}}}},
			{Name: "a new variant takes channel prices", Method: "POST", Path: "/admin/products/" + pid + "/variants",
				Body: M{"title": "Lamp M", "prices": A{price("usd", 20, c), price("usd", 19, "")}}, Status: 200,
				Check: func(t *testing.T, r *Response) {
					if n := Scalar[int](t, s, `SELECT count(*) FROM price WHERE amount IN (1900, 2000) AND deleted_at IS NULL`); n != 2 {
						t.Errorf("new variant has %d of its 2 prices", n)
					}
				}},
			{Name: "quantities are accepted", Method: "POST", Path: "/admin/products/" + pid + "/variants/" + vid,
				Body: M{"prices": A{M{"currency_code": "usd", "amount": 5, "min_quantity": nil, "max_quantity": 10, "rules": M{}}}}, Status: 200},
			{Name: "a price id of another variant", Method: "POST", Path: "/admin/products/" + pid + "/variants/" + vid,
				Body: M{"prices": A{M{"id": "price_nope", "amount": 5}}}, Status: 404,
				Exact: ErrBody("not_found", "Price with id: price_nope was not found")},
			{Name: "rules values are strings", Method: "POST", Path: "/admin/products/" + pid + "/variants/" + vid,
				Body: M{"prices": A{M{"currency_code": "usd", "amount": 5, "rules": M{"sales_channel_id": 7}}}}, Status: 400,
				Want: M{"type": "invalid_data"}},
		})
	})
}

// unchanged is a Check that the request wrote nothing: the counts of products, live prices
// and audit entries are those of before.
func unchanged(t testing.TB, s *Server) func(t *testing.T, r *Response) {
	count := func(t testing.TB) [3]int {
		return [3]int{Scalar[int](t, s, `SELECT count(*) FROM product`),
			Scalar[int](t, s, `SELECT count(*) FROM price WHERE deleted_at IS NULL`),
			Scalar[int](t, s, `SELECT count(*) FROM audit_log`)}
	}
	before := count(t)
	return func(t *testing.T, r *Response) {
		if after := count(t); after != before {
			t.Errorf("a refused request changed products, prices, audit entries from %v to %v", before, after)
		}
	}
}

// TestVariantPriceRefusals checks V10, V11 and the variant-route part of V16: unsupported
// rules (E12), unknown channels (E14), channels the product is not in (E13), currencies a
// configured channel does not sell in (E1) and duplicates are refused on every price route,
// and nothing is written.
func TestVariantPriceRefusals(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		c, d := s.Channel("C"), s.Channel("D")
		eurOnly := s.Post("/admin/sales-channels", M{"name": "E", "supported_currencies": A{M{"currency_code": "eur", "is_default": true}}}).
			Must(200).String("sales_channel.id")
		p := s.Post("/admin/products", onePriced("Lamp", A{price("usd", 10, "")}, c, eurOnly)).Must(200)
		pid, vid := p.String("product.id"), p.String("product.variants.0.id")
		variant, product := "/admin/products/"+pid+"/variants/"+vid, "/admin/products/"+pid
		e12 := ErrBody("invalid_data", "Price rule region_id is not supported; the only supported rule is sales_channel_id")
		e13 := ErrBody("invalid_data", "Prices with rule sales_channel_id "+d+" need the product to be in sales channel "+d)
		e14 := ErrBody("invalid_data", "Sales channels with IDs sc_missing do not exist")
		e1 := ErrBody("invalid_data", "Currency usd is not available in sales channel "+eurOnly)
		withRule := func(rules M) A { return A{M{"currency_code": "usd", "amount": 5, "rules": rules}} }
		cases := []struct {
			name   string
			prices A
			want   string
		}{
			{"unsupported rule", withRule(M{"region_id": "reg_x"}), e12},
			{"unsupported rule beside the channel", withRule(M{"sales_channel_id": c, "region_id": "reg_x"}), e12},
			{"product not in the channel", withRule(M{"sales_channel_id": d}), e13},
			{"unknown channel", withRule(M{"sales_channel_id": "sc_missing"}), e14},
			{"currency the channel does not offer", withRule(M{"sales_channel_id": eurOnly}), e1},
			{"two prices for one channel and currency", A{price("usd", 5, c), price("USD", 6, c)},
				ErrBody("invalid_data", "Variant has more than one price in usd for sales channel "+c)},
		}
		var scenario []Case
		for _, tc := range cases {
			scenario = append(scenario,
				Case{Name: tc.name + " on variant update", Method: "POST", Path: variant, Body: M{"prices": tc.prices},
					Status: 400, Exact: tc.want, Check: unchanged(t, s)},
				Case{Name: tc.name + " on variant create", Method: "POST", Path: product + "/variants",
					Body: M{"title": "Lamp M", "prices": tc.prices}, Status: 400, Exact: tc.want, Check: unchanged(t, s)},
				Case{Name: tc.name + " on product update", Method: "POST", Path: product,
					Body: M{"variants": A{M{"id": vid, "prices": tc.prices}}}, Status: 400, Exact: tc.want, Check: unchanged(t, s)},
				Case{Name: tc.name + " on product create", Method: "POST", Path: "/admin/products",
					Body: onePriced("Other", tc.prices, c, eurOnly), Status: 400, Exact: tc.want, Check: unchanged(t, s)})
		}
		Run(t, s, append(scenario,
			Case{Name: "the request's own unlink counts", Method: "POST", Path: product,
				Body:   M{"sales_channels": A{M{"id": eurOnly}}, "variants": A{M{"id": vid, "prices": A{price("usd", 5, c)}}}},
				Status: 400, Exact: ErrBody("invalid_data", "Prices with rule sales_channel_id "+c+" need the product to be in sales channel "+c),
				Check: unchanged(t, s)},
			Case{Name: "the request's own link counts", Method: "POST", Path: product,
				Body:   M{"sales_channels": A{M{"id": c}, M{"id": d}}, "variants": A{M{"id": vid, "prices": A{price("usd", 5, d)}}}},
				Status: 200, Want: M{"product": M{"variants": A{M{"prices": A{M{"amount": 5, "rules": M{"sales_channel_id": d}}}}}}}},
		))
	})
}

// wantBody fails the test unless the response matches want as Case.Want does.
func wantBody(t *testing.T, r *Response, want any) {
	t.Helper()
	if diffs := Match(r.JSON, want, ""); len(diffs) > 0 {
		t.Errorf("body does not match: %v\n%s", diffs, r.Body)
	}
}
