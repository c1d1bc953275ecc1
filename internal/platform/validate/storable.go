package validate

import (
	"encoding/json"
	"fmt"
	"strconv"
	"strings"
	"unicode/utf8"

	"channeld/internal/platform/apperr"
)

// Bounds channeld keeps on every request beyond its schema; Medusa has none of them. They are
// reported in zod's words, like any other too-big value.
const (
	// MaxQueryString bounds each string of a query string, in characters. Node, under Medusa,
	// refuses request heads over 16 KiB, so no Medusa client sends more in one value; and it
	// keeps any value far below SQLite's 50,000-byte LIKE patterns.
	MaxQueryString = 4096
	// MaxItems bounds each array of a body or a query string. Lists end up as IN lists and
	// batches: SQLite refuses statements with more than 32,766 parameters, PostgreSQL more
	// than 65,535, and a statement with thousands costs seconds to compile on SQLite.
	MaxItems = 1000
	// MaxIndexed bounds strings stored in a btree index (handles, SKUs, emails), in
	// characters: PostgreSQL refuses index entries over about 2,700 bytes, and 500
	// characters are at most 2,000 bytes of UTF-8.
	MaxIndexed = 500
)

// limits are the bounds checkStorable applies to one kind of input.
type limits struct{ maxString, maxItems int }

var (
	bodyLimits  = limits{maxItems: MaxItems}
	queryLimits = limits{maxString: MaxQueryString, maxItems: MaxItems}
)

// checkStorable reports the first string (a value or an object key, at any depth, free-form
// metadata included) that no database column can hold, or the first value past the limits.
// A NUL character is refused by PostgreSQL's text and JSONB types, and so is invalid UTF-8;
// SQLite would store both, so refusing them here keeps the two engines' answers the same.
func checkStorable(v any, path []string, l limits) *apperr.Error {
	switch x := v.(type) {
	case string:
		return checkString(x, path, l)
	case json.Number:
		if outOfRange(x) {
			return apperr.Invalidf("Invalid request: Value for field '%s' is out of range", joinPath(path))
		}
	case *object, map[string]any:
		obj, _ := asObject(x)
		for _, k := range obj.keys {
			if bad := Unstorable(k); bad != "" {
				return apperr.Invalidf("Invalid request: Value for field '%s' has a key that %s", joinPath(path), bad)
			}
			if err := checkStorable(obj.vals[k], child(path, k), l); err != nil {
				return err
			}
		}
	case []any, []string:
		arr, _ := asArray(x)
		if l.maxItems > 0 && len(arr) > l.maxItems {
			return tooBigError(path, l.maxItems)
		}
		for i, e := range arr {
			if err := checkStorable(e, child(path, strconv.Itoa(i)), l); err != nil {
				return err
			}
		}
	}
	return nil
}

func checkString(s string, path []string, l limits) *apperr.Error {
	if bad := Unstorable(s); bad != "" {
		return apperr.Invalidf("Invalid request: Value for field '%s' %s", joinPath(path), bad)
	}
	// A string has at least as many bytes as UTF-16 code units, so most need no counting.
	if l.maxString > 0 && len(s) > l.maxString && jsLength(s) > l.maxString {
		return tooBigError(path, l.maxString)
	}
	return nil
}

// Unstorable says why no database can store s ("contains a NUL character"), or returns "".
// Strings that reach no schema, such as path parameters, are checked with it too.
func Unstorable(s string) string {
	switch {
	case strings.IndexByte(s, 0) >= 0:
		return "contains a NUL character"
	case !utf8.ValidString(s):
		return "is not valid UTF-8"
	}
	return ""
}

// outOfRange reports a number written with more than 1,000 characters or an exponent beyond
// ±1,000. PostgreSQL's JSONB refuses numbers past 131,072 digits before the point or 16,383
// after it (1e999999, 1e-999999) where SQLite stores any text; JavaScript, under Medusa,
// reads none of them as written either.
func outOfRange(n json.Number) bool {
	s := string(n)
	if len(s) > 1000 {
		return true
	}
	if i := strings.IndexAny(s, "eE"); i >= 0 {
		exp, err := strconv.Atoi(strings.TrimPrefix(s[i+1:], "+"))
		return err != nil || exp > 1000 || exp < -1000
	}
	return false
}

func tooBigError(path []string, n int) *apperr.Error {
	return apperr.Invalidf("Invalid request: %s", issue{code: tooBig, path: path, bound: fmt.Sprint(n)}.format(nil))
}
