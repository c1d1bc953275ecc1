package fields_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/platform/fields"
)

type tag struct{ ID, Value string }

type item struct {
	ID, Name, Description string
	Tags                  []*tag
}

var tagSpec = &fields.Spec[tag]{
	Scalars: []string{"id", "value"},
	Scalar: func(b []byte, t *tag, name string) []byte {
		if name == "id" {
			return fields.AppendString(b, t.ID)
		}
		return fields.AppendString(b, t.Value)
	},
}

var itemSpec = &fields.Spec[item]{
	Scalars: []string{"id", "name", "description", "metadata"},
	Scalar: func(b []byte, it *item, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, it.ID)
		case "name":
			return fields.AppendString(b, it.Name)
		case "description":
			return fields.AppendString(b, it.Description)
		}
		return fields.AppendNull(b)
	},
	Relations: map[string]fields.Relation[item]{
		"tags": {
			Unknown: fields.Nested(tagSpec),
			Append: func(b []byte, it *item, sub *fields.Selection) []byte {
				return tagSpec.AppendList(b, it.Tags, sub)
			},
		},
	},
}

var defaults = []string{"id", "name", "description"}

var sample = &item{ID: "it_1", Name: "N", Description: "D", Tags: []*tag{{ID: "t_1", Value: "v"}}}

func TestParse(t *testing.T) {
	tests := []struct {
		name  string
		param string
		given bool
		want  string // the sample written with the selection
	}{
		{"absent: the defaults", "", false, `{"id":"it_1","name":"N","description":"D"}`},
		{"empty: the defaults", "", true, `{"id":"it_1","name":"N","description":"D"}`},
		{"only commas: the defaults", ",,", true, `{"id":"it_1","name":"N","description":"D"}`},
		{"a plain name replaces, id appended", "name", true, `{"name":"N","id":"it_1"}`},
		{"plain names keep their order", "description,name", true, `{"description":"D","name":"N","id":"it_1"}`},
		{"an explicit id is not repeated", "name,id", true, `{"name":"N","id":"it_1"}`},
		{"a plain name makes modifiers plain", "name,+metadata,-description", true, `{"name":"N","metadata":null,"description":"D","id":"it_1"}`},
		{"+x adds to the defaults", "+metadata", true, `{"id":"it_1","name":"N","description":"D","metadata":null}`},
		{"a leading space adds like +", " metadata", true, `{"id":"it_1","name":"N","description":"D","metadata":null}`},
		{"+x of a default does not repeat it", "+name", true, `{"id":"it_1","name":"N","description":"D"}`},
		{"-x removes from the defaults", "-description", true, `{"id":"it_1","name":"N"}`},
		{"-x of a field not in the defaults", "-metadata", true, `{"id":"it_1","name":"N","description":"D"}`},
		{"-id is put back", "-id", true, `{"name":"N","description":"D","id":"it_1"}`},
		{"+ and - together", "+metadata,-name", true, `{"id":"it_1","description":"D","metadata":null}`},
		{"*rel adds the whole relation", "*tags", true, `{"id":"it_1","name":"N","description":"D","tags":[{"id":"t_1","value":"v"}]}`},
		{"rel.* adds the whole relation", "tags.*", true, `{"id":"it_1","name":"N","description":"D","tags":[{"id":"t_1","value":"v"}]}`},
		{"rel.x replaces and selects one nested field", "tags.value", true, `{"id":"it_1","tags":[{"value":"v"}]}`},
		{"* is every scalar", "*", true, `{"id":"it_1","name":"N","description":"D","metadata":null}`},
		{"a space before a modifier, as the starter's cart fields", "*tags, +metadata, *tags", true, `{"id":"it_1","name":"N","description":"D","metadata":null,"tags":[{"id":"t_1","value":"v"}]}`},
		{"* with a relation", "*,*tags", true, `{"id":"it_1","name":"N","description":"D","metadata":null,"tags":[{"id":"t_1","value":"v"}]}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel := fields.Parse(tt.param, tt.given, defaults)
			if err := itemSpec.Check(sel); err != nil {
				t.Fatalf("Check: %v", err)
			}
			if got := string(itemSpec.Append(nil, sample, sel)); got != tt.want {
				t.Errorf("Parse(%q):\n got %s\nwant %s", tt.param, got, tt.want)
			}
		})
	}
}

func TestParseDoesNotChangeTheDefaults(t *testing.T) {
	defs := []string{"id", "name", "description"}
	fields.Parse("-name,+metadata", true, defs)
	fields.Parse("name", true, defs)
	if d := cmp.Diff([]string{"id", "name", "description"}, defs); d != "" {
		t.Errorf("defaults changed (-want +got):\n%s", d)
	}
}

func TestSelectionQueries(t *testing.T) {
	sel := fields.Parse("+tags.value,+metadata", true, defaults)
	checks := []struct {
		name string
		got  bool
		want bool
	}{
		{"Has a default", sel.Has("name"), true},
		{"Has an added scalar", sel.Has("metadata"), true},
		{"Has a relation as a scalar", sel.Has("tags"), false},
		{"Rel of a selected relation", sel.Rel("tags") != nil, true},
		{"Rel of another", sel.Rel("other") != nil, false},
		{"HasPath nested", sel.HasPath("tags.value"), true},
		{"HasPath nested not asked", sel.HasPath("tags.id"), false},
		{"HasPath relation head", sel.HasPath("tags"), true},
		{"nil selection has nothing", (*fields.Selection)(nil).Has("id"), false},
		{"star has every scalar", fields.Parse("*", true, defaults).Has("anything"), true},
	}
	for _, c := range checks {
		if c.got != c.want {
			t.Errorf("%s: %v, want %v", c.name, c.got, c.want)
		}
	}
}

func TestCheck(t *testing.T) {
	tests := []struct {
		param string
		want  string // "" for valid
	}{
		{"name", ""},
		{"foo", "invalid_data: Requested fields [foo] are not valid"},
		{"+foo,+bar", "invalid_data: Requested fields [bar, foo] are not valid"},
		{"*nope", "invalid_data: Requested fields [nope] are not valid"},
		{"tags.nope", "invalid_data: Requested fields [tags.nope] are not valid"},
		{"tags.value,name", ""},
	}
	for _, tt := range tests {
		err := itemSpec.Check(fields.Parse(tt.param, true, defaults))
		got := ""
		if err != nil {
			got = err.Error()
		}
		if got != tt.want {
			t.Errorf("Check(%q) = %q, want %q", tt.param, got, tt.want)
		}
	}
}

func TestAppendString(t *testing.T) {
	tests := map[string]string{
		"plain":       `"plain"`,
		`q"b\`:        `"q\"b\\"`,
		"a\nb\tc\x01": `"a\nb\tc\u0001"`,
		"é€":          `"é€"`,
		"\u2028":      `"\u2028"`,
		"bad\xff":     `"bad\ufffd"`,
		"<&>":         `"<&>"`,
	}
	for in, want := range tests {
		if got := string(fields.AppendString(nil, in)); got != want {
			t.Errorf("AppendString(%q) = %s, want %s", in, got, want)
		}
	}
}
