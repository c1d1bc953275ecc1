// Package currency serves Medusa's currency list: the currencies an admin may pick for the
// store and its channels, with their symbols and names. It is reference data, the same for
// every store, held in a Go table; the number of decimal digits comes from money.Digits, the
// one place channeld keeps it.
package currency

import (
	"cmp"
	"slices"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/money"
)

// Currency is one currency of Medusa's list. Rounding is Medusa's cash rounding in major
// units (0.05 for CHF, 0 for most).
type Currency struct {
	Code, Symbol, SymbolNative, Name string
	Rounding                         float64
}

// DecimalDigits is the number of minor-unit digits channeld checks amounts against.
func (c *Currency) DecimalDigits() int { return money.Digits(c.Code) }

// Lookup returns the currency with code, exactly as Medusa stores it (lower case), or nil.
func Lookup(code string) *Currency {
	i, ok := slices.BinarySearchFunc(table, code, func(c *Currency, code string) int { return strings.Compare(c.Code, code) })
	if !ok {
		return nil
	}
	return table[i]
}

// Get returns the currency with code, or Medusa's 404.
func Get(code string) (*Currency, error) {
	if c := Lookup(code); c != nil {
		return c, nil
	}
	return nil, apperr.NotFoundf("Currency with code: %s was not found", code)
}

// Filter selects currencies: Q is a case-insensitive substring of the code or the name, Codes
// exact codes (nil: any); And and Or are Medusa's $and and $or groups.
type Filter struct {
	Q       string
	Codes   []string
	And, Or []Filter
}

func (f Filter) match(c *Currency) bool {
	if f.Q != "" {
		q := strings.ToLower(f.Q)
		if !strings.Contains(c.Code, q) && !strings.Contains(strings.ToLower(c.Name), q) {
			return false
		}
	}
	if f.Codes != nil && !slices.Contains(f.Codes, c.Code) {
		return false
	}
	for _, g := range f.And {
		if !g.match(c) {
			return false
		}
	}
	if len(f.Or) == 0 {
		return true
	}
	return slices.ContainsFunc(f.Or, func(g Filter) bool { return g.match(c) })
}

// sortKeys are the fields a list may be ordered by. Every currency has the same timestamps,
// so ordering by them keeps the code order.
var sortKeys = map[string]func(a, b *Currency) int{
	"code":           func(a, b *Currency) int { return strings.Compare(a.Code, b.Code) },
	"symbol":         func(a, b *Currency) int { return strings.Compare(a.Symbol, b.Symbol) },
	"symbol_native":  func(a, b *Currency) int { return strings.Compare(a.SymbolNative, b.SymbolNative) },
	"name":           func(a, b *Currency) int { return strings.Compare(a.Name, b.Name) },
	"decimal_digits": func(a, b *Currency) int { return cmp.Compare(a.DecimalDigits(), b.DecimalDigits()) },
	"rounding":       func(a, b *Currency) int { return cmp.Compare(a.Rounding, b.Rounding) },
	"created_at":     func(a, b *Currency) int { return 0 },
	"updated_at":     func(a, b *Currency) int { return 0 },
	"deleted_at":     func(a, b *Currency) int { return 0 },
}

// List returns the page of currencies matching f in Medusa's `order` ("name", "-code,name";
// by code when empty, then by code on ties) and how many match in all.
func List(f Filter, order string, offset, limit int) ([]*Currency, int, error) {
	var keys []func(a, b *Currency) int
	for _, part := range strings.Split(order, ",") {
		part = strings.TrimSpace(part)
		if part == "" {
			continue
		}
		desc := strings.HasPrefix(part, "-")
		key, ok := sortKeys[strings.TrimPrefix(part, "-")]
		if !ok {
			return nil, 0, apperr.Invalidf("Order field %s is not valid", strings.TrimPrefix(part, "-"))
		}
		if desc {
			asc := key
			key = func(a, b *Currency) int { return asc(b, a) }
		}
		keys = append(keys, key)
	}
	var out []*Currency
	for _, c := range table {
		if f.match(c) {
			out = append(out, c)
		}
	}
	slices.SortStableFunc(out, func(a, b *Currency) int {
		for _, k := range keys {
			if r := k(a, b); r != 0 {
				return r
			}
		}
		return strings.Compare(a.Code, b.Code)
	})
	count := len(out)
	if offset >= count {
		return []*Currency{}, count, nil
	}
	return out[offset:min(count, offset+limit)], count, nil
}
