package sqlq_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/sqlq"
)

func TestWhere(t *testing.T) {
	tests := []struct {
		name  string
		build func(w *sqlq.Where)
		sql   string
		args  []any
	}{
		{"empty", func(w *sqlq.Where) {}, "", []any{}},
		{"eq", func(w *sqlq.Where) { w.Eq("name", "a") }, " WHERE name = $1", []any{"a"}},
		{"in one", func(w *sqlq.Where) { w.In("id", []string{"a"}) }, " WHERE id = $1", []any{"a"}},
		{"in many", func(w *sqlq.Where) { w.In("id", []string{"a", "b"}) }, " WHERE id IN ($1, $2)", []any{"a", "b"}},
		{"in none matches nothing", func(w *sqlq.Where) { w.In("id", []string{}) }, " WHERE 1 = 0", []any{}},
		{"not in none excludes nothing", func(w *sqlq.Where) { w.NotIn("id", nil) }, "", []any{}},
		{"not in", func(w *sqlq.Where) { w.NotIn("id", []string{"a", "b"}) }, " WHERE id NOT IN ($1, $2)", []any{"a", "b"}},
		{"conditions join with AND, placeholders count on", func(w *sqlq.Where) {
			w.Eq("a", 1)
			w.Add("deleted_at IS NULL")
			w.In("b", []string{"x", "y"})
		}, " WHERE a = $1 AND deleted_at IS NULL AND b IN ($2, $3)", []any{1, "x", "y"}},
		{"search escapes LIKE wildcards", func(w *sqlq.Where) { w.Search(`50%_a\b`, "name", "description") },
			` WHERE (name ILIKE $1 ESCAPE '\' OR description ILIKE $1 ESCAPE '\')`, []any{`%50\%\_a\\b%`}},
		{"any of sub-clauses share the arguments", func(w *sqlq.Where) {
			w.Eq("x", 0)
			a, b := w.Sub(), w.Sub()
			a.Eq("name", "n")
			b.Eq("description", "d")
			b.Add("is_disabled")
			w.AnyOf([]*sqlq.Where{a, b})
		}, " WHERE x = $1 AND ((name = $2) OR (description = $3 AND is_disabled))", []any{0, "n", "d"}},
		{"an empty sub-clause matches everything", func(w *sqlq.Where) { w.AnyOf([]*sqlq.Where{w.Sub()}) },
			" WHERE ((1 = 1))", []any{}},
		{"no sub-clauses add nothing", func(w *sqlq.Where) { w.AnyOf(nil) }, "", []any{}},
		{"all of", func(w *sqlq.Where) {
			a, b := w.Sub(), w.Sub()
			a.Eq("a", 1)
			b.Eq("b", 2)
			w.AllOf([]*sqlq.Where{a, b})
		}, " WHERE (a = $1) AND (b = $2)", []any{1, 2}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := sqlq.NewWhere("ILIKE")
			tt.build(w)
			wantClause(t, w, tt.sql, tt.args)
		})
	}
}

// wantClause checks the clause w built and its arguments; no arguments match an empty want.
func wantClause(t *testing.T, w *sqlq.Where, sql string, args []any) {
	t.Helper()
	if got := w.SQL(); got != sql {
		t.Errorf("SQL\n got %q\nwant %q", got, sql)
	}
	got := w.Args()
	if got == nil {
		got = []any{}
	}
	if d := cmp.Diff(args, got); d != "" {
		t.Errorf("args (-want +got):\n%s", d)
	}
}

func TestIn(t *testing.T) {
	tests := []struct {
		name   string
		before []any
		vals   []string
		want   string
		args   []any
	}{
		{"first arguments", nil, []string{"a", "b", "c"}, "$1, $2, $3", []any{"a", "b", "c"}},
		{"after others", []any{"x", 1}, []string{"a", "b"}, "$3, $4", []any{"x", 1, "a", "b"}},
		{"one", []any{"x"}, []string{"a"}, "$2", []any{"x", "a"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]any(nil), tt.before...)
			if got := sqlq.In(&args, tt.vals...); got != tt.want {
				t.Errorf("In = %q, want %q", got, tt.want)
			}
			if d := cmp.Diff(tt.args, args); d != "" {
				t.Errorf("args (-want +got):\n%s", d)
			}
		})
	}
}

