// Package pricing answers what a variant costs in a sales channel and a currency, and owns
// the rules that derive a channel's prices from another channel's or from the base prices
// (price inheritance, channel-model.md §3.2). Explicit prices are rows of the product
// module's price table, which pricing reads as a read model and writes through the
// product module's PriceBook only.
package pricing

import (
	"math/big"
	"time"

	"channeld/internal/platform/money"
)

// Sources of an effective price, in the order they are tried.
const (
	SourceOverride  = "override"  // the channel's own price
	SourceInherited = "inherited" // derived by the channel's rule for the currency
	SourceBase      = "base"      // the variant's base price
	SourceNone      = "none"      // no price at all
)

// Rule derives the prices of SalesChannelID in CurrencyCode from the effective prices of
// SourceChannelID (nil: the base prices) in SourceCurrency: amount × Factor, rounded.
type Rule struct {
	ID              string
	SalesChannelID  string
	CurrencyCode    string
	SourceChannelID *string
	SourceCurrency  string
	// Factor is the exact decimal as written ("1.2"); Ratio is its value.
	Factor    string
	Ratio     *big.Rat
	Rounding  money.Rounding
	CreatedAt time.Time
	UpdatedAt time.Time
}

// Node is a place prices are read from: a channel's prices in a currency, or the base
// prices (Channel nil) in a currency.
type Node struct {
	Channel  *string
	Currency string
}

// Resolved is the effective price of one variant at a node.
type Resolved struct {
	Amount int64
	Source string
	// PriceID is the chosen price row; for an inherited price, the row it was derived from
	// (at the end of the chain).
	PriceID string
	// Rule is the rule an inherited price came from; nil otherwise.
	Rule *Rule
}
