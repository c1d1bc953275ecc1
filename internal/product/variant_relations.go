package product

import (
	"context"

	"channeld/internal/platform/fields"
)

// VariantRelation is a relation of variants that another module provides, such as the stock
// module's inventory_items: the product module reads no table of that module.
type VariantRelation struct {
	// Unknown returns the paths inside the relation's selection that do not exist.
	Unknown func(sub *fields.Selection) []string
	// Load returns, per variant id, the JSON value to embed, for a page of variants at once.
	Load func(ctx context.Context, variantIDs []string, sub *fields.Selection) (map[string][]byte, error)
	// Managed limits the relation to variants that manage inventory: the others carry no such
	// field, as Medusa leaves inventory_quantity out of a variant whose stock it does not
	// track. A variant Load leaves out is then written without the field; for any other
	// relation it is written with an empty list.
	Managed bool
}

// variantView is a variant with its loaded relations of other modules.
type variantView struct {
	*Variant
	rels map[string][]byte
}

// buildVariantSpec is VariantSpec over views, with the relations other modules provide.
func buildVariantSpec(relations map[string]VariantRelation) *fields.Spec[variantView] {
	spec := &fields.Spec[variantView]{
		Scalars:   VariantSpec.Scalars,
		Scalar:    func(b []byte, e *variantView, name string) []byte { return VariantSpec.Scalar(b, e.Variant, name) },
		Relations: map[string]fields.Relation[variantView]{},
	}
	for name, r := range VariantSpec.Relations {
		spec.Relations[name] = fields.Relation[variantView]{Unknown: r.Unknown, AsScalar: r.AsScalar,
			Append: func(b []byte, e *variantView, sub *fields.Selection) []byte { return r.Append(b, e.Variant, sub) }}
	}
	// A variant's product, which Medusa's /admin/product-variants answers by default.
	spec.Relations["product"] = fields.OneOf(Spec, func(e *variantView) *Product { return e.Product })
	for name, r := range relations {
		rel := fields.Relation[variantView]{Unknown: r.Unknown, AsScalar: true,
			Append: func(b []byte, e *variantView, _ *fields.Selection) []byte {
				if raw, ok := e.rels[name]; ok {
					return append(b, raw...)
				}
				return append(b, "[]"...)
			}}
		if r.Managed {
			rel.Omit = func(e *variantView) bool { _, ok := e.rels[name]; return !ok }
		}
		spec.Relations[name] = rel
	}
	return spec
}

// asked returns the selection of a relation sel asks for (all of it when named as a plain
// field), or nil.
func asked(sel *fields.Selection, name string) *fields.Selection {
	if sub := sel.Rel(name); sub != nil {
		return sub
	}
	if sel.Has(name) && !sel.Has("*") {
		return fields.FromList("*")
	}
	return nil
}

// renderVariants loads the relations of other modules that sel asks for, one batch per
// relation for the whole page.
func (h *Handler) renderVariants(ctx context.Context, vs []*Variant, sel *fields.Selection) ([]*variantView, error) {
	views := make([]*variantView, len(vs))
	for i, v := range vs {
		views[i] = &variantView{Variant: v, rels: map[string][]byte{}}
	}
	if sub := asked(sel, "product"); sub != nil {
		if err := h.loadProducts(ctx, vs, sub); err != nil {
			return nil, err
		}
	}
	for name, r := range h.variantRels {
		sub := asked(sel, name)
		if sub == nil {
			continue
		}
		ids := make([]string, 0, len(vs))
		for _, v := range vs {
			if !r.Managed || v.ManageInventory {
				ids = append(ids, v.ID)
			}
		}
		if len(ids) == 0 {
			continue
		}
		loaded, err := r.Load(ctx, ids, sub)
		if err != nil {
			return nil, err
		}
		for _, vw := range views {
			if raw, ok := loaded[vw.ID]; ok {
				vw.rels[name] = raw
			}
		}
	}
	return views, nil
}

// prepareVariantFields adds what a relation's value depends on: Medusa answers
// manage_inventory beside inventory_quantity.
func (h *Handler) prepareVariantFields(sel *fields.Selection) {
	for name, r := range h.variantRels {
		if r.Managed && asked(sel, name) != nil && !sel.Has("manage_inventory") {
			sel.AddScalar("manage_inventory")
		}
	}
}

// loadProducts attaches their products to a page of variants, in one read of the products
// with the relations sub asks for.
func (h *Handler) loadProducts(ctx context.Context, vs []*Variant, sub *fields.Selection) error {
	var ids []string
	seen := map[string]bool{}
	for _, v := range vs {
		if !seen[v.ProductID] {
			seen[v.ProductID] = true
			ids = append(ids, v.ProductID)
		}
	}
	ps, err := h.svc.GetMany(ctx, ids, include(sub))
	if err != nil {
		return err
	}
	byID := make(map[string]*Product, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	for _, v := range vs {
		v.Product = byID[v.ProductID]
	}
	return nil
}
