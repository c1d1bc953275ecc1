package locale

import "testing"

func TestCanonical(t *testing.T) {
	tests := []struct {
		tag, want string
		ok        bool
	}{
		{"en", "en", true},
		{"EN-us", "en-US", true},
		{"de-DE", "de-DE", true},
		{"zh-hant-tw", "zh-Hant-TW", true},
		{"ZH-HANT", "zh-Hant", true},
		{"es-419", "es-419", true},
		{"fil-PH", "fil-PH", true},
		{"sr-Latn-RS", "sr-Latn-RS", true},
		{"", "", false},
		{"e", "", false},
		{"engl", "", false},
		{"en_US", "", false},
		{"en-", "", false},
		{"-US", "", false},
		{"en-USA", "", false},
		{"en-12", "", false},
		{"en-1234", "", false},
		{"en-Latn-US-x", "", false},
		{"en-US-Latn", "", false},
		{"en-Latn-Latn", "", false},
		{"de-DE-1996", "", false},
		{"en-US\x00", "", false},
		{"é-FR", "", false},
		{"e1", "", false},
	}
	for _, tt := range tests {
		got, ok := Canonical(tt.tag)
		if got != tt.want || ok != tt.ok {
			t.Errorf("Canonical(%q) = %q, %v; want %q, %v", tt.tag, got, ok, tt.want, tt.ok)
		}
	}
}

func TestName(t *testing.T) {
	tests := []struct{ tag, want string }{
		{"en", "English"},
		{"en-US", "English (United States)"},
		{"fr-FR", "French (France)"},
		{"nb-NO", "Norwegian Bokmål (Norway)"},
		{"es-419", "Spanish (Latin America)"},
		{"zh-Hant-TW", "Chinese (Traditional Han, Taiwan)"},
		{"xx", "xx"},
		{"xx-QQ", "xx (QQ)"},
	}
	for _, tt := range tests {
		if got := Name(tt.tag); got != tt.want {
			t.Errorf("Name(%q) = %q; want %q", tt.tag, got, tt.want)
		}
	}
}
