package fulfillment

import (
	"context"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
	"channeld/internal/rbac"
	"channeld/internal/stock"
)

// A fulfillment set, its zones and their options belong to the stock location of the set,
// so a channel-limited admin reaches them as it reaches the location: through the channels
// the location is linked to (spec §5.6). Reads add the condition to their own SQL, and a
// set, zone or option the caller may not read answers as a missing one; writes need the
// operation in every channel of the location (store-wide for a location in no channel).

// restrictByLocation limits w to rows whose stock location, the column col, is linked to a
// channel where the caller may read resource.
func restrictByLocation(ctx context.Context, w *sqlq.Where, resource, col string) {
	visible.RestrictLinked(ctx, w, resource, col, stock.ChannelLink.Name, stock.ChannelLink.Right)
}

// checkWriteAt is the write check of op on resource at a stock location.
func checkWriteAt(ctx context.Context, q db.DBTX, locationID, resource, op string) error {
	linked, err := stock.ChannelLink.LeftsOf(ctx, q, []string{locationID})
	if err != nil {
		return err
	}
	return rbac.CheckWrite(ctx, rbac.Policies{resource + ":" + op}, resource, op, linked[locationID])
}
