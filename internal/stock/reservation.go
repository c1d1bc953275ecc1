package stock

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

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
		case "created_at":
			return fields.AppendTime(b, r.CreatedAt)
		case "updated_at":
			return fields.AppendTime(b, r.UpdatedAt)
		}
		return fields.AppendNull(b)
	},
}

// ReservationFilter selects reservations; nil slices do not filter.
type ReservationFilter struct {
	LocationIDs      []string
	InventoryItemIDs []string
}

// ListReservations returns a page of reservations, oldest first, and the count of all
// that match.
func (s *Service) ListReservations(ctx context.Context, f ReservationFilter, limit, offset int) ([]*Reservation, int, error) {
	q := s.db.Read()
	w := sqlq.NewWhere("LIKE")
	if f.LocationIDs != nil {
		w.In("location_id", f.LocationIDs)
	}
	if f.InventoryItemIDs != nil {
		w.In("inventory_item_id", f.InventoryItemIDs)
	}
	var count int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM reservation`+w.SQL(), w.Args()...).Scan(&count); err != nil {
		return nil, 0, fmt.Errorf("count reservations: %w", err)
	}
	out := []*Reservation{}
	if limit == 0 {
		return out, count, nil
	}
	args := append(w.Args(), limit, offset)
	rows, err := q.QueryContext(ctx, `SELECT id, line_item_id, location_id, inventory_item_id, quantity, description, metadata,
		created_at, updated_at FROM reservation`+w.SQL()+fmt.Sprintf(` ORDER BY id LIMIT $%d OFFSET $%d`, len(args)-1, len(args)), args...)
	if err != nil {
		return nil, 0, fmt.Errorf("list reservations: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var r Reservation
		var meta db.JSON
		var created, updated db.Time
		if err := rows.Scan(&r.ID, &r.LineItemID, &r.LocationID, &r.InventoryItemID, &r.Quantity, &r.Description, &meta,
			&created, &updated); err != nil {
			return nil, 0, fmt.Errorf("list reservations: %w", err)
		}
		if len(meta) > 0 {
			r.Metadata = []byte(meta)
		}
		r.CreatedAt, r.UpdatedAt = created.Time, updated.Time
		out = append(out, &r)
	}
	return out, count, rows.Err()
}
