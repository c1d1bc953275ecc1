package validate

import "slices"

// modifier wraps a schema with zod's optional, nullable and default behaviour.
type modifier struct {
	inner    Schema
	optional bool
	nullable bool
	hasDef   bool
	def      any
}

// Optional allows the key to be absent; the output then omits it.
func Optional(s Schema) Schema { return &modifier{inner: s, optional: true} }

// Nullable allows a JSON null, which is kept in the output.
func Nullable(s Schema) Schema { return &modifier{inner: s, nullable: true} }

// Nullish allows both an absent key and null, as zod's nullish() does.
func Nullish(s Schema) Schema { return &modifier{inner: s, optional: true, nullable: true} }

// Default replaces an absent value with v, which is output as it is (zod 4 does not validate
// a default), so v must already be what the decoded field expects.
func Default(s Schema, v any) Schema { return &modifier{inner: s, hasDef: true, def: v} }

func (m *modifier) parse(c *ctx, path []string, v any) any {
	switch {
	case isUndef(v) && m.hasDef:
		return m.def
	case isUndef(v) && m.optional:
		return v
	case v == nil && m.nullable:
		return nil
	}
	return m.inner.parse(c, path, v)
}

// JSONSchema adds "null" to the inner type and the default value; optionality shows up in the
// parent object's required list instead.
func (m *modifier) JSONSchema() map[string]any {
	js := m.inner.JSONSchema()
	if m.hasDef {
		js["default"] = m.def
	}
	if !m.nullable {
		return js
	}
	if enum, ok := js["enum"].([]any); ok {
		js["enum"] = append(slices.Clone(enum), nil)
	}
	switch t := js["type"].(type) {
	case string:
		js["type"] = []any{t, "null"}
		return js
	case []any:
		js["type"] = append(slices.Clone(t), "null")
		return js
	}
	return map[string]any{"anyOf": []any{js, map[string]any{"type": "null"}}}
}

// isOptional reports whether an object may omit a field of schema s.
func isOptional(s Schema) bool {
	switch x := s.(type) {
	case *modifier:
		return x.optional || x.hasDef || isOptional(x.inner)
	case *union:
		for _, m := range x.members {
			if isOptional(m) {
				return true
			}
		}
	case *effect:
		return isOptional(x.inner)
	case anySchema:
		return true
	}
	return false
}
