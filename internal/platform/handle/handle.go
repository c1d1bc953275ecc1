// Package handle derives URL handles from titles, as Medusa's toHandle does for products,
// collections and categories alike.
package handle

import (
	"strings"
	"unicode"
)

// From lowercases title and joins its runs of letters and digits with dashes.
func From(title string) string {
	var b strings.Builder
	dash := false
	for _, r := range strings.ToLower(title) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			dash = false
			b.WriteRune(r)
			continue
		}
		dash = true
	}
	return b.String()
}
