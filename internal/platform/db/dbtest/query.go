package dbtest

import (
	"testing"

	"channeld/internal/platform/db"
)

// The helpers below run one statement for a test, to set up rows or to prove what the code
// under test did or did not write, and fail the test if the statement fails.

// Scalar reads one value (a count, an id) with query on q.
func Scalar[T any](t testing.TB, q db.DBTX, query string, args ...any) T {
	t.Helper()
	var v T
	if err := q.QueryRowContext(t.Context(), query, args...).Scan(&v); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return v
}

// Column reads the first column of every row query returns on q, in the order of the rows;
// it is empty, not nil, when there is none.
func Column[T any](t testing.TB, q db.DBTX, query string, args ...any) []T {
	t.Helper()
	rows, err := q.QueryContext(t.Context(), query, args...)
	if err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	defer rows.Close()
	out := []T{}
	for rows.Next() {
		var v T
		if err := rows.Scan(&v); err != nil {
			t.Fatalf("%s: %v", query, err)
		}
		out = append(out, v)
	}
	if err := rows.Err(); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
	return out
}

// Exec runs a statement that writes, such as an INSERT of rows a test starts from, on q.
func Exec(t testing.TB, q db.DBTX, query string, args ...any) {
	t.Helper()
	if _, err := q.ExecContext(t.Context(), query, args...); err != nil {
		t.Fatalf("%s: %v", query, err)
	}
}
