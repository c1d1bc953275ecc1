package stock

import (
	"context"

	"channeld/internal/platform/fields"
)

// The stock of variants as the product routes embed it (`fields=*inventory_items.inventory`,
// `inventory_quantity`): app hands these loaders to the product handler, which reads no
// stock table.

var variantItemScalars = []string{"id", "variant_id", "inventory_item_id", "required_quantity",
	"created_at", "updated_at", "deleted_at"}

// VariantItemSpec writes a variant's link to an item (Medusa's product_variant_inventory_item
// row) with the item as its inventory.
var VariantItemSpec = &fields.Spec[VariantItem]{
	Scalars: variantItemScalars,
	Scalar: fields.Columns(variantItemScalars, map[string]func([]byte, *VariantItem) []byte{
		"deleted_at": fields.Null[VariantItem],
	}),
	Relations: map[string]fields.Relation[VariantItem]{
		"inventory": fields.OneOf(ItemSpec, func(vi *VariantItem) *Item { return vi.Item }),
	},
}

// LoadVariantItems writes, per variant, its links with sub's fields (the inventory_items
// relation of variants).
func (h *Handler) LoadVariantItems(ctx context.Context, variantIDs []string, sub *fields.Selection) (map[string][]byte, error) {
	byVariant, err := h.svc.ItemsOfVariants(ctx, variantIDs)
	if err != nil {
		return nil, err
	}
	sub.KeysOnly("id", "variant_id", "inventory_item_id")
	sub.Rel("inventory").KeysOnly("id")
	out := make(map[string][]byte, len(byVariant))
	for id, links := range byVariant {
		out[id] = VariantItemSpec.AppendList(nil, links, sub)
	}
	return out, nil
}

// LoadVariantInventory writes, per variant, the items it consumes with sub's fields (the
// inventory relation of variants).
func (h *Handler) LoadVariantInventory(ctx context.Context, variantIDs []string, sub *fields.Selection) (map[string][]byte, error) {
	byVariant, err := h.svc.ItemsOfVariants(ctx, variantIDs)
	if err != nil {
		return nil, err
	}
	sub.KeysOnly("id")
	out := make(map[string][]byte, len(byVariant))
	for id, links := range byVariant {
		items := make([]*Item, len(links))
		for i, l := range links {
			items[i] = l.Item
		}
		out[id] = ItemSpec.AppendList(nil, items, sub)
	}
	return out, nil
}

// LoadInventoryQuantity writes, per variant, the units its stock can deliver at every
// location the caller may read, or null for a variant without items (Medusa's admin
// inventory_quantity).
func (h *Handler) LoadInventoryQuantity(ctx context.Context, variantIDs []string, _ *fields.Selection) (map[string][]byte, error) {
	byVariant, err := h.svc.ItemsOfVariants(ctx, variantIDs)
	if err != nil {
		return nil, err
	}
	out := make(map[string][]byte, len(variantIDs))
	for _, id := range variantIDs {
		if n, ok := Deliverable(byVariant[id]); ok {
			out[id] = fields.AppendInt(nil, n)
		} else {
			out[id] = fields.AppendNull(nil)
		}
	}
	return out, nil
}
