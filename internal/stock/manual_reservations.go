package stock

import (
	"context"
	"encoding/json"
	"fmt"

	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

// ReservationInput is a reservation an admin makes by hand, or the fields of one that change
// (nil: unchanged).
type ReservationInput struct {
	LineItemID      *string
	LocationID      *string
	InventoryItemID string
	Quantity        *int64
	Description     *string
	SetDescription  bool
	Metadata        json.RawMessage
	SetMetadata     bool
}

func errReservationNotFound(reservationID string) error {
	return apperr.NotFoundf("Reservation with id: %s was not found", reservationID)
}

// GetReservation returns a reservation.
func (s *Service) GetReservation(ctx context.Context, reservationID string) (*Reservation, error) {
	return getReservation(ctx, s.db.Read(), reservationID, "")
}

// CreateReservation holds stock by hand, as Medusa's admin can: the item must be stocked at the
// location, with at least the quantity available there, and the level's reserved quantity
// rises with it, so every availability computation counts it.
func (s *Service) CreateReservation(ctx context.Context, in ReservationInput) (*Reservation, error) {
	now := s.now()
	r := &Reservation{ID: s.newID(id.Reservation), LineItemID: in.LineItemID, LocationID: *in.LocationID,
		InventoryItemID: in.InventoryItemID, Quantity: *in.Quantity, Description: in.Description, Metadata: in.Metadata,
		CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := single("reservation_item", "create").check(ctx, tx, r.LocationID); err != nil {
			return err
		}
		if err := s.adjustReserved(ctx, tx, r.InventoryItemID, r.LocationID, r.Quantity, true); err != nil {
			return err
		}
		return insertReservation(ctx, tx, r)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// UpdateReservation changes a reservation's quantity, location, description or metadata; the
// levels it leaves and joins follow in the same transaction, and the new hold must fit what
// its location has available.
func (s *Service) UpdateReservation(ctx context.Context, reservationID string, in ReservationInput) (*Reservation, error) {
	var r *Reservation
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if r, err = getReservation(ctx, tx, reservationID, s.db.ForUpdate()); err != nil {
			return err
		}
		location, quantity := r.LocationID, r.Quantity
		if in.LocationID != nil {
			location = *in.LocationID
		}
		// Both the location it leaves and the one it joins must be the caller's to write.
		guard := single("reservation_item", "update")
		for _, l := range []string{r.LocationID, location} {
			if err := guard.check(ctx, tx, l); err != nil {
				return err
			}
		}
		if in.Quantity != nil {
			quantity = *in.Quantity
		}
		if location != r.LocationID || quantity != r.Quantity {
			if err := s.adjustReserved(ctx, tx, r.InventoryItemID, r.LocationID, -r.Quantity, false); err != nil {
				return err
			}
			if err := s.adjustReserved(ctx, tx, r.InventoryItemID, location, quantity, true); err != nil {
				return err
			}
		}
		r.LocationID, r.Quantity, r.UpdatedAt = location, quantity, s.now()
		if in.SetDescription {
			r.Description = in.Description
		}
		if in.SetMetadata {
			r.Metadata = in.Metadata
		}
		if err := sqlq.Exec(ctx, tx, "update reservation "+r.ID, `UPDATE reservation SET location_id = $2, quantity = $3,
			description = $4, metadata = $5, updated_at = $6 WHERE id = $1`,
			r.ID, r.LocationID, r.Quantity, r.Description, db.JSON(r.Metadata), db.Time{Time: r.UpdatedAt}); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, r.UpdatedAt, outbox.IDEvent(EventReservationUpdated, r.ID))
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// DeleteReservation releases a reservation's stock. Deleting an unknown reservation succeeds
// and changes nothing, as Medusa's delete does.
func (s *Service) DeleteReservation(ctx context.Context, reservationID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		r, err := getReservation(ctx, tx, reservationID, s.db.ForUpdate())
		if apperr.Is(err, apperr.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := single("reservation_item", "delete").check(ctx, tx, r.LocationID); err != nil {
			return err
		}
		if err := s.adjustReserved(ctx, tx, r.InventoryItemID, r.LocationID, -r.Quantity, false); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM reservation WHERE id = $1`, r.ID); err != nil {
			return fmt.Errorf("delete reservation %s: %w", r.ID, err)
		}
		return outbox.Append(ctx, tx, s.now(), outbox.IDEvent(EventReservationDeleted, r.ID))
	})
}

// adjustReserved adds delta to the reserved quantity of the item's level at the location.
// With check, the level must have delta available (Medusa's messages for a missing level and
// for too little stock); the update is conditional, so concurrent holds cannot oversell.
func (s *Service) adjustReserved(ctx context.Context, tx db.DBTX, itemID, locationID string, delta int64, check bool) error {
	cond := ""
	if check {
		cond = " AND stocked_quantity - reserved_quantity >= $3"
	}
	res, err := tx.ExecContext(ctx, `UPDATE inventory_level SET reserved_quantity = reserved_quantity + $3, updated_at = $4
		WHERE inventory_item_id = $1 AND location_id = $2`+cond, itemID, locationID, delta, db.Time{Time: s.now()})
	if err != nil {
		return fmt.Errorf("reserve %s at %s: %w", itemID, locationID, err)
	}
	if n, err := res.RowsAffected(); err != nil {
		return fmt.Errorf("reserve %s at %s: %w", itemID, locationID, err)
	} else if n == 1 {
		return nil
	}
	if _, err := getLevel(ctx, tx, itemID, locationID); apperr.Is(err, apperr.NotFound) {
		return apperr.NotFoundf("Item %s is not stocked at location %s", itemID, locationID)
	} else if err != nil {
		return err
	}
	return apperr.NotAllowedf("Not enough stock available for item %s at location %s", itemID, locationID)
}

// getReservation reads one reservation the admin caller may read (restrictReservations);
// lock is appended to the query.
func getReservation(ctx context.Context, q db.DBTX, reservationID, lock string) (*Reservation, error) {
	w := sqlq.NewWhere("")
	w.Eq("id", reservationID)
	restrictReservations(ctx, w)
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+reservationColumns+` FROM reservation`+w.SQL()+lock, w.Args()...),
		scanReservation, errReservationNotFound(reservationID), "read reservation "+reservationID)
}

// restrictReservations limits w to the reservations a channel-limited caller may read
// (§5.6): those at locations linked to a channel where it holds reservation_item:read.
func restrictReservations(ctx context.Context, w *sqlq.Where) {
	visible.RestrictLinked(ctx, w, "reservation_item", "location_id", ChannelLink.Name, ChannelLink.Right)
}
