package validate

import (
	"fmt"
	"strings"
)

// BoolString accepts a real boolean or the strings "true" and "false" in any letter case, as
// Medusa's booleanString does for query parameters; the output is a bool.
func BoolString() Schema {
	return &effect{
		inner: Union(Bool(), String()),
		refine: func(v any) bool {
			s := strings.ToLower(fmt.Sprint(v))
			return s == "true" || s == "false"
		},
		transform: func(v any) any { return strings.ToLower(fmt.Sprint(v)) == "true" },
		js:        func() map[string]any { return map[string]any{"type": "boolean"} },
	}
}

// IntString is Medusa's limit/offset parameter: a non-empty string is read like JavaScript's
// parseInt, then it must be a safe integer (channeld adds this, so the int64 output is exact),
// then the checks added after apply.
func IntString() *NumberSchema {
	s := Number().Int()
	s.fromString = true
	return s
}

// StringOrArray accepts a string or an array of strings and always outputs []string, so handlers
// need not care which form the client used.
func StringOrArray() Schema {
	return &effect{
		inner: Union(String(), Array(String())),
		transform: func(v any) any {
			if s, ok := v.(string); ok {
				return []string{s}
			}
			arr, _ := v.([]any)
			out := make([]string, len(arr))
			for i, e := range arr {
				out[i], _ = e.(string)
			}
			return out
		},
	}
}

// Operators is the output of OperatorMap: operator ("$eq", "$in", ...) to value, with []any for
// the array operators.
type Operators map[string]any

// valueOperators take one value; listOperators take an array; eqOperators take either.
var (
	eqOperators    = []string{"$eq", "$ne"}
	listOperators  = []string{"$in", "$nin"}
	valueOperators = []string{"$like", "$ilike", "$re", "$contains", "$gt", "$gte", "$lt", "$lte"}
)

// OperatorMap is Medusa's createOperatorMap: a plain value or array of inner, or an object of
// operators. The member order and nesting copy Medusa 2.21.2's union so failures read the same.
// A plain value becomes {"$eq": v} and a plain array {"$in": [...]}. An absent value stays absent.
func OperatorMap(inner Schema) Schema {
	simple := Optional(inner)
	arr := Optional(Array(inner))
	either := Optional(Union(simple, arr))
	fields := make([]Field, 0, 12)
	for _, op := range eqOperators {
		fields = append(fields, F(op, either))
	}
	for _, op := range listOperators {
		fields = append(fields, F(op, arr))
	}
	for _, op := range valueOperators {
		fields = append(fields, F(op, simple))
	}
	obj := Object(fields...)
	return &effect{
		inner: Union(either, obj),
		transform: func(v any) any {
			switch x := v.(type) {
			case map[string]any:
				return Operators(x)
			case []any:
				return Operators{"$in": x}
			}
			return Operators{"$eq": v}
		},
		js: func() map[string]any {
			return map[string]any{"anyOf": []any{
				inner.JSONSchema(),
				map[string]any{"type": "array", "items": inner.JSONSchema()},
				obj.JSONSchema(),
			}}
		},
	}
}
