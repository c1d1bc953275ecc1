package validate

import (
	"slices"
	"unicode/utf16"
)

// StringSchema accepts a JSON string, optionally bounded in length.
type StringSchema struct {
	checks []bound
}

// bound is one check, kept in declaration order because zod runs and reports them in that order.
type bound struct {
	kind string // "gt", "gte", "lt", "lte" or "int"
	n    float64
}

// String accepts a string.
func String() *StringSchema { return &StringSchema{} }

// Min requires at least n characters (UTF-16 code units, as JavaScript counts them).
func (s *StringSchema) Min(n int) *StringSchema {
	return &StringSchema{checks: withLength(s.checks, "gte", n)}
}

// Max allows at most n characters.
func (s *StringSchema) Max(n int) *StringSchema {
	return &StringSchema{checks: withLength(s.checks, "lte", n)}
}

// describeLength records length checks in a JSON Schema under its keys for a minimum and a
// maximum, which differ between strings and arrays.
func describeLength(js map[string]any, checks []bound, minKey, maxKey string) map[string]any {
	for _, b := range checks {
		if b.kind == "gte" {
			js[minKey] = int(b.n)
		} else {
			js[maxKey] = int(b.n)
		}
	}
	return js
}

// withLength returns checks with one more bound on a length; the schema it was built from
// keeps its own checks, so a shared schema can be narrowed in one place.
func withLength(checks []bound, kind string, n int) []bound {
	return append(slices.Clip(checks), bound{kind, float64(n)})
}

func (s *StringSchema) parse(c *ctx, path []string, v any) any {
	str, ok := v.(string)
	if !ok {
		c.typeIssue(path, "string")
		// zod 4 runs length checks on anything with a length, so an array still gets them.
		if arr, isArr := asArray(v); isArr {
			checkLength(c, path, len(arr), s.checks)
		}
		return nil
	}
	checkLength(c, path, jsLength(str), s.checks)
	return str
}

// jsLength is a string's length as JavaScript counts it, in UTF-16 code units.
func jsLength(s string) int { return len(utf16.Encode([]rune(s))) }

// JSONSchema describes a string.
func (s *StringSchema) JSONSchema() map[string]any {
	js := map[string]any{"type": "string"}
	return describeLength(js, s.checks, "minLength", "maxLength")
}

// checkLength applies min/max checks to a length. They run even after a type issue, as zod 4's
// length checks do, and leave the value usable.
func checkLength(c *ctx, path []string, n int, checks []bound) {
	for _, b := range checks {
		switch {
		case b.kind == "gte" && float64(n) < b.n:
			c.add(issue{code: tooSmall, path: path, bound: jsNumber(b.n), cont: true})
		case b.kind == "lte" && float64(n) > b.n:
			c.add(issue{code: tooBig, path: path, bound: jsNumber(b.n), cont: true})
		}
	}
}

// BoolSchema accepts a real JSON boolean only.
type BoolSchema struct{}

// Bool accepts true or false.
func Bool() *BoolSchema { return &BoolSchema{} }

func (*BoolSchema) parse(c *ctx, path []string, v any) any {
	if b, ok := v.(bool); ok {
		return b
	}
	c.typeIssue(path, "boolean")
	return nil
}

// JSONSchema describes a boolean.
func (*BoolSchema) JSONSchema() map[string]any { return map[string]any{"type": "boolean"} }

// EnumSchema accepts one of a fixed set of strings.
type EnumSchema struct{ values []string }

// Enum accepts one of values.
func Enum(values ...string) *EnumSchema { return &EnumSchema{values: slices.Clone(values)} }

// parse refuses anything but one of the values, a non-string too, with zod 4's invalid_value.
func (s *EnumSchema) parse(c *ctx, path []string, v any) any {
	if str, ok := v.(string); ok && slices.Contains(s.values, str) {
		return str
	}
	c.add(issue{code: invalidValue, path: path, values: s.values})
	return nil
}

// JSONSchema describes the enum.
func (s *EnumSchema) JSONSchema() map[string]any {
	enum := make([]any, len(s.values))
	for i, e := range s.values {
		enum[i] = e
	}
	return map[string]any{"type": "string", "enum": enum}
}

type literal struct{ want any }

// Literal accepts exactly v (a string, bool, number or nil).
func Literal(v any) Schema { return literal{want: v} }

func (l literal) parse(c *ctx, path []string, v any) any {
	if sameLiteral(l.want, v) {
		return l.want
	}
	c.add(issue{code: invalidValue, path: path, values: []string{jsString(l.want)}})
	return nil
}

func sameLiteral(want, got any) bool {
	if wf, ok := toFloat(want); ok {
		gf, ok := toFloat(got)
		return ok && wf == gf
	}
	switch want.(type) {
	case nil, string, bool:
		return want == got
	}
	return false
}

// JSONSchema describes the constant.
func (l literal) JSONSchema() map[string]any { return map[string]any{"const": l.want} }

type anySchema struct{}

// Any accepts every value, including an absent one.
func Any() Schema { return anySchema{} }

func (anySchema) parse(_ *ctx, _ []string, v any) any { return plain(v) }

// JSONSchema accepts anything.
func (anySchema) JSONSchema() map[string]any { return map[string]any{} }

type record struct{}

// Record accepts any JSON object, such as metadata, and outputs it as map[string]any.
func Record() Schema { return record{} }

func (record) parse(c *ctx, path []string, v any) any {
	if _, ok := asObject(v); !ok {
		c.typeIssue(path, "record")
		return nil
	}
	return plain(v)
}

// JSONSchema describes an open object.
func (record) JSONSchema() map[string]any { return map[string]any{"type": "object"} }
