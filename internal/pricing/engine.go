package pricing

import (
	"context"
	"fmt"
	"math/big"

	"channeld/internal/platform/db"
	"channeld/internal/platform/money"
	"channeld/internal/platform/sqlq"
)

// MaxChain is the most rules an inheritance chain may hold.
const MaxChain = 4

// Chain is the rules a node's prices depend on: Rules[0] is the node's own rule (if any),
// Rules[i+1] the rule of Rules[i]'s source, until a source has no rule or is the base.
type Chain struct {
	Start Node
	Rules []*Rule
}

// chainQuery follows the rules from a channel and currency through their sources, one row
// per rule in chain order; depth bounds it even if stored rules formed a cycle.
const chainQuery = `WITH RECURSIVE chain (depth, id, sales_channel_id, currency_code, source_sales_channel_id,
	source_currency_code, factor, rounding_increment, rounding_mode, rounding_offset, created_at, updated_at) AS (
	SELECT 0, ` + ruleColumns + ` FROM price_inheritance WHERE sales_channel_id = $1 AND currency_code = $2
	UNION ALL
	SELECT c.depth + 1, r.id, r.sales_channel_id, r.currency_code, r.source_sales_channel_id, r.source_currency_code,
		r.factor, r.rounding_increment, r.rounding_mode, r.rounding_offset, r.created_at, r.updated_at
	FROM price_inheritance r JOIN chain c ON r.sales_channel_id = c.source_sales_channel_id
		AND r.currency_code = c.source_currency_code
	WHERE c.depth < ` + "5" + `)
SELECT ` + ruleColumns + ` FROM chain ORDER BY depth`

// LoadChain reads the rules the prices of channelID in currency depend on, in one statement.
// An empty channelID (no pricing channel) has no rules.
func LoadChain(ctx context.Context, q db.DBTX, channelID, currency string) (Chain, error) {
	start := Node{Currency: currency}
	if channelID == "" {
		return Chain{Start: start}, nil
	}
	start.Channel = &channelID
	rules, err := sqlq.Collect(ctx, q, scanRule, chainQuery, channelID, currency)
	if err != nil {
		return Chain{}, fmt.Errorf("read the price inheritance of %s in %s: %w", channelID, currency, err)
	}
	return Chain{Start: start, Rules: rules}, nil
}

// nodes returns every node the chain reads prices at, from its start.
func (c Chain) nodes() []Node {
	out := []Node{c.Start}
	for _, r := range c.Rules {
		out = append(out, Node{Channel: r.SourceChannelID, Currency: r.SourceCurrency})
	}
	return out
}

// explicit is a price row as the engine reads it.
type explicit struct {
	id, variantID, currency string
	channel                 *string
	amount                  int64
}

// Resolve returns the effective price at the chain's start of each of variantIDs that has
// one, reading the explicit prices the chain needs in one statement.
func (c Chain) Resolve(ctx context.Context, q db.DBTX, variantIDs []string) (map[string]Resolved, error) {
	out := make(map[string]Resolved, len(variantIDs))
	if len(variantIDs) == 0 {
		return out, nil
	}
	rows, err := c.read(ctx, q, variantIDs)
	if err != nil {
		return nil, err
	}
	for _, vid := range variantIDs {
		if r, ok := c.resolve(rows[vid]); ok {
			out[vid] = r
		}
	}
	return out, nil
}

// read loads the explicit prices of variantIDs at every node of the chain: the channel's
// and the base price in each currency the chain passes through.
func (c Chain) read(ctx context.Context, q db.DBTX, variantIDs []string) (map[string][]explicit, error) {
	w := sqlq.NewWhere("LIKE")
	w.In("variant_id", variantIDs)
	w.Add("deleted_at IS NULL")
	var alts []*sqlq.Where
	seenBase := map[string]bool{}
	for _, n := range c.nodes() {
		if n.Channel != nil {
			alt := w.Sub()
			alt.Eq("sales_channel_id", *n.Channel)
			alt.Eq("currency_code", n.Currency)
			alts = append(alts, alt)
		}
		if !seenBase[n.Currency] {
			seenBase[n.Currency] = true
			alt := w.Sub()
			alt.Add("sales_channel_id IS NULL")
			alt.Eq("currency_code", n.Currency)
			alts = append(alts, alt)
		}
	}
	w.AnyOf(alts)
	rs, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (explicit, error) {
		var e explicit
		err := r.Scan(&e.id, &e.variantID, &e.currency, &e.channel, &e.amount)
		return e, err
	}, `SELECT id, variant_id, currency_code, sales_channel_id, amount FROM price`+w.SQL(), w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("read prices: %w", err)
	}
	out := map[string][]explicit{}
	for _, e := range rs {
		out[e.variantID] = append(out[e.variantID], e)
	}
	return out, nil
}

// resolve walks the chain for one variant's explicit prices.
func (c Chain) resolve(rows []explicit) (Resolved, bool) {
	return c.at(0, c.Start, rows)
}

// at is the effective price at node n, the i-th of the chain: its channel price, else the
// price its rule derives (when the rule's source has one), else the base price.
func (c Chain) at(i int, n Node, rows []explicit) (Resolved, bool) {
	if n.Channel != nil {
		if e, ok := find(rows, n.Channel, n.Currency); ok {
			return Resolved{Amount: e.amount, Source: SourceOverride, PriceID: e.id}, true
		}
		if i < len(c.Rules) && i < MaxChain+1 {
			r := c.Rules[i]
			if src, ok := c.at(i+1, Node{Channel: r.SourceChannelID, Currency: r.SourceCurrency}, rows); ok {
				if amount, err := r.Derive(src.Amount); err == nil {
					return Resolved{Amount: amount, Source: SourceInherited, PriceID: src.PriceID, Rule: r}, true
				}
			}
		}
	}
	if e, ok := find(rows, nil, n.Currency); ok {
		return Resolved{Amount: e.amount, Source: SourceBase, PriceID: e.id}, true
	}
	return Resolved{}, false
}

func find(rows []explicit, channel *string, currency string) (explicit, bool) {
	for _, e := range rows {
		if e.currency == currency && ((channel == nil && e.channel == nil) ||
			(channel != nil && e.channel != nil && *channel == *e.channel)) {
			return e, true
		}
	}
	return explicit{}, false
}

// Derive computes the rule's amount in minor units of its currency from a source amount in
// minor units of the source currency: the factor applies to major units, so it is scaled by
// the difference of the currencies' decimal places.
func (r *Rule) Derive(source int64) (int64, error) {
	f := new(big.Rat).Set(r.Ratio)
	shift := money.Digits(r.CurrencyCode) - money.Digits(r.SourceCurrency)
	for ; shift > 0; shift-- {
		f.Mul(f, big.NewRat(10, 1))
	}
	for ; shift < 0; shift++ {
		f.Mul(f, big.NewRat(1, 10))
	}
	return money.Derive(source, f, r.Rounding)
}
