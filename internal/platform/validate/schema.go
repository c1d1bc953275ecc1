package validate

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
)

// Schema validates and coerces one value. Implementations live in this package only, so that every
// schema reports issues the way Medusa formats them.
type Schema interface {
	// parse checks v (undef{} when the key is absent), appends issues to c and returns the output.
	parse(c *ctx, path []string, v any) (any, status)
	// JSONSchema returns a JSON Schema 2020-12 fragment describing what the schema accepts.
	JSONSchema() map[string]any
}

// status is zod's parse status: a dirty value has issues but was still walked to the end (a
// too_small string), an aborted one stopped early (a wrong type). Unions and objects react to the
// difference, so it changes which messages a client sees.
type status int

const (
	valid status = iota
	dirty
	aborted
)

func worst(a, b status) status { return max(a, b) }

// undef stands for JavaScript's undefined: a key that is absent from its object.
type undef struct{}

func isUndef(v any) bool { _, ok := v.(undef); return ok }

// ctx collects the issues of one parse.
type ctx struct{ issues []issue }

func (c *ctx) add(is issue) { c.issues = append(c.issues, is) }

// typeIssue reports that v is not of the expected zod type; an absent v is zod's "Required".
func (c *ctx) typeIssue(path []string, expected string, v any) {
	c.add(issue{code: invalidType, path: path, expected: expected, received: typeOf(v),
		hasReceived: true, required: isUndef(v)})
}

func child(path []string, seg string) []string {
	return append(slices.Clip(path), seg)
}

// object is a JSON object that remembers its key order, which zod uses to list unknown keys.
type object struct {
	keys []string
	vals map[string]any
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
	case float32:
		return float64(x), true
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	}
	return 0, false
}

// typeOf names v the way zod's getParsedType does.
func typeOf(v any) string {
	switch v.(type) {
	case undef:
		return "undefined"
	case nil:
		return "null"
	case string:
		return "string"
	case bool:
		return "boolean"
	case []any, []string:
		return "array"
	case *object, map[string]any:
		return "object"
	}
	if f, ok := toFloat(v); ok {
		if math.IsNaN(f) {
			return "nan"
		}
		return "number"
	}
	return "unknown"
}

// jsNumber prints f as JavaScript's String(number) does, since Medusa interpolates bounds that way.
func jsNumber(f float64) string {
	switch {
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

// jsString prints v as JavaScript's template literals do, for literal issues.
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
