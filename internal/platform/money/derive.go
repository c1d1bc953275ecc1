package money

import (
	"errors"
	"math/big"
)

// RoundMode is how a derived amount meets its increment.
type RoundMode string

// The rounding modes of a price inheritance rule.
const (
	HalfUp RoundMode = "half_up" // half away from zero
	Up     RoundMode = "up"      // ceiling
	Down   RoundMode = "down"    // floor
)

// Rounding turns an exact derived amount into a price: the nearest multiple of Increment by
// Mode, plus Offset (both in minor units), never below zero. Increment 100 and offset -1
// make USD prices end in .99.
type Rounding struct {
	Increment int64 // > 0
	Offset    int64
	Mode      RoundMode
}

// ErrTooLarge is a derived amount beyond what clients read exactly (2^53 - 1 minor units).
var ErrTooLarge = errors.New("derived amount too large")

// Derive returns amount × factor rounded by r, computed exactly on minor units: 1999 × 1.2 =
// 2398.8, to a multiple of 100 upwards is 2400, with offset -1 is 2399.
func Derive(amount int64, factor *big.Rat, r Rounding) (int64, error) {
	raw := new(big.Rat).Mul(new(big.Rat).SetInt64(amount), factor)
	q := raw.Quo(raw, new(big.Rat).SetInt64(r.Increment))
	n := roundRat(q, r.Mode)
	n.Mul(n, big.NewInt(r.Increment))
	n.Add(n, big.NewInt(r.Offset))
	if n.Sign() < 0 {
		return 0, nil
	}
	if n.Cmp(big.NewInt(maxExact)) > 0 {
		return 0, ErrTooLarge
	}
	return n.Int64(), nil
}

// maxExact is JavaScript's Number.MAX_SAFE_INTEGER: the largest amount a client reads exactly.
const maxExact = 1<<53 - 1

// roundRat rounds q to an integer by mode.
func roundRat(q *big.Rat, mode RoundMode) *big.Int {
	num, den := q.Num(), q.Denom()                          // den > 0
	quo, rem := new(big.Int).QuoRem(num, den, new(big.Int)) // truncated towards zero
	if rem.Sign() == 0 {
		return quo
	}
	switch mode {
	case Up:
		if rem.Sign() > 0 {
			quo.Add(quo, big.NewInt(1))
		}
	case Down:
		if rem.Sign() < 0 {
			quo.Sub(quo, big.NewInt(1))
		}
	default: // HalfUp: away from zero when |rem| * 2 >= den
		twice := new(big.Int).Abs(rem)
		if twice.Lsh(twice, 1).Cmp(den) >= 0 {
			quo.Add(quo, big.NewInt(int64(rem.Sign())))
		}
	}
	return quo
}
