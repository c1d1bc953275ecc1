package stock

import (
	"context"
	"fmt"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// ItemsOfVariants returns, per variant, its links to live items the caller may read, each
// with its item and the item's levels the caller may read (restrictItems, restrictLevels):
// three queries for any number of variants. A variant without links is left out.
func (s *Service) ItemsOfVariants(ctx context.Context, variantIDs []string) (map[string][]*VariantItem, error) {
	q := s.db.Read()
	w := sqlq.NewWhere("")
	w.In("variant_id", variantIDs)
	links, err := sqlq.Collect(ctx, q, sqlq.Into(func(vi *VariantItem) []any {
		return append([]any{&vi.ID, &vi.VariantID, &vi.InventoryItemID, &vi.RequiredQuantity},
			db.Stamps(&vi.CreatedAt, &vi.UpdatedAt)...)
	}), `SELECT id, variant_id, inventory_item_id, required_quantity, created_at, updated_at
		FROM product_variant_inventory_item`+w.SQL()+` ORDER BY variant_id, inventory_item_id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("read inventory items of variants: %w", err)
	}
	out := map[string][]*VariantItem{}
	if len(links) == 0 {
		return out, nil
	}
	itemIDs := make([]string, 0, len(links))
	for _, l := range links {
		itemIDs = append(itemIDs, l.InventoryItemID)
	}
	iw := sqlq.NewWhere("")
	iw.In("id", itemIDs)
	iw.Add("deleted_at IS NULL")
	restrictItems(ctx, iw)
	items, err := sqlq.Collect(ctx, q, scanItem, `SELECT `+itemColumns+` FROM inventory_item`+iw.SQL(), iw.Args()...)
	if err != nil {
		return nil, fmt.Errorf("read inventory items of variants: %w", err)
	}
	if err := loadLevels(ctx, q, items); err != nil {
		return nil, err
	}
	byID, _ := sqlq.Index(items, func(it *Item) string { return it.ID })
	for _, l := range links {
		if l.Item = byID[l.InventoryItemID]; l.Item != nil {
			out[l.VariantID] = append(out[l.VariantID], l)
		}
	}
	return out, nil
}

// Deliverable is how many units of a variant its links' levels can deliver, as Medusa's
// admin computes a variant's inventory_quantity: per item, the available quantity summed
// over its levels divided by the units the variant needs, rounded down; the least of these.
// A variant without items has none (ok false).
func Deliverable(links []*VariantItem) (n int64, ok bool) {
	for i, l := range links {
		var available int64
		for _, lv := range l.Item.Levels {
			available += lv.Available()
		}
		units := floorDiv(available, l.RequiredQuantity)
		if i == 0 || units < n {
			n = units
		}
	}
	return n, len(links) > 0
}

// floorDiv divides rounding toward negative infinity, as Math.floor does: reservations may
// exceed stock.
func floorDiv(a, b int64) int64 {
	q := a / b
	if (a%b != 0) && ((a < 0) != (b < 0)) {
		q--
	}
	return q
}