func TestInSet(t *testing.T) {
	long := make([]string, 1025)
	for i := range long {
		long[i] = "v"
	}
	tests := []struct {
		name    string
		vals    []string
		want    string
		args    []any
		argsLen int
	}{
		{"one stays one", []string{"a"}, "$2", []any{"x", "a"}, 2},
		{"two stay two", []string{"a", "b"}, "$2, $3", []any{"x", "a", "b"}, 3},
		{"three pad to four with the last", []string{"a", "b", "c"}, "$2, $3, $4, $5", []any{"x", "a", "b", "c", "c"}, 5},
		{"five pad to eight", []string{"a", "b", "c", "d", "e"}, "$2, $3, $4, $5, $6, $7, $8, $9",
			[]any{"x", "a", "b", "c", "d", "e", "e", "e", "e"}, 9},
		{"past the bound, as given", long, "", nil, 1026},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := []any{"x"}
			got := sqlq.InSet(&args, tt.vals)
			if tt.want != "" && got != tt.want {
				t.Errorf("InSet = %q, want %q", got, tt.want)
			}
			if len(args) != tt.argsLen {
				t.Errorf("%d arguments, want %d", len(args), tt.argsLen)
			}
			if tt.args != nil {
				if d := cmp.Diff(tt.args, args); d != "" {
					t.Errorf("args (-want +got):\n%s", d)
				}
			}
		})
	}
}

func TestArgList(t *testing.T) {
	w := sqlq.NewWhere("LIKE")
	w.Eq("a", 1)
	if got := w.ArgList([]string{"x", "y"}); got != "$2, $3" {
		t.Errorf("ArgList = %q", got)
	}
	if d := cmp.Diff([]any{1, "x", "y"}, w.Args()); d != "" {
		t.Errorf("args (-want +got):\n%s", d)
	}
}

func TestAnd(t *testing.T) {
	w := sqlq.NewWhere("LIKE")
	if w.And() != "" {
		t.Errorf("empty And() = %q", w.And())
	}
	w.Eq("a", 1)
	w.Eq("b", 2)
	if got := w.And(); got != " AND a = $1 AND b = $2" {
		t.Errorf("And() = %q", got)
	}
}

