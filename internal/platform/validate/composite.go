package validate

import (
	"slices"
	"strconv"

	"channeld/internal/platform/qs"
)

// ArraySchema accepts a JSON array whose items all match one schema.
type ArraySchema struct {
	item   Schema
	checks []bound
}

// Array accepts an array of item.
func Array(item Schema) *ArraySchema { return &ArraySchema{item: item} }

// Min requires at least n items.
func (s *ArraySchema) Min(n int) *ArraySchema {
	return &ArraySchema{item: s.item, checks: withLength(s.checks, "gte", n)}
}

// Max allows at most n items.
func (s *ArraySchema) Max(n int) *ArraySchema {
	return &ArraySchema{item: s.item, checks: withLength(s.checks, "lte", n)}
}

func (s *ArraySchema) parse(c *ctx, path []string, v any) any {
	arr, ok := asArray(v)
	if !ok {
		c.typeIssue(path, "array")
		// zod 4 runs length checks on anything with a length, so a string still gets them.
		if str, isStr := v.(string); isStr {
			checkLength(c, path, jsLength(str), s.checks)
		}
		return nil
	}
	out := make([]any, len(arr))
	for i, e := range arr {
		out[i] = s.item.parse(c, child(path, strconv.Itoa(i)), e)
	}
	// zod 4 checks the length after the items, so its issue comes last.
	checkLength(c, path, len(arr), s.checks)
	return out
}

// JSONSchema describes the array.
func (s *ArraySchema) JSONSchema() map[string]any {
	js := map[string]any{"type": "array", "items": s.item.JSONSchema()}
	return describeLength(js, s.checks, "minItems", "maxItems")
}

// Field is one declared key of an object schema.
type Field struct {
	Name   string
	Schema Schema
}

// F declares a field.
func F(name string, s Schema) Field { return Field{Name: name, Schema: s} }

// ObjectSchema accepts a JSON object with declared fields. Unknown keys are dropped, or rejected
// when the schema is strict.
type ObjectSchema struct {
	fields []Field
	strict bool
}

// Object accepts an object with the given fields, in the order their issues are reported.
func Object(fields ...Field) *ObjectSchema {
	return &ObjectSchema{fields: slices.Clone(fields)}
}

// Strict returns a copy that rejects unknown keys, as Medusa does for a whole body or query.
func (s *ObjectSchema) Strict() *ObjectSchema {
	c := *s
	c.strict = true
	return &c
}

// Extend returns a copy with more fields, like zod's extend; a field of the same name is replaced.
func (s *ObjectSchema) Extend(fields ...Field) *ObjectSchema {
	c := *s
	c.fields = slices.Clone(s.fields)
	for _, f := range fields {
		i := slices.IndexFunc(c.fields, func(g Field) bool { return g.Name == f.Name })
		if i >= 0 {
			c.fields[i] = f
		} else {
			c.fields = append(c.fields, f)
		}
	}
	return &c
}

// Partial returns a copy in which no field is required, like zod's partial: a resource's
// update body is its create body with every field left to the caller.
func (s *ObjectSchema) Partial() *ObjectSchema {
	c := *s
	c.fields = slices.Clone(s.fields)
	for i, f := range c.fields {
		if !isOptional(f.Schema) {
			c.fields[i].Schema = Optional(f.Schema)
		}
	}
	return &c
}

func (s *ObjectSchema) parse(c *ctx, path []string, v any) any {
	obj, ok := asObject(v)
	if !ok {
		c.typeIssue(path, "object")
		return nil
	}
	out := make(map[string]any, len(s.fields))
	for _, f := range s.fields {
		in, present := obj.vals[f.Name]
		if !present {
			in = undef{}
		}
		if val := f.Schema.parse(c, child(path, f.Name), in); !isUndef(val) {
			out[f.Name] = val
		}
	}
	if s.strict {
		var unknown []string
		for _, k := range qs.KeyOrder(obj.keys) {
			if !slices.ContainsFunc(s.fields, func(f Field) bool { return f.Name == k }) {
				unknown = append(unknown, k)
			}
		}
		if len(unknown) > 0 {
			c.add(issue{code: unrecognizedKeys, path: path, keys: unknown})
		}
	}
	return out
}

