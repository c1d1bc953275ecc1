// Package qs parses URL query strings the way Medusa v2 sees them: Node's qs module with its
// default options and no array limit, followed by Medusa's normalisation (comma splitting of
// one-element arrays, dotted keys). Matching qs matters because the parsed shape decides which
// validation messages a client gets.
package qs

import (
	"strconv"
	"strings"
	"unicode/utf8"
)

// Limits that keep a hostile query cheap. qs has the same parameter limit and depth by default;
// arrays are sparse until compacted, so a huge index costs nothing.
const (
	parameterLimit = 1000
	depth          = 5
)

// Parse parses raw (the part after '?') into nested maps, []any and strings. A key nested more
// than two levels by dots is an apperr Invalid error.
func Parse(raw string) (map[string]any, error) {
	_, vals, err := ParseOrdered(raw)
	return vals, err
}

// ParseOrdered is Parse that also returns the top-level keys in the order JavaScript would
// enumerate Medusa's normalised query, the order in which Medusa names unknown parameters.
func ParseOrdered(raw string) ([]string, map[string]any, error) {
	out, err := normalize(parseQS(raw))
	if err != nil {
		return nil, nil, err
	}
	return out.orderedKeys(), out.vals, nil
}

// parseQS is qs.parse(str, {arrayLimit: Infinity}).
func parseQS(raw string) *jsObject {
	temp := parseValues(raw)
	result := newObject()
	for _, k := range temp.orderedKeys() {
		if v := parseKeys(k, temp.vals[k]); v != nil {
			result = merge(result, v).(*jsObject)
		}
	}
	return result
}

// parseValues splits the string into raw keys and decoded values, combining repeated keys.
func parseValues(raw string) *jsObject {
	raw = replaceFold(raw, "%5B", "[")
	raw = replaceFold(raw, "%5D", "]")
	parts := strings.SplitN(raw, "&", parameterLimit+1)
	if len(parts) > parameterLimit {
		parts = parts[:parameterLimit]
	}
	temp := newObject()
	for _, part := range parts {
		// qs splits at "]=" when there is one, so "a[b=c]=d" keeps its "=" in the key.
		pos := strings.Index(part, "]=")
		if pos >= 0 {
			pos++
		} else {
			pos = strings.IndexByte(part, '=')
		}
		var key string
		var val any = ""
		if pos < 0 {
			key = decode(part)
		} else {
			key = decode(part[:pos])
			val = decode(part[pos+1:])
		}
		if old, ok := temp.vals[key]; ok {
			if arr, ok := old.(*jsArray); ok {
				// The array is ours alone, so appending in place keeps 1000 repeats linear.
				arr.push(val)
			} else {
				temp.set(key, combine(old, val))
			}
		} else {
			temp.set(key, val)
		}
	}
	return temp
}

// combine is [].concat(a, b).
func combine(a, b any) any {
	out := newArray()
	for _, v := range []any{a, b} {
		if arr, ok := v.(*jsArray); ok {
			base := out.length
			for _, i := range arr.indices() {
				out.setIndex(base+i, arr.items[i])
			}
			out.length = base + arr.length
			continue
		}
		out.push(v)
	}
	return out
}

// replaceFold replaces old (ASCII) in s, ignoring letter case.
func replaceFold(s, old, repl string) string {
	var b strings.Builder
	for {
		i := indexFold(s, old)
		if i < 0 {
			b.WriteString(s)
			return b.String()
		}
		b.WriteString(s[:i])
		b.WriteString(repl)
		s = s[i+len(old):]
	}
}

func indexFold(s, sub string) int {
	for i := 0; i+len(sub) <= len(s); i++ {
		if strings.EqualFold(s[i:i+len(sub)], sub) {
			return i
		}
	}
	return -1
}

// decode is qs's default decoder: '+' is a space, then decodeURIComponent; when that would throw
// (a bad escape or invalid UTF-8) the text is kept with only '+' replaced.
func decode(s string) string {
	s = strings.ReplaceAll(s, "+", " ")
	if !strings.Contains(s, "%") {
		return s
	}
	buf := make([]byte, 0, len(s))
	for i := 0; i < len(s); i++ {
		if s[i] != '%' {
			buf = append(buf, s[i])
			continue
		}
		if i+3 > len(s) {
			return s
		}
		n, err := strconv.ParseUint(s[i+1:i+3], 16, 8)
		if err != nil {
			return s
		}
		buf = append(buf, byte(n))
		i += 2
	}
	if !utf8.Valid(buf) {
		return s
	}
	return string(buf)
}
