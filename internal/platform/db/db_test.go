package db_test

import (
	"context"
	"database/sql"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

func TestOpenRejectsEmptyURL(t *testing.T) {
	if _, err := db.Open(context.Background(), ""); err == nil {
		t.Fatal("Open(\"\") succeeded")
	}
}

// modernc.org/sqlite only works with the modernc.org/libc version its own go.mod names, and
// MVS can silently raise libc when another dependency asks for a newer one. Test binaries
// carry no module list in their build info, so the go command answers instead.
func TestModerncVersionsMatch(t *testing.T) {
	if _, err := exec.LookPath("go"); err != nil {
		t.Skip("no go command")
	}
	out, err := exec.Command("go", "list", "-m", "-f", "{{.Path}}@{{.Version}}", "modernc.org/sqlite", "modernc.org/libc").Output()
	if err != nil {
		t.Fatalf("go list: %v", err)
	}
	selected := strings.Fields(string(out))
	if len(selected) != 2 {
		t.Fatalf("go list printed %q", out)
	}
	graph, err := exec.Command("go", "mod", "graph").Output()
	if err != nil {
		t.Fatalf("go mod graph: %v", err)
	}
	var wanted string
	for line := range strings.Lines(string(graph)) {
		from, to, _ := strings.Cut(strings.TrimSpace(line), " ")
		if from == selected[0] && strings.HasPrefix(to, "modernc.org/libc@") {
			wanted = to
		}
	}
	if wanted != selected[1] {
		t.Fatalf("%s wants %s but the build selects %s: keep them in step", selected[0], wanted, selected[1])
	}
}

func TestMigrateIsIdempotent(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		ctx := context.Background()
		url := dbtest.URL(t, e)
		for i := range 2 {
			d, err := db.Open(ctx, url)
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Migrate(ctx); err != nil {
				t.Fatalf("run %d: %v", i, err)
			}
			if err := d.Migrate(ctx); err != nil {
				t.Fatalf("run %d, again: %v", i, err)
			}
			var n int
			if err := d.Read().QueryRowContext(ctx, "SELECT count(*) FROM sales_channel").Scan(&n); err != nil {
				t.Fatal(err)
			}
			if err := d.Close(); err != nil {
				t.Fatal(err)
			}
		}
	})
}

func TestConcurrentMigrateOnPostgres(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.URL(t, db.Postgres) // skips without CHANNELD_TEST_DATABASE_URL
	errs := make(chan error, 2)
	for range 2 {
		d, err := db.Open(ctx, url)
		if err != nil {
			t.Fatal(err)
		}
		t.Cleanup(func() { d.Close() })
		go func() { errs <- d.Migrate(ctx) }()
	}
	for range 2 {
		if err := <-errs; err != nil {
			t.Errorf("concurrent migrate: %v", err)
		}
	}
}

func TestPostgresSchemaConfinesTables(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	url := dbtest.URL(t, db.Postgres) // skips without CHANNELD_TEST_DATABASE_URL
	d := dbtest.OpenURL(t, url)
	var schema string
	if err := d.Read().QueryRowContext(ctx, "SELECT current_schema()").Scan(&schema); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(schema, "test_") || !strings.Contains(url, "search_path="+schema) {
		t.Fatalf("current_schema() = %q for %s", schema, url)
	}
	var in, elsewhere int
	const q = `SELECT count(*) FILTER (WHERE table_schema = $1), count(*) FILTER (WHERE table_schema <> $1 AND table_schema NOT LIKE 'test\_%')
		FROM information_schema.tables WHERE table_name IN ('sales_channel', 'goose_db_version')`
	if err := d.Read().QueryRowContext(ctx, q, schema).Scan(&in, &elsewhere); err != nil {
		t.Fatal(err)
	}
	if in != 2 || elsewhere != 0 {
		t.Fatalf("tables in %s: %d, in other schemas: %d; want 2 and 0", schema, in, elsewhere)
	}
}

func TestSQLitePragmasOnBothPools(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	d := dbtest.Open(t, db.SQLite)
	pools := d.Pools()
	if len(pools) != 2 {
		t.Fatalf("pools = %v", pools)
	}
	for name, p := range pools {
		// Several connections, so pragmas are checked on more than the first one.
		conns := make([]*sql.Conn, 0, 3)
		for range cap(conns) {
			if name == "write" && len(conns) == 1 {
				break
			}
			c, err := p.Conn(ctx)
			if err != nil {
				t.Fatal(err)
			}
			conns = append(conns, c)
		}
		for _, c := range conns {
			for pragma, want := range map[string]string{
				"foreign_keys": "1", "journal_mode": "wal", "busy_timeout": "10000",
				"synchronous": "1", "temp_store": "2", "cache_size": "-8000",
			} {
				var got string
				if err := c.QueryRowContext(ctx, "PRAGMA "+pragma).Scan(&got); err != nil {
					t.Fatal(err)
				}
				if got != want {
					t.Errorf("%s pool: %s = %s, want %s", name, pragma, got, want)
				}
			}
			var queryOnly int
			if err := c.QueryRowContext(ctx, "PRAGMA query_only").Scan(&queryOnly); err != nil {
				t.Fatal(err)
			}
			if want := map[string]int{"write": 0, "read": 1}[name]; queryOnly != want {
				t.Errorf("%s pool: query_only = %d, want %d", name, queryOnly, want)
			}
		}
		for _, c := range conns {
			c.Close()
		}
	}
	if _, err := d.Read().ExecContext(ctx, "INSERT INTO app_setting (key, value) VALUES ('k', 'v')"); err == nil {
		t.Error("insert through the read pool succeeded")
	}
}

func TestSQLiteBusyIsClassified(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "busy.db")
	d, err := db.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	tx, err := d.Write().BeginTx(ctx, nil) // BEGIN IMMEDIATE: holds the write lock
	if err != nil {
		t.Fatal(err)
	}
	defer tx.Rollback()
	other, err := sql.Open("sqlite", path+"?_pragma=busy_timeout(0)&_txlock=immediate")
	if err != nil {
		t.Fatal(err)
	}
	defer other.Close()
	_, err = other.BeginTx(ctx, nil)
	if !db.IsBusy(err) {
		t.Fatalf("second BEGIN IMMEDIATE: %v, want busy", err)
	}
	if db.IsUniqueViolation(err) || db.IsForeignKeyViolation(err) || db.IsSerializationFailure(err) {
		t.Errorf("busy error classified as something else too: %v", err)
	}
}

// A URL for an engine channeld does not run on is an error naming its scheme, not a SQLite
// file with an odd name.
func TestOpenRejectsOtherEngines(t *testing.T) {
	for _, url := range []string{"mysql://root@127.0.0.1/shop", "redis://127.0.0.1:6379"} {
		_, err := db.Open(context.Background(), url)
		if err == nil || !strings.Contains(err.Error(), "unsupported scheme") || !strings.Contains(err.Error(), "postgres://") {
			t.Errorf("Open(%q) = %v, want an unsupported scheme error", url, err)
		}
	}
	// As SQLite paths these would have made a folder named after the scheme.
	for _, made := range []string{"mysql:", "redis:"} {
		if _, err := os.Stat(made); err == nil {
			os.RemoveAll(made)
			t.Errorf("Open created %s", made)
		}
	}
}
