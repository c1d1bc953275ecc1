package db_test

import (
	"context"
	"errors"
	"fmt"
	"strconv"
	"sync"
	"testing"
	"time"

	"github.com/jackc/pgx/v5/pgconn"

	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

func countSettings(t *testing.T, d *db.DB) int {
	t.Helper()
	var n int
	if err := d.Read().QueryRowContext(context.Background(), "SELECT count(*) FROM app_setting").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func TestTxCommitsAndRollsBack(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		insert := func(tx db.DBTX, key string) error {
			_, err := tx.ExecContext(ctx, "INSERT INTO app_setting (key, value) VALUES ($1, 'v')", key)
			return err
		}

		if err := d.Tx(ctx, func(tx db.DBTX) error { return insert(tx, "committed") }); err != nil {
			t.Fatal(err)
		}
		if n := countSettings(t, d); n != 1 {
			t.Fatalf("after commit: %d rows, want 1", n)
		}

		errStop := errors.New("stop")
		err := d.Tx(ctx, func(tx db.DBTX) error {
			if err := insert(tx, "rolled-back"); err != nil {
				return err
			}
			return errStop
		})
		if err != errStop {
			t.Fatalf("Tx returned %v, want fn's error itself", err)
		}
		if n := countSettings(t, d); n != 1 {
			t.Fatalf("after error: %d rows, want 1", n)
		}

		func() {
			defer func() {
				if r := recover(); r != "boom" {
					t.Errorf("recovered %v, want the panic to pass through", r)
				}
			}()
			_ = d.Tx(ctx, func(tx db.DBTX) error {
				if err := insert(tx, "panicked"); err != nil {
					return err
				}
				panic("boom")
			})
		}()
		if n := countSettings(t, d); n != 1 {
			t.Fatalf("after panic: %d rows, want 1", n)
		}
		// The writer is usable after the panic: on SQLite its only connection was returned.
		if err := d.Tx(ctx, func(tx db.DBTX) error { return insert(tx, "after-panic") }); err != nil {
			t.Fatal(err)
		}
	})
}

// Read caches compare Commits: a committed write bumps it, a rolled-back one and a
// cache-neutral one do not.
func TestCommitsCountsWritesCachesDependOn(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		insert := func(key string) func(tx db.DBTX) error {
			return func(tx db.DBTX) error {
				_, err := tx.ExecContext(ctx, "INSERT INTO app_setting (key, value) VALUES ($1, 'v')", key)
				return err
			}
		}
		start := d.Commits()
		if err := d.Tx(ctx, insert("a")); err != nil {
			t.Fatal(err)
		}
		if got := d.Commits() - start; got != 1 {
			t.Fatalf("after a commit: %d counted, want 1", got)
		}
		if err := d.Tx(ctx, insert("a")); err == nil {
			t.Fatal("duplicate key committed")
		}
		if err := d.Tx(db.CacheNeutral(ctx), insert("b")); err != nil {
			t.Fatal(err)
		}
		if got := d.Commits() - start; got != 1 {
			t.Fatalf("after a failed and a cache-neutral commit: %d counted, want 1", got)
		}
		if n := countSettings(t, d); n != 2 {
			t.Fatalf("%d rows, want the cache-neutral write kept too", n)
		}
	})
}

func TestConstraintViolationsAreClassified(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := db.Time{Time: time.Now()}
		const insertStore = `INSERT INTO store (id, name, default_sales_channel_id, created_at, updated_at) VALUES ($1, 'Store', $2, $3, $3)`
		dbtest.Exec(t, d.Write(), insertChannel, "sc_1", "Web", false, nil, now, db.NullTime{})

		fkErr := d.Tx(ctx, func(tx db.DBTX) error {
			_, err := tx.ExecContext(ctx, insertStore, "store_1", "sc_missing", now)
			return err
		})
		if err := d.Tx(ctx, func(tx db.DBTX) error {
			_, err := tx.ExecContext(ctx, insertStore, "store_1", "sc_1", now)
			return err
		}); err != nil {
			t.Fatal(err)
		}
		singletonErr := d.Tx(ctx, func(tx db.DBTX) error {
			_, err := tx.ExecContext(ctx, insertStore, "store_2", "sc_1", now)
			return fmt.Errorf("create store: %w", err) // wrapped, as stores do
		})
		_, pkErr := d.Write().ExecContext(ctx, insertChannel, "sc_1", "Again", false, nil, now, db.NullTime{})

		tests := []struct {
			name       string
			err        error
			unique, fk bool
		}{
			{"missing sales channel", fkErr, false, true},
			{"second store", singletonErr, true, false},
			{"duplicate primary key", pkErr, true, false},
			{"nil", nil, false, false},
			{"other", errors.New("unique constraint failed"), false, false},
		}
		for _, tt := range tests {
			if got := db.IsUniqueViolation(tt.err); got != tt.unique {
				t.Errorf("%s: IsUniqueViolation(%v) = %v", tt.name, tt.err, got)
			}
			if got := db.IsForeignKeyViolation(tt.err); got != tt.fk {
				t.Errorf("%s: IsForeignKeyViolation(%v) = %v", tt.name, tt.err, got)
			}
			if db.IsSerializationFailure(tt.err) || db.IsBusy(tt.err) {
				t.Errorf("%s: %v classified as serialization failure or busy", tt.name, tt.err)
			}
		}
	})
}

