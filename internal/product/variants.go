package product

import (
	"context"
	"fmt"
	"maps"
	"reflect"
	"slices"
	"time"

	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
)

// optionIndex maps a product's option titles to their values' ids.
type optionIndex map[string]map[string]string

// indexOptions reads a product's options and values inside tx.
func indexOptions(ctx context.Context, tx db.DBTX, productID string) (optionIndex, error) {
	p := &Product{ID: productID}
	if err := loadOptions(ctx, tx, []*Product{p}, true); err != nil {
		return nil, err
	}
	idx := optionIndex{}
	for _, o := range p.Options {
		idx[o.Title] = map[string]string{}
		for _, v := range o.Values {
			idx[o.Title][v.Value] = v.ID
		}
	}
	return idx, nil
}

// resolve turns a variant's {"Size": "S"} into option value ids; every title must be an
// option of the product and every value one of its values.
func (idx optionIndex) resolve(opts map[string]string) ([]string, error) {
	ids := make([]string, 0, len(opts))
	for _, t := range slices.Sorted(maps.Keys(opts)) {
		values, ok := idx[t]
		if !ok {
			return nil, apperr.Invalidf("Option %s does not exist on the product", t)
		}
		vid, ok := values[opts[t]]
		if !ok {
			return nil, apperr.Invalidf("Option value %s does not exist for option %s", opts[t], t)
		}
		ids = append(ids, vid)
	}
	return ids, nil
}

func (s *Service) insertVariantTx(ctx context.Context, tx db.DBTX, productID string, in VariantInput, idx optionIndex, now time.Time) (*Variant, error) {
	valueIDs, err := idx.resolve(in.Options)
	if err != nil {
		return nil, err
	}
	prices, err := s.planPrices(ctx, tx, productID, in.Prices, nil)
	if err != nil {
		return nil, err
	}
	v := &Variant{
		ID: s.newID(id.Variant), ProductID: productID, Title: in.Title, SKU: in.SKU, Barcode: in.Barcode,
		EAN: in.EAN, UPC: in.UPC, AllowBackorder: in.AllowBackorder, ManageInventory: true,
		VariantRank: in.VariantRank, Physical: in.Physical, Thumbnail: in.Thumbnail, Metadata: in.Metadata,
		CreatedAt: now, UpdatedAt: now,
	}
	if in.ManageInventory != nil {
		v.ManageInventory = *in.ManageInventory
	}
	if err := insertVariant(ctx, tx, v); err != nil {
		return nil, err
	}
	if err := setVariantOptions(ctx, tx, v.ID, valueIDs); err != nil {
		return nil, err
	}
	if err := s.replacePrices(ctx, tx, v.ID, prices, nil); err != nil {
		return nil, err
	}
	if err := s.giveInventory(ctx, tx, v, in.InventoryItems); err != nil {
		return nil, err
	}
	return v, outbox.Append(ctx, tx, now, outbox.IDEvent(EventVariantCreated, v.ID))
}

// ListVariants returns a page of the variants f selects, of one live product when f names
// one, and their count.
func (s *Service) ListVariants(ctx context.Context, f AdminVariantFilter, p Page, inc Include) ([]*Variant, int, error) {
	q := s.read()
	if f.ProductID != "" {
		if _, err := getProduct(ctx, q, f.ProductID); err != nil {
			return nil, 0, err
		}
	}
	vs, count, err := listVariants(ctx, q, s.db.ILike(), f, p)
	if err != nil {
		return nil, 0, err
	}
	if inc.VariantOptions {
		if err := loadVariantOptions(ctx, q, vs); err != nil {
			return nil, 0, err
		}
	}
	if inc.VariantPrices {
		if err := loadPrices(ctx, q, vs); err != nil {
			return nil, 0, err
		}
	}
	return vs, count, nil
}

// GetVariant returns a live variant of a live product.
func (s *Service) GetVariant(ctx context.Context, productID, variantID string, inc Include) (*Variant, error) {
	q := s.read()
	if _, err := getProduct(ctx, q, productID); err != nil {
		return nil, err
	}
	v, err := getVariant(ctx, q, productID, variantID)
	if err != nil {
		return nil, err
	}
	if inc.VariantOptions {
		if err := loadVariantOptions(ctx, q, []*Variant{v}); err != nil {
			return nil, err
		}
	}
	if inc.VariantPrices {
		if err := loadPrices(ctx, q, []*Variant{v}); err != nil {
			return nil, err
		}
	}
	return v, nil
}

// CreateVariant adds a variant to a live product.
func (s *Service) CreateVariant(ctx context.Context, productID string, in VariantInput) (*Variant, error) {
	var v *Variant
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := getProduct(ctx, tx, productID); err != nil {
			return err
		}
		if err := checkWriteIn(ctx, tx, productID, "product_variant", "create", nil); err != nil {
			return err
		}
		idx, err := indexOptions(ctx, tx, productID)
		if err != nil {
			return err
		}
		if v, err = s.insertVariantTx(ctx, tx, productID, in, idx, s.now()); err != nil {
			return err
		}
		return s.listing.Products(ctx, tx, []string{productID})
	})
	return v, err
}

