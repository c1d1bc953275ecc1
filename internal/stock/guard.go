package stock

import (
	"context"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
	"channeld/internal/rbac"
)

// The channel write checks of stock (§5.6 step 4). Stock at a location is shared by the
// channels linked to it, so a write on a level or a reservation needs the route's policy in
// one of them; an item is shared by every channel it is stocked or sold in, so a change to
// the item itself needs the policy in each.

// atLocation is what a write on stock at a location needs: resource:op in a channel linked
// to the location, else E24 naming decl (the route's own declaration).
type atLocation struct {
	resource, op string
	decl         rbac.Policies
}

// single is the check of a route that writes one level or reservation: its own policy.
func single(resource, op string) atLocation {
	return atLocation{resource, op, rbac.Policies{resource + ":" + op}}
}

// levelBatchDecl is the declaration of POST /admin/inventory-items/location-levels/batch
// (Medusa's inventory_item with every operation), which its refusals name.
var levelBatchDecl = rbac.Policies{"inventory_item:create", "inventory_item:update", "inventory_item:delete"}

// check refuses a caller who may not write at the location, whether or not the location
// exists, so a refusal reveals nothing.
func (a atLocation) check(ctx context.Context, q db.DBTX, locationID string) error {
	linked, err := ChannelLink.LeftsOf(ctx, q, []string{locationID})
	if err != nil {
		return err
	}
	return rbac.CheckWriteSome(ctx, a.decl, a.resource, a.op, linked[locationID])
}

// itemChannelsQuery reads the channels an item is stocked in (through its levels'
// locations) and sold in (through its variants' products).
const itemChannelsQuery = `SELECT scl.sales_channel_id FROM inventory_level lv
		JOIN sales_channel_stock_location scl ON scl.stock_location_id = lv.location_id WHERE lv.inventory_item_id = $1
	UNION SELECT psc.sales_channel_id FROM product_variant_inventory_item pvi
		JOIN product_variant v ON v.id = pvi.variant_id AND v.deleted_at IS NULL
		JOIN product_sales_channel psc ON psc.product_id = v.product_id WHERE pvi.inventory_item_id = $1`

// checkItemWrite is the channel write check of a change to an item itself: inventory_item:op
// in every channel it is stocked or sold in (store-wide for an item in none).
func checkItemWrite(ctx context.Context, q db.DBTX, itemID, op string) error {
	if sc, ok := rbac.Carried(ctx); !ok || sc.Global("inventory_item", op) {
		return nil
	}
	channels, err := sqlq.Collect(ctx, q, sqlq.String, itemChannelsQuery, itemID)
	if err != nil {
		return fmt.Errorf("read channels of inventory item %s: %w", itemID, err)
	}
	return rbac.CheckWrite(ctx, rbac.Policies{"inventory_item:" + op}, "inventory_item", op, channels)
}

// restrictLevels limits w, over inventory_level, to the levels a channel-limited caller may
// read: at locations linked to a channel where it holds inventory_item:read.
func restrictLevels(ctx context.Context, w *sqlq.Where) {
	visible.RestrictLinked(ctx, w, "inventory_item", "location_id", ChannelLink.Name, ChannelLink.Right)
}

// liveLocation refuses a location that is not live, with getLocation's 404, whoever asks:
// a write at a location has passed its channel check already.
func liveLocation(ctx context.Context, q db.DBTX, locationID string) error {
	_, err := sqlq.One(q.QueryRowContext(ctx, `SELECT id FROM stock_location WHERE id = $1 AND deleted_at IS NULL`, locationID),
		sqlq.String, apperr.NotFoundf(locationNotFound, locationID), "get stock location "+locationID)
	return err
}
