package sqlq_test

import (
	"context"
	"testing"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/platform/sqlq"
)

func TestList(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		dbtest.Exec(t, d.Write(), `CREATE TABLE list_test (id TEXT PRIMARY KEY, kind TEXT NOT NULL)`)
		dbtest.Exec(t, d.Write(), `INSERT INTO list_test (id, kind) VALUES
			('a', 'x'), ('b', 'y'), ('c', 'x'), ('d', 'x'), ('e', 'y')`)
		l := sqlq.List[string]{From: "list_test", Columns: "id", Scan: func(r sqlq.Scanner) (string, error) {
			var id string
			return id, r.Scan(&id)
		}}
		tests := []struct {
			name          string
			kind          string
			limit, offset int
			page          []string
			count         int
			statements    int
		}{
			{"first page", "x", 2, 0, []string{"a", "c"}, 3, 2},
			{"last page", "x", 2, 2, []string{"d"}, 3, 2},
			{"count alone", "x", 0, 0, nil, 3, 1},
			{"past the end is not read", "x", 2, 3, nil, 3, 1},
			{"nothing matches", "z", 2, 0, nil, 0, 1},
		}
		for _, tt := range tests {
			t.Run(tt.name, func(t *testing.T) {
				w := sqlq.NewWhere(d.ILike())
				w.Eq("kind", tt.kind)
				read, n := dbtest.CountStatements(d.Read)
				page, count, err := l.Run(ctx, read(), "rows", w, " ORDER BY id", tt.limit, tt.offset)
				if err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.page, page); diff != "" {
					t.Errorf("page (-want +got):\n%s", diff)
				}
				if statements := int(n.Load()); count != tt.count || statements != tt.statements {
					t.Errorf("count %d in %d statements, want %d in %d", count, statements, tt.count, tt.statements)
				}
			})
		}
	})
}