// UpdateVariant changes a variant of a live product.
func (s *Service) UpdateVariant(ctx context.Context, productID, variantID string, in VariantUpdate) (*Variant, error) {
	var v *Variant
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := getProduct(ctx, tx, productID); err != nil {
			return err
		}
		// A prices-only change needs price:update alone, checked per price entry (§5.6).
		if !in.pricesOnly() {
			if err := checkWriteIn(ctx, tx, productID, "product_variant", "update", nil); err != nil {
				return err
			}
		}
		var err error
		if v, err = getVariant(ctx, tx, productID, variantID); err != nil {
			return err
		}
		var idx optionIndex
		if in.Options != nil {
			if idx, err = indexOptions(ctx, tx, productID); err != nil {
				return err
			}
		}
		if err := s.updateVariantTx(ctx, tx, v, in, idx, s.now()); err != nil {
			return err
		}
		return s.listing.Products(ctx, tx, []string{productID})
	})
	return v, err
}

// updateVariantTx applies in to v and emits product-variant.updated; idx resolves
// in.Options and may be nil when in.Options is.
func (s *Service) updateVariantTx(ctx context.Context, tx db.DBTX, v *Variant, in VariantUpdate, idx optionIndex, now time.Time) error {
	var valueIDs []string
	var err error
	if in.Options != nil {
		if valueIDs, err = idx.resolve(in.Options); err != nil {
			return err
		}
	}
	var prices []plannedPrice
	var existing []*Price
	if in.Prices.Set {
		if existing, err = s.Prices(ctx, tx, PriceFilter{VariantIDs: []string{v.ID}}); err != nil {
			return err
		}
		if prices, err = s.planPrices(ctx, tx, v.ProductID, in.Prices.Value, existing); err != nil {
			return err
		}
	}
	applyVariantUpdate(v, in)
	v.UpdatedAt = now
	if err := updateVariant(ctx, tx, v); err != nil {
		return err
	}
	if in.Options != nil {
		if err := setVariantOptions(ctx, tx, v.ID, valueIDs); err != nil {
			return err
		}
	}
	if in.Prices.Set {
		if err := s.replacePrices(ctx, tx, v.ID, prices, existing); err != nil {
			return err
		}
	}
	return outbox.Append(ctx, tx, now, outbox.IDEvent(EventVariantUpdated, v.ID))
}

// applyVariantUpdate changes the fields of v that in sets; options and prices are rows of
// their own, which updateVariantTx writes.
func applyVariantUpdate(v *Variant, in VariantUpdate) {
	applyGiven(&v.Title, in.Title)
	apply(&v.SKU, in.SKU)
	apply(&v.Barcode, in.Barcode)
	apply(&v.EAN, in.EAN)
	apply(&v.UPC, in.UPC)
	applyGiven(&v.AllowBackorder, in.AllowBackorder)
	applyGiven(&v.ManageInventory, in.ManageInventory)
	applyGiven(&v.VariantRank, in.VariantRank)
	applyPhysical(&v.Physical, in.Physical)
	apply(&v.Thumbnail, in.Thumbnail)
	apply(&v.Metadata, in.Metadata)
}

// applyGiven sets *dst to *src when an update gives the field (src is not nil), for fields
// that cannot be cleared; apply does the same for a Patch, which can.
func applyGiven[T any](dst, src *T) {
	if src != nil {
		*dst = *src
	}
}

// DeleteVariant soft-deletes a variant of a live product, freeing its SKU.
func (s *Service) DeleteVariant(ctx context.Context, productID, variantID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := getProduct(ctx, tx, productID); err != nil {
			return err
		}
		if err := checkWriteIn(ctx, tx, productID, "product_variant", "delete", nil); err != nil {
			return err
		}
		if _, err := getVariant(ctx, tx, productID, variantID); err != nil {
			return err
		}
		if err := deleteVariantTx(ctx, tx, variantID, s.now()); err != nil {
			return err
		}
		return s.listing.Products(ctx, tx, []string{productID})
	})
}

// deleteVariantTx soft-deletes a variant and emits product-variant.deleted.
func deleteVariantTx(ctx context.Context, tx db.DBTX, variantID string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE product_variant SET deleted_at = $2, updated_at = $2 WHERE id = $1`,
		variantID, db.FormatTime(now)); err != nil {
		return fmt.Errorf("delete variant %s: %w", variantID, err)
	}
	return outbox.Append(ctx, tx, now, outbox.IDEvent(EventVariantDeleted, variantID))
}

// giveInventory links a new variant that manages inventory to the items it names, or, naming
// none, to an item of its own, as Medusa's create-variant workflow does, so it can be stocked
// right away. A variant that does not manage inventory gets nothing.
func (s *Service) giveInventory(ctx context.Context, tx db.DBTX, v *Variant, items []ItemLink) error {
	if !v.ManageInventory {
		return nil
	}
	if len(items) == 0 {
		return s.inventory.CreateVariantItem(ctx, tx, v.ID, v.SKU, v.Title)
	}
	seen := map[string]bool{}
	for _, it := range items {
		if seen[it.InventoryItemID] {
			return apperr.Invalidf("Cannot associate duplicate inventory items to variant(s) %s", v.ID)
		}
		seen[it.InventoryItemID] = true
	}
	for _, it := range items {
		if err := s.inventory.AddVariantItem(ctx, tx, v.ID, it.InventoryItemID, it.RequiredQuantity); err != nil {
			return err
		}
	}
	return nil
}

// pricesOnly reports whether the update changes nothing but the variant's prices, which a
// channel admin may do for its channel with price:update alone (§5.6).
func (in VariantUpdate) pricesOnly() bool {
	rest := in
	rest.Prices = Patch[[]PriceInput]{}
	return in.Prices.Set && reflect.DeepEqual(rest, VariantUpdate{})
}
