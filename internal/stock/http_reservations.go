package stock

import (
	"net/http"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

func (h *Handler) reservationRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/reservations", Summary: "List reservations", Query: reservationQuery, Response: "reservations", Handler: h.listReservations},
	}
}

var reservationQuery = v.Object(append(httpapi.FindParams(20),
	v.F("location_id", v.Optional(v.StringOrArray())),
	v.F("inventory_item_id", v.Optional(v.StringOrArray())),
)...).Strict()

type reservationParams struct {
	httpapi.Paging
	LocationID      []string `json:"location_id"`
	InventoryItemID []string `json:"inventory_item_id"`
}

func (h *Handler) listReservations(w http.ResponseWriter, r *http.Request) error {
	var p reservationParams
	if err := httpapi.DecodeQuery(r, reservationQuery, &p); err != nil {
		return err
	}
	sel := fields.Parse(deref(p.Fields), p.Fields != nil, ReservationFields)
	if err := ReservationSpec.Check(sel); err != nil {
		return err
	}
	rs, count, err := h.svc.ListReservations(r.Context(), ReservationFilter{LocationIDs: p.LocationID, InventoryItemIDs: p.InventoryItemID},
		p.Limit, p.Offset)
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("reservations", ReservationSpec.AppendList(nil, rs, sel), count, p.Offset, p.Limit))
	return nil
}
