package money

import (
	"errors"
	"math/big"
	"testing"
)

func TestDerive(t *testing.T) {
	cent := func(mode RoundMode) Rounding { return Rounding{Increment: 1, Mode: mode} }
	tests := []struct {
		name   string
		amount int64
		factor string
		r      Rounding
		want   int64
		err    error
	}{
		{"19.99 × 1.2 up to whole units, minus a cent", 1999, "1.2", Rounding{Increment: 100, Offset: -1, Mode: Up}, 2399, nil},
		{"10 × 0.5", 1000, "0.5", cent(HalfUp), 500, nil},
		{"10 × 0.333", 1000, "0.333", cent(HalfUp), 333, nil},
		{"half rounds away from zero", 5, "0.5", cent(HalfUp), 3, nil},
		{"just under half rounds down", 5, "0.49", cent(HalfUp), 2, nil},
		{"down is the floor", 1999, "1.2", Rounding{Increment: 100, Mode: Down}, 2300, nil},
		{"up is the ceiling", 1001, "0.001", cent(Up), 2, nil},
		{"exact stays", 1200, "1.5", Rounding{Increment: 5, Mode: Up}, 1800, nil},
		{"to 0.05", 1000, "0.86", Rounding{Increment: 5, Mode: HalfUp}, 860, nil},
		{"8.63 × 0.86 to 0.05", 863, "0.86", Rounding{Increment: 5, Mode: HalfUp}, 740, nil},
		{"never below zero", 100, "0.001", Rounding{Increment: 1, Offset: -5, Mode: HalfUp}, 0, nil},
		{"too large for a client", 1 << 52, "4", cent(HalfUp), 0, ErrTooLarge},
		{"zero stays zero", 0, "3", Rounding{Increment: 100, Mode: Up}, 0, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f, ok := new(big.Rat).SetString(tt.factor)
			if !ok {
				t.Fatalf("bad factor %s", tt.factor)
			}
			got, err := Derive(tt.amount, f, tt.r)
			if got != tt.want || !errors.Is(err, tt.err) {
				t.Errorf("Derive(%d, %s, %+v) = %d, %v; want %d, %v", tt.amount, tt.factor, tt.r, got, err, tt.want, tt.err)
			}
		})
	}
}
