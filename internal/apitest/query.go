package apitest

import (
	"encoding/json"
	"fmt"
	"testing"

	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

// Scalar reads one value (a count, an id) straight from the server's database, to prove what a
// request did or did not write. The query runs on the read pool with the engine's $n
// placeholders.
func Scalar[T any](t testing.TB, s *Server, query string, args ...any) T {
	t.Helper()
	return dbtest.Scalar[T](t, s.App.DB.Read(), query, args...)
}

// Exec runs a statement that writes straight on the server's database, to put it in a state
// the API would not (an expired row, a broken link), failing the test if it fails.
func Exec(t testing.TB, s *Server, query string, args ...any) {
	t.Helper()
	dbtest.Exec(t, s.App.DB.Write(), query, args...)
}

// WantEvents fails the test, and lets it go on, unless the server's outbox holds n events
// named name, published or not.
func WantEvents(t testing.TB, s *Server, name string, n int) {
	t.Helper()
	if got := Scalar[int](t, s, `SELECT count(*) FROM outbox_event WHERE name = $1`, name); got != n {
		t.Errorf("%d %s events, want %d", got, name, n)
	}
}

// Events lists the server's outbox as "name id" lines, oldest first. Every payload must hold
// the id the event is about, or the test fails.
func Events(t testing.TB, s *Server) []string {
	t.Helper()
	rows, err := s.App.DB.Read().QueryContext(t.Context(), `SELECT name, payload FROM outbox_event ORDER BY id`)
	if err != nil {
		t.Fatalf("read outbox: %v", err)
	}
	defer rows.Close()
	var out []string
	for rows.Next() {
		var name string
		var payload db.JSON
		if err := rows.Scan(&name, &payload); err != nil {
			t.Fatalf("read outbox: %v", err)
		}
		var p map[string]any
		if err := json.Unmarshal(payload, &p); err != nil || p["id"] == nil {
			t.Fatalf("payload of %s has no id: %s", name, payload)
		}
		out = append(out, fmt.Sprintf("%s %v", name, p["id"]))
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	return out
}
