package sqlq_test

import (
	"context"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/platform/sqlq"
)

type thing struct {
	ID, Kind  string
	DeletedAt *time.Time
}

var scanThing = sqlq.Into(func(t *thing) []any { return []any{&t.ID, &t.Kind, db.NullTimeDest(&t.DeletedAt)} })

func TestRowHelpers(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		ctx := context.Background()
		d := dbtest.Open(t, e)
		q := d.Write()
		for _, stmt := range []string{
			`CREATE TABLE rows_test (id TEXT PRIMARY KEY, kind TEXT NOT NULL, updated_at TEXT, deleted_at TEXT)`,
			`CREATE TABLE rows_count (scope TEXT PRIMARY KEY, n BIGINT NOT NULL)`,
			`INSERT INTO rows_count (scope, n) VALUES ('all', 3)`,
		} {
			if _, err := q.ExecContext(ctx, stmt); err != nil {
				t.Fatal(err)
			}
		}
		for _, id := range []string{"a", "b", "c"} {
			if err := sqlq.Exec(ctx, q, "insert "+id, `INSERT INTO rows_test (id, kind) VALUES ($1, $2)`, id, "x"); err != nil {
				t.Fatal(err)
			}
		}
		if err := sqlq.Exec(ctx, q, "insert into nothing", `INSERT INTO no_such_table (id) VALUES ($1)`, "a"); err == nil ||
			!strings.HasPrefix(err.Error(), "insert into nothing: ") {
			t.Errorf("Exec on a missing table = %v, want an error saying what failed", err)
		}

		dup := apperr.New(apperr.Duplicate, "Thing a already exists")
		if err := sqlq.ExecUnique(ctx, q, dup, "insert a", `INSERT INTO rows_test (id, kind) VALUES ($1, $2)`, "a", "y"); err != dup {
			t.Errorf("ExecUnique of a taken id = %v, want the duplicate error itself", err)
		}
		if err := sqlq.ExecUnique(ctx, q, dup, "insert d", `INSERT INTO rows_test (id, kind) VALUES ($1, $2)`, "d", "y"); err != nil {
			t.Errorf("ExecUnique of a new id = %v", err)
		}

		const one = `SELECT id, kind, deleted_at FROM rows_test WHERE id = $1`
		got, err := sqlq.One(q.QueryRowContext(ctx, one, "b"), scanThing, apperr.NotFoundf("no b"), "get b")
		if err != nil || got.ID != "b" || got.Kind != "x" || got.DeletedAt != nil {
			t.Errorf("One(b) = %+v, %v", got, err)
		}
		notFound := apperr.NotFoundf("Thing z was not found")
		if _, err := sqlq.One(q.QueryRowContext(ctx, one, "z"), scanThing, notFound, "get z"); err != notFound {
			t.Errorf("One(z) error = %v, want the not-found error itself", err)
		}
		if _, err := sqlq.One(q.QueryRowContext(ctx, `SELECT nope FROM rows_test`), scanThing, notFound, "get nope"); err == nil ||
			apperr.Is(err, apperr.NotFound) {
			t.Errorf("One on a bad query = %v, want an internal error", err)
		}

		ids, err := sqlq.Collect(ctx, q, sqlq.String, `SELECT id FROM rows_test ORDER BY id DESC`)
		if diff := cmp.Diff([]string{"d", "c", "b", "a"}, ids); err != nil || diff != "" {
			t.Errorf("Collect (-want +got):\n%s %v", diff, err)
		}
		none, err := sqlq.Collect(ctx, q, sqlq.Pairs, `SELECT id, kind FROM rows_test WHERE id = 'z'`)
		if err != nil || none != nil {
			t.Errorf("Collect of no rows = %v, %v; want nil, nil", none, err)
		}

		for scope, want := range map[string]int{"all": 3, "missing": 0} {
			if n, err := sqlq.KeptCount(ctx, q, `SELECT n FROM rows_count WHERE scope = $1`, scope); err != nil || n != want {
				t.Errorf("KeptCount(%s) = %d, %v; want %d", scope, n, err, want)
			}
		}

		now := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		for _, tt := range []struct {
			id   string
			want bool
		}{{"a", true}, {"a", false}, {"z", false}} {
			if deleted, err := sqlq.SoftDelete(ctx, q, "rows_test", tt.id, now); err != nil || deleted != tt.want {
				t.Errorf("SoftDelete(%s) = %v, %v; want %v", tt.id, deleted, err, tt.want)
			}
		}
		a, err := sqlq.One(q.QueryRowContext(ctx, one, "a"), scanThing, notFound, "get a")
		if err != nil || a.DeletedAt == nil || !a.DeletedAt.Equal(now) {
			t.Errorf("a after SoftDelete = %+v, %v; want deleted at %v", a, err, now)
		}
	})
}

