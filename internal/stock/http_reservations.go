package stock

import (
	"context"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

func (h *Handler) reservationRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/reservations", Summary: "List reservations", Query: reservationQuery, Response: "reservations", Serve: httpapi.Entities(reservations, ReservationSpec, h.listReservations)},
		{Method: "POST", Path: "/admin/reservations", Summary: "Hold stock of an item at a location", Query: selectQuery, Body: reservationCreateBody,
			Response: "reservation", Serve: httpapi.Entity(reservations, ReservationSpec, h.createReservation)},
		{Method: "GET", Path: "/admin/reservations/{id}", Summary: "Retrieve a reservation", Query: selectQuery, Response: "reservation",
			Serve: httpapi.Entity(reservations, ReservationSpec, h.retrieveReservation)},
		{Method: "POST", Path: "/admin/reservations/{id}", Summary: "Change a reservation's quantity, location, description or metadata",
			Query: selectQuery, Body: reservationUpdateBody, Response: "reservation", Serve: httpapi.Entity(reservations, ReservationSpec, h.updateReservation)},
		{Method: "DELETE", Path: "/admin/reservations/{id}", Summary: "Release a reservation", Response: "deleted",
			Serve: httpapi.Delete("reservation", h.svc.DeleteReservation)},
	}
}

// A reservation holds whole units, more than none (Medusa takes any number).
var reservationQuantity = v.Number().Int().Gt(0)

var reservationCreateBody = v.Object(
	v.F("line_item_id", v.Nullish(v.String().Max(v.MaxIndexed))), // indexed
	v.F("location_id", v.String()),
	v.F("inventory_item_id", v.String()),
	v.F("quantity", reservationQuantity),
	v.F("description", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var reservationUpdateBody = v.Object(
	v.F("location_id", v.Optional(v.String())),
	v.F("quantity", v.Optional(reservationQuantity)),
	v.F("description", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

type reservationBody struct {
	LineItemID      *string        `json:"line_item_id"`
	LocationID      *string        `json:"location_id"`
	InventoryItemID string         `json:"inventory_item_id"`
	Quantity        *int64         `json:"quantity"`
	Description     v.Opt[*string] `json:"description"`
	Metadata        v.Metadata     `json:"metadata"`
}

func (b reservationBody) input() ReservationInput {
	return ReservationInput{LineItemID: b.LineItemID, LocationID: b.LocationID, InventoryItemID: b.InventoryItemID,
		Quantity: b.Quantity, Description: b.Description.Value, SetDescription: b.Description.Set,
		Metadata: b.Metadata.Value, SetMetadata: b.Metadata.Set}
}

func (h *Handler) createReservation(ctx context.Context, in *httpapi.Input[httpapi.Fields, reservationBody]) (*Reservation, error) {
	return h.svc.CreateReservation(ctx, in.Body.input())
}

func (h *Handler) retrieveReservation(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Reservation, error) {
	return h.svc.GetReservation(ctx, in.Path("id"))
}

func (h *Handler) updateReservation(ctx context.Context, in *httpapi.Input[httpapi.Fields, reservationBody]) (*Reservation, error) {
	return h.svc.UpdateReservation(ctx, in.Path("id"), in.Body.input())
}

// reservations selects the fields of the reservation routes.
var reservations = fields.Selector{Defaults: ReservationFields, Check: ReservationSpec.Check}

var reservationQuery = v.Object(append(httpapi.FindParams(20),
	httpapi.MatchFilters("location_id", "inventory_item_id", "line_item_id")...)...).Strict()

type reservationParams struct {
	httpapi.Paging
	LocationID      []string `json:"location_id"`
	InventoryItemID []string `json:"inventory_item_id"`
	LineItemID      []string `json:"line_item_id"`
}

func (h *Handler) listReservations(ctx context.Context, in *httpapi.Input[reservationParams, httpapi.NoBody]) ([]*Reservation, int, error) {
	p := in.Query
	return h.svc.ListReservations(ctx, ReservationFilter{LocationIDs: p.LocationID, InventoryItemIDs: p.InventoryItemID, LineItemIDs: p.LineItemID},
		p.Limit, p.Offset)
}
