package db

import (
	"context"
	"database/sql"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5"
	"github.com/jackc/pgx/v5/stdlib" // also registers the "pgx" driver
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
	pages, err := openPagesPool(ctx, url)
	if err != nil {
		pool.Close()
		return nil, err
	}
	return &DB{Engine: Postgres, write: pool, read: pool, pages: pages}, nil
}

// openPagesPool opens the pool storefront pages read through (see DB.Pages): the same
// database, with each connection keeping one generic plan per prepared statement. Eight
// connections serve a machine's storefront traffic; the main pool keeps its sixteen.
func openPagesPool(ctx context.Context, url string) (*sql.DB, error) {
	cfg, err := pgx.ParseConfig(url)
	if err != nil {
		return nil, fmt.Errorf("open postgres: %w", err)
	}
	cfg.RuntimeParams["plan_cache_mode"] = "force_generic_plan"
	pool := stdlib.OpenDB(*cfg)
	pool.SetMaxOpenConns(8)
	pool.SetMaxIdleConns(8)
	pool.SetConnMaxIdleTime(5 * time.Minute)
	pool.SetConnMaxLifetime(time.Hour)
	if err := pool.PingContext(ctx); err != nil {
		pool.Close()
		return nil, fmt.Errorf("open postgres pages pool: %w", err)
	}
	return pool, nil
}