func TestOp(t *testing.T) {
	tests := []struct {
		name string
		m    sqlq.OpMap
		conv sqlq.Convert
		sql  string
		args []any
		err  string
	}{
		{"$eq value", sqlq.OpMap{"$eq": "a"}, sqlq.Text, " WHERE c = $1", []any{"a"}, ""},
		{"$eq list is IN", sqlq.OpMap{"$eq": []any{"a", "b"}}, sqlq.Text, " WHERE c IN ($1, $2)", []any{"a", "b"}, ""},
		{"$in one", sqlq.OpMap{"$in": []any{"a"}}, sqlq.Text, " WHERE c = $1", []any{"a"}, ""},
		{"$in empty matches nothing", sqlq.OpMap{"$in": []any{}}, sqlq.Text, " WHERE 1 = 0", []any{}, ""},
		{"$ne keeps NULLs", sqlq.OpMap{"$ne": "a"}, sqlq.Text, " WHERE (c IS NULL OR c <> $1)", []any{"a"}, ""},
		{"$nin keeps NULLs", sqlq.OpMap{"$nin": []any{"a", "b"}}, sqlq.Text, " WHERE (c IS NULL OR c NOT IN ($1, $2))", []any{"a", "b"}, ""},
		{"$nin empty excludes nothing", sqlq.OpMap{"$nin": []any{}}, sqlq.Text, "", []any{}, ""},
		{"range operators in a stable order", sqlq.OpMap{"$lte": "2024-02-01", "$gt": "2024-01-01T10:00:00+02:00"}, sqlq.TimeValue,
			" WHERE c > $1 AND c <= $2", []any{"2024-01-01T08:00:00.000Z", "2024-02-01T00:00:00.000Z"}, ""},
		{"$gte and $lt", sqlq.OpMap{"$gte": "2024-01-01T00:00:00.5Z", "$lt": "2024-01-02T00:00:00"}, sqlq.TimeValue,
			" WHERE c >= $1 AND c < $2", []any{"2024-01-01T00:00:00.500Z", "2024-01-02T00:00:00.000Z"}, ""},
		{"$gt of a list", sqlq.OpMap{"$gt": []any{"1", "2"}}, sqlq.Text, "", nil,
			"invalid_data: Invalid request: operator $gt on field 'f' takes one value"},
		{"$like", sqlq.OpMap{"$like": "a%"}, sqlq.Text, " WHERE c LIKE $1", []any{"a%"}, ""},
		{"$ilike uses the engine's operator", sqlq.OpMap{"$ilike": "a%"}, sqlq.Text, " WHERE c ILIKE $1", []any{"a%"}, ""},
		{"$like of a list", sqlq.OpMap{"$like": []any{"a"}}, sqlq.Text, "", nil,
			"invalid_data: Invalid request: operator $like on field 'f' takes a string"},
		{"$like on a date is refused: PostgreSQL has no LIKE for timestamps", sqlq.OpMap{"$like": "2024%"}, sqlq.TimeValue, "", nil,
			"invalid_data: Invalid request: operator $like is not supported for field 'f'"},
		{"$ilike on a date is refused", sqlq.OpMap{"$ilike": "2024%"}, sqlq.TimeValue, "", nil,
			"invalid_data: Invalid request: operator $ilike is not supported for field 'f'"},
		{"$re is refused", sqlq.OpMap{"$re": "a.*"}, sqlq.Text, "", nil,
			"invalid_data: Invalid request: operator $re is not supported for field 'f'"},
		{"bad date", sqlq.OpMap{"$gt": "yesterday"}, sqlq.TimeValue, "", nil,
			"invalid_data: Invalid request: 'yesterday' is not a valid date for field 'f'"},
		{"bool values become text", sqlq.OpMap{"$eq": true}, sqlq.Text, " WHERE c = $1", []any{"true"}, ""},
		{"object values are refused", sqlq.OpMap{"$eq": map[string]any{}}, sqlq.Text, "", nil,
			"invalid_data: Invalid request: unsupported value for field 'f'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := sqlq.NewWhere("ILIKE")
			err := w.Op("f", "c", tt.m, tt.conv)
			if tt.err != "" {
				if err == nil || err.Error() != tt.err || !apperr.Is(err, apperr.Invalid) {
					t.Fatalf("err %v, want %s", err, tt.err)
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			wantClause(t, w, tt.sql, tt.args)
		})
	}
}

func TestOrderBy(t *testing.T) {
	cols := map[string]string{"id": "id", "name": "name", "created_at": "created_at", "title": "p.title"}
	tests := []struct {
		order, want, err string
	}{
		{"", " ORDER BY id ASC", ""},
		{"  ", " ORDER BY id ASC", ""},
		{"name", " ORDER BY name ASC, id ASC", ""},
		{"-name", " ORDER BY name DESC, id ASC", ""},
		{"title", " ORDER BY p.title ASC, id ASC", ""},
		{"-created_at,name", " ORDER BY created_at DESC, name ASC, id ASC", ""},
		{"-id", " ORDER BY id DESC", ""},
		{"name,-id", " ORDER BY name ASC, id DESC", ""},
		{"x", "", "invalid_data: Order field x is not valid"},
		{"name; DROP TABLE x", "", "invalid_data: Order field name; DROP TABLE x is not valid"},
		{"-", "", "invalid_data: Order field  is not valid"},
	}
	for _, tt := range tests {
		got, err := sqlq.OrderBy(tt.order, cols, "id")
		gotErr := ""
		if err != nil {
			gotErr = err.Error()
		}
		if got != tt.want || gotErr != tt.err {
			t.Errorf("OrderBy(%q) = %q, %q; want %q, %q", tt.order, got, gotErr, tt.want, tt.err)
		}
	}
}
