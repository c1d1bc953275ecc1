package saleschannel

import (
	"reflect"
	"testing"
)

func ptr[T any](v T) *T { return &v }

func TestCurrencySettings(t *testing.T) {
	eurGBP := []Currency{{Code: "eur", IsDefault: true}, {Code: "gbp", IsTaxInclusive: true}}
	tests := []struct {
		name    string
		current []Currency
		in      SettingsInput
		want    []Currency
		changed bool
		err     string
	}{
		{name: "nothing sent keeps the set", current: eurGBP, want: eurGBP},
		{name: "a set replaces, ordered and lower-cased",
			in:   SettingsInput{Currencies: &[]Currency{{Code: "USD"}, {Code: "eur", IsDefault: true}}},
			want: []Currency{{Code: "eur", IsDefault: true}, {Code: "usd"}}, changed: true},
		{name: "an empty set clears", current: eurGBP, in: SettingsInput{Currencies: &[]Currency{}},
			want: []Currency{}, changed: true},
		{name: "an empty set with a default is that default",
			current: eurGBP, in: SettingsInput{Currencies: &[]Currency{}, DefaultCurrency: ptr("GBP")},
			want: []Currency{{Code: "gbp", IsDefault: true}}, changed: true},
		{name: "a default switch only moves the flag", current: eurGBP, in: SettingsInput{DefaultCurrency: ptr("gbp")},
			want: []Currency{{Code: "eur"}, {Code: "gbp", IsDefault: true, IsTaxInclusive: true}}, changed: true},
		{name: "a new default is added", current: eurGBP, in: SettingsInput{DefaultCurrency: ptr("chf")},
			want: []Currency{{Code: "chf", IsDefault: true}, {Code: "eur"}, {Code: "gbp", IsTaxInclusive: true}}, changed: true},
		{name: "a default beside a set without flags",
			in:   SettingsInput{Currencies: &[]Currency{{Code: "eur"}, {Code: "gbp"}}, DefaultCurrency: ptr("gbp")},
			want: []Currency{{Code: "eur"}, {Code: "gbp", IsDefault: true}}, changed: true},
		{name: "a default agreeing with the flags",
			in:   SettingsInput{Currencies: &[]Currency{{Code: "eur", IsDefault: true}}, DefaultCurrency: ptr("EUR")},
			want: []Currency{{Code: "eur", IsDefault: true}}, changed: true},
		{name: "E3 unknown code in the set first",
			in:  SettingsInput{Currencies: &[]Currency{{Code: "eur"}, {Code: "XXX"}}, DefaultCurrency: ptr("yyy")},
			err: "invalid_data: Currency code XXX is not a known ISO 4217 currency"},
		{name: "E3 unknown default", in: SettingsInput{DefaultCurrency: ptr("yyy")},
			err: "invalid_data: Currency code yyy is not a known ISO 4217 currency"},
		{name: "E4 duplicate whatever the case",
			in:  SettingsInput{Currencies: &[]Currency{{Code: "eur", IsDefault: true}, {Code: "usd"}, {Code: "EUR"}}},
			err: "invalid_data: Currency eur is listed more than once in supported_currencies"},
		{name: "E4 before E5",
			in:  SettingsInput{Currencies: &[]Currency{{Code: "usd", IsDefault: true}, {Code: "usd"}}, DefaultCurrency: ptr("eur")},
			err: "invalid_data: Currency usd is listed more than once in supported_currencies"},
		{name: "E5 default conflicts with a flag",
			in:  SettingsInput{Currencies: &[]Currency{{Code: "eur"}, {Code: "usd", IsDefault: true}}, DefaultCurrency: ptr("eur")},
			err: "invalid_data: default_currency_code eur conflicts with is_default on usd"},
		{name: "E2 no default", in: SettingsInput{Currencies: &[]Currency{{Code: "eur"}, {Code: "usd"}}},
			err: "invalid_data: Exactly one supported currency must be the default, got 0"},
		{name: "E2 two defaults", in: SettingsInput{Currencies: &[]Currency{{Code: "eur", IsDefault: true}, {Code: "usd", IsDefault: true}}},
			err: "invalid_data: Exactly one supported currency must be the default, got 2"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, changed, err := tt.in.currencies(tt.current)
			if errText(err) != tt.err {
				t.Fatalf("error %q, want %q", errText(err), tt.err)
			}
			if err == nil && (!reflect.DeepEqual(got, tt.want) || changed != tt.changed) {
				t.Errorf("got %+v changed %v, want %+v changed %v", got, changed, tt.want, tt.changed)
			}
		})
	}
}

func TestLocaleSettings(t *testing.T) {
	enDE := []Locale{{Code: "de-DE"}, {Code: "en-US", IsDefault: true}}
	tests := []struct {
		name    string
		current []Locale
		store   []string
		in      SettingsInput
		want    []Locale
		err     string
	}{
		{name: "nothing sent keeps the set", current: enDE, want: enDE},
		{name: "tags are written in BCP 47's case",
			in:   SettingsInput{Locales: &[]Locale{{Code: "EN-us", IsDefault: true}, {Code: "zh-hant-tw"}}},
			want: []Locale{{Code: "en-US", IsDefault: true}, {Code: "zh-Hant-TW"}}},
		{name: "a default moves the flag", current: enDE, in: SettingsInput{DefaultLocale: ptr("de-de")},
			want: []Locale{{Code: "de-DE", IsDefault: true}, {Code: "en-US"}}},
		{name: "a default overrides the flags", in: SettingsInput{Locales: &[]Locale{{Code: "fr-FR", IsDefault: true}}, DefaultLocale: ptr("fr-BE")},
			want: []Locale{{Code: "fr-BE", IsDefault: true}, {Code: "fr-FR"}}},
		{name: "the store's locales bound the channel's", store: []string{"en-US", "de-DE"}, in: SettingsInput{DefaultLocale: ptr("en-us")},
			want: []Locale{{Code: "en-US", IsDefault: true}}},
		{name: "E6 malformed", in: SettingsInput{Locales: &[]Locale{{Code: "en_US", IsDefault: true}}},
			err: "invalid_data: Locale code en_US is not a valid BCP 47 tag"},
		{name: "E7 duplicate", in: SettingsInput{Locales: &[]Locale{{Code: "en-US", IsDefault: true}, {Code: "EN-US"}}},
			err: "invalid_data: Locale en-US is listed more than once in supported_locales"},
		{name: "E8 no default", in: SettingsInput{Locales: &[]Locale{{Code: "en-US"}}},
			err: "invalid_data: Exactly one supported locale must be the default, got 0"},
		{name: "E9 not the store's", store: []string{"en-US"}, in: SettingsInput{Locales: &[]Locale{{Code: "en-US", IsDefault: true}, {Code: "de-DE"}}},
			err: "invalid_data: Locale de-DE is not supported by the store"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, _, err := tt.in.locales(tt.current, tt.store)
			if errText(err) != tt.err {
				t.Fatalf("error %q, want %q", errText(err), tt.err)
			}
			if err == nil && !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %+v, want %+v", got, tt.want)
			}
		})
	}
}

func errText(err error) string {
	if err == nil {
		return ""
	}
	return err.Error()
}
