package stock

import (
	"context"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

func (h *Handler) reservationRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/reservations", Summary: "List reservations", Query: reservationQuery, Response: "reservations", Serve: httpapi.Page(reservations, h.listReservations)},
	}
}

// reservations selects the fields of the reservation routes.
var reservations = fields.Selector{Defaults: ReservationFields, Check: ReservationSpec.Check}

var reservationQuery = v.Object(append(httpapi.FindParams(20),
	v.F("location_id", v.Optional(v.StringOrArray())),
	v.F("inventory_item_id", v.Optional(v.StringOrArray())),
)...).Strict()

type reservationParams struct {
	httpapi.Paging
	LocationID      []string `json:"location_id"`
	InventoryItemID []string `json:"inventory_item_id"`
}

func (h *Handler) listReservations(ctx context.Context, in *httpapi.Input[reservationParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	rs, count, err := h.svc.ListReservations(ctx, ReservationFilter{LocationIDs: p.LocationID, InventoryItemIDs: p.InventoryItemID},
		p.Limit, p.Offset)
	if err != nil {
		return nil, 0, err
	}
	return ReservationSpec.AppendList(nil, rs, in.Fields), count, nil
}
