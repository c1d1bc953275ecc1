package saleschannel_test

import (
	"testing"

	"channeld/internal/apitest"
)

// channelPriced creates a product in the channels with one variant priced with prices (each
// {currency_code, amount, rules?}) and returns the product and variant ids.
func channelPriced(t *testing.T, s *apitest.Server, prices A, channels ...string) (productID, variantID string) {
	t.Helper()
	sc := A{}
	for _, c := range channels {
		sc = append(sc, M{"id": c})
	}
	r := s.Post("/admin/products", M{"title": "Lamp", "sales_channels": sc, "variants": A{M{"title": "Lamp", "prices": prices}}}).Must(200)
	return r.String("product.id"), r.String("product.variants.0.id")
}

func channelPrice(cur string, amount float64, channel string) M {
	return M{"currency_code": cur, "amount": amount, "rules": M{"sales_channel_id": channel}}
}

// variantPrices returns the variant's explicit prices as the admin variant route shows them.
func variantPrices(s *apitest.Server, productID, variantID string) *apitest.Response {
	return s.Get("/admin/products/" + productID + "/variants/" + variantID + "?fields=*prices").Must(200)
}

func wantBody(t *testing.T, r *apitest.Response, want any) {
	t.Helper()
	if diffs := apitest.Match(r.JSON, want, ""); len(diffs) > 0 {
		t.Errorf("body does not match: %v\n%s", diffs, r.Body)
	}
}

// addRule stores a price inheritance rule of channel in cur from source (nil: base prices).
func addRule(t *testing.T, s *apitest.Server, id, channel, cur string, source any) {
	apitest.Exec(t, s, `INSERT INTO price_inheritance (id, sales_channel_id, currency_code, source_sales_channel_id,
		source_currency_code, factor, rounding_increment, rounding_mode, rounding_offset, created_at, updated_at)
		VALUES ($1, $2, $3, $4, 'usd', '1.2', 100, 'up', -1, '2026-01-01T00:00:00.000Z', '2026-01-01T00:00:00.000Z')`,
		id, channel, cur, source)
}

// TestDefaultCurrencySwitchKeepsPrices checks V17: switching a channel's default currency
// changes flags only; its prices are not relabelled, duplicated or deleted.
func TestDefaultCurrencySwitchKeepsPrices(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		c := s.Post("/admin/sales-channels", M{"name": "UK", "supported_currencies": A{M{"currency_code": "gbp", "is_default": true}}}).
			Must(200).String("sales_channel.id")
		pid, vid := channelPriced(t, s, A{M{"currency_code": "usd", "amount": 10}, channelPrice("gbp", 10, c)}, c)
		const settings = "?fields=id,*supported_currencies"
		wantBody(t, s.Post("/admin/sales-channels/"+c+settings, M{"default_currency_code": "eur"}).Must(200), M{"sales_channel": M{
			"supported_currencies": A{M{"currency_code": "eur", "is_default": true}, M{"currency_code": "gbp", "is_default": false}}}})
		s.Post("/admin/sales-channels/"+c, M{"default_currency_code": "gbp"}).Must(200)
		wantBody(t, variantPrices(s, pid, vid), M{"variant": M{"prices": A{
			M{"currency_code": "usd", "amount": 10, "rules": M{}},
			M{"currency_code": "gbp", "amount": 10, "rules": M{"sales_channel_id": c}},
		}}})
		if n := apitest.Scalar[int](t, s, `SELECT count(*) FROM audit_log WHERE resource = 'price' AND action <> 'price.created'`); n != 0 {
			t.Errorf("a default switch recorded %d price changes", n)
		}
	})
}

