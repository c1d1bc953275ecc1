package saleschannel

import (
	"channeld/internal/platform/fields"
	v "channeld/internal/platform/validate"
)

// A channel's commerce settings on the wire: body fields of create and update, and fields a
// route answers only when `fields` names them, since Medusa's clients compare a channel's
// default answer whole.

var settingsFields = []v.Field{
	v.F("supported_currencies", v.Optional(v.Array(v.Object(
		v.F("currency_code", v.String()),
		v.F("is_default", v.Optional(v.Bool())),
		v.F("is_tax_inclusive", v.Optional(v.Bool())),
	).Strict()))),
	v.F("default_currency_code", v.Optional(v.String())),
	v.F("supported_locales", v.Optional(v.Array(v.Object(
		v.F("locale_code", v.String()),
		v.F("is_default", v.Optional(v.Bool())),
	).Strict()))),
	v.F("default_locale_code", v.Optional(v.String())),
	v.F("seller_id", v.Nullish(v.String())),
}

type settingsRequest struct {
	SupportedCurrencies *[]struct {
		CurrencyCode   string `json:"currency_code"`
		IsDefault      bool   `json:"is_default"`
		IsTaxInclusive bool   `json:"is_tax_inclusive"`
	} `json:"supported_currencies"`
	DefaultCurrencyCode *string `json:"default_currency_code"`
	SupportedLocales    *[]struct {
		LocaleCode string `json:"locale_code"`
		IsDefault  bool   `json:"is_default"`
	} `json:"supported_locales"`
	DefaultLocaleCode *string        `json:"default_locale_code"`
	SellerID          v.Opt[*string] `json:"seller_id"`
}

func (r settingsRequest) settings() SettingsInput {
	in := SettingsInput{DefaultCurrency: r.DefaultCurrencyCode, DefaultLocale: r.DefaultLocaleCode}
	if r.SupportedCurrencies != nil {
		cs := make([]Currency, len(*r.SupportedCurrencies))
		for i, c := range *r.SupportedCurrencies {
			cs[i] = Currency{Code: c.CurrencyCode, IsDefault: c.IsDefault, IsTaxInclusive: c.IsTaxInclusive}
		}
		in.Currencies = &cs
	}
	if r.SupportedLocales != nil {
		ls := make([]Locale, len(*r.SupportedLocales))
		for i, l := range *r.SupportedLocales {
			ls[i] = Locale{Code: l.LocaleCode, IsDefault: l.IsDefault}
		}
		in.Locales = &ls
	}
	return in
}

var currencySpec = &fields.Spec[Currency]{
	Scalars: []string{"currency_code", "is_default", "is_tax_inclusive"},
	Scalar: fields.Columns[Currency]([]string{"is_default", "is_tax_inclusive"}, map[string]func([]byte, *Currency) []byte{
		"currency_code": func(b []byte, c *Currency) []byte { return fields.AppendString(b, c.Code) },
	}),
}

var localeSpec = &fields.Spec[Locale]{
	Scalars: []string{"locale_code", "is_default"},
	Scalar: fields.Columns[Locale]([]string{"is_default"}, map[string]func([]byte, *Locale) []byte{
		"locale_code": func(b []byte, l *Locale) []byte { return fields.AppendString(b, l.Code) },
	}),
}

// settingsNames are the fields that need a channel's settings loaded.
var settingsNames = []string{"supported_currencies", "default_currency_code", "supported_locales", "default_locale_code"}

func asksSettings(sel *fields.Selection) bool {
	for _, n := range settingsNames {
		if sel.Has(n) || sel.Rel(n) != nil {
			return true
		}
	}
	return false
}

// settingsRelations are the opt-in fields of a channel.
func settingsRelations() map[string]fields.Relation[view] {
	return map[string]fields.Relation[view]{
		"seller_id": fields.OptIn(func(b []byte, e *view) []byte { return fields.AppendNullString(b, e.SellerID) }),
		"default_currency_code": fields.OptIn(func(b []byte, e *view) []byte {
			for _, c := range e.Currencies {
				if c.IsDefault {
					return fields.AppendString(b, c.Code)
				}
			}
			return fields.AppendNull(b)
		}),
		"default_locale_code": fields.OptIn(func(b []byte, e *view) []byte {
			for _, l := range e.Locales {
				if l.IsDefault {
					return fields.AppendString(b, l.Code)
				}
			}
			return fields.AppendNull(b)
		}),
		"supported_currencies": fields.ListOf(currencySpec, func(e *view) []*Currency { return pointers(e.Currencies) }),
		"supported_locales":    fields.ListOf(localeSpec, func(e *view) []*Locale { return pointers(e.Locales) }),
	}
}

// pointers returns pointers to the elements of es, as specs write lists.
func pointers[T any](es []T) []*T {
	out := make([]*T, len(es))
	for i := range es {
		out[i] = &es[i]
	}
	return out
}
