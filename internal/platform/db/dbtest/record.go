package dbtest

import (
	"context"
	"database/sql"
	"sync"

	"channeld/internal/platform/db"
)

// Statement is one statement run through a recording handle, with its arguments.
type Statement struct {
	SQL  string
	Args []any
}

// RecordStatements wraps a source of handles, such as (*db.DB).Read, so that every statement
// run through the handles it gives is recorded; taken hands out the statements recorded since
// it was last called. Tests explain them (see Explain).
func RecordStatements(handle func() db.DBTX) (recording func() db.DBTX, taken func() []Statement) {
	r := &recorder{}
	return func() db.DBTX { return recordingTx{DBTX: handle(), r: r} }, r.take
}

type recorder struct {
	mu  sync.Mutex
	log []Statement
}

func (r *recorder) add(q string, args []any) {
	r.mu.Lock()
	defer r.mu.Unlock()
	r.log = append(r.log, Statement{SQL: q, Args: args})
}

func (r *recorder) take() []Statement {
	r.mu.Lock()
	defer r.mu.Unlock()
	out := r.log
	r.log = nil
	return out
}

// recordingTx is a DBTX that records the statements run through it.
type recordingTx struct {
	db.DBTX
	r *recorder
}

func (t recordingTx) ExecContext(ctx context.Context, q string, args ...any) (sql.Result, error) {
	t.r.add(q, args)
	return t.DBTX.ExecContext(ctx, q, args...)
}

func (t recordingTx) QueryContext(ctx context.Context, q string, args ...any) (*sql.Rows, error) {
	t.r.add(q, args)
	return t.DBTX.QueryContext(ctx, q, args...)
}

func (t recordingTx) QueryRowContext(ctx context.Context, q string, args ...any) *sql.Row {
	t.r.add(q, args)
	return t.DBTX.QueryRowContext(ctx, q, args...)
}
