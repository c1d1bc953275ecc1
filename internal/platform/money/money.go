// Package money holds amounts as int64 minor units with an ISO 4217 currency code, and
// converts them to and from the wire, where Medusa v2 sends amounts as numbers in major units
// (10.5 EUR). An amount finer than the currency allows is refused, never rounded.
package money

import (
	"fmt"
	"math/big"
	"strconv"
	"strings"

	"channeld/internal/platform/apperr"
)

// digits maps every ISO 4217 currency code (lower case, as Medusa writes them) to its number of
// minor-unit digits. Codes not listed here are not currencies.
var digits = func() map[string]int {
	m := map[string]int{}
	for _, c := range strings.Fields(`aed afn all amd ang aoa ars aud awg azn bam bbd bdt bgn bmd bnd bob
		brl bsd btn bwp byn bzd cad cdf chf cny cop crc cup cve czk dkk dop dzd egp ern etb eur fjd fkp
		gbp gel ghs gip gmd gtq gyd hkd hnl htg huf idr ils inr irr jmd kes kgs khr kpw kyd kzt lak lbp
		lkr lrd lsl mad mdl mga mkd mmk mnt mop mru mur mvr mwk mxn myr mzn nad ngn nio nok npr nzd pab
		pen pgk php pkr pln qar ron rsd rub sar sbd scr sdg sek sgd shp sle sos srd ssp stn svc syp szl
		thb tjs tmt top try ttd twd tzs uah usd uyu uzs ves wst xcd yer zar zmw zwl`) {
		m[c] = 2
	}
	for _, c := range strings.Fields(`bif clp djf gnf isk jpy kmf krw pyg rwf ugx uyi vnd vuv xaf xof xpf`) {
		m[c] = 0
	}
	for _, c := range strings.Fields(`bhd iqd jod kwd lyd omr tnd`) {
		m[c] = 3
	}
	m["clf"], m["uyw"] = 4, 4
	return m
}()

// Valid reports whether code (any case) is an ISO 4217 currency.
func Valid(code string) bool {
	_, ok := digits[strings.ToLower(code)]
	return ok
}

// Digits returns the minor-unit digits of a currency (2 for unknown codes).
func Digits(code string) int {
	if d, ok := digits[strings.ToLower(code)]; ok {
		return d
	}
	return 2
}

// Normalize lower-cases a currency code and checks it.
func Normalize(code string) (string, error) {
	c := strings.ToLower(strings.TrimSpace(code))
	if !Valid(c) {
		return "", apperr.Invalidf("Currency code %s is not a valid ISO 4217 currency", code)
	}
	return c, nil
}

var pow10 = []int64{1, 10, 100, 1000, 10000}

// ToMinor turns a wire amount in major units ("10.5", "1e3") into minor units of currency.
func ToMinor(amount string, currency string) (int64, error) {
	r, ok := new(big.Rat).SetString(amount)
	if !ok {
		return 0, apperr.Invalidf("Amount %s is not a number", amount)
	}
	d := Digits(currency)
	r.Mul(r, new(big.Rat).SetInt64(pow10[d]))
	if !r.IsInt() {
		return 0, apperr.Invalidf("Amount %s has more decimals than %s allows (%d)", amount, strings.ToUpper(currency), d)
	}
	n := r.Num()
	if !n.IsInt64() {
		return 0, apperr.Invalidf("Amount %s is too large", amount)
	}
	return n.Int64(), nil
}

// AppendMajor appends minor units of currency as a JSON number in major units: 1050 EUR
// cents → 10.5.
func AppendMajor(b []byte, minor int64, currency string) []byte {
	d := Digits(currency)
	if d == 0 {
		return strconv.AppendInt(b, minor, 10)
	}
	neg := minor < 0
	if neg {
		minor = -minor
		b = append(b, '-')
	}
	whole, frac := minor/pow10[d], minor%pow10[d]
	b = strconv.AppendInt(b, whole, 10)
	if frac == 0 {
		return b
	}
	s := fmt.Sprintf("%0*d", d, frac)
	return append(append(b, '.'), strings.TrimRight(s, "0")...)
}

// Major returns AppendMajor's text.
func Major(minor int64, currency string) string { return string(AppendMajor(nil, minor, currency)) }
