package db

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"net/url"
	"runtime"
	"strings"

	_ "modernc.org/sqlite" // registers the "sqlite" driver
)

// sqlitePragmas run on every new connection, busy_timeout first so that the ones after it
// wait for a lock instead of failing with SQLITE_BUSY. Foreign keys are off by default in
// SQLite and have to be switched on per connection. Each connection keeps its own page cache,
// 8 MB here: on a catalogue of 100,000 products the five connections filled 16 MB each, most
// of the server's memory, for no measurable speed over reading pages from the operating
// system's cache.
var sqlitePragmas = []string{
	"busy_timeout(10000)",
	"journal_mode(WAL)",
	"synchronous(NORMAL)",
	"foreign_keys(1)",
	"temp_store(MEMORY)",
	"cache_size(-8000)",
}

// openSQLite opens the writer and reader pools on one file, the way PocketBase does.
func openSQLite(ctx context.Context, raw string) (*DB, error) {
	path, err := sqlitePath(raw)
	if err != nil {
		return nil, err
	}
	// The writer: one connection, and BEGIN IMMEDIATE so a transaction takes the write lock
	// at its start. A deferred transaction that reads and then writes can fail half-way
	// with SQLITE_BUSY, which busy_timeout does not retry.
	write, err := sql.Open("sqlite", sqliteDSN(path, "_txlock=immediate"))
	if err != nil {
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	write.SetMaxOpenConns(1)
	write.SetMaxIdleConns(1)
	write.SetConnMaxIdleTime(0)
	write.SetConnMaxLifetime(0)
	// Connect the writer first: it creates the file and switches it to WAL before any reader,
	// which cannot write, opens it.
	if err := write.PingContext(ctx); err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}

	read, err := sql.Open("sqlite", sqliteDSN(path, "_txlock=deferred", "_query_only=1"))
	if err != nil {
		write.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	n := max(4, 2*runtime.GOMAXPROCS(0))
	read.SetMaxOpenConns(n)
	read.SetMaxIdleConns(n)
	read.SetConnMaxIdleTime(0)
	if err := read.PingContext(ctx); err != nil {
		write.Close()
		read.Close()
		return nil, fmt.Errorf("open sqlite %s: %w", path, err)
	}
	return &DB{Engine: SQLite, write: write, read: read, writeStmts: newStmtCache(write), readStmts: newStmtCache(read)}, nil
}

// sqlitePath turns "./channeld.db", "file:./channeld.db", "file:///var/x.db" or
// "sqlite://./channeld.db" into a file path. Connection parameters are channeld's to choose,
// so a URL carrying its own is refused rather than half-honoured.
func sqlitePath(raw string) (string, error) {
	p := raw
	switch {
	case strings.HasPrefix(p, "sqlite://"):
		p = strings.TrimPrefix(p, "sqlite://")
	case strings.HasPrefix(p, "file:"):
		p = strings.TrimPrefix(p, "file:")
		if strings.HasPrefix(p, "//") {
			p = strings.TrimPrefix(p, "//")
		}
	}
	switch {
	case p == "":
		return "", fmt.Errorf("open sqlite: no file path in %q", raw)
	case strings.Contains(p, "?"):
		return "", fmt.Errorf("open sqlite: %q: query parameters are not supported", raw)
	case p == ":memory:" || strings.Contains(raw, "mode=memory"):
		// Every pooled connection would see its own empty database.
		return "", errors.New("open sqlite: in-memory databases are not supported, use a file")
	}
	return p, nil
}

// sqliteDSN builds a modernc.org/sqlite DSN: a plain path, whose query the driver reads and
// strips before SQLite opens the file.
func sqliteDSN(path string, extra ...string) string {
	q := make([]string, 0, len(sqlitePragmas)+len(extra))
	for _, p := range sqlitePragmas {
		q = append(q, "_pragma="+url.QueryEscape(p))
	}
	q = append(q, extra...)
	return path + "?" + strings.Join(q, "&")
}
