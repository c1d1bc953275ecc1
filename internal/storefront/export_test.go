package storefront

import (
	"context"
	"database/sql"
	"sync/atomic"

	"channeld/internal/platform/db"
)

// queryCounter wraps a DBTX and counts the statements run through it.
type queryCounter struct {
	db.DBTX
	n *atomic.Int64
}

func (c queryCounter) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c.n.Add(1)
	return c.DBTX.ExecContext(ctx, q, args...)
}

func (c queryCounter) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.n.Add(1)
	return c.DBTX.QueryContext(ctx, q, args...)
}

func (c queryCounter) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	c.n.Add(1)
	return c.DBTX.QueryRowContext(ctx, q, args...)
}

// CountReads makes every read of s go through a counter and returns it.
func CountReads(s *Service) *atomic.Int64 {
	n := new(atomic.Int64)
	base := s.read
	s.read = func() db.DBTX { return queryCounter{DBTX: base(), n: n} }
	return n
}
