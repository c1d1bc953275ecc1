// Package locale reads the language tags that channels, the store and translations name:
// the BCP 47 subset of a language, an optional script and an optional region (`en`, `en-US`,
// `zh-Hant-TW`, `es-419`), compared case-insensitively and written in BCP 47's own case.
package locale

import "strings"

// Canonical returns tag in BCP 47's case (`ll-Ssss-RR`): a language of two or three letters,
// then an optional script of four letters, then an optional region of two letters or three
// digits, separated by `-`. ok is false for anything else, extensions and variants included:
// no client of a storefront sends them, and a tag that means the same as another must be
// written the same to be compared.
func Canonical(tag string) (string, bool) {
	parts := strings.Split(tag, "-")
	if len(parts) > 3 || !letters(parts[0], 2, 3) {
		return "", false
	}
	out := []string{strings.ToLower(parts[0])}
	rest := parts[1:]
	if len(rest) > 0 && letters(rest[0], 4, 4) {
		s := strings.ToLower(rest[0])
		out = append(out, strings.ToUpper(s[:1])+s[1:])
		rest = rest[1:]
	}
	if len(rest) > 0 {
		switch r := rest[0]; {
		case letters(r, 2, 2):
			out = append(out, strings.ToUpper(r))
		case digits(r, 3):
			out = append(out, r)
		default:
			return "", false
		}
		rest = rest[1:]
	}
	if len(rest) > 0 {
		return "", false
	}
	return strings.Join(out, "-"), true
}

// letters reports whether s is min to max ASCII letters.
func letters(s string, min, max int) bool {
	if len(s) < min || len(s) > max {
		return false
	}
	for i := 0; i < len(s); i++ {
		if c := s[i] | 0x20; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

// digits reports whether s is exactly n ASCII digits.
func digits(s string, n int) bool {
	if len(s) != n {
		return false
	}
	for i := 0; i < len(s); i++ {
		if s[i] < '0' || s[i] > '9' {
			return false
		}
	}
	return true
}
