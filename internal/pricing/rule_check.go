package pricing

import (
	"context"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
)

// nextRule is the rule as it will be after in: a new rule of ch (before nil) or before with
// in's fields, checked in §3.2's order after the schema and the factor: E1, E14, E19, E22,
// E18, then the chain's length.
func (s *Service) nextRule(ctx context.Context, tx db.DBTX, ch *pricedChannel, before *Rule, in RuleInput, factor string) (*Rule, error) {
	now := s.now()
	var r Rule
	if before != nil {
		if in.Currency != nil && *in.Currency != before.CurrencyCode {
			return nil, apperr.Invalidf("Invalid request: the currency_code of a price inheritance cannot change")
		}
		r = *before
	} else {
		r = Rule{ID: s.newID(ruleIDPrefix), SalesChannelID: ch.ID, CurrencyCode: *in.Currency, Rounding: defaultRounding, CreatedAt: now}
	}
	r.UpdatedAt = now
	if in.SetSource {
		r.SourceChannelID = in.SourceChannelID
	}
	if in.SourceCurrency != nil {
		r.SourceCurrency = *in.SourceCurrency
	}
	if factor != "" {
		r.Factor, r.Ratio, _ = parseFactor(factor)
	}
	if err := ch.requireCurrency(r.CurrencyCode); err != nil {
		return nil, err
	}
	if in.SetSource {
		if err := s.requireSource(ctx, tx, r.SourceChannelID); err != nil {
			return nil, err
		}
	}
	if before == nil {
		taken, err := hasInheritanceRule(ctx, tx, ch.ID, r.CurrencyCode)
		if err != nil {
			return nil, err
		}
		if taken {
			return nil, errAlreadyInherits(ch.ID, r.CurrencyCode)
		}
	}
	var err error
	if r.Rounding, err = roundingFor(r.CurrencyCode, in.Rounding, r.Rounding); err != nil {
		return nil, err
	}
	rules, err := allInheritanceRules(ctx, tx)
	if err != nil {
		return nil, err
	}
	return &r, checkChain(&r, rules)
}

// nodeKey names a node as E18 writes it: "<channel id or base>/<currency>".
func nodeKey(channel *string, currency string) string {
	if channel == nil {
		return "base/" + currency
	}
	return *channel + "/" + currency
}

// checkChain refuses r when, with the other rules, following sources from r comes back to
// r (E18, the path from r to r), or when the longest chain through r — the rules r follows
// plus the rules that follow r — holds more than MaxChain rules.
func checkChain(r *Rule, rules []*Rule) error {
	bySink := map[string]*Rule{}
	followers := map[string][]*Rule{}
	for _, x := range rules {
		if x.ID != r.ID {
			bySink[nodeKey(&x.SalesChannelID, x.CurrencyCode)] = x
		}
	}
	start := nodeKey(&r.SalesChannelID, r.CurrencyCode)
	bySink[start] = r
	for _, x := range bySink {
		if x.SourceChannelID != nil {
			src := nodeKey(x.SourceChannelID, x.SourceCurrency)
			followers[src] = append(followers[src], x)
		}
	}
	path, up := []string{start}, 0
	for cur := r; cur != nil && up <= len(bySink); cur = bySink[path[len(path)-1]] {
		up++
		if cur.SourceChannelID == nil {
			break
		}
		path = append(path, nodeKey(cur.SourceChannelID, cur.SourceCurrency))
		if path[len(path)-1] == start {
			return apperr.Invalidf("Price inheritance would form a cycle: %s", strings.Join(path, " -> "))
		}
	}
	if up+followDepth(start, followers, 0) > MaxChain {
		return apperr.Invalidf("Price inheritance chains are limited to %d steps", MaxChain)
	}
	return nil
}

// followDepth is the longest run of rules that derive, one from the next, from node; depth
// bounds it past MaxChain, which is all the caller needs to know.
func followDepth(node string, followers map[string][]*Rule, depth int) int {
	if depth > MaxChain {
		return 0
	}
	longest := 0
	for _, x := range followers[node] {
		longest = max(longest, 1+followDepth(nodeKey(&x.SalesChannelID, x.CurrencyCode), followers, depth+1))
	}
	return longest
}
