package dbtest

import (
	"context"
	"database/sql"
	"sync/atomic"

	"channeld/internal/platform/db"
)

// CountStatements wraps a source of handles, such as (*db.DB).Read, so that every statement
// run through the handles it gives is counted in n. Tests use it to pin down how many
// statements a request costs, whatever the size of the page or of the catalogue.
func CountStatements(handle func() db.DBTX) (counted func() db.DBTX, n *atomic.Int64) {
	n = new(atomic.Int64)
	return func() db.DBTX { return counter{DBTX: handle(), n: n} }, n
}

// counter is a DBTX that counts the statements run through it.
type counter struct {
	db.DBTX
	n *atomic.Int64
}

func (c counter) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c.n.Add(1)
	return c.DBTX.ExecContext(ctx, q, args...)
}

func (c counter) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.DBTX.QueryContext(ctx, q, args...)
}

func (c counter) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	c.n.Add(1)
	return c.DBTX.QueryRowContext(ctx, q, args...)
}
