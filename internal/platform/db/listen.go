package db

import (
	"context"
	"database/sql/driver"
	"errors"
	"fmt"
	"time"

	"github.com/jackc/pgx/v5/stdlib"
)

// Notify sends a notification on channel to every instance listening on the same PostgreSQL
// database, delivered when tx commits and not at all if it rolls back. On SQLite it does
// nothing: instances that share a file share no server to notify through.
func (d *DB) Notify(ctx context.Context, tx DBTX, channel string) error {
	if d.Engine != Postgres {
		return nil
	}
	if _, err := tx.ExecContext(ctx, `SELECT pg_notify($1, '')`, channel); err != nil {
		return fmt.Errorf("notify %s: %w", channel, err)
	}
	return nil
}

// Listen calls fn for every notification on channel until ctx ends, holding one connection
// of the pool. fn is also called each time listening (re)starts, because notifications sent
// while nobody listened are lost. On SQLite it returns at once.
func (d *DB) Listen(ctx context.Context, channel string, fn func()) {
	if d.Engine != Postgres {
		return
	}
	for ctx.Err() == nil {
		err := d.listenOnce(ctx, channel, fn)
		if ctx.Err() != nil {
			return
		}
		_ = err // the connection broke: listen again after a pause
		select {
		case <-ctx.Done():
		case <-time.After(time.Second):
		}
	}
}

func (d *DB) listenOnce(ctx context.Context, channel string, fn func()) error {
	conn, err := d.write.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	return conn.Raw(func(dc any) error {
		sc, ok := dc.(*stdlib.Conn)
		if !ok {
			return errors.New("listen: not a pgx connection")
		}
		pc := sc.Conn()
		if _, err := pc.Exec(ctx, `LISTEN "`+channel+`"`); err != nil {
			return driver.ErrBadConn
		}
		fn()
		for {
			if _, err := pc.WaitForNotification(ctx); err != nil {
				// The connection is in no state to go back to the pool.
				return driver.ErrBadConn
			}
			fn()
		}
	})
}
