// Package db opens channeld's database, SQLite by default or PostgreSQL, and holds the few
// things that differ between the two engines: connection pools, write transactions, error
// codes, time and JSON values, and a handful of SQL fragments. Stores write plain SQL with
// $1..$N placeholders that runs unchanged on both.
package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"sync/atomic"
)

// Engine names a database engine.
type Engine string

// The engines channeld runs on.
const (
	SQLite   Engine = "sqlite"
	Postgres Engine = "postgres"
)

// DBTX is what store functions take: *sql.DB, *sql.Tx and *sql.Conn satisfy it.
type DBTX interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
	QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row
}

var (
	_ DBTX = (*sql.DB)(nil)
	_ DBTX = (*sql.Tx)(nil)
	_ DBTX = (*sql.Conn)(nil)
)

// DB is an open database. On SQLite it holds two pools on one file, a single-connection
// writer and a read-only reader pool, because SQLite allows one writer at a time and a
// second connection trying to write only gets SQLITE_BUSY. On PostgreSQL both are one pool,
// and storefront pages read through a second one (see Pages).
type DB struct {
	Engine Engine

	write *sql.DB
	read  *sql.DB
	pages *sql.DB
	// On SQLite, prepared statements of each pool by SQL text (stmtcache.go); nil on PostgreSQL.
	writeStmts, readStmts *stmtCache
	// commits counts the write transactions this process committed; read caches compare it
	// to know whether anything changed since they filled.
	commits atomic.Uint64
}

// Commits returns how many write transactions this process has committed. A cache that
// reads it before querying and finds it unchanged later knows no write of this process
// happened in between.
func (d *DB) Commits() uint64 { return d.commits.Load() }

// Open connects to the database named by url: a postgres:// or postgresql:// URL selects
// PostgreSQL, anything else is a SQLite file path, optionally prefixed with file: or sqlite://.
// It pings before returning, so a bad URL fails here rather than on the first request.
func Open(ctx context.Context, url string) (*DB, error) {
	switch {
	case url == "":
		return nil, errors.New("open database: empty database URL")
	case strings.HasPrefix(url, "postgres://"), strings.HasPrefix(url, "postgresql://"):
		return openPostgres(ctx, url)
	case strings.Contains(url, "://") && !strings.HasPrefix(url, "sqlite://") && !strings.HasPrefix(url, "file:"):
		// A URL for another engine (mysql://...) would otherwise become an odd SQLite file name.
		scheme, _, _ := strings.Cut(url, "://")
		return nil, fmt.Errorf("open database: unsupported scheme %q: give a SQLite file path or a postgres:// URL", scheme)
	default:
		return openSQLite(ctx, url)
	}
}

// Read returns the handle for queries outside a write transaction. On SQLite its connections
// are read-only and see the last committed state, not a transaction still in progress.
func (d *DB) Read() DBTX {
	if d.readStmts != nil {
		return cachedPool{DB: d.read, cache: d.readStmts}
	}
	return d.read
}

// Pages returns the handle storefront page reads go through. On SQLite it is Read. On
// PostgreSQL it is a pool of its own whose connections plan each prepared statement once
// (plan_cache_mode = force_generic_plan): by default PostgreSQL plans a statement anew on
// each run unless the plan it would keep looks as cheap as the ones it makes for the values
// given, and for a page's walk of a channel's listing (LIMIT and OFFSET unknown, so a tenth
// of the channel assumed) it never does: planning took four times as long as running it, on
// every page. The statements of a page are walks of listing indexes and reads by key, whose
// plan does not depend on the values; the other reads keep PostgreSQL's choice, which some
// need (the admin's inventory search ran twenty times slower on a kept plan).
func (d *DB) Pages() DBTX {
	if d.pages == nil {
		return d.Read()
	}
	return d.pages
}

// Write returns the writer pool. On SQLite it has exactly one connection: do not use it from
// inside Tx, which already holds that connection, or the call waits forever.
func (d *DB) Write() *sql.DB { return d.write }

// Ping checks that every pool can reach the database.
func (d *DB) Ping(ctx context.Context) error {
	for name, p := range d.Pools() {
		if err := p.PingContext(ctx); err != nil {
			return &poolError{pool: name, op: "ping", err: err}
		}
	}
	return nil
}

// Close closes every pool.
func (d *DB) Close() error {
	if d.Engine == Postgres {
		return errors.Join(d.write.Close(), d.pages.Close())
	}
	d.writeStmts.close()
	d.readStmts.close()
	return errors.Join(d.write.Close(), d.read.Close())
}

// Pools names the connection pools, for metrics: "write" and "read" on SQLite, "main" and
// "pages" on PostgreSQL.
func (d *DB) Pools() map[string]*sql.DB {
	if d.Engine == Postgres {
		return map[string]*sql.DB{"main": d.write, "pages": d.pages}
	}
	return map[string]*sql.DB{"write": d.write, "read": d.read}
}

type poolError struct {
	pool, op string
	err      error
}

func (e *poolError) Error() string { return e.op + " " + e.pool + " pool: " + e.err.Error() }
func (e *poolError) Unwrap() error { return e.err }
