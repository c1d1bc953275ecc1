package product

import (
	"sync/atomic"

	"channeld/internal/platform/db/dbtest"
)

// CountReads makes every read of s go through a counter and returns it.
func CountReads(s *Service) *atomic.Int64 {
	var n *atomic.Int64
	s.read, n = dbtest.CountStatements(s.db.Read)
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
	log *[]Statement
}

func (l statementLog) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	*l.log = append(*l.log, Statement{SQL: q, Args: args})
	return l.DBTX.QueryContext(ctx, q, args...)
}

func (l statementLog) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	*l.log = append(*l.log, Statement{SQL: q, Args: args})
	return l.DBTX.QueryRowContext(ctx, q, args...)
}

// RecordReads makes every read of s go through a log and returns a function that hands out
// the statements logged since it was last called. Reads must not run concurrently.
func RecordReads(s *Service) func() []Statement {
	var log []Statement
	base := s.db.Read
	s.read = func() db.DBTX { return statementLog{DBTX: base(), log: &log} }
	return func() []Statement {
		out := log
		log = nil
		return out
	}
}
