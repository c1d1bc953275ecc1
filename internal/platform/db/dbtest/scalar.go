package dbtest

import (
	"testing"

	"channeld/internal/platform/db"
)

// Scalar reads one value (a count, an id) with query on q, to prove what the code under test
// did or did not write, failing the test if the query fails.
func Scalar[T any](t testing.TB, q db.DBTX, query string, args ...any) T {
	t.Helper()
	var v T
	if err := q.QueryRowContext(t.Context(), query, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}
