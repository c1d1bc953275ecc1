package stock

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
)

const levelColumns = `id, inventory_item_id, location_id, stocked_quantity, reserved_quantity, incoming_quantity,
	metadata, created_at, updated_at`

var scanLevel = sqlq.Into(func(l *Level) []any {
	return append([]any{&l.ID, &l.InventoryItemID, &l.LocationID, &l.StockedQuantity, &l.ReservedQuantity,
		&l.IncomingQuantity, db.JSONDest(&l.Metadata)}, db.Stamps(&l.CreatedAt, &l.UpdatedAt)...)
})

// loadLevels attaches every item's levels in one query.
func loadLevels(ctx context.Context, q db.DBTX, items []*Item) error {
	if len(items) == 0 {
		return nil
	}
	byID, ids := sqlq.Index(items, func(it *Item) string { return it.ID })
	for _, it := range items {
		it.Levels = []*Level{}
	}
	w := sqlq.NewWhere("")
	w.In("inventory_item_id", ids)
	restrictLevels(ctx, w)
	levels, err := sqlq.Collect(ctx, q, scanLevel,
		`SELECT `+levelColumns+` FROM inventory_level`+w.SQL()+` ORDER BY inventory_item_id, location_id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load inventory levels: %w", err)
	}
	for _, l := range levels {
		byID[l.InventoryItemID].Levels = append(byID[l.InventoryItemID].Levels, l)
	}
	return nil
}

// getLevel reads the item's level at the location, one the admin caller may read
// (restrictLevels): another is answered as a missing one.
func getLevel(ctx context.Context, q db.DBTX, itemID, locationID string) (*Level, error) {
	w := sqlq.NewWhere("")
	w.Eq("inventory_item_id", itemID)
	w.Eq("location_id", locationID)
	restrictLevels(ctx, w)
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+levelColumns+` FROM inventory_level`+w.SQL(), w.Args()...),
		scanLevel, apperr.NotFoundf("Item %s is not stocked at location %s", itemID, locationID), "get inventory level")
}

// createLevel adds a level of an item the caller has found at a live location where it may
// write (guard): the check comes first, so a refusal says nothing of the location. A second
// level for the same pair is refused.
func (s *Service) createLevel(ctx context.Context, tx db.DBTX, in LevelInput, guard atLocation, now time.Time) (*Level, error) {
	if err := guard.check(ctx, tx, in.LocationID); err != nil {
		return nil, err
	}
	if err := liveLocation(ctx, tx, in.LocationID); err != nil {
		return nil, err
	}
	if _, err := getLevel(ctx, tx, in.InventoryItemID, in.LocationID); err == nil {
		return nil, apperr.Invalidf("Inventory level for item %s and location %s already exists", in.InventoryItemID, in.LocationID)
	} else if !apperr.Is(err, apperr.NotFound) {
		return nil, err
	}
	l := &Level{ID: s.newID(id.InventoryLevel), InventoryItemID: in.InventoryItemID, LocationID: in.LocationID,
		CreatedAt: now, UpdatedAt: now}
	if in.StockedQuantity != nil {
		l.StockedQuantity = *in.StockedQuantity
	}
	if in.IncomingQuantity != nil {
		l.IncomingQuantity = *in.IncomingQuantity
	}
	_, err := tx.ExecContext(ctx, `INSERT INTO `+`inventory_level (`+levelColumns+`) VALUES ($1, $2, $3, $4, 0, $5, NULL, $6, $6)`,
		l.ID, l.InventoryItemID, l.LocationID, l.StockedQuantity, l.IncomingQuantity, db.FormatTime(now))
	if err != nil {
		return nil, fmt.Errorf("insert inventory level: %w", err)
	}
	return l, outbox.Append(ctx, tx, now, outbox.IDEvent(EventLevelCreated, l.ID))
}

// updateLevel changes the stocked and incoming quantities of a level the caller may read
// and, at its location, write (guard); stock below what is reserved is refused.
func (s *Service) updateLevel(ctx context.Context, tx db.DBTX, in LevelInput, guard atLocation, now time.Time) (*Level, error) {
	l, err := getLevel(ctx, tx, in.InventoryItemID, in.LocationID)
	if err != nil {
		return nil, err
	}
	if err := guard.check(ctx, tx, l.LocationID); err != nil {
		return nil, err
	}
	if in.StockedQuantity != nil {
		if *in.StockedQuantity < l.ReservedQuantity {
			return nil, apperr.NotAllowedf("Cannot set stocked quantity of item %s at location %s to %d: %d are reserved",
				l.InventoryItemID, l.LocationID, *in.StockedQuantity, l.ReservedQuantity)
		}
		l.StockedQuantity = *in.StockedQuantity
	}
	if in.IncomingQuantity != nil {
		l.IncomingQuantity = *in.IncomingQuantity
	}
	l.UpdatedAt = now
	_, err = tx.ExecContext(ctx, `UPDATE inventory_level SET stocked_quantity = $2, incoming_quantity = $3, updated_at = $4
		WHERE id = $1`, l.ID, l.StockedQuantity, l.IncomingQuantity, db.FormatTime(now))
	if err != nil {
		return nil, fmt.Errorf("update inventory level %s: %w", l.ID, err)
	}
	return l, outbox.Append(ctx, tx, now, outbox.IDEvent(EventLevelUpdated, l.ID))
}

// deleteLevel removes a level that holds no reservations.
func deleteLevel(ctx context.Context, tx db.DBTX, l *Level, now time.Time) error {
	if l.ReservedQuantity > 0 {
		return apperr.NotAllowedf("Cannot remove Inventory Level %s at Location %s because there are reservations at location",
			l.ID, l.LocationID)
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM inventory_level WHERE id = $1`, l.ID); err != nil {
		return fmt.Errorf("delete inventory level %s: %w", l.ID, err)
	}
	return outbox.Append(ctx, tx, now, outbox.IDEvent(EventLevelDeleted, l.ID))
}

