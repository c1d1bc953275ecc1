package fields

import "sync"

// Spec describes how to write one entity type T as JSON: its scalar fields in canonical order
// and its relations. Specs nest through their relations.
type Spec[T any] struct {
	// Scalars lists every scalar field in the order "*" writes them.
	Scalars []string
	// Scalar appends the JSON value of one scalar field of e; name is always one of Scalars.
	Scalar func(b []byte, e *T, name string) []byte
	// Relations maps a relation name to how it is checked and written.
	Relations map[string]Relation[T]
	// index is Scalars as a set, built on first use: specs are package variables that
	// concurrent requests share, so it is built once, under indexOnce.
	index     map[string]bool
	indexOnce sync.Once
}

// Relation writes one relation of T: an object, an array or null.
type Relation[T any] struct {
	// Unknown returns the paths inside the relation's selection that do not exist.
	Unknown func(sub *Selection) []string
	// Append appends the relation's JSON value for e.
	Append func(b []byte, e *T, sub *Selection) []byte
	// Scalar, when set, lets the relation name also be asked for as a plain field ("options"
	// meaning all of it), as Medusa accepts.
	AsScalar bool
	// Omit, when set, leaves the field out of e's object where it reports true: Medusa omits
	// some computed fields of some entities (a variant's inventory_quantity when the variant
	// does not manage inventory).
	Omit func(e *T) bool
}

func (s *Spec[T]) has(name string) bool {
	s.indexOnce.Do(func() {
		s.index = make(map[string]bool, len(s.Scalars))
		for _, n := range s.Scalars {
			s.index[n] = true
		}
	})
	return s.index[name]
}

// Unknown returns every path of sel that this entity does not have.
func (s *Spec[T]) Unknown(sel *Selection) []string {
	var bad []string
	for _, n := range sel.scalars {
		if s.has(n) {
			continue
		}
		if r, ok := s.Relations[n]; ok && r.AsScalar {
			continue
		}
		bad = append(bad, n)
	}
	for _, rel := range sel.rels {
		r, ok := s.Relations[rel]
		if !ok {
			if !s.scalarStar(rel, sel.sub[rel]) {
				bad = append(bad, rel)
			}
			continue
		}
		if r.Unknown != nil {
			for _, p := range r.Unknown(sel.sub[rel]) {
				bad = append(bad, rel+"."+p)
			}
		}
	}
	return bad
}

// scalarStar reports whether a relation-shaped path names a scalar with all of its fields
// ("*items.thumbnail"): Medusa accepts it, and answers the scalar.
func (s *Spec[T]) scalarStar(name string, sub *Selection) bool {
	return s.has(name) && sub != nil && sub.all && len(sub.scalars) == 0 && len(sub.rels) == 0
}

// Check returns Medusa's invalid_data error when sel names fields the entity does not have.
func (s *Spec[T]) Check(sel *Selection) error {
	if bad := s.Unknown(sel); len(bad) > 0 {
		return invalid(bad)
	}
	return nil
}

// Append writes e as a JSON object with the fields of sel: scalars first, in the order asked
// ("*" in canonical order), then relations in the order asked.
func (s *Spec[T]) Append(b []byte, e *T, sel *Selection) []byte {
	b = append(b, '{')
	first := true
	key := func(name string) {
		if !first {
			b = append(b, ',')
		}
		first = false
		b = append(b, '"')
		b = append(b, name...)
		b = append(b, '"', ':')
	}
	if sel.all {
		for _, n := range s.Scalars {
			key(n)
			b = s.Scalar(b, e, n)
		}
	}
	for _, n := range sel.scalars {
		if sel.all && s.has(n) {
			continue
		}
		if s.has(n) {
			key(n)
			b = s.Scalar(b, e, n)
			continue
		}
		if r, ok := s.Relations[n]; ok && r.AsScalar && sel.sub[n] == nil {
			if r.Omit != nil && r.Omit(e) {
				continue
			}
			key(n)
			b = r.Append(b, e, &Selection{all: true})
		}
	}
	for _, rel := range sel.rels {
		r, ok := s.Relations[rel]
		if !ok {
			if s.scalarStar(rel, sel.sub[rel]) && !sel.all && !contains(sel.scalars, rel) {
				key(rel)
				b = s.Scalar(b, e, rel)
			}
			continue
		}
		if r.Omit != nil && r.Omit(e) {
			continue
		}
		key(rel)
		b = r.Append(b, e, sel.sub[rel])
	}
	return append(b, '}')
}

// AppendList writes es as a JSON array of objects.
func (s *Spec[T]) AppendList(b []byte, es []*T, sel *Selection) []byte {
	b = append(b, '[')
	for i, e := range es {
		if i > 0 {
			b = append(b, ',')
		}
		b = s.Append(b, e, sel)
	}
	return append(b, ']')
}

// OptIn is a scalar written only when a field list names it, never by "*" nor by default
// fields: a field channeld adds to a Medusa entity, whose default answer Medusa's clients
// compare whole.
func OptIn[T any](write func(b []byte, e *T) []byte) Relation[T] {
	return Relation[T]{AsScalar: true, Append: func(b []byte, e *T, _ *Selection) []byte { return write(b, e) }}
}

// Nested returns the Unknown function of a relation to entities described by spec.
func Nested[U any](spec *Spec[U]) func(sub *Selection) []string {
	return func(sub *Selection) []string { return spec.Unknown(sub) }
}

// ListOf is the relation to a list of entities that spec writes, also askable as a plain
// field; items returns them.
func ListOf[T, U any](spec *Spec[U], items func(*T) []*U) Relation[T] {
	return Relation[T]{Unknown: Nested(spec), AsScalar: true,
		Append: func(b []byte, e *T, sub *Selection) []byte { return spec.AppendList(b, items(e), sub) }}
}

// OneOf is the relation to one entity that spec writes, also askable as a plain field; item
// returns it, and nil is written as null.
func OneOf[T, U any](spec *Spec[U], item func(*T) *U) Relation[T] {
	return Relation[T]{Unknown: Nested(spec), AsScalar: true,
		Append: func(b []byte, e *T, sub *Selection) []byte {
			u := item(e)
			if u == nil {
				return AppendNull(b)
			}
			return spec.Append(b, u, sub)
		}}
}

// Empty is a relation to entities the service does not model (tax lines, adjustments,
// promotions): always an empty list, whatever fields of it are asked for.
func Empty[T any]() Relation[T] {
	return Relation[T]{AsScalar: true, Unknown: func(*Selection) []string { return nil },
		Append: func(b []byte, _ *T, _ *Selection) []byte { return append(b, "[]"...) }}
}

// Absent is a relation to one entity the service does not have yet: always null, whatever
// fields of it are asked for.
func Absent[T any]() Relation[T] {
	return Relation[T]{AsScalar: true, Unknown: func(*Selection) []string { return nil },
		Append: func(b []byte, _ *T, _ *Selection) []byte { return AppendNull(b) }}
}
