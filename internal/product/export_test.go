package product

import (
	"context"
	"database/sql"
	"sync/atomic"

	"channeld/internal/platform/db"
)

// QueryCounter wraps a DBTX and counts the statements run through it.
type QueryCounter struct {
	db.DBTX
	N *atomic.Int64
}

func (c QueryCounter) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	c.N.Add(1)
	return c.DBTX.ExecContext(ctx, q, args...)
}

func (c QueryCounter) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	c.N.Add(1)
	return c.DBTX.QueryContext(ctx, q, args...)
}

func (c QueryCounter) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	c.N.Add(1)
	return c.DBTX.QueryRowContext(ctx, q, args...)
}

// CountReads makes every read of s go through a counter and returns it.
func CountReads(s *Service) *atomic.Int64 {
	n := new(atomic.Int64)
	base := s.db.Read
	s.read = func() db.DBTX { return QueryCounter{DBTX: base(), N: n} }
	return n
}
