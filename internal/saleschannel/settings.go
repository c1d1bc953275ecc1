package saleschannel

import (
	"slices"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/locale"
	"channeld/internal/platform/money"
)

// A channel's commerce settings: the currencies it sells in and the languages it serves,
// each with one default. A channel with no currencies is not currency-configured and prices
// as Medusa does, by region; one with currencies takes only those.

// Currency is one currency a channel sells in.
type Currency struct {
	Code           string // lower-case ISO 4217
	IsDefault      bool
	IsTaxInclusive bool // amounts entered for the channel in this currency include tax
}

// Locale is one language a channel serves.
type Locale struct {
	Code      string // BCP 47, as locale.Canonical writes it
	IsDefault bool
}

// SettingsInput is what a create or update sends of the settings; a nil field was not sent.
type SettingsInput struct {
	Currencies      *[]Currency // replaces the whole set; empty clears it
	DefaultCurrency *string     // makes one currency the default, adding it when missing
	Locales         *[]Locale
	DefaultLocale   *string
}

func (c Currency) code() string                { return c.Code }
func (c Currency) isDefault() bool             { return c.IsDefault }
func (c Currency) withDefault(d bool) Currency { c.IsDefault = d; return c }
func (l Locale) code() string                  { return l.Code }
func (l Locale) isDefault() bool               { return l.IsDefault }
func (l Locale) withDefault(d bool) Locale     { l.IsDefault = d; return l }

// currencies returns the channel's currencies after in, from current, ordered by code; changed
// is false when in sends no currency field. Unknown codes are refused first (the set's before
// the default's), then duplicates, then a default that is not exactly one.
func (in SettingsInput) currencies(current []Currency) (out []Currency, changed bool, err error) {
	if in.Currencies == nil && in.DefaultCurrency == nil {
		return current, false, nil
	}
	var sent *[]Currency
	if in.Currencies != nil {
		list := make([]Currency, len(*in.Currencies))
		for i, c := range *in.Currencies {
			if !money.Valid(c.Code) {
				return nil, false, errUnknownCurrency(c.Code)
			}
			c.Code = strings.ToLower(c.Code)
			list[i] = c
		}
		sent = &list
	}
	def := ""
	if in.DefaultCurrency != nil {
		if !money.Valid(*in.DefaultCurrency) {
			return nil, false, errUnknownCurrency(*in.DefaultCurrency)
		}
		def = strings.ToLower(*in.DefaultCurrency)
	}
	out, err = withOneDefault(current, sent, def, currencyRules)
	return out, err == nil, err
}

// locales returns the channel's locales after in, from current, ordered by code; changed is
// false when in sends no locale field. Malformed tags are refused first, then duplicates, then
// a default that is not exactly one, then tags the store does not offer (storeLocales,
// canonical; a store that names none accepts any tag).
func (in SettingsInput) locales(current []Locale, storeLocales []string) (out []Locale, changed bool, err error) {
	if in.Locales == nil && in.DefaultLocale == nil {
		return current, false, nil
	}
	var sent *[]Locale
	if in.Locales != nil {
		list := make([]Locale, len(*in.Locales))
		for i, l := range *in.Locales {
			code, ok := locale.Canonical(l.Code)
			if !ok {
				return nil, false, errBadLocale(l.Code)
			}
			list[i] = Locale{Code: code, IsDefault: l.IsDefault}
		}
		sent = &list
	}
	def := ""
	if in.DefaultLocale != nil {
		code, ok := locale.Canonical(*in.DefaultLocale)
		if !ok {
			return nil, false, errBadLocale(*in.DefaultLocale)
		}
		def = code
	}
	if out, err = withOneDefault(current, sent, def, localeRules); err != nil {
		return nil, false, err
	}
	for _, l := range out {
		if len(storeLocales) > 0 && !slices.Contains(storeLocales, l.Code) {
			return nil, false, apperr.Invalidf("Locale %s is not supported by the store", l.Code)
		}
	}
	return out, true, nil
}

// setting is an entry of a set with one default: a currency or a locale.
type setting[T any] interface {
	code() string
	isDefault() bool
	withDefault(bool) T
}

// setRules are the errors and the new entry that differ between currencies and locales.
type setRules[T any] struct {
	field     string                        // the set's body field, for the duplicate error
	duplicate string                        // the duplicate error's noun
	count     string                        // the error of a set without exactly one default
	conflict  func(def, other string) error // nil: a default sent beside flags naming another wins
	fresh     func(code string) T           // the entry a default adds when the set lacks it
}

var currencyRules = setRules[Currency]{
	field: "supported_currencies", duplicate: "Currency", count: "Exactly one supported currency must be the default, got %d",
	conflict: func(def, other string) error {
		return apperr.Invalidf("default_currency_code %s conflicts with is_default on %s", def, other)
	},
	fresh: func(code string) Currency { return Currency{Code: code, IsDefault: true} },
}

// localeRules let default_locale_code override the flags of supported_locales: the spec
// gives no error for the two disagreeing, and the field sent on its own is the clearer intent.
var localeRules = setRules[Locale]{
	field: "supported_locales", duplicate: "Locale", count: "Exactly one supported locale must be the default, got %d",
	fresh: func(code string) Locale { return Locale{Code: code, IsDefault: true} },
}

// withOneDefault returns the set after a write: sent (nil when not sent) replaces current,
// then def (empty when not sent) becomes the only default, added when missing; ordered by code.
func withOneDefault[T setting[T]](current []T, sent *[]T, def string, r setRules[T]) ([]T, error) {
	set := current
	if sent != nil {
		seen := map[string]bool{}
		for _, e := range *sent {
			if seen[e.code()] {
				return nil, apperr.Invalidf("%s %s is listed more than once in %s", r.duplicate, e.code(), r.field)
			}
			seen[e.code()] = true
		}
		defaults := 0
		for _, e := range *sent {
			if !e.isDefault() {
				continue
			}
			if def != "" && e.code() != def && r.conflict != nil {
				return nil, r.conflict(def, e.code())
			}
			defaults++
		}
		if def == "" && len(*sent) > 0 && defaults != 1 {
			return nil, apperr.Invalidf(r.count, defaults)
		}
		set = *sent
	}
	out := make([]T, 0, len(set)+1)
	found := def == ""
	for _, e := range set {
		if def != "" {
			e = e.withDefault(e.code() == def)
			found = found || e.code() == def
		}
		out = append(out, e)
	}
	if !found {
		out = append(out, r.fresh(def))
	}
	slices.SortFunc(out, func(a, b T) int { return strings.Compare(a.code(), b.code()) })
	return out, nil
}

func errUnknownCurrency(code string) error {
	return apperr.Invalidf("Currency code %s is not a known ISO 4217 currency", code)
}

func errBadLocale(code string) error {
	return apperr.Invalidf("Locale code %s is not a valid BCP 47 tag", code)
}
