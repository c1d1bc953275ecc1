// Package fields implements Medusa's `fields` query parameter: which scalar fields and which
// relations a response carries. A Selection is parsed once per request from the route's
// defaults and the caller's list; a Spec per entity type writes an entity's selected fields
// straight to JSON bytes, in the order they were asked for.
package fields

import (
	"sort"
	"strings"

	"channeld/internal/platform/apperr"
)

// Selection is a parsed field list for one entity: its scalars in order, and the relations
// with a selection of their own.
type Selection struct {
	all     bool // "*": every scalar of the entity
	scalars []string
	rels    []string
	sub     map[string]*Selection
}

// Parse applies Medusa's rules (§2.4): without a `fields` parameter the defaults hold; if any
// piece is a plain name the defaults are replaced, otherwise +x adds, -x removes and *rel or
// rel.* adds a whole relation; `id` is always part of an explicit selection.
func Parse(param string, given bool, defaults []string) *Selection {
	return ParseKeyed(param, given, defaults, "id")
}

// ParseKeyed is Parse for an entity whose primary key is key rather than id (a currency's
// code), which is then the field always part of an explicit selection.
func ParseKeyed(param string, given bool, defaults []string, key string) *Selection {
	list := defaults
	if given {
		pieces := splitPieces(param)
		replace := false
		for _, p := range pieces {
			if !isModifier(p) {
				replace = true
				break
			}
		}
		if replace {
			list = make([]string, 0, len(pieces)+1)
			for _, p := range pieces {
				list = append(list, stripModifier(p))
			}
		} else {
			list = append([]string(nil), defaults...)
			for _, p := range pieces {
				switch {
				case strings.HasPrefix(p, "-"):
					list = remove(list, p[1:])
				case strings.HasPrefix(p, "+"), strings.HasPrefix(p, " "):
					list = append(list, stripModifier(p))
				default: // *rel or rel.*
					list = append(list, p)
				}
			}
		}
		if !contains(list, key) {
			list = append(list, key)
		}
	}
	sel := &Selection{}
	for _, f := range list {
		sel.add(f)
	}
	return sel
}

// FromList builds a selection from field paths as they appear in defaults.
func FromList(list ...string) *Selection {
	sel := &Selection{}
	for _, f := range list {
		sel.add(f)
	}
	return sel
}

func splitPieces(param string) []string {
	var out []string
	for _, p := range strings.Split(param, ",") {
		if strings.TrimSpace(p) != "" {
			out = append(out, p)
		}
	}
	return out
}

// stripModifier drops a piece's leading modifiers and spaces, as Medusa's FieldParser does:
// the starter storefront sends "*items, *region, +items.total", whose pieces after the first
// begin with a space and then a modifier.
func stripModifier(p string) string { return strings.TrimSpace(strings.TrimLeft(p, "+- \t")) }

func isModifier(p string) bool {
	return strings.HasPrefix(p, "+") || strings.HasPrefix(p, "-") || strings.HasPrefix(p, " ") ||
		strings.HasPrefix(p, "*") || strings.HasSuffix(p, ".*")
}

func remove(list []string, name string) []string {
	out := list[:0:0]
	for _, f := range list {
		if f != name {
			out = append(out, f)
		}
	}
	return out
}

func contains(list []string, name string) bool {
	for _, f := range list {
		if f == name {
			return true
		}
	}
	return false
}

// add records one field path: "a", "a.b", "a.*", "*a" or "*a.b".
func (s *Selection) add(path string) {
	path = strings.TrimSpace(path)
	if path == "" {
		return
	}
	if path == "*" {
		s.all = true
		return
	}
	if strings.HasPrefix(path, "*") {
		path = path[1:] + ".*"
	}
	head, rest, nested := strings.Cut(path, ".")
	if !nested {
		if !contains(s.scalars, head) {
			s.scalars = append(s.scalars, head)
		}
		return
	}
	if s.sub == nil {
		s.sub = map[string]*Selection{}
	}
	child, ok := s.sub[head]
	if !ok {
		child = &Selection{}
		s.sub[head] = child
		s.rels = append(s.rels, head)
	}
	child.add(rest)
}

// Rel returns the selection of a relation, or nil when the relation is not asked for.
func (s *Selection) Rel(name string) *Selection {
	if s == nil {
		return nil
	}
	return s.sub[name]
}

// Has reports whether the scalar name is asked for explicitly or through "*".
func (s *Selection) Has(name string) bool {
	return s != nil && (s.all || contains(s.scalars, name))
}

// HasPath reports whether a dotted path ("variants.calculated_price") is asked for.
func (s *Selection) HasPath(path string) bool {
	head, rest, nested := strings.Cut(path, ".")
	if !nested {
		return s.Has(head) || s.Rel(head) != nil
	}
	return s.Rel(head).HasPath(rest)
}

// AddScalar asks for one more scalar; handlers use it for fields a computation needs.
func (s *Selection) AddScalar(name string) { s.add(name) }

// KeysOnly adds keys to a selection that names no scalar, only relations
// ("*inventory_items.inventory.location_levels" for inventory_items and inventory): Medusa
// answers such an entity on the way to its relation with the keys that join it.
func (s *Selection) KeysOnly(keys ...string) {
	if s == nil || s.all || len(s.scalars) > 0 {
		return
	}
	for _, k := range keys {
		s.add(k)
	}
}

// invalid builds Medusa's error for requested fields that do not exist.
func invalid(paths []string) error {
	sort.Strings(paths)
	return apperr.Invalidf("Requested fields [%s] are not valid", strings.Join(paths, ", "))
}
