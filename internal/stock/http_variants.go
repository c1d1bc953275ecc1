package stock

import (
	"net/http"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

var (
	variantLinkBody   = v.Object(v.F("inventory_item_id", v.String()), v.F("required_quantity", v.Optional(v.Number().Int().Gt(0)))).Strict()
	variantUpdateBody = v.Object(v.F("required_quantity", v.Number().Int().Gt(0))).Strict()
)

const variantItemsPath = "/admin/products/{id}/variants/{variant_id}/inventory-items"

func (h *Handler) variantRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: variantItemsPath, Summary: "List a variant's inventory items", Response: "variant", Handler: h.variantItems},
		{Method: "POST", Path: variantItemsPath, Summary: "Link an inventory item to a variant", Body: variantLinkBody, Response: "variant", Handler: h.linkVariantItem},
		{Method: "POST", Path: variantItemsPath + "/{inventory_item_id}", Summary: "Change how many units of an item a variant needs", Body: variantUpdateBody, Response: "variant", Handler: h.updateVariantItem},
		{Method: "DELETE", Path: variantItemsPath + "/{inventory_item_id}", Summary: "Unlink an inventory item from a variant", Response: "deleted", Handler: h.unlinkVariantItem},
	}
}

// writeVariant answers {"variant": {"id", "inventory_items": [{id, variant_id,
// inventory_item_id, required_quantity, inventory: {item}}]}}: Medusa answers the whole
// variant; channeld answers the variant's id and the part these routes change.
func (h *Handler) writeVariant(w http.ResponseWriter, r *http.Request, prefix []byte) error {
	vis, err := h.svc.VariantItems(r.Context(), r.PathValue("id"), r.PathValue("variant_id"))
	if err != nil {
		return err
	}
	itemSel := fields.Parse("", false, ItemDefaultFields)
	b := append(prefix, `{"id":`...)
	b = fields.AppendString(b, r.PathValue("variant_id"))
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
	b = append(b, ']', '}')
	if len(prefix) > 0 {
		httpapi.WriteRaw(w, http.StatusOK, append(b, '}'))
		return nil
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("variant", b))
	return nil
}

func (h *Handler) variantItems(w http.ResponseWriter, r *http.Request) error {
	return h.writeVariant(w, r, nil)
}

func (h *Handler) linkVariantItem(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		InventoryItemID  string `json:"inventory_item_id"`
		RequiredQuantity *int64 `json:"required_quantity"`
	}
	if err := httpapi.DecodeBody(r, variantLinkBody, &req); err != nil {
		return err
	}
	qty := int64(1)
	if req.RequiredQuantity != nil {
		qty = *req.RequiredQuantity
	}
	if err := h.svc.LinkVariantItem(r.Context(), r.PathValue("id"), r.PathValue("variant_id"), req.InventoryItemID, qty, false); err != nil {
		return err
	}
	return h.writeVariant(w, r, nil)
}

func (h *Handler) updateVariantItem(w http.ResponseWriter, r *http.Request) error {
	var req struct {
		RequiredQuantity int64 `json:"required_quantity"`
	}
	if err := httpapi.DecodeBody(r, variantUpdateBody, &req); err != nil {
		return err
	}
	if err := h.svc.LinkVariantItem(r.Context(), r.PathValue("id"), r.PathValue("variant_id"), r.PathValue("inventory_item_id"), req.RequiredQuantity, true); err != nil {
		return err
	}
	return h.writeVariant(w, r, nil)
}

// unlinkVariantItem answers {id: item id, object: "variant-inventory-item", deleted, parent: variant}.
func (h *Handler) unlinkVariantItem(w http.ResponseWriter, r *http.Request) error {
	itemID := r.PathValue("inventory_item_id")
	if err := h.svc.UnlinkVariantItem(r.Context(), r.PathValue("id"), r.PathValue("variant_id"), itemID); err != nil {
		return err
	}
	b := []byte(`{"id":`)
	b = fields.AppendString(b, itemID)
	b = append(b, `,"object":"variant-inventory-item","deleted":true,"parent":`...)
	return h.writeVariant(w, r, b)
}
