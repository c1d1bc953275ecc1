package product

import (
	"context"
	"slices"

	"channeld/internal/audit"
	"channeld/internal/platform/db"
	"channeld/internal/saleschannel"
)

// Automatic price sync (channel-model.md §3.1): with the store's sync_prices_across_channels
// on, a direct write of a variant's price in a currency sets every other existing explicit
// price of that variant and currency — the base price and each channel's — whose tax
// inclusivity matches the written price's, so one amount is shared by all prices entered the
// same way. Sync never creates a price and never touches another currency.
//
// A request's writes are the prices it created or whose amount it changed; they keep the
// amounts it gives them. An entry that restates a price's current amount is not a write: a
// variant's prices array lists every price, and one changed entry among restated ones must
// still reach the others.

// syncPrices propagates the written prices among changes on tx when the store syncs, from
// the last write of each variant and currency in request order, asking guard first (nil: no
// limit).
func (s *PriceBook) syncPrices(ctx context.Context, tx db.DBTX, changes []PriceChange, guard func(context.Context, []string) error) error {
	written := writtenPrices(changes)
	if len(written) == 0 {
		return nil
	}
	on, err := s.store.SyncsPrices(ctx, tx)
	if err != nil || !on {
		return err
	}
	var synced []PriceChange
	var reached []string
	for _, src := range lastWrites(written) {
		targets, err := s.syncTargets(ctx, tx, src, written)
		if err != nil {
			return err
		}
		now := s.now()
		for _, p := range targets {
			c, err := setAmount(ctx, tx, p, src.Amount, now)
			if err != nil {
				return err
			}
			synced = append(synced, c)
			if p.SalesChannelID != nil && !slices.Contains(reached, *p.SalesChannelID) {
				reached = append(reached, *p.SalesChannelID)
			}
		}
	}
	if guard != nil && len(reached) > 0 {
		slices.Sort(reached)
		if err := guard(ctx, reached); err != nil {
			return err
		}
	}
	return s.auditPrices(ctx, tx, synced, audit.CausePriceSync)
}

// writtenPrices returns the prices changes created or gave a new amount, in order.
func writtenPrices(changes []PriceChange) []*Price {
	var out []*Price
	for _, c := range changes {
		if c.After != nil && (c.Before == nil || c.Before.Amount != c.After.Amount) {
			out = append(out, c.After)
		}
	}
	return out
}

// lastWrites returns the last write of each variant and currency, in the order those last
// writes were made: a request that writes one price twice propagates its final amount.
func lastWrites(written []*Price) []*Price {
	last := map[string]int{}
	for i, p := range written {
		last[p.VariantID+"/"+p.CurrencyCode] = i
	}
	var out []*Price
	for i, p := range written {
		if last[p.VariantID+"/"+p.CurrencyCode] == i {
			out = append(out, p)
		}
	}
	return out
}

// syncTargets returns the explicit prices of src's variant and currency that sync sets to
// src's amount: those the request did not write, with the tax inclusivity of src, whose
// amount differs.
func (s *PriceBook) syncTargets(ctx context.Context, tx db.DBTX, src *Price, written []*Price) ([]*Price, error) {
	all, err := s.Prices(ctx, tx, PriceFilter{VariantIDs: []string{src.VariantID}, Currencies: []string{src.CurrencyCode}})
	if err != nil {
		return nil, err
	}
	byRequest := map[string]bool{}
	for _, w := range written {
		byRequest[w.ID] = true
	}
	var others []*Price
	var channelIDs []string
	if src.SalesChannelID != nil {
		channelIDs = append(channelIDs, *src.SalesChannelID)
	}
	for _, p := range all {
		if byRequest[p.ID] || p.Amount == src.Amount {
			continue
		}
		others = append(others, p)
		if p.SalesChannelID != nil {
			channelIDs = append(channelIDs, *p.SalesChannelID)
		}
	}
	if len(others) == 0 {
		return nil, nil
	}
	taxOf, err := s.taxInclusivity(ctx, tx, src.CurrencyCode, channelIDs)
	if err != nil {
		return nil, err
	}
	want := taxOf(src.SalesChannelID)
	return slices.DeleteFunc(others, func(p *Price) bool { return taxOf(p.SalesChannelID) != want }), nil
}

// taxInclusivity returns whether prices in currency include tax (channel-model.md §1.4), by
// channel (nil: the base price): a channel's flag for the currency, false when the channel
// does not list it; the store's flag for base prices.
func (s *PriceBook) taxInclusivity(ctx context.Context, tx db.DBTX, currency string, channelIDs []string) (func(*string) bool, error) {
	base, err := s.store.BaseTaxInclusive(ctx, tx, currency)
	if err != nil {
		return nil, err
	}
	currencies, err := saleschannel.CurrenciesOf(ctx, tx, channelIDs)
	if err != nil {
		return nil, err
	}
	return func(channelID *string) bool {
		if channelID == nil {
			return base
		}
		return saleschannel.TaxInclusive(currencies[*channelID], currency)
	}, nil
}
