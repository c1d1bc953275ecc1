package fulfillment_test

import (
	"context"
	"strconv"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
	"channeld/internal/fulfillment"
	"channeld/internal/platform/db/dbtest"
)

// BenchmarkQuoter measures the two quote calls a checkout makes, on each engine, for a store
// of 20 channels with 5 locations each, every location shipping to 4 countries with 3 options
// (1,200 options in all), the destination's channel being one of them:
//
//	go test ./internal/fulfillment -run '^$' -bench Quoter -benchtime 2000x
func BenchmarkQuoter(b *testing.B) {
	for _, e := range dbtest.Engines() {
		b.Run(string(e), func(b *testing.B) {
			s := apitest.New(b, e)
			region := s.Post("/admin/regions", M{"name": "Europe", "currency_code": "eur", "countries": A{"de"}}).Must(200).String("region.id")
			var channel, option string
			for c := range 20 {
				channel = s.Channel("C" + strconv.Itoa(c))
				for l := range 5 {
					name := "C" + strconv.Itoa(c) + "L" + strconv.Itoa(l)
					_, set := shipFrom(s, name, channel)
					for _, country := range []string{"de", "fr", "at", "nl"} {
						z := zone(s, set, name+country, M{"type": "country", "country_code": country})
						for o := range 3 {
							option = option2(s, z, name+country+strconv.Itoa(o), region)
						}
					}
				}
			}
			q := fulfillment.NewQuoter(s.App.Fulfillment)
			d := fulfillment.Destination{SalesChannelID: channel, RegionID: region, CurrencyCode: "eur", CountryCode: "de"}
			ctx := context.Background()
			b.Run("offers for a cart", func(b *testing.B) {
				for b.Loop() {
					offers, err := q.OffersFor(ctx, nil, d)
					if err != nil || len(offers) != 15 {
						b.Fatalf("%d offers, %v", len(offers), err)
					}
				}
			})
			b.Run("quote one option", func(b *testing.B) {
				d.CountryCode = "nl"
				for b.Loop() {
					if _, err := q.Quote(ctx, nil, option, d); err != nil {
						b.Fatal(err)
					}
				}
			})
		})
	}
}

// option2 is option with a currency and a region price.
func option2(s *apitest.Server, zoneID, name, region string) string {
	return option(s, zoneID, name, A{M{"currency_code": "eur", "amount": 5}, M{"region_id": region, "amount": 4}}, nil)
}
