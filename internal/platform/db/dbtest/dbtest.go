// Package dbtest gives tests a fresh, migrated database on every engine channeld supports,
// so each package's tests run against real SQLite and, when configured, real PostgreSQL.
// Every database it gives is a test's own (a file in its temporary directory, or a schema),
// so tests whose only shared resource is the database can call t.Parallel.
package dbtest

import (
	"context"
	"crypto/rand"
	"database/sql"
	"encoding/hex"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"channeld/internal/platform/db"
)

// EnvURL names the environment variable holding the PostgreSQL database that tests use.
const EnvURL = "CHANNELD_TEST_DATABASE_URL"

// Engines returns the engines to run against: SQLite always; PostgreSQL too when the
// CHANNELD_TEST_DATABASE_URL environment variable holds a postgres:// URL.
func Engines() []db.Engine {
	engines := []db.Engine{db.SQLite}
	if pgURL() != "" {
		engines = append(engines, db.Postgres)
	}
	return engines
}

func pgURL() string {
	u := os.Getenv(EnvURL)
	if strings.HasPrefix(u, "postgres://") || strings.HasPrefix(u, "postgresql://") {
		return u
	}
	return ""
}

// URL returns the URL of a fresh, empty database for one test: for SQLite a file in
// t.TempDir(); for PostgreSQL a new schema with a random name in the CHANNELD_TEST_DATABASE_URL
// database, dropped with everything in it at cleanup. The schema is selected through the
// search_path parameter, which pgx sends to the server when it connects.
func URL(t testing.TB, e db.Engine) string {
	t.Helper()
	switch e {
	case db.SQLite:
		return filepath.Join(t.TempDir(), "channeld.db")
	case db.Postgres:
		base := pgURL()
		if base == "" {
			t.Skipf("%s is not set to a postgres:// URL", EnvURL)
		}
		u, err := url.Parse(base)
		if err != nil {
			t.Fatalf("parse %s: %v", EnvURL, err)
		}
		schema := "test_" + randomHex(8)
		admin, err := sql.Open("pgx", base)
		if err != nil {
			t.Fatalf("open %s: %v", EnvURL, err)
		}
		t.Cleanup(func() { admin.Close() })
		// The name is generated here from hex digits, so it needs no quoting beyond this.
		if _, err := admin.ExecContext(context.Background(), `CREATE SCHEMA "`+schema+`"`); err != nil {
			t.Fatalf("create schema: %v", err)
		}
		t.Cleanup(func() {
			if _, err := admin.ExecContext(context.Background(), `DROP SCHEMA "`+schema+`" CASCADE`); err != nil {
				t.Errorf("drop schema %s: %v", schema, err)
			}
		})
		q := u.Query()
		q.Set("search_path", schema)
		u.RawQuery = q.Encode()
		return u.String()
	default:
		t.Fatalf("unknown engine %q", e)
		return ""
	}
}

// Open returns a migrated *db.DB on a fresh database of engine e, closed at cleanup.
func Open(t testing.TB, e db.Engine) *db.DB {
	t.Helper()
	return OpenURL(t, URL(t, e))
}

// OpenURL returns a migrated *db.DB on the database at url, such as one URL gave, closed at
// cleanup.
func OpenURL(t testing.TB, url string) *db.DB {
	t.Helper()
	ctx := context.Background()
	d, err := db.Open(ctx, url)
	if err != nil {
		t.Fatalf("open %s: %v", url, err)
	}
	// Registered after URL's cleanups, so it runs before the schema is dropped.
	t.Cleanup(func() {
		if err := d.Close(); err != nil {
			t.Errorf("close %s: %v", url, err)
		}
	})
	if err := d.Migrate(ctx); err != nil {
		t.Fatalf("migrate %s: %v", url, err)
	}
	return d
}

// Each runs fn as a subtest per engine, named "sqlite" and "postgres".
func Each(t *testing.T, fn func(t *testing.T, e db.Engine)) {
	t.Helper()
	for _, e := range Engines() {
		t.Run(string(e), func(t *testing.T) { fn(t, e) })
	}
}

// EachDB runs fn once per engine (see Each) on a fresh, migrated database of its own (see
// Open). Nothing but the database is shared between the runs, so each engine's run is a
// parallel subtest.
func EachDB(t *testing.T, fn func(t *testing.T, d *db.DB)) {
	t.Helper()
	Each(t, func(t *testing.T, e db.Engine) {
		t.Parallel()
		fn(t, Open(t, e))
	})
}

func randomHex(n int) string {
	b := make([]byte, n)
	_, _ = rand.Read(b) // crypto/rand.Read never fails since Go 1.24
	return hex.EncodeToString(b)
}
