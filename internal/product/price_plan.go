package product

import (
	"context"
	"maps"
	"slices"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/money"
	"channeld/internal/rbac"
	"channeld/internal/saleschannel"
)

// A variant's `prices` array is Medusa's whole price set of the variant: base prices (no
// rules) and channel prices (rules {"sales_channel_id": C}). It is checked whole before
// anything is written, then replaces the variant's explicit prices through the PriceBook,
// so every created, changed and deleted row has its audit entry and sync applies.

// ruleSalesChannel is the one price rule attribute channeld supports.
const ruleSalesChannel = "sales_channel_id"

// plannedPrice is one checked entry of a prices array: an explicit price without its
// variant, which a new variant does not have yet.
type plannedPrice struct {
	CurrencyCode   string
	SalesChannelID *string
	Amount         int64
}

// key names the explicit price a planned price writes: one per currency and channel.
func (p plannedPrice) key() string { return priceKey(p.CurrencyCode, p.SalesChannelID) }

func priceKey(currency string, channelID *string) string {
	if channelID == nil {
		return currency
	}
	return currency + "/" + *channelID
}

// planPrices checks a variant's prices array against its current prices (existing, none for
// a new variant) and the channels of its product after the request's own link change,
// refusing in the spec's order (channel-model.md §2.2): an unknown price id, a currency or
// amount the currency cannot hold, an unsupported rule (E12), one price per currency and
// channel, unknown channels (E14), channels the product is not in (E13), currencies a
// channel does not offer (E1).
func (s *Service) planPrices(ctx context.Context, q db.DBTX, productID string, in []PriceInput, existing []*Price) ([]plannedPrice, error) {
	byID := make(map[string]*Price, len(existing))
	for _, p := range existing {
		byID[p.ID] = p
	}
	out := make([]plannedPrice, 0, len(in))
	seen := map[string]bool{}
	var channelIDs []string
	for _, pi := range in {
		p, err := planPrice(pi, byID)
		if err != nil {
			return nil, err
		}
		if seen[p.key()] {
			return nil, errDuplicatePrice(p)
		}
		seen[p.key()] = true
		if p.SalesChannelID != nil && !slices.Contains(channelIDs, *p.SalesChannelID) {
			channelIDs = append(channelIDs, *p.SalesChannelID)
		}
		out = append(out, p)
	}
	if err := checkPriceWrites(ctx, out); err != nil {
		return nil, err
	}
	if len(channelIDs) == 0 {
		return out, nil
	}
	return out, s.checkPriceChannels(ctx, q, productID, out, channelIDs)
}

// planPrice checks one entry. On a variant update an entry with an id rewrites that price:
// what it leaves out (currency, amount, rules) stays as the price has it.
func planPrice(pi PriceInput, byID map[string]*Price) (plannedPrice, error) {
	var prev *Price
	if pi.ID != "" {
		if prev = byID[pi.ID]; prev == nil {
			return plannedPrice{}, apperr.NotFoundf("Price with id: %s was not found", pi.ID)
		}
	}
	var p plannedPrice
	switch {
	case pi.CurrencyCode != "":
		cur, err := money.Normalize(pi.CurrencyCode)
		if err != nil {
			return p, err
		}
		p.CurrencyCode = cur
	case prev != nil:
		p.CurrencyCode = prev.CurrencyCode
	default:
		return p, apperr.Invalidf("A new price needs a currency_code and an amount")
	}
	switch {
	case pi.Amount != "":
		amount, err := money.ToMinor(pi.Amount, p.CurrencyCode)
		if err != nil {
			return p, err
		}
		p.Amount = amount
	case prev != nil && prev.CurrencyCode == p.CurrencyCode:
		p.Amount = prev.Amount
	default:
		return p, apperr.Invalidf("A new price needs a currency_code and an amount")
	}
	if prev != nil && pi.Rules == nil {
		p.SalesChannelID = prev.SalesChannelID
		return p, nil
	}
	// A map has no order: of several unsupported keys the first in sorted order is named.
	for _, k := range slices.Sorted(maps.Keys(pi.Rules)) {
		if k != ruleSalesChannel {
			return p, apperr.Invalidf("Price rule %s is not supported; the only supported rule is sales_channel_id", k)
		}
	}
	if c, ok := pi.Rules[ruleSalesChannel]; ok {
		p.SalesChannelID = &c
	}
	return p, nil
}

