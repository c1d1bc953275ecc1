package qs

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"channeld/internal/platform/apperr"
)

type m = map[string]any
type a = []any

func TestParse(t *testing.T) {
	tests := []struct {
		name string
		raw  string
		want map[string]any
	}{
		{"empty", "", m{}},
		{"plain", "a=b&c=d", m{"a": "b", "c": "d"}},
		{"plus is space", "fields=+title", m{"fields": " title"}},
		{"percent decoding", "q=%2Bx%20y%C3%A9", m{"q": "+x yé"}},
		{"bad escape kept", "q=100%25+%zz", m{"q": "100%25 %zz"}},
		{"invalid utf8 kept", "q=%FF", m{"q": "%FF"}},
		{"truncated escape kept", "q=a%2", m{"q": "a%2"}},
		{"no equals", "a&b=", m{"a": "", "b": ""}},
		{"split at first equals", "a=b=c", m{"a": "b=c"}},
		{"bracket equals wins", "a[b=c]=d", m{"a": m{"b=c": "d"}}},
		{"empty parts skipped", "&&a=1&", m{"a": "1"}},
		{"brackets array", "a[]=x&a[]=y", m{"a": a{"x", "y"}}},
		{"encoded brackets", "a%5B%5d=x&a%5b%5D=y", m{"a": a{"x", "y"}}},
		{"indices", "a[1]=y&a[0]=x", m{"a": a{"x", "y"}}},
		{"sparse compacted", "a[5]=y&a[2]=x", m{"a": a{"x", "y"}}},
		{"huge index compacted", "a[999999999]=x", m{"a": a{"x"}}},
		{"index beyond js arrays is a key", "a[99999999999]=x", m{"a": m{"99999999999": "x"}}},
		{"leading zero is a key", "a[01]=x", m{"a": m{"01": "x"}}},
		{"negative is a key", "a[-1]=x", m{"a": m{"-1": "x"}}},
		{"top-level number is a key", "0=x", m{"0": "x"}},
		{"repeated key", "a=x&a=y&a=z", m{"a": a{"x", "y", "z"}}},
		{"one element comma split", "id[]=a,b", m{"id": a{"a", "b"}}},
		{"plain string not split", "id=a,b", m{"id": "a,b"}},
		{"nested not split", "c[$in][]=a,b", m{"c": m{"$in": a{"a,b"}}}},
		{"two elements not split", "id[]=a,b&id[]=c", m{"id": a{"a,b", "c"}}},
		{"nested map", "created_at[$gt]=2024", m{"created_at": m{"$gt": "2024"}}},
		{"deep nesting", "a[b][c]=d", m{"a": m{"b": m{"c": "d"}}}},
		{"depth limit", "a[b][c][d][e][f][g][h]=x",
			m{"a": m{"b": m{"c": m{"d": m{"e": m{"f": m{"[g][h]": "x"}}}}}}}},
		{"depth limit with indices", "a[1][2][3][4][5][6]=x",
			m{"a": a{a{a{a{a{m{"[6]": "x"}}}}}}}},
		{"array of objects", "$and[0][name]=x&$and[1][name]=y",
			m{"$and": a{m{"name": "x"}, m{"name": "y"}}}},
		{"array then map", "a[]=x&a[b]=y", m{"a": m{"0": "x", "b": "y"}}},
		{"map then array", "a[b]=y&a[]=x", m{"a": m{"0": "x", "b": "y"}}},
		{"string then map", "a=x&a[b]=y", m{"a": a{"x", m{"b": "y"}}}},
		{"map then string", "a[b]=y&a=x", m{"a": m{"b": "y", "x": true}}},
		{"index then push", "a[0]=x&a[]=y", m{"a": a{"x", "y"}}},
		{"prototype keys dropped", "toString=x&a[hasOwnProperty]=y&b=1", m{"b": "1"}},
		{"leading bracket", "[a]=b", m{"a": "b"}},
		{"unclosed bracket", "a[b=c", m{"a[b": "c"}},
		{"dotted key", "a.b=c", m{"a": m{"b": "c"}}},
		{"dotted with brackets", "variants.options[value]=x",
			m{"variants": m{"options": m{"value": "x"}}}},
		{"dotted merges", "a[c]=1&a.b=2", m{"a": m{"c": "1", "b": "2"}}},
		{"dotted splits one element", "a.b[]=x,y", m{"a": m{"b": a{"x", "y"}}}},
		{"dotted after plain spreads", "a=xy&a.b=2", m{"a": m{"0": "x", "1": "y", "b": "2"}}},
		{"plain after dotted wins", "a.b=2&a=x", m{"a": "x"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.raw)
			if err != nil {
				t.Fatalf("Parse(%q): %v", tt.raw, err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("Parse(%q)\n got %#v\nwant %#v", tt.raw, got, tt.want)
			}
		})
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		raw, msg string
	}{
		{"a.b.c=x", "Key accessor more than 2 levels deep: a.b.c"},
		{"ok=1&x.y.z[w]=1", "Key accessor more than 2 levels deep: x.y.z"},
	}
	for _, tt := range tests {
		t.Run(tt.raw, func(t *testing.T) {
			_, err := Parse(tt.raw)
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.Invalid || e.Message != tt.msg {
				t.Fatalf("Parse(%q) error = %v, want invalid %q", tt.raw, err, tt.msg)
			}
		})
	}
}

// hugeIndices writes n parameters with distinct indices near the largest JavaScript array index.
func hugeIndices(n int) string {
	var b strings.Builder
	for i := range n {
		fmt.Fprintf(&b, "a[%d]=x&", 4294967294-i*1000)
	}
	return b.String()
}

func TestParseLimits(t *testing.T) {
	tests := []struct {
		name  string
		raw   string
		check func(map[string]any) bool
	}{
		{"parameter limit", strings.Repeat("a[]=x&", 1500), func(got map[string]any) bool {
			return len(got["a"].([]any)) == parameterLimit
		}},
		{"many huge indices stay small", hugeIndices(1000), func(got map[string]any) bool {
			return len(got["a"].([]any)) == parameterLimit
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(tt.raw)
			if err != nil || !tt.check(got) {
				t.Fatalf("Parse: %v, %d keys", err, len(got))
			}
		})
	}
}
