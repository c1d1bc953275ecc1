package db

import (
	"context"
	"fmt"
	"math/rand/v2"
	"time"
)

// txAttempts bounds how often Tx runs fn on PostgreSQL when the database aborts it for a
// serialization failure or deadlock, which a retry of the whole transaction resolves.
const txAttempts = 5

// Tx runs fn in one write transaction on the writer pool and commits it when fn returns nil.
// When fn returns an error the transaction rolls back and Tx returns that error as it is,
// so callers can still inspect it with errors.As. A panic in fn rolls back and panics on.
//
// On PostgreSQL, fn may run more than once: a transaction aborted with a serialization
// failure or deadlock is retried from the start, so fn must not have effects outside tx.
// On SQLite the transaction begins IMMEDIATE on the single writer connection, so write
// transactions queue in Go instead of failing with SQLITE_BUSY.
func (d *DB) Tx(ctx context.Context, fn func(tx DBTX) error) error {
	for attempt := 1; ; attempt++ {
		err := d.tx(ctx, fn)
		if err == nil {
			if ctx.Value(cacheNeutralKey{}) == nil {
				d.commits.Add(1)
			}
			return nil
		}
		if d.Engine != Postgres || attempt == txAttempts || !IsSerializationFailure(err) {
			return err
		}
		// Jitter keeps the transactions that collided from colliding again in lockstep.
		wait := time.Duration(attempt)*5*time.Millisecond + rand.N(10*time.Millisecond)
		select {
		case <-ctx.Done():
			return err
		case <-time.After(wait):
		}
	}
}

type cacheNeutralKey struct{}

// CacheNeutral marks the transactions run with the returned context as writing only rows
// that no read cache holds (a cart's lines, its payment sessions), so their commits are not
// counted by Commits and leave cached storefront pages valid. A transaction that changes
// anything a page shows — products, prices, channels, keys, stock levels — must not use it.
func CacheNeutral(ctx context.Context) context.Context {
	return context.WithValue(ctx, cacheNeutralKey{}, true)
}

func (d *DB) tx(ctx context.Context, fn func(tx DBTX) error) (err error) {
	tx, err := d.write.BeginTx(ctx, nil)
	if err != nil {
		return fmt.Errorf("begin transaction: %w", err)
	}
	var q DBTX = tx
	if d.writeStmts != nil {
		q = cachedTx{Tx: tx, cache: d.writeStmts}
		// After the transaction the writer's connection is free to prepare what it ran.
		defer func() {
			if d.writeStmts.hasPending() {
				d.writeStmts.preparePending(context.WithoutCancel(ctx))
			}
		}()
	}
	committed := false
	defer func() {
		if !committed {
			// The rollback error is dropped: fn's error (or panic) is the one that explains
			// what went wrong, and a failed rollback ends with the connection anyway.
			_ = tx.Rollback()
		}
	}()
	if err := fn(q); err != nil {
		return err
	}
	committed = true
	if err := tx.Commit(); err != nil {
		return fmt.Errorf("commit transaction: %w", err)
	}
	return nil
}
