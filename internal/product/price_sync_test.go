package product_test

import (
	"testing"

	. "channeld/internal/apitest"
)

// amounts returns the variant's explicit prices as "<currency>/<channel or base>" → amount.
func amounts(t *testing.T, s *Server, productID, variantID string, channelNames map[string]string) map[string]float64 {
	t.Helper()
	out := map[string]float64{}
	list, _ := pricesOf(s, productID, variantID).Get("variant.prices").([]any)
	for _, e := range list {
		key := Lookup(e, "currency_code").(string) + "/base"
		if c, ok := Lookup(e, "rules.sales_channel_id").(string); ok {
			key = Lookup(e, "currency_code").(string) + "/" + channelNames[c]
		}
		n, _ := Lookup(e, "amount").(interface{ Float64() (float64, error) }).Float64()
		out[key] = n
	}
	return out
}

// TestPriceSync checks V22 and V23: with the store setting off a channel price changes
// alone; on, a changed price sets the other explicit prices of its variant and currency
// that share its tax inclusivity (the base price follows the store's flag), never another
// currency, never creating one, and each propagation has its price_sync entry.
func TestPriceSync(t *testing.T) {
	t.Parallel()
	Each(t, func(t *testing.T, s *Server) {
		a, b, e := s.Channel("A"), s.Channel("B"), s.Channel("E")
		incl := s.Post("/admin/sales-channels", M{"name": "I", "supported_currencies": A{
			M{"currency_code": "usd", "is_default": true, "is_tax_inclusive": true}}}).Must(200).String("sales_channel.id")
		names := map[string]string{a: "A", b: "B", e: "E", incl: "I"}
		p := s.Post("/admin/products", onePriced("Lamp", A{price("usd", 10, ""), price("usd", 10, a), price("usd", 10, b),
			price("eur", 7, b), price("usd", 10, incl)}, a, b, e, incl)).Must(200)
		pid, vid := p.String("product.id"), p.String("product.variants.0.id")
		store := s.Get("/admin/stores").Must(200).String("stores.0.id")
		// setA sends the whole price set with A's usd price at amount and the others as they are.
		setA := func(amount float64) {
			t.Helper()
			now := amounts(t, s, pid, vid, names)
			s.Post("/admin/products/"+pid+"/variants/"+vid, M{"prices": A{price("usd", now["usd/base"], ""), price("usd", amount, a),
				price("usd", now["usd/B"], b), price("eur", now["eur/B"], b), price("usd", now["usd/I"], incl)}}).Must(200)
		}
		check := func(step string, want map[string]float64) {
			t.Helper()
			got := amounts(t, s, pid, vid, names)
			if len(got) != len(want) {
				t.Errorf("%s: prices %v, want %v", step, got, want)
			}
			for k, v := range want {
				if got[k] != v {
					t.Errorf("%s: %s is %v, want %v (all: %v)", step, k, got[k], v, got)
				}
			}
		}

		setA(11)
		check("sync off", map[string]float64{"usd/base": 10, "usd/A": 11, "usd/B": 10, "eur/B": 7, "usd/I": 10})

		s.Post("/admin/stores/"+store, M{"sync_prices_across_channels": true}).Must(200)
		setA(12)
		check("sync on", map[string]float64{"usd/base": 12, "usd/A": 12, "usd/B": 12, "eur/B": 7, "usd/I": 10})
		bPrice := pricesOf(s, pid, vid).String("variant.prices.3.id")
		wantBody(t, s.Get("/admin/audit-logs?resource_id="+bPrice+"&limit=1").Must(200), M{"audit_logs": A{M{
			"action": "price.updated", "sales_channel_id": b, "cause": "price_sync", "actor_type": "user",
			"changes": M{"before": M{"amount": 10}, "after": M{"amount": 12}}}}})

		s.Post("/admin/stores/"+store, M{"supported_currencies": A{M{"currency_code": "eur", "is_default": true},
			M{"currency_code": "usd", "is_tax_inclusive": true}}}).Must(200)
		setA(13)
		check("store usd tax inclusive", map[string]float64{"usd/base": 12, "usd/A": 13, "usd/B": 13, "eur/B": 7, "usd/I": 10})

		s.Post("/admin/products/"+pid+"/variants/"+vid, M{"prices": A{price("usd", 12, ""), price("usd", 13, a),
			price("usd", 13, b), price("eur", 7, b), price("usd", 14, incl)}}).Must(200)
		check("V23: the inclusive channel reaches the inclusive base only", map[string]float64{
			"usd/base": 14, "usd/A": 13, "usd/B": 13, "eur/B": 7, "usd/I": 14})

		s.Post("/admin/products/"+pid+"/variants/"+vid, M{"prices": A{price("usd", 20, ""), price("usd", 21, a),
			price("usd", 13, b), price("eur", 7, b), price("usd", 14, incl)}}).Must(200)
		// The last write of usd (A's) propagates, to the prices entered without tax alone.
		check("prices the request writes keep their amounts", map[string]float64{
			"usd/base": 20, "usd/A": 21, "usd/B": 21, "eur/B": 7, "usd/I": 14})
	})
}