// CreateLevel adds a level to an item and returns the item.
func (s *Service) CreateLevel(ctx context.Context, in LevelInput) (*Item, error) {
	if err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := getItem(ctx, tx, in.InventoryItemID); err != nil {
			return err
		}
		_, err := s.createLevel(ctx, tx, in, single("inventory_level", "create"), s.now())
		return err
	}); err != nil {
		return nil, err
	}
	return s.GetItem(ctx, in.InventoryItemID)
}

// UpdateLevel changes a level and returns the item.
func (s *Service) UpdateLevel(ctx context.Context, in LevelInput) (*Item, error) {
	if err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := getItem(ctx, tx, in.InventoryItemID); err != nil {
			return err
		}
		_, err := s.updateLevel(ctx, tx, in, single("inventory_level", "update"), s.now())
		return err
	}); err != nil {
		return nil, err
	}
	return s.GetItem(ctx, in.InventoryItemID)
}

// DeleteLevel removes an item's level at a location and returns the level's id.
func (s *Service) DeleteLevel(ctx context.Context, itemID, locationID string) (string, error) {
	var levelID string
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := getItem(ctx, tx, itemID); err != nil {
			return err
		}
		l, err := getLevel(ctx, tx, itemID, locationID)
		if err != nil {
			return err
		}
		if err := single("inventory_level", "delete").check(ctx, tx, l.LocationID); err != nil {
			return err
		}
		levelID = l.ID
		return deleteLevel(ctx, tx, l, s.now())
	})
	return levelID, err
}

// levelHolder is a table whose rows inventory levels hang off: items and locations.
type levelHolder struct {
	table   string // the holder's table
	column  string // the inventory_level column naming a holder
	refusal string // the refusal for a holder with reserved units, given its id and the units
	event   string // the event of the holder's deletion
}

