package stock

import (
	"context"
	"fmt"

	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
	"channeld/internal/rbac"
)

const itemNotFound = "Inventory item with id: %s was not found"

const itemColumns = `id, sku, title, description, thumbnail, origin_country, hs_code, mid_code, material,
	weight, length, height, width, requires_shipping, metadata, created_at, updated_at, deleted_at`

var scanItem = sqlq.Into(func(it *Item) []any {
	return append([]any{&it.ID, &it.SKU, &it.Title, &it.Description, &it.Thumbnail, &it.OriginCountry, &it.HSCode,
		&it.MIDCode, &it.Material, &it.Weight, &it.Length, &it.Height, &it.Width, &it.RequiresShipping,
		db.JSONDest(&it.Metadata)}, db.SoftStamps(&it.CreatedAt, &it.UpdatedAt, &it.DeletedAt)...)
})

// getItem returns a live item the admin caller may read (restrictItems), else the 404.
func getItem(ctx context.Context, q db.DBTX, itemID string) (*Item, error) {
	w := sqlq.NewWhere("")
	w.Eq("id", itemID)
	w.Add("deleted_at IS NULL")
	restrictItems(ctx, w)
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+itemColumns+` FROM inventory_item`+w.SQL(), w.Args()...),
		scanItem, apperr.NotFoundf(itemNotFound, itemID), "get inventory item "+itemID)
}

// restrictItems limits w to the items a channel-limited caller may read (§5.6): those with a
// level at a location linked to a channel where it holds inventory_item:read, or held by a
// variant of a product in such a channel. It reports whether it restricted.
func restrictItems(ctx context.Context, w *sqlq.Where) bool {
	all, ids := visible.Readable(ctx, "inventory_item")
	if all {
		return false
	}
	if len(ids) == 0 {
		w.Add("1 = 0")
		return true
	}
	in := w.ArgList(ids)
	w.Add(`(id IN (SELECT lv.inventory_item_id FROM inventory_level lv JOIN ` + ChannelLink.Name + ` scl
			ON scl.stock_location_id = lv.location_id WHERE scl.sales_channel_id IN (` + in + `))
		OR id IN (SELECT pvi.inventory_item_id FROM product_variant_inventory_item pvi
			JOIN product_variant v ON v.id = pvi.variant_id JOIN product_sales_channel psc ON psc.product_id = v.product_id
			WHERE psc.sales_channel_id IN (` + in + `)))`)
	return true
}

// checkSKU refuses a SKU another live item has; the unique index backs it under races.
func checkSKU(ctx context.Context, q db.DBTX, sku *string, itemID string) error {
	if sku == nil {
		return nil
	}
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM inventory_item WHERE sku = $1 AND id <> $2 AND deleted_at IS NULL`,
		*sku, itemID).Scan(&n); err != nil {
		return fmt.Errorf("check sku %s: %w", *sku, err)
	}
	if n > 0 {
		return errDuplicateSKU(*sku)
	}
	return nil
}

// errDuplicateSKU is Medusa's message for a SKU another live item has.
func errDuplicateSKU(sku string) error {
	return apperr.New(apperr.Duplicate, "InventoryItem with sku: %s, already exists.", sku)
}

func (s *Service) insertItem(ctx context.Context, tx db.DBTX, it *Item) error {
	if err := checkSKU(ctx, tx, it.SKU, it.ID); err != nil {
		return err
	}
	if err := sqlq.ExecUnique(ctx, tx, errDuplicateSKU(deref(it.SKU)), "insert inventory item", `INSERT INTO inventory_item
		(`+itemColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, NULL)`,
		it.ID, it.SKU, it.Title, it.Description, it.Thumbnail, it.OriginCountry, it.HSCode, it.MIDCode, it.Material,
		it.Weight, it.Length, it.Height, it.Width, it.RequiresShipping, db.JSON(it.Metadata),
		db.FormatTime(it.CreatedAt), db.FormatTime(it.UpdatedAt)); err != nil {
		return err
	}
	if err := outbox.Append(ctx, tx, it.CreatedAt, outbox.IDEvent(EventItemCreated, it.ID)); err != nil {
		return err
	}
	return s.indexItem(ctx, tx, it.ID, 1)
}

