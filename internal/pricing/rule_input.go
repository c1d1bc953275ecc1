package pricing

import (
	"math/big"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/money"
)

// RuleInput is a rule's fields as a create or an update sends them; nil fields were not sent
// (an update keeps them, a create takes the defaults). Numbers are their JSON literal text,
// read exactly.
type RuleInput struct {
	Currency        *string
	SetSource       bool
	SourceChannelID *string // with SetSource; nil is the base prices
	SourceCurrency  *string
	Factor          *string
	Rounding        RoundingInput
	DryRun          bool
}

// RoundingInput is a rule's or a copy's rounding as sent: increment and offset in major
// units of the target currency, mode one of money's modes.
type RoundingInput struct {
	Increment, Offset, Mode *string
}

// errFactor is E21, worded as the schema's own refinement.
var errFactor = apperr.Invalidf("Invalid request: factor must be greater than 0")

// parseFactor reads a factor's literal text exactly, never through float64, and returns it
// as a plain decimal ("12e-1" is "1.2") with its value; it must be above zero (E21).
func parseFactor(text string) (string, *big.Rat, error) {
	r, ok := new(big.Rat).SetString(text)
	if !ok || r.Sign() <= 0 {
		return "", nil, errFactor
	}
	return decimalText(r), r, nil
}

// decimalText writes r, whose denominator has no prime factors but 2 and 5 (any decimal
// literal's value), with exactly the digits it needs.
func decimalText(r *big.Rat) string {
	d := new(big.Int).Set(r.Denom())
	digits := 0
	for _, p := range []int64{2, 5} {
		n, prime, rem := 0, big.NewInt(p), new(big.Int)
		for {
			q, m := new(big.Int).QuoRem(d, prime, rem)
			if m.Sign() != 0 {
				break
			}
			d, n = q, n+1
		}
		digits = max(digits, n)
	}
	return r.FloatString(digits)
}

// maxMinor is the largest amount in minor units that clients read exactly (2^53 - 1).
const maxMinor = 1<<53 - 1

// roundingFor applies in to base (the current rounding, or the default) for currency k: an
// increment must be a positive multiple of k's smallest unit and an offset a multiple of it
// (E22).
func roundingFor(k string, in RoundingInput, base money.Rounding) (money.Rounding, error) {
	out := base
	if in.Mode != nil {
		out.Mode = money.RoundMode(*in.Mode)
	}
	if in.Increment != nil {
		n, err := minorUnits("increment", *in.Increment, k)
		if err != nil {
			return out, err
		}
		if n <= 0 {
			return out, errIncrement("increment", *in.Increment, k)
		}
		out.Increment = n
	}
	if in.Offset != nil {
		n, err := minorUnits("offset", *in.Offset, k)
		if err != nil {
			return out, err
		}
		out.Offset = n
	}
	return out, nil
}

// defaultRounding is the smallest unit of the currency, half up, no offset.
var defaultRounding = money.Rounding{Increment: 1, Mode: money.HalfUp}

// minorUnits converts a rounding amount in major units of k to minor units.
func minorUnits(what, text, k string) (int64, error) {
	r, ok := new(big.Rat).SetString(text)
	if !ok {
		return 0, errIncrement(what, text, k)
	}
	r.Mul(r, new(big.Rat).SetInt(new(big.Int).Exp(big.NewInt(10), big.NewInt(int64(money.Digits(k))), nil)))
	if !r.IsInt() {
		return 0, errIncrement(what, text, k)
	}
	n := r.Num()
	if !n.IsInt64() || n.Int64() > maxMinor || n.Int64() < -maxMinor {
		return 0, apperr.Invalidf("Rounding %s %s is too large", what, text)
	}
	return n.Int64(), nil
}

// errIncrement is E22; an offset is named as such.
func errIncrement(what, text, k string) error {
	return apperr.Invalidf("Rounding %s %s is not a multiple of the smallest unit of %s", what, text, strings.ToLower(k))
}