// errDuplicatePrice refuses a second price for the same currency and channel in one array.
func errDuplicatePrice(p plannedPrice) error {
	if p.SalesChannelID == nil {
		return apperr.Invalidf("Variant has more than one price in %s", p.CurrencyCode)
	}
	return apperr.Invalidf("Variant has more than one price in %s for sales channel %s", p.CurrencyCode, *p.SalesChannelID)
}

// checkPriceChannels refuses channel prices in channels that do not exist (E14, all of them,
// in request order), that the product is not in (E13, the first), or in a currency the
// channel does not sell in (E1, the first).
func (s *Service) checkPriceChannels(ctx context.Context, q db.DBTX, productID string, ps []plannedPrice, channelIDs []string) error {
	if err := s.channels.CheckLive(ctx, q, channelIDs); err != nil {
		return err
	}
	links, err := ChannelLink.RightsOf(ctx, q, []string{productID})
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.SalesChannelID != nil && !slices.Contains(links[productID], *p.SalesChannelID) {
			return apperr.Invalidf("Prices with rule sales_channel_id %[1]s need the product to be in sales channel %[1]s", *p.SalesChannelID)
		}
	}
	currencies, err := saleschannel.CurrenciesOf(ctx, q, channelIDs)
	if err != nil {
		return err
	}
	for _, p := range ps {
		if p.SalesChannelID != nil && !saleschannel.Offers(currencies[*p.SalesChannelID], p.CurrencyCode) {
			return saleschannel.ErrCurrencyNotOffered(p.CurrencyCode, *p.SalesChannelID)
		}
	}
	return nil
}

// replacePrices makes ps the variant's whole set of explicit prices: prices of a currency
// and channel ps does not name are deleted, the others written (created or changed), with
// automatic sync.
func (s *Service) replacePrices(ctx context.Context, tx db.DBTX, variantID string, ps []plannedPrice, existing []*Price) error {
	keep := make(map[string]bool, len(ps))
	writes := make([]PriceWrite, len(ps))
	for i, p := range ps {
		keep[p.key()] = true
		writes[i] = PriceWrite{VariantID: variantID, CurrencyCode: p.CurrencyCode, SalesChannelID: p.SalesChannelID, Amount: p.Amount}
	}
	var gone []string
	for _, p := range existing {
		// Prices the caller may not write (a channel-limited admin's base prices and other
		// channels' prices) are left alone (§2.2, §5.6).
		if !keep[priceKey(p.CurrencyCode, p.SalesChannelID)] && mayWritePrice(ctx, p.SalesChannelID) {
			gone = append(gone, p.ID)
		}
	}
	if len(gone) > 0 {
		if _, err := s.DeletePrices(ctx, tx, PriceFilter{IDs: gone}, ""); err != nil {
			return err
		}
	}
	_, err := s.WritePrices(ctx, tx, writes, WriteOptions{Sync: true, SyncGuard: LimitedSync})
	return err
}

// priceUpdate is the declaration the channel write check of price entries names.
var priceUpdate = rbac.Policies{"price:update"}

// mayWritePrice reports whether the caller may write a price of the channel (nil: a base
// price, which needs price:update store-wide).
func mayWritePrice(ctx context.Context, channelID *string) bool {
	var in []string
	if channelID != nil {
		in = []string{*channelID}
	}
	return rbac.CheckWrite(ctx, priceUpdate, "price", "update", in) == nil
}

// checkPriceWrites is the channel write check of variant price entries (§5.6 step 4): a
// channel entry needs price:update in its channel, whether or not it exists; a base entry,
// which every channel without its own price sells at, needs it store-wide.
func checkPriceWrites(ctx context.Context, ps []plannedPrice) error {
	for _, p := range ps {
		if !mayWritePrice(ctx, p.SalesChannelID) {
			return priceUpdate.Denied()
		}
	}
	return nil
}