func applyItem(it *Item, in ItemFields) {
	for _, p := range []struct {
		name string
		dst  **string
		src  *string
	}{{"sku", &it.SKU, in.SKU}, {"title", &it.Title, in.Title}, {"description", &it.Description, in.Description},
		{"thumbnail", &it.Thumbnail, in.Thumbnail}, {"origin_country", &it.OriginCountry, in.OriginCountry},
		{"hs_code", &it.HSCode, in.HSCode}, {"mid_code", &it.MIDCode, in.MIDCode}, {"material", &it.Material, in.Material}} {
		if p.src != nil {
			*p.dst = p.src
		} else if in.Cleared[p.name] {
			*p.dst = nil
		}
	}
	for _, p := range []struct {
		name string
		dst  **float64
		src  *float64
	}{{"weight", &it.Weight, in.Weight}, {"length", &it.Length, in.Length}, {"height", &it.Height, in.Height}, {"width", &it.Width, in.Width}} {
		if p.src != nil {
			*p.dst = p.src
		} else if in.Cleared[p.name] {
			*p.dst = nil
		}
	}
	if in.RequiresShipping != nil {
		it.RequiresShipping = *in.RequiresShipping
	}
	if in.SetMetadata {
		it.Metadata = in.Metadata
	}
}

// CreateItem makes an item and, optionally, its first levels, in one transaction.
func (s *Service) CreateItem(ctx context.Context, in ItemFields, levels []LevelInput) (*Item, error) {
	now := s.now()
	it := &Item{ID: s.newID(id.InventoryItem), RequiresShipping: true, CreatedAt: now, UpdatedAt: now}
	applyItem(it, in)
	it.Metadata = in.Metadata
	// A channel-limited caller stocks the new item at locations of its channels (§5.6): it
	// must name at least one (E35), each where it may create items (E24).
	if sc, ok := rbac.Carried(ctx); ok && !sc.Global("inventory_item", "create") && len(levels) == 0 {
		return nil, rbac.ErrNoChannels
	}
	guard := single("inventory_item", "create")
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		for _, l := range levels {
			if err := guard.check(ctx, tx, l.LocationID); err != nil {
				return err
			}
		}
		if err := s.insertItem(ctx, tx, it); err != nil {
			return err
		}
		for _, l := range levels {
			l.InventoryItemID = it.ID
			if _, err := s.createLevel(ctx, tx, l, guard, now); err != nil {
				return err
			}
		}
		return nil
	})
	if err != nil {
		return nil, err
	}
	return s.GetItem(ctx, it.ID)
}

// GetItem returns a live item with its levels.
func (s *Service) GetItem(ctx context.Context, itemID string) (*Item, error) {
	it, err := getItem(ctx, s.db.Read(), itemID)
	if err != nil {
		return nil, err
	}
	return it, loadLevels(ctx, s.db.Read(), []*Item{it})
}

// UpdateItem changes an item's fields.
func (s *Service) UpdateItem(ctx context.Context, itemID string, in ItemFields) (*Item, error) {
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		it, err := getItem(ctx, tx, itemID)
		if err != nil {
			return err
		}
		if err := checkItemWrite(ctx, tx, itemID, "update"); err != nil {
			return err
		}
		applyItem(it, in)
		if err := checkSKU(ctx, tx, it.SKU, it.ID); err != nil {
			return err
		}
		_, err = tx.ExecContext(ctx, `UPDATE inventory_item SET sku = $2, title = $3, description = $4, thumbnail = $5,
			origin_country = $6, hs_code = $7, mid_code = $8, material = $9, weight = $10, length = $11, height = $12,
			width = $13, requires_shipping = $14, metadata = $15, updated_at = $16 WHERE id = $1`,
			it.ID, it.SKU, it.Title, it.Description, it.Thumbnail, it.OriginCountry, it.HSCode, it.MIDCode, it.Material,
			it.Weight, it.Length, it.Height, it.Width, it.RequiresShipping, db.JSON(it.Metadata), db.FormatTime(s.now()))
		if err != nil {
			return fmt.Errorf("update inventory item %s: %w", itemID, err)
		}
		if err := outbox.Append(ctx, tx, s.now(), outbox.IDEvent(EventItemUpdated, itemID)); err != nil {
			return err
		}
		return s.indexItem(ctx, tx, itemID, 0)
	})
	if err != nil {
		return nil, err
	}
	return s.GetItem(ctx, itemID)
}

// DeleteItem soft-deletes an item, deletes its levels and unlinks it from variants. An item
// with reserved units is refused. Deleting an unknown item succeeds.
func (s *Service) DeleteItem(ctx context.Context, itemID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		// An item the caller may not read is deleted as a missing one is: nothing happens.
		if _, err := getItem(ctx, tx, itemID); apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if err := checkItemWrite(ctx, tx, itemID, "delete"); err != nil {
			return err
		}
		return itemLevels.delete(ctx, tx, itemID, s.now(), func() error {
			if err := sqlq.Exec(ctx, tx, "unlink inventory item "+itemID+" from variants",
				`DELETE FROM product_variant_inventory_item WHERE inventory_item_id = $1`, itemID); err != nil {
				return err
			}
			return s.unindexItem(ctx, tx, itemID)
		})
	})
}
