package pricing

import (
	"context"

	"channeld/internal/platform/db"
)

// applyRule saves r (a new rule when before is nil) with its audit entry. For a dry run it
// also prices every variant ch sells in r's currency before and after the save, both in tx,
// so the preview is exactly what the engine will answer; the caller then rolls back.
func (s *Service) applyRule(ctx context.Context, tx db.DBTX, ch *pricedChannel, before, r *Rule, dryRun bool) (*RuleResult, error) {
	res := &RuleResult{Rule: r, DryRun: dryRun}
	var variantIDs []string
	var was map[string]Resolved
	if dryRun {
		vs, err := channelVariants(ctx, tx, ch.ID, nil)
		if err != nil {
			return nil, err
		}
		for _, v := range vs {
			variantIDs = append(variantIDs, v.ID)
		}
		if was, err = effectivePrices(ctx, tx, ch.ID, r.CurrencyCode, variantIDs); err != nil {
			return nil, err
		}
	}
	if err := saveInheritanceRule(ctx, tx, r, before != nil); err != nil {
		return nil, err
	}
	action := "price_inheritance.created"
	if before != nil {
		action = "price_inheritance.updated"
	}
	if err := s.auditRule(ctx, tx, action, before, r); err != nil {
		return nil, err
	}
	if !dryRun {
		return res, nil
	}
	is, err := effectivePrices(ctx, tx, ch.ID, r.CurrencyCode, variantIDs)
	if err != nil {
		return nil, err
	}
	res.Changes = []RuleEffect{}
	for _, vid := range variantIDs {
		e := RuleEffect{VariantID: vid, Currency: r.CurrencyCode, SourceBefore: SourceNone, SourceAfter: SourceNone}
		if p, ok := was[vid]; ok {
			e.Before, e.SourceBefore = &p.Amount, p.Source
		}
		if p, ok := is[vid]; ok {
			e.After, e.SourceAfter = &p.Amount, p.Source
		}
		if e.SourceBefore != e.SourceAfter || !sameAmount(e.Before, e.After) {
			res.Changes = append(res.Changes, e)
		}
	}
	return res, nil
}

// sameAmount compares two amounts where nil is no price.
func sameAmount(a, b *int64) bool {
	if a == nil || b == nil {
		return a == b
	}
	return *a == *b
}
