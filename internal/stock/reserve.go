package stock

import (
	"context"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
)

// ErrInsufficient is Medusa's error for a line the stock cannot cover.
func ErrInsufficient() error {
	return apperr.NotAllowedf("Some variant does not have the required inventory").WithCode("insufficient_inventory")
}

// Hold is stock to reserve for one order line: quantity units of a variant.
type Hold struct {
	LineItemID string
	VariantID  string
	Quantity   int64
}

// Reserve holds h.Quantity × required_quantity of every inventory item of the variant at the
// first of the channel's live locations (by location id) that has enough available, inside
// the caller's transaction (checkout's completion). The update is conditional on
// availability, so it cannot oversell: on PostgreSQL a competing update waits for the row
// lock and re-checks the condition. Nothing at any location is ErrInsufficient.
func (s *Service) Reserve(ctx context.Context, tx db.DBTX, channelID string, h Hold) error {
	needs, err := itemNeeds(ctx, tx, h.VariantID, h.Quantity)
	if err != nil {
		return err
	}
	now := db.Time{Time: s.now()}
	for _, n := range needs {
		levels, err := channelLevels(ctx, tx, channelID, n.item)
		if err != nil {
			return err
		}
		location := ""
		for _, l := range levels {
			res, err := tx.ExecContext(ctx, `UPDATE inventory_level SET reserved_quantity = reserved_quantity + $2, updated_at = $3
				WHERE id = $1 AND stocked_quantity - reserved_quantity >= $2`, l.id, n.qty, now)
			if err != nil {
				return fmt.Errorf("reserve at level %s: %w", l.id, err)
			}
			if k, err := res.RowsAffected(); err != nil {
				return fmt.Errorf("reserve at level %s: %w", l.id, err)
			} else if k == 1 {
				location = l.location
				break
			}
		}
		if location == "" {
			return ErrInsufficient()
		}
		lineItemID := h.LineItemID
		if err := insertReservation(ctx, tx, &Reservation{ID: s.newID(id.Reservation), LineItemID: &lineItemID,
			LocationID: location, InventoryItemID: n.item, Quantity: n.qty, CreatedAt: now.Time, UpdatedAt: now.Time}); err != nil {
			return err
		}
	}
	return nil
}

// itemNeed is how many units of one inventory item a line takes.
type itemNeed struct {
	item string
	qty  int64
}

// itemNeeds lists the inventory items of a variant with the units quantity of it takes.
func itemNeeds(ctx context.Context, q db.DBTX, variantID string, quantity int64) ([]itemNeed, error) {
	needs, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (itemNeed, error) {
		var n itemNeed
		err := r.Scan(&n.item, &n.qty)
		n.qty *= quantity
		return n, err
	}, `SELECT inventory_item_id, required_quantity FROM product_variant_inventory_item
		WHERE variant_id = $1 ORDER BY inventory_item_id`, variantID)
	if err != nil {
		return nil, fmt.Errorf("read inventory items of %s: %w", variantID, err)
	}
	return needs, nil
}

// channelLevel is a level of an item at one of a channel's live locations.
type channelLevel struct{ id, location string }

// channelLevels lists an item's levels at the channel's live locations, by location id.
func channelLevels(ctx context.Context, q db.DBTX, channelID, itemID string) ([]channelLevel, error) {
	levels, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (channelLevel, error) {
		var l channelLevel
		err := r.Scan(&l.id, &l.location)
		return l, err
	}, `SELECT lv.id, lv.location_id FROM inventory_level lv
		JOIN sales_channel_stock_location scl ON scl.stock_location_id = lv.location_id AND scl.sales_channel_id = $2
		JOIN stock_location sl ON sl.id = lv.location_id AND sl.deleted_at IS NULL
		WHERE lv.inventory_item_id = $1 ORDER BY lv.location_id`, itemID, channelID)
	if err != nil {
		return nil, fmt.Errorf("read levels of %s: %w", itemID, err)
	}
	return levels, nil
}