// Counter increments read and then write in one transaction, the pattern that fails half-way
// with SQLITE_BUSY under deferred transactions and loses updates on PostgreSQL without a lock.
func TestConcurrentWriteTransactions(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		dbtest.Exec(t, d.Write(), "INSERT INTO app_setting (key, value) VALUES ('counter', '0')")
		const writers = 50
		var wg sync.WaitGroup
		errs := make(chan error, writers+4)
		done := make(chan struct{})
		for range 4 { // readers running during the writes
			wg.Go(func() {
				for {
					select {
					case <-done:
						return
					default:
					}
					var v string
					if err := d.Read().QueryRowContext(ctx, "SELECT value FROM app_setting WHERE key = 'counter'").Scan(&v); err != nil {
						errs <- fmt.Errorf("read: %w", err)
						return
					}
				}
			})
		}
		var writersWG sync.WaitGroup
		for range writers {
			writersWG.Go(func() {
				errs <- d.Tx(ctx, func(tx db.DBTX) error {
					var v string
					if err := tx.QueryRowContext(ctx, "SELECT value FROM app_setting WHERE key = $1"+d.ForUpdate(), "counter").Scan(&v); err != nil {
						return err
					}
					n, err := strconv.Atoi(v)
					if err != nil {
						return err
					}
					_, err = tx.ExecContext(ctx, "UPDATE app_setting SET value = $1 WHERE key = $2", strconv.Itoa(n+1), "counter")
					return err
				})
			})
		}
		writersWG.Wait()
		close(done)
		wg.Wait()
		close(errs)
		for err := range errs {
			if err != nil {
				t.Errorf("busy=%v: %v", db.IsBusy(err), err)
			}
		}
		var v string
		if err := d.Read().QueryRowContext(ctx, "SELECT value FROM app_setting WHERE key = 'counter'").Scan(&v); err != nil {
			t.Fatal(err)
		}
		if v != strconv.Itoa(writers) {
			t.Errorf("counter = %s, want %d", v, writers)
		}
	})
}

func TestTxRetriesSerializationFailuresOnPostgres(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		for _, code := range []string{"40001", "40P01"} {
			calls := 0
			err := d.Tx(context.Background(), func(tx db.DBTX) error {
				calls++
				if calls < 3 {
					return fmt.Errorf("update: %w", &pgconn.PgError{Code: code})
				}
				return nil
			})
			want := 3
			if d.Engine == db.SQLite {
				// SQLite never produces these; nothing is retried there.
				want = 1
				if !db.IsSerializationFailure(err) {
					t.Errorf("%s: err = %v, want it returned as is", code, err)
				}
			} else if err != nil {
				t.Errorf("%s: %v", code, err)
			}
			if calls != want {
				t.Errorf("%s: fn ran %d times, want %d", code, calls, want)
			}
		}
	})
}

func TestSkipLockedClaimQueryRuns(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		dbtest.Exec(t, d.Write(), "INSERT INTO outbox_event (id, name, payload, created_at) VALUES ($1, 'x', $2, $3)",
			"evt_1", db.JSON(`{}`), db.Time{Time: time.Now()})
		err := d.Tx(ctx, func(tx db.DBTX) error {
			var id string
			return tx.QueryRowContext(ctx, "SELECT id FROM outbox_event WHERE published_at IS NULL ORDER BY id LIMIT 10"+d.SkipLocked()).Scan(&id)
		})
		if err != nil {
			t.Fatal(err)
		}
	})
}
