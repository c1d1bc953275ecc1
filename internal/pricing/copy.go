package pricing

import (
	"context"
	"crypto/sha256"
	"encoding/hex"
	"slices"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/product"
)

// CopyInput is a one-off copy of prices into a channel (§3.3). Factor and the rounding's
// amounts are their JSON literal text.
type CopyInput struct {
	SourceChannelID  *string // nil: the base prices
	SourceCurrency   string
	Currency         *string // nil: the source currency
	Factor           *string // nil: 1, allowed only within one currency
	Rounding         RoundingInput
	VariantIDs       []string // nil: every variant the channel sells
	Overwrite        bool
	DryRun           bool
	ExpectedChecksum *string
}

// The actions of a copy, per variant.
const (
	CopyMissingSource = "missing_source"
	CopyCreate        = "create"
	CopyUnchanged     = "unchanged"
	CopySkip          = "skip"
	CopyUpdate        = "update"
)

// CopyChange is what a copy does to one variant's channel price; amounts in minor units of
// Currency, nil for none.
type CopyChange struct {
	VariantID, Currency, Action string
	Before, Computed, After     *int64
}

// CopyResult is a copy's preview, or what it wrote.
type CopyResult struct {
	DryRun   bool
	Changes  []CopyChange
	Checksum string
}

// CopyPrices sets channelID's explicit prices in the target currency from the source's
// effective prices × factor, rounded. A dry run writes nothing; otherwise, when the caller
// sends the checksum of a preview and the changes differ now, nothing is written (E34), and
// the writes are one transaction with audit cause price_copy and no automatic sync.
func (s *Service) CopyPrices(ctx context.Context, channelID string, in CopyInput) (*CopyResult, error) {
	rule, err := copyRule(in)
	if err != nil {
		return nil, err
	}
	var res *CopyResult
	err = s.db.Tx(ctx, func(tx db.DBTX) error {
		ch, err := s.channel(ctx, tx, channelID, true)
		if err != nil {
			return err
		}
		if err := s.requireSource(ctx, tx, in.SourceChannelID); err != nil {
			return err
		}
		if err := ch.requireCurrency(rule.CurrencyCode); err != nil {
			return err
		}
		if res, err = s.copyChanges(ctx, tx, ch, rule, in); err != nil {
			return err
		}
		if in.DryRun {
			return nil
		}
		if in.ExpectedChecksum != nil && *in.ExpectedChecksum != res.Checksum {
			return apperr.New(apperr.Conflict, "The changes differ from the preview with checksum %s", *in.ExpectedChecksum)
		}
		var writes []product.PriceWrite
		for _, c := range res.Changes {
			if c.Action == CopyCreate || c.Action == CopyUpdate {
				writes = append(writes, product.PriceWrite{VariantID: c.VariantID, CurrencyCode: c.Currency,
					SalesChannelID: &ch.ID, Amount: *c.After})
			}
		}
		_, err = s.prices.WritePrices(ctx, tx, writes, product.WriteOptions{Cause: audit.CausePriceCopy})
		return err
	})
	return res, err
}

// copyRule reads a copy's currencies, factor and rounding into the rule that computes its
// prices: checks of the request itself (E3, E21, E20, E22), made before anything is read.
func copyRule(in CopyInput) (*Rule, error) {
	src, err := currencyCode(in.SourceCurrency)
	if err != nil {
		return nil, err
	}
	k := src
	if in.Currency != nil {
		if k, err = currencyCode(*in.Currency); err != nil {
			return nil, err
		}
	}
	r := &Rule{SourceChannelID: in.SourceChannelID, SourceCurrency: src, CurrencyCode: k}
	factor := "1"
	if in.Factor != nil {
		factor = *in.Factor
	}
	if r.Factor, r.Ratio, err = parseFactor(factor); err != nil {
		return nil, err
	}
	if in.Factor == nil && k != src {
		return nil, apperr.Invalidf("A factor is required to copy prices from %s to %s", src, k)
	}
	if r.Rounding, err = roundingFor(k, in.Rounding, defaultRounding); err != nil {
		return nil, err
	}
	return r, nil
}

// copyChanges computes, per variant in scope ordered by id, what the copy does, and the
// checksum of the list.
func (s *Service) copyChanges(ctx context.Context, tx db.DBTX, ch *pricedChannel, rule *Rule, in CopyInput) (*CopyResult, error) {
	variantIDs, err := copyScope(ctx, tx, ch.ID, in.VariantIDs)
	if err != nil {
		return nil, err
	}
	source := ""
	if rule.SourceChannelID != nil {
		source = *rule.SourceChannelID
	}
	computedFrom, err := effectivePrices(ctx, tx, source, rule.SourceCurrency, variantIDs)
	if err != nil {
		return nil, err
	}
	f := product.PriceFilter{Currencies: []string{rule.CurrencyCode}, SalesChannelID: &ch.ID}
	if in.VariantIDs != nil {
		f.VariantIDs = variantIDs
	}
	current, err := s.prices.Prices(ctx, tx, f)
	if err != nil {
		return nil, err
	}
	before := make(map[string]int64, len(current))
	for _, p := range current {
		before[p.VariantID] = p.Amount
	}
	res := &CopyResult{DryRun: in.DryRun, Changes: make([]CopyChange, 0, len(variantIDs))}
	for _, vid := range variantIDs {
		c := CopyChange{VariantID: vid, Currency: rule.CurrencyCode}
		if amount, ok := before[vid]; ok {
			c.Before = &amount
		}
		if src, ok := computedFrom[vid]; ok {
			amount, err := rule.Derive(src.Amount)
			if err != nil {
				return nil, apperr.Invalidf("The copied price of variant %s is too large", vid)
			}
			c.Computed = &amount
		}
		c.Action, c.After = copyAction(c, in.Overwrite)
		res.Changes = append(res.Changes, c)
	}
	res.Checksum = copyChecksum(res.Changes)
	return res, nil
}

// copyAction is §3.3's table: what happens to a variant's price, and the price after.
func copyAction(c CopyChange, overwrite bool) (string, *int64) {
	switch {
	case c.Computed == nil:
		return CopyMissingSource, c.Before
	case c.Before == nil:
		return CopyCreate, c.Computed
	case *c.Before == *c.Computed:
		return CopyUnchanged, c.Before
	case !overwrite:
		return CopySkip, c.Before
	}
	return CopyUpdate, c.Computed
}

// copyScope returns the variants a copy prices, by id: those given, which must all be sold
// by the channel (E17), or every variant it sells.
func copyScope(ctx context.Context, tx db.DBTX, channelID string, given []string) ([]string, error) {
	if given != nil {
		missing, err := notSold(ctx, tx, channelID, given)
		if err != nil {
			return nil, err
		}
		if len(missing) > 0 {
			return nil, errNotInChannel(missing, channelID)
		}
		ids := slices.Clone(given)
		slices.Sort(ids)
		return slices.Compact(ids), nil
	}
	vs, err := channelVariants(ctx, tx, channelID, nil)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(vs))
	for i, v := range vs {
		ids[i] = v.ID
	}
	return ids, nil
}

// copyChecksum is a hash of the changes as the wire shows them: equal lists hash equally,
// and any differing element changes it.
func copyChecksum(changes []CopyChange) string {
	h := sha256.New()
	for _, c := range changes {
		h.Write(appendCopyChange(nil, c))
		h.Write([]byte{'\n'})
	}
	return hex.EncodeToString(h.Sum(nil))
}