func TestIndex(t *testing.T) {
	things := []*thing{{ID: "b"}, {ID: "a"}}
	byID, ids := sqlq.Index(things, func(t *thing) string { return t.ID })
	if diff := cmp.Diff([]string{"b", "a"}, ids); diff != "" {
		t.Errorf("ids (-want +got):\n%s", diff)
	}
	if byID["a"] != things[1] || byID["b"] != things[0] || len(byID) != 2 {
		t.Errorf("byID = %v", byID)
	}
}

func TestTrigramPhrase(t *testing.T) {
	tests := []struct {
		e       db.Engine
		q, want string
		indexed bool
	}{
		{db.SQLite, `lamp`, `"lamp"`, true},
		{db.SQLite, `a "b"`, `"a ""b"""`, true},
		{db.SQLite, `ab`, ``, false},
		{db.SQLite, `äöü`, `"äöü"`, true},
		{db.Postgres, `lamp`, ``, false},
	}
	for _, tt := range tests {
		if got, indexed := sqlq.TrigramPhrase(tt.e, tt.q); got != tt.want || indexed != tt.indexed {
			t.Errorf("TrigramPhrase(%s, %q) = %q, %v; want %q, %v", tt.e, tt.q, got, indexed, tt.want, tt.indexed)
		}
	}
}

func TestListFilters(t *testing.T) {
	tests := []struct {
		name  string
		build func(w *sqlq.Where) error
		sql   string
		args  []any
		ops   bool // whether deleted_at was given an operator map
	}{
		{"nil lists and an empty term do not filter", func(w *sqlq.Where) error {
			w.InFilter("id", nil)
			w.Search("", "name")
			return w.TimeOps(sqlq.TimeOp{Field: "deleted_at"})
		}, "", []any{}, false},
		{"an empty list matches nothing", func(w *sqlq.Where) error {
			w.InFilter("id", []string{})
			return nil
		}, " WHERE 1 = 0", []any{}, false},
		{"time operators on their columns", func(w *sqlq.Where) error {
			return w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: map[string]any{"$gt": "2026-03-01"}},
				sqlq.TimeOp{Field: "deleted_at", Column: "CAST(NULL AS TEXT)", Ops: map[string]any{"$lt": "2026-03-02"}})
		}, " WHERE created_at > $1 AND CAST(NULL AS TEXT) < $2",
			[]any{"2026-03-01T00:00:00.000Z", "2026-03-02T00:00:00.000Z"}, true},
		{"an operator in a group counts", func(w *sqlq.Where) error {
			sub := w.Sub()
			if err := sub.TimeOps(sqlq.TimeOp{Field: "deleted_at", Ops: map[string]any{}}); err != nil {
				return err
			}
			w.AnyOf([]*sqlq.Where{sub})
			return nil
		}, " WHERE ((1 = 1))", []any{}, true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			w := sqlq.NewWhere("ILIKE")
			if err := tt.build(w); err != nil {
				t.Fatal(err)
			}
			if w.SQL() != tt.sql || w.HasOp("deleted_at") != tt.ops {
				t.Errorf("SQL %q, deleted_at op %v; want %q, %v", w.SQL(), w.HasOp("deleted_at"), tt.sql, tt.ops)
			}
			if diff := cmp.Diff(tt.args, w.Args(), cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("args (-want +got):\n%s", diff)
			}
		})
	}
	if err := sqlq.NewWhere("LIKE").TimeOps(sqlq.TimeOp{Field: "created_at", Ops: map[string]any{"$gt": "yesterday"}}); !apperr.Is(err, apperr.Invalid) {
		t.Errorf("a time that does not parse = %v, want invalid data", err)
	}
}
