package storefront

import (
	"context"
	"slices"
	"strings"

	"channeld/internal/apikey"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/pricing"
	"channeld/internal/product"
)

// Price is the calculated price of one variant as a storefront shows it: the chosen price
// row (for an inherited price, the row it derives from) and the amount in minor units.
type Price struct {
	ID           string
	Amount       int64
	Currency     string
	TaxInclusive bool
}

// pricingContext resolves the channel and the currency of a priced read and returns the
// context to price its variants with, in one statement; nil when prices were not asked for.
// The currency is the query's currency_code, else the region's, else the channel's default,
// else the store's default region's; a currency_code other than the region's is E15, and a
// currency a currency-configured channel does not sell is E1.
func (s *Service) pricingContext(ctx context.Context, q db.DBTX, scope apikey.Scope, query *Query) (*pricing.StoreContext, error) {
	if !query.Priced {
		return nil, nil
	}
	channel := pricingChannel(scope, query.Channels)
	currency := strings.ToLower(query.Currency)
	sq := pricing.StoreQuery{ChannelID: channel, RegionID: query.RegionID, Currency: currency}
	read := func() (pricing.StoreContext, error) { return pricing.LoadStoreContext(ctx, q, sq) }
	var pc pricing.StoreContext
	var err error
	if query.kept != nil {
		pc, err = query.kept.contexts.get(channel+"\x00"+sq.RegionID+"\x00"+currency, read)
	} else {
		pc, err = read()
	}
	if err != nil {
		return nil, err
	}
	if query.RegionID != "" && pc.RegionCurrency == "" {
		return nil, apperr.NotFoundf("Region with id: %s was not found", query.RegionID)
	}
	if currency != "" && pc.RegionCurrency != "" && currency != pc.RegionCurrency {
		return nil, apperr.Invalidf("currency_code %s does not match the currency %s of region %s", currency, pc.RegionCurrency, query.RegionID)
	}
	if pc.Currency == "" {
		return nil, errNoRegion
	}
	if pc.Configured && !pc.Offered {
		return nil, pricing.ErrCurrencyNotOffered(pc.Currency, channel)
	}
	query.Include.Variants = true
	return &pc, nil
}

// prices returns the calculated price of each variant of ps that has one, with one
// statement for the whole page. Products whose answer is already written (Include.Rendered)
// have no variants loaded and are skipped.
func prices(ctx context.Context, q db.DBTX, pc *pricing.StoreContext, ps []*product.Product) (map[string]Price, error) {
	if pc == nil {
		return nil, nil
	}
	var ids []string
	for _, p := range ps {
		for _, v := range p.Variants {
			ids = append(ids, v.ID)
		}
	}
	resolved, err := pc.Chain.Resolve(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Price, len(resolved))
	for id, r := range resolved {
		// §2.4: the pricing channel's flag for the currency, whichever row priced the variant.
		out[id] = Price{ID: r.PriceID, Amount: r.Amount, Currency: pc.Currency, TaxInclusive: pc.TaxInclusive}
	}
	return out, nil
}

// hideForeignPrices keeps, of the explicit prices a read loaded (fields naming
// variants.prices), the base prices and those of chans, the channels the read is scoped to:
// a storefront never learns another channel's prices, nor its id through their rules.
func hideForeignPrices(ps []*product.Product, chans []string) {
	for _, p := range ps {
		for _, v := range p.Variants {
			v.Prices = slices.DeleteFunc(v.Prices, func(pr *product.Price) bool {
				return pr.SalesChannelID != nil && !slices.Contains(chans, *pr.SalesChannelID)
			})
		}
	}
}
