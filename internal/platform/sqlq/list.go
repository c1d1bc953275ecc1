package sqlq

import (
	"context"
	"fmt"

	"channeld/internal/platform/db"
)

// Scanner is a row being read: *sql.Row and *sql.Rows.
type Scanner interface{ Scan(dest ...any) error }

// List is one page of a list query: the total count of rows matching w, and the page of
// them in order, each read by scan. A limit of 0 asks for the count alone, and a page that
// starts at or past the count is not read: either costs one statement instead of two.
type List[T any] struct {
	From    string // the table (or join, or subquery and join) after FROM
	Columns string // the selected columns, in the order scan reads them
	Scan    func(Scanner) (T, error)
}

// Run counts and reads a page; what names the rows in errors ("sales channels"). The
// page is nil when it holds no rows.
func (l List[T]) Run(ctx context.Context, q db.DBTX, what string, w *Where, order string, limit, offset int) ([]T, int, error) {
	var count int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM `+l.From+w.SQL(), w.Args()...).Scan(&count); err != nil {
		return nil, 0, fmt.Errorf("count %s: %w", what, err)
	}
	return l.Within(ctx, q, what, count, w, order, limit, offset)
}

// Within reads a page of rows whose count the caller knows another way (a count the
// database keeps), and returns it with that count. A limit of 0, or a page that starts at or
// past the count, is not read.
func (l List[T]) Within(ctx context.Context, q db.DBTX, what string, count int, w *Where, order string, limit, offset int) ([]T, int, error) {
	if limit == 0 || count <= offset {
		return nil, count, nil
	}
	out, err := l.Page(ctx, q, what, w, order, limit, offset)
	return out, count, err
}

// Page reads the page alone, for a caller that knows the count another way.
func (l List[T]) Page(ctx context.Context, q db.DBTX, what string, w *Where, order string, limit, offset int) ([]T, error) {
	args := w.Args()
	out, err := Collect(ctx, q, l.Scan, `SELECT `+l.Columns+` FROM `+l.From+w.SQL()+order+Window(&args, limit, offset), args...)
	if err != nil {
		return nil, fmt.Errorf("list %s: %w", what, err)
	}
	return out, nil
}

// Groups adds Medusa's $and and $or filter groups to w: each filter of a group becomes a
// sub-clause built by build, ANDed or ORed together.
func Groups[F any](w *Where, and, or []F, build func(*Where, F) error) error {
	for _, group := range []struct {
		subs []F
		or   bool
	}{{and, false}, {or, true}} {
		if len(group.subs) == 0 {
			continue
		}
		subs := make([]*Where, 0, len(group.subs))
		for _, f := range group.subs {
			sw := w.Sub()
			if err := build(sw, f); err != nil {
				return err
			}
			subs = append(subs, sw)
		}
		if group.or {
			w.AnyOf(subs)
		} else {
			w.AllOf(subs)
		}
	}
	return nil
}

// Window appends limit and offset to *args and returns the LIMIT and OFFSET clause that reads
// them. Each is written as an expression ($n + 0), not a bare placeholder: SQLite's planner
// reads a bare LIMIT placeholder's value and marks the prepared statement for recompiling
// whenever a later page binds another one, which cost more than running the page query.
func Window(args *[]any, limit, offset int) string {
	return " LIMIT " + In(args, limit) + " + 0 OFFSET " + In(args, offset) + " + 0"
}
