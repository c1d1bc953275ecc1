package db

import (
	"context"
	"database/sql"
	"sync"
)

// maxCachedStatements bounds a pool's statement cache. Queries built with a varying number of
// placeholders (IN lists) have many texts; past the bound they run unprepared, as before.
const maxCachedStatements = 2048

// stmtCache keeps one prepared statement per SQL text on a SQLite pool. SQLite compiles a
// statement before running it, and for channeld's short queries the compiling costs more than
// the running: without the cache it was 40% of the CPU of adding a cart line. database/sql
// prepares a cached statement once on each connection that runs it. PostgreSQL does not need
// this: pgx caches prepared statements per connection by itself.
type stmtCache struct {
	pool    *sql.DB
	mu      sync.RWMutex
	stmts   map[string]*sql.Stmt
	pending map[string]struct{}
}

func newStmtCache(pool *sql.DB) *stmtCache {
	return &stmtCache{pool: pool, stmts: make(map[string]*sql.Stmt), pending: make(map[string]struct{})}
}

// get returns the statement for query, preparing it on first use; nil when the cache is full
// or preparing fails (running the query unprepared then reports the error). Preparing waits
// for a connection, so it happens without holding the lock: a goroutine holding a connection
// must still be able to look statements up.
func (c *stmtCache) get(ctx context.Context, query string) *sql.Stmt {
	if st := c.lookup(query); st != nil {
		return st
	}
	return c.prepare(ctx, query)
}

func (c *stmtCache) lookup(query string) *sql.Stmt {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return c.stmts[query]
}

func (c *stmtCache) prepare(ctx context.Context, query string) *sql.Stmt {
	c.mu.RLock()
	full := len(c.stmts) >= maxCachedStatements
	c.mu.RUnlock()
	if full {
		return nil
	}
	st, err := c.pool.PrepareContext(ctx, query)
	if err != nil {
		return nil
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if have, ok := c.stmts[query]; ok {
		// Another goroutine prepared it meanwhile.
		st.Close()
		return have
	}
	c.stmts[query] = st
	return st
}

// want notes a query a transaction ran unprepared. The writer's only connection is busy
// with that transaction, so the statement is prepared after it ends (preparePending).
func (c *stmtCache) want(query string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.pending) < maxCachedStatements {
		c.pending[query] = struct{}{}
	}
}

// preparePending prepares the queries noted by want; it must run with no transaction of the
// calling goroutine open on the pool.
func (c *stmtCache) preparePending(ctx context.Context) {
	c.mu.Lock()
	queries := make([]string, 0, len(c.pending))
	for q := range c.pending {
		queries = append(queries, q)
		delete(c.pending, q)
	}
	c.mu.Unlock()
	for _, q := range queries {
		if c.lookup(q) == nil {
			c.prepare(ctx, q)
		}
	}
}

func (c *stmtCache) hasPending() bool {
	c.mu.RLock()
	defer c.mu.RUnlock()
	return len(c.pending) > 0
}

func (c *stmtCache) close() {
	c.mu.Lock()
	defer c.mu.Unlock()
	for q, st := range c.stmts {
		st.Close()
		delete(c.stmts, q)
	}
}

// cachedPool runs queries on a pool through its statement cache.
type cachedPool struct {
	*sql.DB
	cache *stmtCache
}

func (p cachedPool) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := p.cache.get(ctx, query); st != nil {
		return st.ExecContext(ctx, args...)
	}
	return p.DB.ExecContext(ctx, query, args...)
}

func (p cachedPool) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := p.cache.get(ctx, query); st != nil {
		return st.QueryContext(ctx, args...)
	}
	return p.DB.QueryContext(ctx, query, args...)
}

func (p cachedPool) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := p.cache.get(ctx, query); st != nil {
		return st.QueryRowContext(ctx, args...)
	}
	return p.DB.QueryRowContext(ctx, query, args...)
}

// cachedTx runs a transaction's queries through the writer's statement cache: Tx.StmtContext
// reuses the statement already prepared on the transaction's connection.
type cachedTx struct {
	*sql.Tx
	cache *stmtCache
}

func (t cachedTx) stmt(query string) *sql.Stmt {
	st := t.cache.lookup(query)
	if st == nil {
		t.cache.want(query)
	}
	return st
}

func (t cachedTx) ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error) {
	if st := t.stmt(query); st != nil {
		return t.Tx.StmtContext(ctx, st).ExecContext(ctx, args...)
	}
	return t.Tx.ExecContext(ctx, query, args...)
}

func (t cachedTx) QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error) {
	if st := t.stmt(query); st != nil {
		return t.Tx.StmtContext(ctx, st).QueryContext(ctx, args...)
	}
	return t.Tx.QueryContext(ctx, query, args...)
}

func (t cachedTx) QueryRowContext(ctx context.Context, query string, args ...any) *sql.Row {
	if st := t.stmt(query); st != nil {
		return t.Tx.StmtContext(ctx, st).QueryRowContext(ctx, args...)
	}
	return t.Tx.QueryRowContext(ctx, query, args...)
}
