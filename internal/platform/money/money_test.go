package money

import "testing"

func TestToMinor(t *testing.T) {
	tests := []struct {
		amount, currency string
		want             int64
		wantErr          bool
	}{
		{"10", "eur", 1000, false},
		{"10.5", "eur", 1050, false},
		{"10.55", "usd", 1055, false},
		{"10.555", "eur", 0, true},
		{"1e3", "eur", 100000, false},
		{"500", "jpy", 500, false},
		{"5.5", "jpy", 0, true},
		{"1.234", "kwd", 1234, false},
		{"abc", "eur", 0, true},
		{"99999999999999999999", "eur", 0, true},
		{"-3.2", "eur", -320, false},
	}
	for _, tt := range tests {
		got, err := ToMinor(tt.amount, tt.currency)
		if (err != nil) != tt.wantErr || got != tt.want {
			t.Errorf("ToMinor(%q, %q) = %d, %v; want %d, error %v", tt.amount, tt.currency, got, err, tt.want, tt.wantErr)
		}
	}
}

func TestMajor(t *testing.T) {
	tests := []struct {
		minor    int64
		currency string
		want     string
	}{
		{1000, "eur", "10"}, {1050, "eur", "10.5"}, {1055, "eur", "10.55"}, {5, "eur", "0.05"},
		{500, "jpy", "500"}, {1234, "kwd", "1.234"}, {-320, "eur", "-3.2"}, {0, "eur", "0"},
	}
	for _, tt := range tests {
		if got := Major(tt.minor, tt.currency); got != tt.want {
			t.Errorf("Major(%d, %q) = %s, want %s", tt.minor, tt.currency, got, tt.want)
		}
	}
}

func TestNormalize(t *testing.T) {
	if c, err := Normalize("EUR"); err != nil || c != "eur" {
		t.Errorf("Normalize(EUR) = %q, %v", c, err)
	}
	if _, err := Normalize("xyz"); err == nil {
		t.Error("Normalize(xyz) accepted a code that is not a currency")
	}
}
