package stock

import (
	"net/http"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

var availabilityQuery = v.Object(v.F("variant_id", v.StringOrArray())).Strict()

// availabilityRoutes serves GET /admin/sales-channels/{id}/availability: why each asked
// variant can or cannot be sold in the channel (see Service.ChannelAvailability).
func (h *Handler) availabilityRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/sales-channels/{id}/availability", Summary: "Explain whether variants can be sold in a sales channel",
			Query: availabilityQuery, Response: "availability", Handler: h.availability},
	}
}

// availability stays a plain handler: its query has no `fields` and it answers a report, not
// an entity.
func (h *Handler) availability(w http.ResponseWriter, r *http.Request) error {
	var p struct {
		VariantID []string `json:"variant_id"`
	}
	if err := httpapi.DecodeQuery(r, availabilityQuery, &p); err != nil {
		return err
	}
	if len(p.VariantID) == 0 {
		return apperr.Invalidf("Invalid request: Field 'variant_id' is required")
	}
	if len(p.VariantID) > maxAvailabilityVariants {
		return apperr.Invalidf("Invalid request: Field 'variant_id' takes at most %d ids, got %d", maxAvailabilityVariants, len(p.VariantID))
	}
	out, err := h.svc.ChannelAvailability(r.Context(), r.PathValue("id"), p.VariantID)
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]any{"availability": out})
	return nil
}
