package stock

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
)

// VariantItems returns a variant's item links with their items and levels.
func (s *Service) VariantItems(ctx context.Context, productID, variantID string) ([]*VariantItem, error) {
	if err := s.checkVariant(ctx, productID, variantID); err != nil {
		return nil, err
	}
	out, err := sqlq.Collect(ctx, s.db.Read(), sqlq.Into(func(vi *VariantItem) []any {
		return append([]any{&vi.ID, &vi.VariantID, &vi.InventoryItemID, &vi.RequiredQuantity},
			db.Stamps(&vi.CreatedAt, &vi.UpdatedAt)...)
	}), `SELECT id, variant_id, inventory_item_id, required_quantity, created_at, updated_at
		FROM product_variant_inventory_item WHERE variant_id = $1 ORDER BY inventory_item_id`, variantID)
	if err != nil {
		return nil, fmt.Errorf("read inventory items of %s: %w", variantID, err)
	}
	if out == nil {
		out = []*VariantItem{}
	}
	for _, vi := range out {
		if vi.Item, err = s.GetItem(ctx, vi.InventoryItemID); err != nil {
			return nil, err
		}
	}
	return out, nil
}

func (s *Service) checkVariant(ctx context.Context, productID, variantID string) error {
	return s.variants.VariantExists(ctx, productID, variantID)
}

// LinkVariantItem links a variant to an item, or changes the required quantity of an
// existing link when update is true (a missing link is then a 404).
func (s *Service) LinkVariantItem(ctx context.Context, productID, variantID, itemID string, required int64, update bool) error {
	if err := s.checkVariant(ctx, productID, variantID); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := getItem(ctx, tx, itemID); err != nil {
			return err
		}
		now := s.now()
		var existing string
		err := tx.QueryRowContext(ctx, `SELECT id FROM product_variant_inventory_item WHERE variant_id = $1 AND inventory_item_id = $2`,
			variantID, itemID).Scan(&existing)
		switch {
		case errors.Is(err, sql.ErrNoRows) && update:
			return apperr.NotFoundf("Variant %s is not linked to inventory item %s", variantID, itemID)
		case errors.Is(err, sql.ErrNoRows):
			err = s.insertVariantItem(ctx, tx, variantID, itemID, required, now)
		case err != nil:
			return fmt.Errorf("read variant item link: %w", err)
		case !update:
			return apperr.Invalidf("Variant %s is already linked to inventory item %s", variantID, itemID)
		default:
			_, err = tx.ExecContext(ctx, `UPDATE product_variant_inventory_item SET required_quantity = $2, updated_at = $3
				WHERE id = $1`, existing, required, db.FormatTime(now))
		}
		if err != nil {
			return fmt.Errorf("link variant %s to %s: %w", variantID, itemID, err)
		}
		return nil
	})
}

// UnlinkVariantItem removes a variant's link to an item.
func (s *Service) UnlinkVariantItem(ctx context.Context, productID, variantID, itemID string) error {
	if err := s.checkVariant(ctx, productID, variantID); err != nil {
		return err
	}
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		res, err := tx.ExecContext(ctx, `DELETE FROM product_variant_inventory_item WHERE variant_id = $1 AND inventory_item_id = $2`,
			variantID, itemID)
		if err != nil {
			return fmt.Errorf("unlink variant %s from %s: %w", variantID, itemID, err)
		}
		if n, err := res.RowsAffected(); err == nil && n == 0 {
			return apperr.NotFoundf("Variant %s is not linked to inventory item %s", variantID, itemID)
		}
		return err
	})
}

// AddVariantItem links a new variant to an existing live item inside the creating
// transaction (a variant created with Medusa's inventory_items). An unknown item is Medusa's
// 400, since the id came in the body.
func (s *Service) AddVariantItem(ctx context.Context, tx db.DBTX, variantID, itemID string, required int64) error {
	if _, err := getItem(ctx, tx, itemID); apperr.Is(err, apperr.NotFound) {
		return apperr.Invalidf("Inventory Items with ids: %s was not found", itemID)
	} else if err != nil {
		return err
	}
	if err := s.insertVariantItem(ctx, tx, variantID, itemID, required, s.now()); err != nil {
		return fmt.Errorf("link variant %s to %s: %w", variantID, itemID, err)
	}
	return nil
}

