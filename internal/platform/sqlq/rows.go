package sqlq

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"channeld/internal/platform/db"
)

// One reads the row of a query that selects at most one, with scan. No row is notFound,
// returned as it is, so a store never answers nil, nil; any other failure is wrapped with
// what ("get product prod_1").
func One[T any](row Scanner, scan func(Scanner) (T, error), notFound error, what string) (T, error) {
	v, err := scan(row)
	if errors.Is(err, sql.ErrNoRows) {
		var zero T
		return zero, notFound
	}
	if err != nil {
		var zero T
		return zero, fmt.Errorf("%s: %w", what, err)
	}
	return v, nil
}

// Collect runs a query and reads each of its rows with scan, in order. It returns nil when
// there are no rows, and errors as they are, for the caller to say what it was reading.
func Collect[T any](ctx context.Context, q db.DBTX, scan func(Scanner) (T, error), query string, args ...any) ([]T, error) {
	rows, err := q.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []T
	for rows.Next() {
		v, err := scan(rows)
		if err != nil {
			return nil, err
		}
		out = append(out, v)
	}
	return out, rows.Err()
}

// String reads a row of one text column, a scan function for Collect.
func String(r Scanner) (string, error) {
	var s string
	err := r.Scan(&s)
	return s, err
}

// Pair is a row of two text columns, such as a link's two ids.
type Pair struct{ A, B string }

// Pairs reads a row of two text columns, a scan function for Collect.
func Pairs(r Scanner) (Pair, error) {
	var p Pair
	err := r.Scan(&p.A, &p.B)
	return p, err
}

// KeptCount reads a count that a table keeps up to date (a row of product_count, the sum of
// a count's stripes): the integer query selects, 0 when it selects no row or NULL.
func KeptCount(ctx context.Context, q db.DBTX, query string, args ...any) (int, error) {
	var n sql.NullInt64
	err := q.QueryRowContext(ctx, query, args...).Scan(&n)
	if err != nil && !errors.Is(err, sql.ErrNoRows) {
		return 0, err
	}
	return int(n.Int64), nil
}

// Index returns each of items by its id, and the ids in order: what a loader needs to read
// a relation of a page in one IN (...) query and hand each row to its owner.
func Index[T any](items []T, id func(T) string) (map[string]T, []string) {
	byID := make(map[string]T, len(items))
	ids := make([]string, len(items))
	for i, it := range items {
		ids[i] = id(it)
		byID[ids[i]] = it
	}
	return byID, ids
}

// Into returns the scan function of a table's rows: each row is read into a new T through
// the destinations dest gives for its fields, in the order of the selected columns.
func Into[T any](dest func(*T) []any) func(Scanner) (*T, error) {
	return func(r Scanner) (*T, error) {
		v := new(T)
		if err := r.Scan(dest(v)...); err != nil {
			return nil, err
		}
		return v, nil
	}
}

// Exec runs a statement for its effect and wraps a failure with what ("insert region").
func Exec(ctx context.Context, q db.DBTX, what, query string, args ...any) error {
	if _, err := q.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// ExecUnique runs a write that a unique index may refuse: a violation is dup, the caller's
// error in Medusa's words; any other failure is wrapped with what.
func ExecUnique(ctx context.Context, q db.DBTX, dup error, what, query string, args ...any) error {
	_, err := q.ExecContext(ctx, query, args...)
	if db.IsUniqueViolation(err) {
		return dup
	}
	if err != nil {
		return fmt.Errorf("%s: %w", what, err)
	}
	return nil
}

// SoftDelete marks the live row id of table deleted at now and reports whether there was
// one; a row already deleted keeps its time.
func SoftDelete(ctx context.Context, tx db.DBTX, table, id string, now time.Time) (bool, error) {
	res, err := tx.ExecContext(ctx, `UPDATE `+table+` SET deleted_at = $2, updated_at = $2
		WHERE id = $1 AND deleted_at IS NULL`, id, db.FormatTime(now))
	if err != nil {
		return false, err
	}
	n, err := res.RowsAffected()
	return n > 0, err
}
