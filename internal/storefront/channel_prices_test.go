package storefront_test

import (
	"slices"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// pricedWorld is a catalogue for channel prices: channels C and D, keys on each and on both,
// regions in usd and eur, and one published product in both channels whose only variant has
// base prices usd 10, eur 20 and gbp 30.
type pricedWorld struct {
	s                      *apitest.Server
	c, d                   string
	keyC, keyD, keyCD      string
	usd, eur               string
	product, variant       string
	baseUSD, baseEUR, base string // price ids; base is the gbp one
}

func newPricedWorld(t *testing.T, s *apitest.Server) *pricedWorld {
	t.Helper()
	w := &pricedWorld{s: s, c: s.Channel("C"), d: s.Channel("D")}
	_, w.keyC = s.PublishableKey("C", w.c)
	_, w.keyD = s.PublishableKey("D", w.d)
	_, w.keyCD = s.PublishableKey("CD", w.c, w.d)
	w.usd = s.Post("/admin/regions", M{"name": "US", "currency_code": "usd"}).Must(200).String("region.id")
	w.eur = s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur"}).Must(200).String("region.id")
	p := s.Post("/admin/products", M{"title": "Lamp", "status": "published",
		"options": A{M{"title": "Size", "values": A{"S"}}},
		"variants": A{M{"title": "Lamp S", "options": M{"Size": "S"}, "prices": A{
			M{"currency_code": "usd", "amount": 10}, M{"currency_code": "eur", "amount": 20}, M{"currency_code": "gbp", "amount": 30}}}},
		"sales_channels": A{M{"id": w.c}, M{"id": w.d}}}).Must(200)
	w.product, w.variant = p.String("product.id"), p.String("product.variants.0.id")
	basePrice := func(cur string) string {
		return Scalar[string](t, s, `SELECT id FROM price WHERE variant_id = $1 AND currency_code = $2 AND sales_channel_id IS NULL`, w.variant, cur)
	}
	w.baseUSD, w.baseEUR, w.base = basePrice("usd"), basePrice("eur"), basePrice("gbp")
	return w
}

// channel creates a channel with the currency settings given, links the product to it and
// returns it with a key on it alone.
func (w *pricedWorld) channel(t *testing.T, name string, currencies ...M) (id, key string) {
	t.Helper()
	list := A{}
	for _, c := range currencies {
		list = append(list, c)
	}
	id = w.s.Post("/admin/sales-channels", M{"name": name, "supported_currencies": list}).Must(200).String("sales_channel.id")
	w.s.Post("/admin/sales-channels/"+id+"/products", M{"add": A{w.product}}).Must(200)
	_, key = w.s.PublishableKey(name, id)
	return id, key
}

// channelPrice writes the channel price of the variant through the channel's price batch
// route and returns its id.
func (w *pricedWorld) channelPrice(t *testing.T, channel, currency string, amount any) string {
	t.Helper()
	return w.s.Post("/admin/sales-channels/"+channel+"/prices/batch", M{"create": A{
		M{"variant_id": w.variant, "currency_code": currency, "amount": amount}}}).Must(200).String("created.0.id")
}

// inherit makes channel's prices in currency those of source (nil: the base prices) in
// sourceCurrency times factor, to the currency's smallest unit, half up.
func (w *pricedWorld) inherit(t *testing.T, channel, currency string, source any, sourceCurrency string, factor float64) {
	t.Helper()
	w.s.Post("/admin/sales-channels/"+channel+"/price-inheritance", M{"currency_code": currency, "source_sales_channel_id": source,
		"source_currency_code": sourceCurrency, "factor": factor}).Must(200)
}

// calculated is the Want of a product whose only variant has the calculated price given.
func calculated(id string, amount any, currency string, taxInclusive bool) M {
	return M{"product": M{"variants": A{M{"calculated_price": M{"id": id, "calculated_amount": amount, "original_amount": amount,
		"currency_code": currency, "is_calculated_price_tax_inclusive": taxInclusive, "is_original_price_tax_inclusive": taxInclusive,
		"calculated_price": M{"id": id}, "original_price": M{"id": id}}}}}}
}

// priceIDs checks that a product's only variant lists exactly the explicit prices given.
func priceIDs(want ...string) func(t *testing.T, r *Response) {
	return func(t *testing.T, r *Response) {
		t.Helper()
		got := r.Strings("product.variants.0.prices", "id")
		slices.Sort(got)
		slices.Sort(want)
		if !slices.Equal(got, want) {
			t.Errorf("prices %q, want %q", got, want)
		}
	}
}

const pricedFields = "fields=%2Bvariants.calculated_price"

// TestChannelPricesInTheStore covers V12 and the choice of the pricing channel: a key's
// only channel, the one requested channel of a key with several, else none (base prices).
func TestChannelPricesInTheStore(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		w := newPricedWorld(t, s)
		cUSD := w.channelPrice(t, w.c, "usd", 8)
		get := "/store/products/" + w.product + "?region_id=" + w.usd + "&" + pricedFields
		Run(t, s, []Case{
			{Name: "V12 the channel price for a key on C", Method: "GET", Path: get, Headers: KeyHeader(w.keyC), Status: 200,
				Want: calculated(cUSD, 8, "usd", false)},
			{Name: "V12 the base price for a key on D", Method: "GET", Path: get, Headers: KeyHeader(w.keyD), Status: 200,
				Want: calculated(w.baseUSD, 10, "usd", false)},
			{Name: "a key on C and D without narrowing prices at base", Method: "GET", Path: get, Headers: KeyHeader(w.keyCD), Status: 200,
				Want: calculated(w.baseUSD, 10, "usd", false)},
			{Name: "narrowing to C prices in C", Method: "GET", Path: get + "&sales_channel_id[]=" + w.c, Headers: KeyHeader(w.keyCD), Status: 200,
				Want: calculated(cUSD, 8, "usd", false)},
			{Name: "narrowing to both prices at base", Method: "GET", Path: get + "&sales_channel_id[]=" + w.c + "&sales_channel_id[]=" + w.d,
				Headers: KeyHeader(w.keyCD), Status: 200, Want: calculated(w.baseUSD, 10, "usd", false)},
			{Name: "a listing prices the same", Method: "GET", Path: "/store/products?region_id=" + w.usd + "&" + pricedFields, Headers: KeyHeader(w.keyC),
				Status: 200, Want: M{"products": A{M{"variants": A{M{"calculated_price": M{"id": cUSD, "calculated_amount": 8}}}}}}},
			{Name: "variants.prices shows no other channel's prices", Method: "GET", Path: "/store/products/" + w.product + "?fields=id,*variants.prices",
				Headers: KeyHeader(w.keyD), Status: 200, Check: priceIDs(w.baseEUR, w.base, w.baseUSD)},
			{Name: "variants.prices shows the key's channel's prices", Method: "GET", Path: "/store/products/" + w.product + "?fields=id,*variants.prices",
				Headers: KeyHeader(w.keyC), Status: 200, Check: priceIDs(w.baseEUR, w.base, w.baseUSD, cUSD)},
			{Name: "currency_code alone", Method: "GET", Path: "/store/products/" + w.product + "?currency_code=EUR&" + pricedFields,
				Headers: KeyHeader(w.keyC), Status: 200, Want: calculated(w.baseEUR, 20, "eur", false)},
			{Name: "currency_code agreeing with the region", Method: "GET", Path: get + "&currency_code=usd", Headers: KeyHeader(w.keyC),
				Status: 200, Want: calculated(cUSD, 8, "usd", false)},
			{Name: "a currency without any price", Method: "GET", Path: "/store/products/" + w.product + "?currency_code=jpy&" + pricedFields,
				Headers: KeyHeader(w.keyC), Status: 200, Want: M{"product": M{"variants": A{M{"calculated_price": nil}}}}},
			{Name: "no currency anywhere", Method: "GET", Path: "/store/products/" + w.product + "?" + pricedFields, Headers: KeyHeader(w.keyC),
				Status: 400, Exact: errNoPricing},
			{Name: "the store's default region", Method: "POST", Path: "/admin/stores/" + Scalar[string](t, s, `SELECT id FROM store`),
				Body: M{"default_region_id": w.eur}, Status: 200},
			{Name: "prices in the store's default region's currency", Method: "GET", Path: "/store/products/" + w.product + "?" + pricedFields,
				Headers: KeyHeader(w.keyC), Status: 200, Want: calculated(w.baseEUR, 20, "eur", false)},
		})
	})
}

