package order

import (
	"context"

	"channeld/internal/platform/fields"
	"channeld/internal/product"
)

// specWith is Spec whose lines' variants also carry the relations other modules provide
// (the stock module's inventory_items and inventory), as the admin order page asks for
// them. The relations' values are loaded per page by loadVariantRelations.
func specWith(rels map[string]product.VariantRelation) *fields.Spec[Order] {
	if len(rels) == 0 {
		return Spec
	}
	variant := without(lineVariantSpec)
	for name, r := range rels {
		variant.Relations[name] = fields.Relation[lineVariant]{Unknown: r.Unknown, AsScalar: true,
			Append: func(b []byte, v *lineVariant, _ *fields.Selection) []byte {
				if raw, ok := v.rels[name]; ok {
					return append(b, raw...)
				}
				return append(b, "[]"...)
			}}
	}
	items := without(ItemSpec)
	items.Relations["variant"] = fields.OneOf(variant, func(l *Line) *lineVariant {
		if l.Variant == nil {
			return nil
		}
		return &lineVariant{Variant: l.Variant, product: l.Product, rels: l.variantRels}
	})
	spec := without(Spec)
	spec.Relations["items"] = fields.Relation[Order]{Unknown: fields.Nested(items), AsScalar: true,
		Append: func(b []byte, o *Order, sub *fields.Selection) []byte { return items.AppendList(b, o.lines(), sub) }}
	return spec
}

// loadVariantRelations loads, for every line of os whose variant sel reaches, the relations
// of rels that sel asks for: one call per relation for all the lines.
func loadVariantRelations(ctx context.Context, os []*Order, sel *fields.Selection, rels map[string]product.VariantRelation) error {
	variant := relSel(relSel(sel, "items"), "variant")
	if variant == nil {
		return nil
	}
	var lines []*Line
	var ids []string
	for _, o := range os {
		for _, l := range o.lines() {
			if l.Variant != nil {
				lines = append(lines, l)
				ids = append(ids, l.Variant.ID)
			}
		}
	}
	for name, r := range rels {
		sub := relSel(variant, name)
		if sub == nil || len(ids) == 0 {
			continue
		}
		vals, err := r.Load(ctx, ids, sub)
		if err != nil {
			return err
		}
		for _, l := range lines {
			if raw, ok := vals[l.Variant.ID]; ok {
				if l.variantRels == nil {
					l.variantRels = map[string][]byte{}
				}
				l.variantRels[name] = raw
			}
		}
	}
	return nil
}