// insertVariantItem links a variant to an item it takes required units of.
func (s *Service) insertVariantItem(ctx context.Context, tx db.DBTX, variantID, itemID string, required int64, now time.Time) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO product_variant_inventory_item
		(id, variant_id, inventory_item_id, required_quantity, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $5)`,
		s.newID("pvitem"), variantID, itemID, required, db.FormatTime(now))
	return err
}

// CreateVariantItem gives a new variant that manages inventory its own item (SKU and title
// from the variant, one unit per variant), as Medusa's create-variant workflow does, inside
// the creating transaction. A live item with the same SKU is linked instead of duplicated.
func (s *Service) CreateVariantItem(ctx context.Context, tx db.DBTX, variantID string, sku *string, title string) error {
	now := s.now()
	itemID := ""
	if sku != nil {
		err := tx.QueryRowContext(ctx, `SELECT id FROM inventory_item WHERE sku = $1 AND deleted_at IS NULL`, *sku).Scan(&itemID)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return fmt.Errorf("find inventory item %s: %w", *sku, err)
		}
	}
	if itemID == "" {
		t := title
		it := &Item{ID: s.newID(id.InventoryItem), SKU: sku, Title: &t, RequiresShipping: true, CreatedAt: now, UpdatedAt: now}
		if err := s.insertItem(ctx, tx, it); err != nil {
			return err
		}
		itemID = it.ID
	}
	if err := s.insertVariantItem(ctx, tx, variantID, itemID, 1, now); err != nil {
		return fmt.Errorf("link variant %s to its inventory item: %w", variantID, err)
	}
	return nil
}

// availableQuery lists, for each inventory item that the asked variants need, how many of
// it one unit of the variant takes and its stock minus reservations summed over the live
// locations linked to the channel: NULL when none of them holds a level of the item. (A
// deleted item has no links: DeleteItem removes them with it.) The CAST keeps the sum a
// bigint on PostgreSQL, where SUM of a bigint is numeric. The sum is a correlated lookup, so
// both engines start from the asked variants whatever their statistics say: joined to the
// items instead, PostgreSQL without fresh statistics scanned every item, and a grouped
// subquery was materialised and indexed anew on every run on SQLite.
const availableQuery = `SELECT vi.variant_id, vi.required_quantity,
	(SELECT CAST(SUM(lv.stocked_quantity - lv.reserved_quantity) AS BIGINT) FROM inventory_level lv
	JOIN sales_channel_stock_location scl ON scl.stock_location_id = lv.location_id AND scl.sales_channel_id = $1
	JOIN stock_location sl ON sl.id = lv.location_id AND sl.deleted_at IS NULL
	WHERE lv.inventory_item_id = vi.inventory_item_id)
FROM product_variant_inventory_item vi
WHERE vi.variant_id IN (%s)`

// stockState is what a channel's locations hold of one variant.
type stockState struct {
	sellable int64 // whole units: the minimum over the variant's items, never below zero
	located  bool  // some item of the variant has a level at one of the locations
}

// stockStates runs availableQuery for the variants; a variant without inventory items is
// absent from the answer.
func stockStates(ctx context.Context, q db.DBTX, channelID string, variantIDs []string) (map[string]stockState, error) {
	args := make([]any, 0, 1+len(variantIDs))
	args = append(args, channelID)
	type itemStock struct {
		variantID string
		required  int64
		avail     sql.NullInt64
	}
	items, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (itemStock, error) {
		var it itemStock
		err := r.Scan(&it.variantID, &it.required, &it.avail)
		return it, err
	}, fmt.Sprintf(availableQuery, sqlq.InSet(&args, variantIDs)), args...)
	if err != nil {
		return nil, fmt.Errorf("compute availability in %s: %w", channelID, err)
	}
	out := make(map[string]stockState, len(variantIDs))
	for _, it := range items {
		units := max(it.avail.Int64, 0) / it.required
		st, seen := out[it.variantID]
		if !seen || units < st.sellable {
			st.sellable = units
		}
		st.located = st.located || it.avail.Valid
		out[it.variantID] = st
	}
	return out, nil
}

// Available returns, per variant id, how many units can be sold in the channel: for each
// item the variant needs, the stock left at the channel's live locations divided by the
// quantity the variant takes (rounded down, never below zero), and the minimum over the
// variant's items. A variant without inventory items has 0. One query for all variants.
func (s *Service) Available(ctx context.Context, q db.DBTX, channelID string, variantIDs []string) (map[string]int64, error) {
	out := make(map[string]int64, len(variantIDs))
	if len(variantIDs) == 0 {
		return out, nil
	}
	states, err := stockStates(ctx, q, channelID, variantIDs)
	if err != nil {
		return nil, err
	}
	for _, v := range variantIDs {
		out[v] = states[v].sellable
	}
	return out, nil
}

// AvailableAt returns how many units of one variant can be sold in the channel (as
// Available), and whether any of its inventory items has a level at a location of the
// channel at all — with none, no stock could ever be sold there.
func (s *Service) AvailableAt(ctx context.Context, q db.DBTX, channelID, variantID string) (int64, bool, error) {
	states, err := stockStates(ctx, q, channelID, []string{variantID})
	if err != nil {
		return 0, false, err
	}
	st := states[variantID]
	return st.sellable, st.located, nil
}