// TestChannelCurrencies covers V13, V14 and V20: a currency-configured channel prices in its
// default currency, refuses the others (E1), and tells whether its amounts include tax; a
// currency_code other than the region's is E15.
func TestChannelCurrencies(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		w := newPricedWorld(t, s)
		v13, keyV13 := w.channel(t, "V13", M{"currency_code": "eur", "is_default": true}, M{"currency_code": "usd"})
		v13USD := w.channelPrice(t, v13, "usd", 15)
		v14, keyV14 := w.channel(t, "V14", M{"currency_code": "eur", "is_default": true})
		_, keyInclusive := w.channel(t, "V20 inclusive", M{"currency_code": "gbp", "is_default": true, "is_tax_inclusive": true})
		_, keyExclusive := w.channel(t, "V20 exclusive", M{"currency_code": "gbp", "is_default": true})
		get := "/store/products/" + w.product + "?" + pricedFields
		Run(t, s, []Case{
			{Name: "V13 currency_code=usd", Method: "GET", Path: get + "&currency_code=usd", Headers: KeyHeader(keyV13), Status: 200,
				Want: calculated(v13USD, 15, "usd", false)},
			{Name: "V13 the channel's default currency", Method: "GET", Path: get, Headers: KeyHeader(keyV13), Status: 200,
				Want: calculated(w.baseEUR, 20, "eur", false)},
			{Name: "V13 a currency the channel does not sell", Method: "GET", Path: get + "&currency_code=jpy", Headers: KeyHeader(keyV13),
				Status: 400, Exact: ErrBody("invalid_data", "Currency jpy is not available in sales channel "+v13)},
			{Name: "V14 a region in a currency the channel does not sell", Method: "GET", Path: get + "&region_id=" + w.usd,
				Headers: KeyHeader(keyV14), Status: 400, Exact: ErrBody("invalid_data", "Currency usd is not available in sales channel "+v14)},
			{Name: "V14 currency_code against the region", Method: "GET", Path: get + "&region_id=" + w.usd + "&currency_code=eur",
				Headers: KeyHeader(keyV14), Status: 400,
				Exact: ErrBody("invalid_data", "currency_code eur does not match the currency usd of region "+w.usd)},
			{Name: "V14 in a listing too", Method: "GET", Path: "/store/products?region_id=" + w.usd + "&" + pricedFields,
				Headers: KeyHeader(keyV14), Status: 400, Exact: ErrBody("invalid_data", "Currency usd is not available in sales channel "+v14)},
			{Name: "an unknown region", Method: "GET", Path: get + "&region_id=reg_nope&currency_code=eur", Headers: KeyHeader(keyV14),
				Status: 404, Exact: ErrBody("not_found", "Region with id: reg_nope was not found")},
			{Name: "V20 tax-inclusive gbp", Method: "GET", Path: get, Headers: KeyHeader(keyInclusive), Status: 200,
				Want: calculated(w.base, 30, "gbp", true)},
			{Name: "V20 tax-exclusive gbp", Method: "GET", Path: get, Headers: KeyHeader(keyExclusive), Status: 200,
				Want: calculated(w.base, 30, "gbp", false)},
			{Name: "unpriced reads are unchanged", Method: "GET", Path: "/store/products/" + w.product + "?currency_code=jpy",
				Headers: KeyHeader(keyV13), Status: 200, Want: M{"product": M{"variants": A{M{"calculated_price": Absent}}}}},
		})
	})
}

