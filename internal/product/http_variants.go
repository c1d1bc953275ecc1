package product

import (
	"net/http"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
)

// Variant routes answer as Medusa does: reads return variants, writes return the parent
// product.

func variantSelection(param *string) (*fields.Selection, error) {
	return selection(param, DefaultVariantFields, VariantSpec.Check)
}

func (h *Handler) listVariants(w http.ResponseWriter, r *http.Request) error {
	var p httpapi.Paging
	if err := httpapi.DecodeQuery(r, variantListQuery, &p); err != nil {
		return err
	}
	sel, err := variantSelection(p.Fields)
	if err != nil {
		return err
	}
	vs, count, err := h.svc.ListVariants(r.Context(), r.PathValue("id"), Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order}, variantInclude(sel))
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("variants", VariantSpec.AppendList(nil, vs, sel), count, p.Offset, p.Limit))
	return nil
}

func (h *Handler) retrieveVariant(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	sel, err := variantSelection(q.Fields)
	if err != nil {
		return err
	}
	v, err := h.svc.GetVariant(r.Context(), r.PathValue("id"), r.PathValue("variant_id"), variantInclude(sel))
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("variant", VariantSpec.Append(nil, v, sel)))
	return nil
}

func (h *Handler) createVariant(w http.ResponseWriter, r *http.Request) error {
	sel, err := readFields(r)
	if err != nil {
		return err
	}
	var req variantReq
	if err := httpapi.DecodeBody(r, variantCreateBody, &req); err != nil {
		return err
	}
	if _, err := h.svc.CreateVariant(r.Context(), r.PathValue("id"), req.create()); err != nil {
		return err
	}
	return h.respond(r.Context(), w, r.PathValue("id"), sel)
}

func (h *Handler) updateVariant(w http.ResponseWriter, r *http.Request) error {
	sel, err := readFields(r)
	if err != nil {
		return err
	}
	var req variantReq
	if err := httpapi.DecodeBody(r, variantUpdateBody, &req); err != nil {
		return err
	}
	if _, err := h.svc.UpdateVariant(r.Context(), r.PathValue("id"), r.PathValue("variant_id"), req.update()); err != nil {
		return err
	}
	return h.respond(r.Context(), w, r.PathValue("id"), sel)
}

func (h *Handler) deleteVariant(w http.ResponseWriter, r *http.Request) error {
	productID, variantID := r.PathValue("id"), r.PathValue("variant_id")
	if err := h.svc.DeleteVariant(r.Context(), productID, variantID); err != nil {
		return err
	}
	sel := fields.Parse("", false, DefaultFields)
	p, err := h.svc.Get(r.Context(), productID, include(sel))
	if err != nil {
		return err
	}
	b := append([]byte(`{"id":`), fields.AppendString(nil, variantID)...)
	b = append(b, `,"object":"variant","deleted":true,"parent":`...)
	b = Spec.Append(b, p, sel)
	httpapi.WriteRaw(w, http.StatusOK, append(b, '}'))
	return nil
}
