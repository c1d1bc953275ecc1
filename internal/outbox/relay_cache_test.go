package outbox_test

import (
	"context"
	"testing"
	"time"

	"channeld/internal/outbox"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

// TestRelayLeavesCachesValid: delivering events changes only the outbox, which no cache holds,
// so the relay's transactions must not count as commits that invalidate cached storefront
// pages; a relay ticking four times a second would otherwise empty them all the time.
func TestRelayLeavesCachesValid(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		if err := d.Tx(ctx, func(tx db.DBTX) error {
			return outbox.Append(ctx, tx, time.Now(), outbox.IDEvent("product.updated", "prod_1"))
		}); err != nil {
			t.Fatal(err)
		}
		before := d.Commits()
		r := &recorder{}
		relay := newRelay(d, r, 10)
		for range 2 { // one delivering flush, one that finds nothing
			if _, err := relay.Flush(ctx); err != nil {
				t.Fatal(err)
			}
		}
		if got := r.names(); len(got) != 1 {
			t.Fatalf("delivered %v, want the one event", got)
		}
		if after := d.Commits(); after != before {
			t.Errorf("the relay counted %d commits", after-before)
		}
	})
}