// TestInheritedPricesInTheStore shows an inherited price with the id of the row it derives
// from, through two rules (D usd ← C usd ← base usd), and an override winning over a rule.
func TestInheritedPricesInTheStore(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		w := newPricedWorld(t, s)
		w.inherit(t, w.c, "usd", nil, "usd", 0.5)
		w.inherit(t, w.d, "usd", w.c, "usd", 3)
		w.inherit(t, w.c, "eur", nil, "usd", 0.9)
		get := "/store/products/" + w.product + "?" + pricedFields
		Run(t, s, []Case{
			{Name: "C inherits half the base", Method: "GET", Path: get + "&currency_code=usd", Headers: KeyHeader(w.keyC), Status: 200,
				Want: calculated(w.baseUSD, 5, "usd", false)},
			{Name: "D inherits three times C", Method: "GET", Path: get + "&currency_code=usd", Headers: KeyHeader(w.keyD), Status: 200,
				Want: calculated(w.baseUSD, 15, "usd", false)},
			{Name: "across currencies", Method: "GET", Path: get + "&region_id=" + w.eur, Headers: KeyHeader(w.keyC), Status: 200,
				Want: calculated(w.baseUSD, 9, "eur", false)},
		})
		cUSD := w.channelPrice(t, w.c, "usd", 7)
		Run(t, s, []Case{
			{Name: "C's override wins", Method: "GET", Path: get + "&currency_code=usd", Headers: KeyHeader(w.keyC), Status: 200,
				Want: calculated(cUSD, 7, "usd", false)},
			{Name: "D follows C's override", Method: "GET", Path: get + "&currency_code=usd", Headers: KeyHeader(w.keyD), Status: 200,
				Want: calculated(cUSD, 21, "usd", false)},
		})
	})
}