var (
	itemLevels     = levelHolder{"inventory_item", "inventory_item_id", "Cannot delete inventory item %s: %d units are reserved", EventItemDeleted}
	locationLevels = levelHolder{"stock_location", "location_id", "Cannot delete stock location %s: %d units are reserved there", EventLocationDeleted}
)

// delete soft-deletes the live holder id and deletes its inventory levels, so its stock no
// longer counts anywhere, then runs also, which removes what else hangs off it. Levels
// holding reserved units refuse the deletion. Deleting an unknown holder succeeds and changes
// nothing, as in Medusa.
func (h levelHolder) delete(ctx context.Context, tx db.DBTX, id string, now time.Time, also func() error) error {
	var reserved int64
	if err := tx.QueryRowContext(ctx, `SELECT COALESCE(SUM(reserved_quantity), 0) FROM inventory_level
		WHERE `+h.column+` = $1`, id).Scan(&reserved); err != nil {
		return fmt.Errorf("check reservations of %s: %w", id, err)
	}
	if reserved > 0 {
		return apperr.NotAllowedf(h.refusal, id, reserved)
	}
	deleted, err := sqlq.SoftDelete(ctx, tx, h.table, id, now)
	if err != nil {
		return fmt.Errorf("delete %s: %w", id, err)
	}
	if !deleted {
		return nil
	}
	if err := sqlq.Exec(ctx, tx, "delete levels of "+id, `DELETE FROM inventory_level WHERE `+h.column+` = $1`, id); err != nil {
		return err
	}
	if err := outbox.Append(ctx, tx, now, outbox.IDEvent(h.event, id)); err != nil {
		return err
	}
	return also()
}

// BatchResult is what a level batch did.
type BatchResult struct {
	Created, Updated []*Level
	Deleted          []string
}

// BatchLevels creates, updates and deletes (by level id) levels in one transaction: any
// failure changes nothing. Each entry names its location, so the channel write check of
// each comes before any lookup: a refusal says nothing of what exists.
func (s *Service) BatchLevels(ctx context.Context, create, update []LevelInput, del []string) (BatchResult, error) {
	res := BatchResult{Created: []*Level{}, Updated: []*Level{}, Deleted: []string{}}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		now := s.now()
		for _, in := range create {
			guard := atLocation{"inventory_item", "create", levelBatchDecl}
			if err := guard.check(ctx, tx, in.LocationID); err != nil {
				return err
			}
			if _, err := getItem(ctx, tx, in.InventoryItemID); err != nil {
				return err
			}
			l, err := s.createLevel(ctx, tx, in, guard, now)
			if err != nil {
				return err
			}
			res.Created = append(res.Created, l)
		}
		for _, in := range update {
			guard := atLocation{"inventory_item", "update", levelBatchDecl}
			if err := guard.check(ctx, tx, in.LocationID); err != nil {
				return err
			}
			l, err := s.updateLevel(ctx, tx, in, guard, now)
			if err != nil {
				return err
			}
			res.Updated = append(res.Updated, l)
		}
		for _, levelID := range del {
			var location string
			if err := tx.QueryRowContext(ctx, `SELECT location_id FROM inventory_level WHERE id = $1`, levelID).Scan(&location); err != nil &&
				!errors.Is(err, sql.ErrNoRows) {
				return fmt.Errorf("get inventory level %s: %w", levelID, err)
			}
			if err := (atLocation{"inventory_item", "delete", levelBatchDecl}).check(ctx, tx, location); err != nil {
				return err
			}
			l, err := sqlq.One(tx.QueryRowContext(ctx, `SELECT `+levelColumns+` FROM inventory_level WHERE id = $1`, levelID),
				scanLevel, apperr.NotFoundf("Inventory level with id: %s was not found", levelID), "get inventory level "+levelID)
			if err != nil {
				return err
			}
			if err := deleteLevel(ctx, tx, l, now); err != nil {
				return err
			}
			res.Deleted = append(res.Deleted, levelID)
		}
		return nil
	})
	return res, err
}
