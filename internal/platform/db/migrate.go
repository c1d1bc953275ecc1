package db

import (
	"context"
	"fmt"
	"hash/fnv"
	"io/fs"

	"github.com/pressly/goose/v3"
	"github.com/pressly/goose/v3/lock"

	"channeld/migrations"
)

// Migrate applies the embedded migrations of the engine that are not applied yet. Running it
// again, or from several instances at once, is safe: on PostgreSQL a session advisory lock
// lets one instance migrate while the others wait and then find nothing left to do; on
// SQLite the migrations run on the single writer connection.
func (d *DB) Migrate(ctx context.Context) error {
	dir, dialect := "sqlite", goose.DialectSQLite3
	if d.Engine == Postgres {
		dir, dialect = "postgres", goose.DialectPostgres
	}
	fsys, err := fs.Sub(migrations.Files, dir)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	opts := []goose.ProviderOption{goose.WithDisableGlobalRegistry(true)}
	if d.Engine == Postgres {
		locker, err := d.sessionLocker(ctx)
		if err != nil {
			return fmt.Errorf("migrate: %w", err)
		}
		opts = append(opts, goose.WithSessionLocker(locker))
	}
	// Provider.Close would close our pool, so the provider is simply dropped.
	p, err := goose.NewProvider(dialect, d.write, fsys, opts...)
	if err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	if _, err := p.Up(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	return nil
}

// sessionLocker returns a fresh advisory locker (goose's retry counter lives in the locker,
// so one is not reused across runs). The lock id is derived from the schema being migrated:
// instances sharing a schema exclude each other, while databases that keep separate schemas
// in one PostgreSQL database, as the tests do, do not wait on one another.
func (d *DB) sessionLocker(ctx context.Context) (lock.SessionLocker, error) {
	var schema string
	if err := d.write.QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		return nil, fmt.Errorf("read current schema: %w", err)
	}
	h := fnv.New64a()
	h.Write([]byte("channeld-migrate:" + schema))
	return lock.NewPostgresSessionLocker(
		lock.WithLockID(int64(h.Sum64())),
		// Retry every second for up to 5 minutes: a waiting instance starts within a second
		// of the migrating one finishing.
		lock.WithLockTimeout(1, 300),
		lock.WithUnlockTimeout(1, 60),
	)
}