// TestPricedPagesAreCachedPerCurrency checks that the page cache keeps one answer per
// currency and drops them when a channel price is written.
func TestPricedPagesAreCachedPerCurrency(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		w := newPricedWorld(t, s)
		list := "/store/products?" + pricedFields + "&currency_code="
		amount := func(want any, id string) M {
			return M{"products": A{M{"variants": A{M{"calculated_price": M{"calculated_amount": want, "calculated_price": M{"id": id}}}}}}}
		}
		Run(t, s, []Case{
			{Name: "usd", Method: "GET", Path: list + "usd", Headers: KeyHeader(w.keyC), Status: 200, Want: amount(10, w.baseUSD)},
			{Name: "eur is not usd's page", Method: "GET", Path: list + "eur", Headers: KeyHeader(w.keyC), Status: 200, Want: amount(20, w.baseEUR)},
			{Name: "usd again", Method: "GET", Path: list + "usd", Headers: KeyHeader(w.keyC), Status: 200, Want: amount(10, w.baseUSD)},
		})
		cUSD := w.channelPrice(t, w.c, "usd", 9)
		Run(t, s, []Case{
			{Name: "a new channel price shows at once", Method: "GET", Path: list + "usd", Headers: KeyHeader(w.keyC), Status: 200,
				Want: amount(9, cUSD)},
			{Name: "eur is unchanged", Method: "GET", Path: list + "eur", Headers: KeyHeader(w.keyC), Status: 200, Want: amount(20, w.baseEUR)},
			{Name: "the other channel's page is unchanged", Method: "GET", Path: list + "usd", Headers: KeyHeader(w.keyD), Status: 200,
				Want: amount(10, w.baseUSD)},
		})
	})
}
