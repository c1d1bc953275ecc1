package qs

import (
	"strconv"
	"strings"

	"channeld/internal/platform/apperr"
)

// normalize applies Medusa's normalizeQuery to the top-level keys, in JavaScript key order.
// Like Medusa, it splits commas only in top-level values, never inside nested maps.
func normalize(obj *jsObject) (*jsObject, error) {
	out := newObject()
	for _, key := range obj.orderedKeys() {
		val := compact(obj.vals[key])
		if arr, ok := val.([]any); ok && len(arr) == 1 {
			if s, ok := arr[0].(string); ok {
				val = splitComma(s)
			}
		}
		if !strings.Contains(key, ".") {
			out.set(key, val)
			continue
		}
		parts := strings.Split(key, ".")
		if len(parts) > 2 {
			return nil, apperr.Invalidf("Key accessor more than 2 levels deep: %s", key)
		}
		parent, childKey := parts[0], parts[1]
		nested := spread(out.vals[parent])
		nested[childKey] = val
		out.set(parent, nested)
	}
	return out, nil
}

func splitComma(s string) []any {
	parts := strings.Split(s, ",")
	out := make([]any, len(parts))
	for i, p := range parts {
		out[i] = p
	}
	return out
}

// spread is {...v} in JavaScript: an object is copied, an array or string becomes index keys,
// anything else gives an empty object. It matters when "a" and "a.b" are both given.
func spread(v any) map[string]any {
	out := map[string]any{}
	switch x := v.(type) {
	case map[string]any:
		for k, e := range x {
			out[k] = e
		}
	case []any:
		for i, e := range x {
			out[strconv.Itoa(i)] = e
		}
	case string:
		i := 0
		for _, r := range x {
			out[strconv.Itoa(i)] = string(r)
			i++
		}
	}
	return out
}
