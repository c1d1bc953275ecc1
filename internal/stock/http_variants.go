package stock

import (
	"context"
	"math"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

var (
	// required_quantity is an INTEGER column.
	requiredQuantity  = v.Number().Int().Gt(0).Lte(math.MaxInt32)
	variantLinkBody   = v.Object(v.F("inventory_item_id", v.String()), v.F("required_quantity", v.Optional(requiredQuantity))).Strict()
	variantUpdateBody = v.Object(v.F("required_quantity", requiredQuantity)).Strict()
)

const variantItemsPath = "/admin/products/{id}/variants/{variant_id}/inventory-items"

func (h *Handler) variantRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: variantItemsPath, Summary: "List a variant's inventory items", Response: "variant", Serve: httpapi.One(httpapi.NoFields, h.variantItems)},
		{Method: "POST", Path: variantItemsPath, Summary: "Link an inventory item to a variant", Body: variantLinkBody, Response: "variant", Serve: httpapi.One(httpapi.NoFields, h.linkVariantItem)},
		{Method: "POST", Path: variantItemsPath + "/{inventory_item_id}", Summary: "Change how many units of an item a variant needs", Body: variantUpdateBody, Response: "variant", Serve: httpapi.One(httpapi.NoFields, h.updateVariantItem)},
		{Method: "DELETE", Path: variantItemsPath + "/{inventory_item_id}", Summary: "Unlink an inventory item from a variant", Response: "deleted", Serve: httpapi.Reply(httpapi.NoFields, h.unlinkVariantItem)},
	}
}

// variant writes {"id", "inventory_items": [{id, variant_id, inventory_item_id,
// required_quantity, inventory: {item}}]}: Medusa answers the whole variant; channeld answers
// the variant's id and the part these routes change.
func (h *Handler) variant(ctx context.Context, productID, variantID string) ([]byte, error) {
	vis, err := h.svc.VariantItems(ctx, productID, variantID)
	if err != nil {
		return nil, err
	}
	itemSel := fields.Parse("", false, ItemDefaultFields)
	b := append([]byte(`{"id":`), fields.AppendString(nil, variantID)...)
	b = append(b, `,"inventory_items":[`...)
	for i, vi := range vis {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = fields.AppendString(b, vi.ID)
		b = append(b, `,"variant_id":`...)
		b = fields.AppendString(b, vi.VariantID)
		b = append(b, `,"inventory_item_id":`...)
		b = fields.AppendString(b, vi.InventoryItemID)
		b = append(b, `,"required_quantity":`...)
		b = fields.AppendInt(b, vi.RequiredQuantity)
		b = append(b, `,"inventory":`...)
		b = ItemSpec.Append(b, vi.Item, itemSel)
		b = append(b, '}')
	}
	return append(b, ']', '}'), nil
}

func (h *Handler) variantItems(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, httpapi.NoBody]) ([]byte, error) {
	return h.variant(ctx, in.Path("id"), in.Path("variant_id"))
}

type variantLinkRequest struct {
	InventoryItemID  string `json:"inventory_item_id"`
	RequiredQuantity *int64 `json:"required_quantity"`
}

func (h *Handler) linkVariantItem(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, variantLinkRequest]) ([]byte, error) {
	qty := int64(1)
	if in.Body.RequiredQuantity != nil {
		qty = *in.Body.RequiredQuantity
	}
	productID, variantID := in.Path("id"), in.Path("variant_id")
	if err := h.svc.LinkVariantItem(ctx, productID, variantID, in.Body.InventoryItemID, qty, false); err != nil {
		return nil, err
	}
	return h.variant(ctx, productID, variantID)
}

type variantUpdateRequest struct {
	RequiredQuantity int64 `json:"required_quantity"`
}

func (h *Handler) updateVariantItem(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, variantUpdateRequest]) ([]byte, error) {
	productID, variantID := in.Path("id"), in.Path("variant_id")
	if err := h.svc.LinkVariantItem(ctx, productID, variantID, in.Path("inventory_item_id"), in.Body.RequiredQuantity, true); err != nil {
		return nil, err
	}
	return h.variant(ctx, productID, variantID)
}

// unlinkVariantItem answers {id: item id, object: "variant-inventory-item", deleted, parent: variant}.
func (h *Handler) unlinkVariantItem(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, httpapi.NoBody]) ([]byte, error) {
	productID, variantID, itemID := in.Path("id"), in.Path("variant_id"), in.Path("inventory_item_id")
	if err := h.svc.UnlinkVariantItem(ctx, productID, variantID, itemID); err != nil {
		return nil, err
	}
	parent, err := h.variant(ctx, productID, variantID)
	if err != nil {
		return nil, err
	}
	return httpapi.DeletedWithParent(itemID, "variant-inventory-item", parent), nil
}
