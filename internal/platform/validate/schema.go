package validate

import (
	"encoding/json"
	"math"
	"reflect"
	"slices"
	"strconv"
	"strings"
)

// Schema validates and coerces one value. Implementations live in this package only, so that every
// schema reports issues the way Medusa formats them.
type Schema interface {
	// parse checks v (undef{} when the key is absent), appends issues to c and returns the output.
	parse(c *ctx, path []string, v any) any
	// JSONSchema returns a JSON Schema 2020-12 fragment describing what the schema accepts.
	JSONSchema() map[string]any
}

// undef stands for JavaScript's undefined: a key that is absent from its object.
type undef struct{}

func isUndef(v any) bool { _, ok := v.(undef); return ok }

// ctx collects the issues of one parse.
type ctx struct{ issues []issue }

func (c *ctx) add(is issue) { c.issues = append(c.issues, is) }

// abortedSince reports whether an issue added after the first n stops further checks. zod 4
// lets an issue continue when the value is still usable (a bound missed); any other issue
// aborts, which skips later checks and decides how unions choose between their members.
func (c *ctx) abortedSince(n int) bool {
	for _, is := range c.issues[n:] {
		if !is.cont {
			return true
		}
	}
	return false
}

// typeIssue reports that v is not of the expected zod type. Whether the client sees "Expected
// type" or "is required" is decided when the message is written, from the input itself.
func (c *ctx) typeIssue(path []string, expected string) {
	c.add(issue{code: invalidType, path: path, expected: expected})
}

func child(path []string, seg string) []string {
	return append(slices.Clip(path), seg)
}

// object is a JSON object that remembers its key order, which zod uses to list unknown keys.
type object struct {
	keys []string
	vals map[string]any
}

// OrderedObject returns an object with keys in the given order, for decoders that know it (the
// query-string parser): Medusa lists unknown keys in the order JavaScript enumerates them.
func OrderedObject(keys []string, vals map[string]any) any {
	return &object{keys: slices.Clone(keys), vals: vals}
}

// asObject views v as an object. A Go map has no order, so its keys are sorted to stay stable.
func asObject(v any) (*object, bool) {
	switch x := v.(type) {
	case *object:
		return x, true
	case map[string]any:
		keys := make([]string, 0, len(x))
		for k := range x {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		return &object{keys: keys, vals: x}, true
	}
	return nil, false
}

// lookup is Medusa's getValueFromBody: it walks the original input along path through plain
// objects only, so a path through an array element finds nothing (undef{}). Medusa prints what
// it finds as the received value, and reports a field it cannot find as required.
func lookup(root any, path []string) any {
	cur := root
	for _, seg := range path {
		obj, ok := asObject(cur)
		if !ok {
			return undef{}
		}
		v, present := obj.vals[seg]
		if !present {
			return undef{}
		}
		cur = v
	}
	if _, ok := asObject(root); !ok {
		return undef{}
	}
	return cur
}

// asArray views v as a JSON array.
func asArray(v any) ([]any, bool) {
	switch x := v.(type) {
	case []any:
		return x, true
	case []string:
		out := make([]any, len(x))
		for i, s := range x {
			out[i] = s
		}
		return out, true
	}
	return nil, false
}

// plain turns ordered objects back into maps so outputs marshal like any other Go value.
func plain(v any) any {
	switch x := v.(type) {
	case *object:
		m := make(map[string]any, len(x.vals))
		for k, e := range x.vals {
			m[k] = plain(e)
		}
		return m
	case map[string]any:
		m := make(map[string]any, len(x))
		for k, e := range x {
			m[k] = plain(e)
		}
		return m
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = plain(e)
		}
		return out
	}
	return v
}

// toFloat reads any Go or JSON number.
func toFloat(v any) (float64, bool) {
	switch x := v.(type) {
	case json.Number:
		f, err := strconv.ParseFloat(string(x), 64)
		if err != nil && !math.IsInf(f, 0) {
			return 0, false
		}
		return f, true
	case float64:
		return x, true
	}
	// Any other Go number: a value built in code rather than decoded from JSON.
	switch rv := reflect.ValueOf(v); {
	case rv.CanFloat():
		return rv.Float(), true
	case rv.CanInt():
		return float64(rv.Int()), true
	case rv.CanUint():
		return float64(rv.Uint()), true
	}
	return 0, false
}

// jsNumber prints f as JavaScript's String(number) does, since Medusa interpolates bounds that way.
func jsNumber(f float64) string {
	switch {
	case f == 0:
		return "0" // String(-0) is "0" too
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	if a := math.Abs(f); a != 0 && (a >= 1e21 || a < 1e-6) {
		s := strconv.FormatFloat(f, 'e', -1, 64)
		mant, exp, _ := strings.Cut(s, "e")
		sign := exp[:1]
		exp = strings.TrimLeft(exp[1:], "0")
		return mant + "e" + sign + exp
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// jsString prints v as JavaScript's String(v) does: Medusa interpolates the received value into
// its messages that way, so 1 is '1', ["a","b"] is 'a,b' and {"a":1} is '[object Object]'.
func jsString(v any) string {
	switch x := v.(type) {
	case undef:
		return "undefined"
	case nil:
		return "null"
	case string:
		return x
	case bool:
		return strconv.FormatBool(x)
	case *object, map[string]any:
		return "[object Object]"
	}
	if arr, ok := asArray(v); ok {
		parts := make([]string, len(arr))
		for i, e := range arr {
			if e != nil && !isUndef(e) {
				parts[i] = jsString(e)
			}
		}
		return strings.Join(parts, ",")
	}
	if f, ok := toFloat(v); ok {
		return jsNumber(f)
	}
	return "[object Object]"
}
