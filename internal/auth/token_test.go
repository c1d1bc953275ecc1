package auth

import (
	"testing"
	"time"
)

// A token is accepted from its issue time (give or take the clock skew instances may have)
// until it expires; one issued in the future is refused.
func TestTokenTimes(t *testing.T) {
	secret := []byte("0123456789abcdef0123456789abcdef")
	now := time.Date(2026, 5, 1, 10, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		name     string
		issued   time.Time
		accepted bool
	}{
		{"issued now", now, true},
		{"issued an hour ago", now.Add(-time.Hour), true},
		{"issued within the clock skew ahead", now.Add(20 * time.Second), true},
		{"issued a minute ahead", now.Add(time.Minute), false},
		{"issued a day ahead", now.Add(24 * time.Hour), false},
		{"expired", now.Add(-tokenTTL - time.Minute), false},
	} {
		tok, err := issueToken(secret, "user_1", tt.issued)
		if err != nil {
			t.Fatal(err)
		}
		if _, ok := parseToken(secret, tok, now); ok != tt.accepted {
			t.Errorf("%s: accepted = %v, want %v", tt.name, ok, tt.accepted)
		}
	}
}
