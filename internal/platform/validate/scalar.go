package validate

import (
	"math"
	"slices"
	"strings"
	"unicode/utf16"
)

// StringSchema accepts a JSON string, optionally bounded in length.
type StringSchema struct {
	checks []bound
}

// bound is one min or max check, kept in declaration order because zod reports them in that order.
type bound struct {
	kind string // "gt", "gte", "lt", "lte" or "int"
	n    float64
}

// String accepts a string.
func String() *StringSchema { return &StringSchema{} }

// Min requires at least n characters (UTF-16 code units, as JavaScript counts them).
func (s *StringSchema) Min(n int) *StringSchema {
	c := *s
	c.checks = append(slices.Clip(s.checks), bound{"gte", float64(n)})
	return &c
}

// Max allows at most n characters.
func (s *StringSchema) Max(n int) *StringSchema {
	c := *s
	c.checks = append(slices.Clip(s.checks), bound{"lte", float64(n)})
	return &c
}

func (s *StringSchema) parse(c *ctx, path []string, v any) (any, status) {
	str, ok := v.(string)
	if !ok {
		c.typeIssue(path, "string", v)
		return nil, aborted
	}
	n := float64(len(utf16.Encode([]rune(str))))
	return str, checkBounds(c, path, n, s.checks)
}

// JSONSchema describes a string.
func (s *StringSchema) JSONSchema() map[string]any {
	js := map[string]any{"type": "string"}
	for _, b := range s.checks {
		if b.kind == "gte" {
			js["minLength"] = int(b.n)
		} else {
			js["maxLength"] = int(b.n)
		}
	}
	return js
}

// checkBounds applies min/max checks; failures leave the value dirty, not aborted, as in zod.
func checkBounds(c *ctx, path []string, n float64, checks []bound) status {
	st := valid
	for _, b := range checks {
		var fail bool
		code := tooSmall
		switch b.kind {
		case "gt":
			fail = !(n > b.n)
		case "gte":
			fail = n < b.n
		case "lt":
			fail, code = !(n < b.n), tooBig
		case "lte":
			fail, code = n > b.n, tooBig
		case "int":
			if n != math.Trunc(n) || math.IsInf(n, 0) {
				c.add(issue{code: invalidType, path: path, expected: "integer", received: "float", hasReceived: true})
				st = dirty
			}
			continue
		}
		if fail {
			c.add(issue{code: code, path: path, bound: jsNumber(b.n)})
			st = dirty
		}
	}
	return st
}

// BoolSchema accepts a real JSON boolean only.
type BoolSchema struct{}

// Bool accepts true or false.
func Bool() *BoolSchema { return &BoolSchema{} }

func (*BoolSchema) parse(c *ctx, path []string, v any) (any, status) {
	if b, ok := v.(bool); ok {
		return b, valid
	}
	c.typeIssue(path, "boolean", v)
	return nil, aborted
}

// JSONSchema describes a boolean.
func (*BoolSchema) JSONSchema() map[string]any { return map[string]any{"type": "boolean"} }

// EnumSchema accepts one of a fixed set of strings.
type EnumSchema struct{ values []string }

// Enum accepts one of values.
func Enum(values ...string) *EnumSchema { return &EnumSchema{values: slices.Clone(values)} }

func (s *EnumSchema) parse(c *ctx, path []string, v any) (any, status) {
	str, ok := v.(string)
	if !ok {
		// zod names the expected type by listing the quoted values.
		quoted := make([]string, len(s.values))
		for i, e := range s.values {
			quoted[i] = "'" + e + "'"
		}
		c.typeIssue(path, strings.Join(quoted, " | "), v)
		return nil, aborted
	}
	if !slices.Contains(s.values, str) {
		c.add(issue{code: invalidEnum, path: path, options: s.values, received: str, hasReceived: true})
		return nil, aborted
	}
	return str, valid
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

func (l literal) parse(c *ctx, path []string, v any) (any, status) {
	if sameLiteral(l.want, v) {
		return l.want, valid
	}
	c.add(issue{code: invalidLiteral, path: path, expected: jsString(l.want), received: jsString(v), hasReceived: true})
	return nil, aborted
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

func (anySchema) parse(_ *ctx, _ []string, v any) (any, status) { return plain(v), valid }

// JSONSchema accepts anything.
func (anySchema) JSONSchema() map[string]any { return map[string]any{} }

type record struct{}

// Record accepts any JSON object, such as metadata, and outputs it as map[string]any.
func Record() Schema { return record{} }

func (record) parse(c *ctx, path []string, v any) (any, status) {
	if _, ok := asObject(v); !ok {
		c.typeIssue(path, "object", v)
		return nil, aborted
	}
	return plain(v), valid
}

// JSONSchema describes an open object.
func (record) JSONSchema() map[string]any { return map[string]any{"type": "object"} }
