package stock

import (
	"context"
	"encoding/json"
	"time"

	"channeld/internal/outbox"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/sqlq"
)

// Reservation is stock held at one location, for an order line when placed by checkout.
type Reservation struct {
	ID              string
	LineItemID      *string
	LocationID      string
	InventoryItemID string
	Quantity        int64
	Description     *string
	Metadata        json.RawMessage
	CreatedAt       time.Time
	UpdatedAt       time.Time
}

// ReservationFields are the reservation fields answered without a `fields` parameter.
var ReservationFields = []string{"id", "line_item_id", "location_id", "inventory_item_id", "quantity", "description",
	"metadata", "created_at", "updated_at"}

// ReservationSpec writes a reservation.
var ReservationSpec = &fields.Spec[Reservation]{
	Scalars: ReservationFields,
	Scalar: func(b []byte, r *Reservation, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, r.ID)
		case "line_item_id":
			return fields.AppendNullString(b, r.LineItemID)
		case "location_id":
			return fields.AppendString(b, r.LocationID)
		case "inventory_item_id":
			return fields.AppendString(b, r.InventoryItemID)
		case "quantity":
			return fields.AppendInt(b, r.Quantity)
		case "description":
			return fields.AppendNullString(b, r.Description)
		case "metadata":
			return fields.AppendRaw(b, r.Metadata)
		}
		return fields.AppendTimestamps(b, name, r.CreatedAt, r.UpdatedAt, nil)
	},
}

// ReservationFilter selects reservations; nil slices do not filter.
type ReservationFilter struct {
	LocationIDs      []string
	InventoryItemIDs []string
	LineItemIDs      []string
}

// ListReservations returns a page of reservations, oldest first, and the count of all
// that match.
func (s *Service) ListReservations(ctx context.Context, f ReservationFilter, limit, offset int) ([]*Reservation, int, error) {
	q := s.db.Read()
	w := sqlq.NewWhere("LIKE")
	w.InFilter("location_id", f.LocationIDs)
	w.InFilter("inventory_item_id", f.InventoryItemIDs)
	w.InFilter("line_item_id", f.LineItemIDs)
	restrictReservations(ctx, w)
	rs, count, err := sqlq.List[*Reservation]{From: "reservation", Columns: reservationColumns, Scan: scanReservation}.
		Run(ctx, q, "reservations", w, " ORDER BY id", limit, offset)
	if err != nil {
		return nil, 0, err
	}
	if rs == nil {
		rs = []*Reservation{}
	}
	return rs, count, nil
}

const reservationColumns = `id, line_item_id, location_id, inventory_item_id, quantity, description, metadata, created_at, updated_at`

// insertReservation writes a new reservation; the level's reserved quantity is the caller's.
func insertReservation(ctx context.Context, tx db.DBTX, r *Reservation) error {
	if err := sqlq.Exec(ctx, tx, "insert reservation", `INSERT INTO reservation (`+reservationColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
		r.ID, r.LineItemID, r.LocationID, r.InventoryItemID, r.Quantity, r.Description, db.JSON(r.Metadata),
		db.Time{Time: r.CreatedAt}, db.Time{Time: r.UpdatedAt}); err != nil {
		return err
	}
	return outbox.Append(ctx, tx, r.CreatedAt, outbox.IDEvent(EventReservationCreated, r.ID))
}

// scanReservation reads one row of reservationColumns.
var scanReservation = sqlq.Into(func(r *Reservation) []any {
	return append([]any{&r.ID, &r.LineItemID, &r.LocationID, &r.InventoryItemID, &r.Quantity, &r.Description,
		db.JSONDest(&r.Metadata)}, db.Stamps(&r.CreatedAt, &r.UpdatedAt)...)
})
