package fulfillment_test

import (
	"context"
	"encoding/json"
	"slices"
	"strconv"
	"strings"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/fulfillment"
	"channeld/internal/platform/apperr"
)

// TestQuoter proves the chain a cart reaches shipping through: its channel's stock locations,
// their fulfillment sets, the service zones covering the address, enabled options for
// storefronts, priced in the currency with a region price winning.
func TestQuoter(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		chA, chB := s.Channel("A"), s.Channel("B")
		region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur", "countries": A{"de", "fr"}}).Must(200).String("region.id")
		_, setA := shipFrom(s, "Berlin warehouse", chA)
		_, setB := shipFrom(s, "Hamburg warehouse", chB)
		deA := zone(s, setA, "Germany A", M{"type": "country", "country_code": "de"})
		berlin := zone(s, setA, "Berlin A", M{"type": "city", "country_code": "de", "province_code": "BE", "city": "Berlin"})
		frA := zone(s, setA, "France A", M{"type": "country", "country_code": "fr"})
		zipA := zone(s, setA, "Vienna centre A", M{"type": "zip", "country_code": "at", "province_code": "W", "city": "Wien",
			"postal_expression": M{"codes": A{"1010", "1020"}}})
		deB := zone(s, setB, "Germany B", M{"type": "country", "country_code": "de"})

		standardA := option(s, deA, "Standard A", A{M{"currency_code": "eur", "amount": 4.99}, M{"region_id": region, "amount": 3.5}}, nil)
		courier := option(s, berlin, "Courier Berlin", A{M{"currency_code": "eur", "amount": 9}}, nil)
		franceA := option(s, frA, "France A", A{M{"currency_code": "eur", "amount": 7}}, nil)
		vienna := option(s, zipA, "Vienna bike", A{M{"currency_code": "eur", "amount": 2}}, nil)
		standardB := option(s, deB, "Standard B", A{M{"currency_code": "eur", "amount": 5}}, nil)
		returns := option(s, deA, "Returns A", A{M{"currency_code": "eur", "amount": 0}},
			A{M{"attribute": "enabled_in_store", "operator": "eq", "value": "true"}, M{"attribute": "is_return", "operator": "eq", "value": "true"}})
		adminOnly := option(s, deA, "Admin only A", A{M{"currency_code": "eur", "amount": 1}},
			A{M{"attribute": "enabled_in_store", "operator": "eq", "value": "false"}, M{"attribute": "is_return", "operator": "eq", "value": "false"}})
		dollars := option(s, deA, "Dollars A", A{M{"currency_code": "usd", "amount": 1}}, nil)

		q := fulfillment.NewQuoter(s.App.Fulfillment)
		ctx := context.Background()
		eurA := fulfillment.Destination{SalesChannelID: chA, RegionID: region, CurrencyCode: "eur"}
		at := func(d fulfillment.Destination, country, province, city, postal string) fulfillment.Destination {
			d.CountryCode, d.Province, d.City, d.PostalCode = country, province, city, postal
			return d
		}
		offers := []struct {
			name string
			d    fulfillment.Destination
			want []string // "name amount-in-minor-units"
		}{
			{"channel A in Germany: the region price wins", at(eurA, "de", "", "", ""), []string{"Standard A 350"}},
			{"a Berlin address adds the city zone", at(eurA, "DE", "be", "BERLIN", "10115"), []string{"Courier Berlin 900", "Standard A 350"}},
			{"another city of the province is not Berlin", at(eurA, "de", "BE", "Spandau", ""), []string{"Standard A 350"}},
			{"France", at(eurA, "fr", "", "", ""), []string{"France A 700"}},
			{"a Vienna postal code of the zip zone", at(eurA, "at", "W", "Wien", "1010"), []string{"Vienna bike 200"}},
			{"a Vienna postal code outside it", at(eurA, "at", "W", "Wien", "1100"), nil},
			{"no region: the currency price", at(fulfillment.Destination{SalesChannelID: chA, CurrencyCode: "eur"}, "de", "", "", ""), []string{"Standard A 499"}},
			{"dollars", at(fulfillment.Destination{SalesChannelID: chA, CurrencyCode: "usd"}, "de", "", "", ""), []string{"Dollars A 100"}},
			{"channel B sees only B's locations", at(fulfillment.Destination{SalesChannelID: chB, RegionID: region, CurrencyCode: "eur"}, "de", "", "", ""), []string{"Standard B 500"}},
			{"a country no zone covers", at(eurA, "us", "", "", ""), nil},
			{"no address yet", eurA, nil},
			{"no channel", at(fulfillment.Destination{CurrencyCode: "eur"}, "de", "", "", ""), nil},
		}
		for _, c := range offers {
			got, err := q.OffersFor(ctx, nil, c.d)
			if err != nil {
				t.Fatalf("%s: %v", c.name, err)
			}
			var names []string
			for _, o := range got {
				names = append(names, o.Name+" "+strconv.FormatInt(o.Amount, 10))
			}
			if !slices.Equal(names, c.want) {
				t.Errorf("%s: offers %v, want %v", c.name, names, c.want)
			}
		}

		// The view is the storefront's shipping option, priced for the destination.
		got, err := q.Quote(ctx, nil, standardA, at(eurA, "de", "", "", ""))
		if err != nil {
			t.Fatal(err)
		}
		var view map[string]any
		raw, _ := json.Marshal(got.View)
		if err := json.Unmarshal(raw, &view); err != nil {
			t.Fatal(err)
		}
		if view["amount"] != 3.5 || view["provider_id"] != "manual_manual" || Lookup(view, "calculated_price.calculated_amount") != 3.5 ||
			Lookup(view, "service_zone.fulfillment_set_id") != setA || Lookup(view, "type.label") != "Standard A" {
			t.Errorf("view: %s", raw)
		}
		if got.ProviderID != "manual_manual" || got.PriceType != "flat" || got.OptionID != standardA {
			t.Errorf("offer: %+v", got)
		}

		refusals := []struct {
			name, option string
			d            fulfillment.Destination
			kind         apperr.Kind
			says         string
		}{
			{"missing", "so_nope", at(eurA, "de", "", "", ""), apperr.NotFound, "so_nope was not found"},
			{"another channel's location", standardB, at(eurA, "de", "", "", ""), apperr.NotFound, "Shipping option with id: " + standardB + " was not found"},
			{"outside the zone", courier, at(eurA, "de", "HH", "Hamburg", ""), apperr.Invalid, "does not ship to Hamburg, HH, DE"},
			{"no address", franceA, eurA, apperr.Invalid, "needs a shipping address"},
			{"a return option", returns, at(eurA, "de", "", "", ""), apperr.Invalid, "is a return option"},
			{"not for storefronts", adminOnly, at(eurA, "de", "", "", ""), apperr.Invalid, "is not enabled in store"},
			{"no price in the currency", dollars, at(eurA, "de", "", "", ""), apperr.Invalid, "has no price in EUR"},
			{"the zip zone needs its postal code", vienna, at(eurA, "at", "W", "Wien", "1100"), apperr.Invalid, "does not ship to 1100"},
		}
		for _, c := range refusals {
			_, err := q.Quote(ctx, nil, c.option, c.d)
			if !apperr.Is(err, c.kind) || !strings.Contains(err.Error(), c.says) {
				t.Errorf("%s: %v, want %s saying %q", c.name, err, c.kind, c.says)
			}
		}

		// A deleted option is no longer offered, nor quoted.
		s.Do("DELETE", "/admin/shipping-options/"+standardA, nil, nil).Must(200)
		if _, err := q.Quote(ctx, nil, standardA, at(eurA, "de", "", "", "")); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("deleted option quoted: %v", err)
		}
	})
}
