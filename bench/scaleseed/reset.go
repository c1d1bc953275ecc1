package main

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"os"
	"strings"

	_ "github.com/jackc/pgx/v5/stdlib" // the "pgx" driver, for dropping a schema
)

// reset empties the database at dbURL so the seed starts from nothing: a SQLite file is
// removed with its WAL; on PostgreSQL the schema the URL's search_path names is dropped with
// everything in it and created again (a URL without one is refused: the seed does not drop a
// schema it was not pointed at).
func reset(ctx context.Context, dbURL string) error {
	if !strings.HasPrefix(dbURL, "postgres://") && !strings.HasPrefix(dbURL, "postgresql://") {
		for _, suffix := range []string{"", "-wal", "-shm"} {
			if err := os.Remove(dbURL + suffix); err != nil && !os.IsNotExist(err) {
				return fmt.Errorf("reset: %w", err)
			}
		}
		return nil
	}
	u, err := url.Parse(dbURL)
	if err != nil {
		return fmt.Errorf("reset: %w", err)
	}
	schema := u.Query().Get("search_path")
	if schema == "" || strings.ContainsAny(schema, `",`) {
		return fmt.Errorf("reset: the URL names no single schema in search_path")
	}
	d, err := sql.Open("pgx", dbURL)
	if err != nil {
		return fmt.Errorf("reset: %w", err)
	}
	defer d.Close()
	for _, q := range []string{`DROP SCHEMA IF EXISTS "` + schema + `" CASCADE`, `CREATE SCHEMA "` + schema + `"`} {
		if _, err := d.ExecContext(ctx, q); err != nil {
			return fmt.Errorf("reset: %w", err)
		}
	}
	return nil
}
