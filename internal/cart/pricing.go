package cart

import (
	"context"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/pricing"
)

// linePricer prices the lines of one cart as a storefront shows prices (channel-model.md
// §2.5): the variant's price in the cart's currency for the cart's channel — the channel's
// override, else its inherited price, else the base price. One is made per change of the
// cart, so the channel's settings and inheritance chain are read once however many lines
// the change prices.
type linePricer struct {
	channelID string // "" for a cart without a channel: base prices
	ctx       pricing.StoreContext
}

// newPricer reads the pricing context of c's channel and currency through q, and refuses a
// currency that c's currency-configured channel does not sell (E1).
func newPricer(ctx context.Context, q db.DBTX, c *Cart) (*linePricer, error) {
	p := &linePricer{}
	if c.SalesChannelID != nil {
		p.channelID = *c.SalesChannelID
	}
	currency := strings.ToLower(c.CurrencyCode)
	pc, err := pricing.LoadStoreContext(ctx, q, pricing.StoreQuery{ChannelID: p.channelID, Currency: currency})
	if err != nil {
		return nil, err
	}
	if pc.Configured && !pc.Offered {
		return nil, pricing.ErrCurrencyNotOffered(currency, p.channelID)
	}
	p.ctx = pc
	return p, nil
}

// price returns the unit price of variantID in minor units of the cart's currency, and
// whether it includes tax (the channel's flag for the currency); a variant without one is
// refused.
func (p *linePricer) price(ctx context.Context, q db.DBTX, variantID string) (amount int64, taxInclusive bool, err error) {
	got, err := p.ctx.Chain.Resolve(ctx, q, []string{variantID})
	if err != nil {
		return 0, false, err
	}
	r, ok := got[variantID]
	if !ok {
		if p.channelID == "" {
			return 0, false, apperr.Invalidf("Variant %s has no price in %s", variantID, p.ctx.Currency)
		}
		return 0, false, apperr.Invalidf("Variant %s has no price in %s in sales channel %s", variantID, p.ctx.Currency, p.channelID)
	}
	return r.Amount, p.ctx.TaxInclusive, nil
}

// defaultCurrency is the currency of a cart created without a region or a currency: its
// channel's default currency when the channel is currency-configured (as a storefront read
// without either prices in it, §2.4), else the store's default currency (Medusa).
func (s *Service) defaultCurrency(ctx context.Context, q db.DBTX, c *Cart) (string, error) {
	if c.SalesChannelID != nil {
		pc, err := pricing.LoadStoreContext(ctx, q, pricing.StoreQuery{ChannelID: *c.SalesChannelID})
		if err != nil {
			return "", err
		}
		if pc.ChannelDefault != "" {
			return pc.ChannelDefault, nil
		}
	}
	return s.Shop.DefaultCurrency(ctx, q)
}
