package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	_ "github.com/jackc/pgx/v5/stdlib" // registers the "pgx" driver
)

// openPostgres opens one pool through pgx's database/sql driver, so stores share one code
// path with SQLite. Limits are explicit: database/sql's default is unlimited open
// connections, which a burst of requests turns into "too many clients". Every open
// connection may stay idle: with fewer idle slots than open connections, each burst closed
// the extra connections and the next one opened them again, a new backend process each,
// which then prepared every statement anew.
func openPostgres(ctx context.Context, url string) (*DB, error) {
	pool, err := sql.Open("pgx", url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	pool.SetMaxOpenConns(16)
	pool.SetMaxIdleConns(16)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	pool.SetConnMaxLifetime(time.Hour)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	return &DB{Engine: Postgres, write: pool, read: pool}, nil
}