// JSONSchema describes the object; fields that may be omitted are left out of required.
func (s *ObjectSchema) JSONSchema() map[string]any {
	props := make(map[string]any, len(s.fields))
	required := []any{}
	for _, f := range s.fields {
		props[f.Name] = f.Schema.JSONSchema()
		if !isOptional(f.Schema) {
			required = append(required, f.Name)
		}
	}
	js := map[string]any{"type": "object", "properties": props}
	if len(required) > 0 {
		js["required"] = required
	}
	if s.strict {
		js["additionalProperties"] = false
	}
	return js
}

type union struct{ members []Schema }

// Union accepts the first member that matches.
func Union(members ...Schema) Schema { return &union{members: slices.Clone(members)} }

// parse follows zod 4: the first member without issues wins; otherwise a single member whose
// issues all let it continue is reported as it is; otherwise one invalid_union issue carries
// every member's issues.
func (u *union) parse(c *ctx, path []string, v any) any {
	all := make([][]issue, 0, len(u.members))
	var usable []int
	outs := make([]any, 0, len(u.members))
	for i, m := range u.members {
		var mc ctx
		out := m.parse(&mc, path, v)
		if len(mc.issues) == 0 {
			return out
		}
		if !mc.abortedSince(0) {
			usable = append(usable, i)
		}
		all = append(all, mc.issues)
		outs = append(outs, out)
	}
	if len(usable) == 1 {
		c.issues = append(c.issues, all[usable[0]]...)
		return outs[usable[0]]
	}
	c.add(issue{code: invalidUnion, path: path, union: all})
	return nil
}

// JSONSchema lists the members under anyOf.
func (u *union) JSONSchema() map[string]any {
	members := make([]any, len(u.members))
	for i, m := range u.members {
		members[i] = m.JSONSchema()
	}
	return map[string]any{"anyOf": members}
}

// effect runs a refinement and a transform after an inner schema, like zod's refine and transform.
type effect struct {
	inner Schema
	// refine returns false to add a custom issue, "Invalid input" unless message says
	// otherwise; nil skips it.
	refine  func(any) bool
	message string
	// transform maps a valid output; nil keeps it.
	transform func(any) any
	js        func() map[string]any
}

func (e *effect) parse(c *ctx, path []string, v any) any {
	n := len(c.issues)
	out := e.inner.parse(c, path, v)
	if e.refine != nil && !c.abortedSince(n) && !e.refine(out) {
		msg := e.message
		if msg == "" {
			msg = "Invalid input"
		}
		c.add(issue{code: custom, path: path, message: msg, cont: true})
	}
	// zod transforms only a value without issues; an absent optional value stays absent.
	if len(c.issues) > n || e.transform == nil || isUndef(out) {
		return out
	}
	return e.transform(out)
}

func (e *effect) JSONSchema() map[string]any {
	if e.js != nil {
		return e.js()
	}
	return e.inner.JSONSchema()
}

// Refine is zod's refine with a message: a value s accepts must also pass ok, else the
// request is refused with message.
func Refine(s Schema, ok func(any) bool, message string) Schema {
	return &effect{inner: s, refine: ok, message: message}
}

type lazy struct{ get func() Schema }

// Lazy defers building a schema until it is used, for recursive shapes such as $and and $or.
func Lazy(get func() Schema) Schema { return lazy{get: get} }

func (l lazy) parse(c *ctx, path []string, v any) any { return l.get().parse(c, path, v) }

// JSONSchema does not expand the schema, which would recurse forever.
func (lazy) JSONSchema() map[string]any { return map[string]any{} }