// TestCurrencyRemovalDropsPrices checks V18 and §1.3: removing a currency from a channel
// deletes the channel's prices in it and its rules for it (cause currency_removed), and
// leaves its other prices, base prices and other channels alone; clearing the set removes
// every currency.
func TestCurrencyRemovalDropsPrices(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		configured := func(name string) string {
			return s.Post("/admin/sales-channels", M{"name": name, "supported_currencies": A{
				M{"currency_code": "usd", "is_default": true}, M{"currency_code": "eur"}}}).Must(200).String("sales_channel.id")
		}
		c, d := configured("C"), configured("D")
		pid, vid := channelPriced(t, s, A{M{"currency_code": "usd", "amount": 10}, channelPrice("usd", 5, c),
			channelPrice("eur", 6, c), channelPrice("eur", 7, d)}, c, d)
		addRule(t, s, "pinh_c_eur", c, "eur", nil)
		addRule(t, s, "pinh_d_eur", d, "eur", nil)
		eurPrice := variantPrices(s, pid, vid).String("variant.prices.1.id")

		s.Post("/admin/sales-channels/"+c, M{"supported_currencies": A{M{"currency_code": "usd", "is_default": true}}}).Must(200)
		wantBody(t, variantPrices(s, pid, vid), M{"variant": M{"prices": A{
			M{"currency_code": "usd", "amount": 10, "rules": M{}},
			M{"currency_code": "eur", "amount": 7, "rules": M{"sales_channel_id": d}},
			M{"currency_code": "usd", "amount": 5, "rules": M{"sales_channel_id": c}},
		}}})
		if rules := apitest.Scalar[int](t, s, `SELECT count(*) FROM price_inheritance`); rules != 1 {
			t.Errorf("%d rules left, want D's alone", rules)
		}
		wantBody(t, s.Get("/admin/audit-logs?resource_id="+eurPrice+"&limit=1").Must(200), M{"audit_logs": A{M{
			"action": "price.deleted", "sales_channel_id": c, "cause": "currency_removed",
			"changes": M{"before": M{"variant_id": vid, "currency_code": "eur", "amount": 6}, "after": nil}}}})
		wantBody(t, s.Get("/admin/audit-logs?resource=price_inheritance").Must(200), M{"count": 1, "audit_logs": A{M{
			"action": "price_inheritance.deleted", "resource_id": "pinh_c_eur", "sales_channel_id": c, "cause": "currency_removed",
			"changes": M{"after": nil, "before": M{"id": "pinh_c_eur", "sales_channel_id": c, "currency_code": "eur",
				"source_sales_channel_id": nil, "source_currency_code": "usd", "factor": 1.2,
				"rounding": M{"increment": 1, "mode": "up", "offset": -0.01}}}}}})
		wantBody(t, s.Get("/admin/audit-logs?resource_id="+c+"&action=sales_channel.updated").Must(200), M{"audit_logs": A{M{
			"resource": "sales_channel", "sales_channel_id": c, "cause": nil, "changes": M{
				"before": M{"supported_currencies": A{M{"currency_code": "eur", "is_default": false, "is_tax_inclusive": false},
					M{"currency_code": "usd", "is_default": true, "is_tax_inclusive": false}}},
				"after": M{"supported_currencies": A{M{"currency_code": "usd", "is_default": true, "is_tax_inclusive": false}}}}}}})

		s.Post("/admin/sales-channels/"+d, M{"supported_currencies": A{}}).Must(200)
		wantBody(t, variantPrices(s, pid, vid), M{"variant": M{"prices": A{
			M{"currency_code": "usd", "amount": 10, "rules": M{}},
			M{"currency_code": "usd", "amount": 5, "rules": M{"sales_channel_id": c}},
		}}})
	})
}

// TestChannelDeleteDropsPricesAndRules checks §1.3: deleting a channel deletes its prices
// and the rules it is the target or the source of (cause channel_deleted), and records
// sales_channel.deleted; other channels' prices stay.
func TestChannelDeleteDropsPricesAndRules(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		c, d, e := s.Channel("C"), s.Channel("D"), s.Channel("E")
		pid, vid := channelPriced(t, s, A{M{"currency_code": "usd", "amount": 10}, channelPrice("usd", 5, c), channelPrice("usd", 6, d)}, c, d)
		addRule(t, s, "pinh_target", c, "usd", nil)
		addRule(t, s, "pinh_source", d, "eur", c)
		addRule(t, s, "pinh_other", e, "usd", d)

		s.Do("DELETE", "/admin/sales-channels/"+c, nil, nil).Must(200)
		wantBody(t, variantPrices(s, pid, vid), M{"variant": M{"prices": A{
			M{"currency_code": "usd", "amount": 10, "rules": M{}},
			M{"currency_code": "usd", "amount": 6, "rules": M{"sales_channel_id": d}},
		}}})
		if ids := apitest.Scalar[string](t, s, `SELECT id FROM price_inheritance`); ids != "pinh_other" {
			t.Errorf("rule left %q, want pinh_other alone", ids)
		}
		wantBody(t, s.Get("/admin/audit-logs?cause=x").Must(400), M{"type": "invalid_data"})
		wantBody(t, s.Get("/admin/audit-logs?resource=price_inheritance&order=created_at").Must(200), M{"count": 2, "audit_logs": A{
			M{"resource_id": "pinh_source", "sales_channel_id": d, "cause": "channel_deleted"},
			M{"resource_id": "pinh_target", "sales_channel_id": c, "cause": "channel_deleted"},
		}})
		wantBody(t, s.Get("/admin/audit-logs?action=price.deleted").Must(200), M{"count": 1, "audit_logs": A{
			M{"sales_channel_id": c, "cause": "channel_deleted", "changes": M{"before": M{"amount": 5}}}}})
		wantBody(t, s.Get("/admin/audit-logs?action=sales_channel.deleted").Must(200), M{"audit_logs": A{
			M{"resource_id": c, "changes": M{"after": nil, "before": M{"name": "C", "supported_currencies": A{}}}}}})
	})
}
