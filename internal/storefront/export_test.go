package storefront

import (
	"context"
	"database/sql"
	"sync"
	"sync/atomic"

	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

// CountReads makes every read of s go through a counter and returns it.
func CountReads(s *Service) *atomic.Int64 {
	var n *atomic.Int64
	s.read, n = dbtest.CountStatements(s.read)
	return n
}

// Statement is one statement a read ran, with its arguments.
type Statement struct {
	SQL  string
	Args []any
}

// statementLog wraps a DBTX and records the statements run through it.
type statementLog struct {
	db.DBTX
	mu  *sync.Mutex
	log *[]Statement
}

func (l statementLog) add(q string, args []any) {
	l.mu.Lock()
	defer l.mu.Unlock()
	*l.log = append(*l.log, Statement{SQL: q, Args: args})
}

func (l statementLog) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	l.add(q, args)
	return l.DBTX.ExecContext(ctx, q, args...)
}

func (l statementLog) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	l.add(q, args)
	return l.DBTX.QueryContext(ctx, q, args...)
}

func (l statementLog) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	l.add(q, args)
	return l.DBTX.QueryRowContext(ctx, q, args...)
}

// RecordReads makes every read of s go through a log and returns a function that hands out
// the statements logged since it was last called.
func RecordReads(s *Service) func() []Statement {
	var mu sync.Mutex
	var log []Statement
	base := s.read
	s.read = func() db.DBTX { return statementLog{DBTX: base(), mu: &mu, log: &log} }
	return func() []Statement {
		mu.Lock()
		defer mu.Unlock()
		out := log
		log = nil
		return out
	}
}
