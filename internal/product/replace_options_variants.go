package product

import (
	"context"
	"fmt"
	"slices"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
)

// A product update may carry the product's options and variants, which Medusa upserts with
// replace: listed children are updated or created, unlisted ones are deleted. Options go
// first so the variants resolve against the new options. Everything runs in the update's
// transaction, so a refusal anywhere writes nothing.

// replaceChildrenTx applies the options and variants of in to a product.
func (s *Service) replaceChildrenTx(ctx context.Context, tx db.DBTX, productID string, in UpdateInput, now time.Time) error {
	var idx optionIndex
	var err error
	if in.Options.Set {
		if idx, err = s.replaceOptionsTx(ctx, tx, productID, in.Options.Value, now); err != nil {
			return err
		}
	}
	if !in.Variants.Set {
		return nil
	}
	if idx == nil {
		if idx, err = indexOptions(ctx, tx, productID); err != nil {
			return err
		}
	}
	return s.replaceVariantsTx(ctx, tx, productID, in.Variants.Value, idx, now)
}

// replaceOptionsTx makes the product's options those of in and returns the new index. A
// value or option a live variant uses cannot be removed.
func (s *Service) replaceOptionsTx(ctx context.Context, tx db.DBTX, productID string, in []OptionUpsert, now time.Time) (optionIndex, error) {
	p := &Product{ID: productID}
	if err := loadOptions(ctx, tx, []*Product{p}, true); err != nil {
		return nil, err
	}
	used, err := usedValues(ctx, tx, productID)
	if err != nil {
		return nil, err
	}
	byID, byTitle := map[string]*Option{}, map[string]*Option{}
	for _, o := range p.Options {
		byID[o.ID], byTitle[o.Title] = o, o
	}
	idx := optionIndex{}
	kept := map[string]bool{}
	for _, oi := range in {
		o := byTitle[oi.Title]
		if oi.ID != "" {
			if o = byID[oi.ID]; o == nil {
				return nil, apperr.Invalidf("Option with id: %s was not found", oi.ID)
			}
		}
		if _, dup := idx[oi.Title]; dup || (o != nil && kept[o.ID]) {
			return nil, apperr.Invalidf("Option %s is given more than once", oi.Title)
		}
		idx[oi.Title] = map[string]string{}
		if o == nil {
			o = &Option{ID: s.newID(id.Option), ProductID: productID, Title: oi.Title, CreatedAt: now, UpdatedAt: now}
			if err := insertOption(ctx, tx, o); err != nil {
				return nil, err
			}
		} else {
			kept[o.ID] = true
			if err := s.updateOptionTx(ctx, tx, o, oi, used, idx[oi.Title], now); err != nil {
				return nil, err
			}
		}
		if err := s.insertValuesTx(ctx, tx, o.ID, oi.Values, idx[oi.Title], now); err != nil {
			return nil, err
		}
	}
	for _, o := range p.Options {
		if kept[o.ID] {
			continue
		}
		for _, v := range o.Values {
			if used[v.ID] {
				return nil, apperr.Invalidf("Option %s cannot be removed: its value %s is used by a variant", o.Title, v.Value)
			}
		}
		if err := deleteOption(ctx, tx, o.ID, now); err != nil {
			return nil, err
		}
	}
	return idx, nil
}

// updateOptionTx renames o to in.Title and deletes its values missing from in.Values,
// recording the values it keeps in have.
func (s *Service) updateOptionTx(ctx context.Context, tx db.DBTX, o *Option, in OptionUpsert, used map[string]bool, have map[string]string, now time.Time) error {
	if o.Title != in.Title {
		if _, err := tx.ExecContext(ctx, `UPDATE product_option SET title = $2, updated_at = $3 WHERE id = $1`,
			o.ID, in.Title, db.FormatTime(now)); err != nil {
			return fmt.Errorf("update option %s: %w", o.ID, err)
		}
	}
	for _, v := range o.Values {
		if slices.Contains(in.Values, v.Value) {
			have[v.Value] = v.ID
			continue
		}
		if used[v.ID] {
			return apperr.Invalidf("Option value %s of option %s cannot be removed: it is used by a variant", v.Value, o.Title)
		}
		if _, err := tx.ExecContext(ctx, `UPDATE product_option_value SET deleted_at = $2, updated_at = $2 WHERE id = $1`,
			v.ID, db.FormatTime(now)); err != nil {
			return fmt.Errorf("delete option value %s: %w", v.ID, err)
		}
	}
	return nil
}

// deleteOption soft-deletes an option with its values.
func deleteOption(ctx context.Context, tx db.DBTX, optionID string, now time.Time) error {
	if _, err := tx.ExecContext(ctx, `UPDATE product_option_value SET deleted_at = $2, updated_at = $2
		WHERE option_id = $1 AND deleted_at IS NULL`, optionID, db.FormatTime(now)); err != nil {
		return fmt.Errorf("delete values of option %s: %w", optionID, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE product_option SET deleted_at = $2, updated_at = $2 WHERE id = $1`,
		optionID, db.FormatTime(now)); err != nil {
		return fmt.Errorf("delete option %s: %w", optionID, err)
	}
	return nil
}

// usedValues returns the ids of the option values the product's live variants use.
func usedValues(ctx context.Context, tx db.DBTX, productID string) (map[string]bool, error) {
	ids, err := sqlq.Collect(ctx, tx, sqlq.String, `SELECT DISTINCT vo.option_value_id FROM product_variant_option vo
		JOIN product_variant v ON v.id = vo.variant_id WHERE v.product_id = $1 AND v.deleted_at IS NULL`, productID)
	if err != nil {
		return nil, fmt.Errorf("used option values of %s: %w", productID, err)
	}
	used := make(map[string]bool, len(ids))
	for _, vid := range ids {
		used[vid] = true
	}
	return used, nil
}

// replaceVariantsTx makes the product's live variants those of in. Unlisted variants are
// soft-deleted first, so a new variant may take the SKU of one it replaces.
func (s *Service) replaceVariantsTx(ctx context.Context, tx db.DBTX, productID string, in []VariantUpsert, idx optionIndex, now time.Time) error {
	live, err := loadVariants(ctx, tx, []*Product{{ID: productID}})
	if err != nil {
		return err
	}
	byID := make(map[string]*Variant, len(live))
	for _, v := range live {
		byID[v.ID] = v
	}
	listed := map[string]bool{}
	for _, vu := range in {
		if vu.ID == "" {
			if vu.Create.Title == "" {
				return apperr.Invalidf("A new variant needs a title")
			}
			continue
		}
		if byID[vu.ID] == nil {
			return apperr.Invalidf(variantNotFound, vu.ID)
		}
		if listed[vu.ID] {
			return apperr.Invalidf("Variant %s is given more than once", vu.ID)
		}
		listed[vu.ID] = true
	}
	for _, v := range live {
		if !listed[v.ID] {
			if err := deleteVariantTx(ctx, tx, v.ID, now); err != nil {
				return err
			}
		}
	}
	for _, vu := range in {
		if vu.ID != "" {
			err = s.updateVariantTx(ctx, tx, byID[vu.ID], vu.Update, idx, now)
		} else {
			_, err = s.insertVariantTx(ctx, tx, productID, vu.Create, idx, now)
		}
		if err != nil {
			return err
		}
	}
	return nil
}
