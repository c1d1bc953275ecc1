package locale

import (
	"strings"

	"golang.org/x/text/language"
	"golang.org/x/text/language/display"
)

// Name returns the English display name of a canonical tag in Medusa's form, the language then
// its script and region in parentheses: "English (United States)", "Chinese (Traditional Han,
// Taiwan)", "Spanish (Latin America)". Names come from CLDR through x/text, so any well-formed
// tag has one; a subtag CLDR does not know is written as it is (`xx-QQ` is "xx (QQ)").
func Name(tag string) string {
	parts := strings.Split(tag, "-")
	name := parts[0]
	if b, err := language.ParseBase(parts[0]); err == nil {
		if n := display.English.Languages().Name(b); n != "" {
			name = n
		}
	}
	var extra []string
	for _, p := range parts[1:] {
		extra = append(extra, subtagName(p))
	}
	if len(extra) == 0 {
		return name
	}
	return name + " (" + strings.Join(extra, ", ") + ")"
}

// subtagName names a script (four letters) or a region (two letters or three digits), or
// returns the subtag itself when CLDR has no name for it.
func subtagName(p string) string {
	if len(p) == 4 {
		if s, err := language.ParseScript(p); err == nil {
			if n := display.English.Scripts().Name(s); n != "" && n != "Unknown Script" {
				return n
			}
		}
		return p
	}
	if r, err := language.ParseRegion(p); err == nil {
		if n := display.English.Regions().Name(r); n != "" && n != "Unknown Region" {
			return n
		}
	}
	return p
}
