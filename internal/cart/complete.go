package cart

import (
	"context"
	"fmt"
	"net/http"
	"slices"
	"time"

	"channeld/internal/order"
	"channeld/internal/outbox"
	"channeld/internal/payment"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
)

// CompleteRoutes lists POST /store/carts/{id}/complete.
func (h *Handler) CompleteRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "POST", Path: "/store/carts/{id}/complete", Summary: "Complete a cart", Query: selectQuery, Response: "order", Handler: h.complete},
	}
}

func (h *Handler) complete(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	o, err := h.svc.Complete(r.Context(), r.PathValue("id"), keyChannels(r))
	if err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, struct {
		Type  string     `json:"type"`
		Order order.View `json:"order"`
	}{"order", order.ToView(o)})
	return nil
}

// Complete turns the cart into an order in one transaction: it re-checks every line
// (channel, product in channel, price, stock), reserves stock for managed lines at the
// channel's locations, creates the order and marks the cart completed. Completing a
// completed cart returns its order.
func (s *Service) Complete(ctx context.Context, cartID string, keyChannels []string) (*order.Order, error) {
	var o *order.Order
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		o = nil
		c, err := getCart(ctx, tx, cartID, s.db.ForUpdate())
		if err != nil {
			return err
		}
		if err := s.reachable(ctx, tx, c, keyChannels); err != nil {
			return err
		}
		if c.CompletedAt != nil {
			o, err = order.ByCartID(ctx, tx, c.ID)
			if err != nil {
				return err
			}
			if o == nil {
				return fmt.Errorf("completed cart %s has no order", c.ID)
			}
			return nil
		}
		// Stock is reserved at the channel's locations: a cart without a channel could take
		// managed stock no location accounts for.
		if c.SalesChannelID == nil {
			return apperr.Invalidf("Field(s) are required to have value to continue - sales_channel_id")
		}
		ch, err := s.cartChannel(ctx, tx, c)
		if err != nil {
			return err
		}
		now := s.now()
		o = &order.Order{ID: s.newID(id.Order), CartID: &c.ID, Status: "pending", Email: c.Email, CurrencyCode: c.CurrencyCode,
			RegionID: c.RegionID, SalesChannelID: c.SalesChannelID, CreatedAt: now, UpdatedAt: now, Items: []*order.Item{}}
		// Lines in variant order so that concurrent completions lock levels in one order.
		lines := slices.Clone(c.Items)
		slices.SortFunc(lines, func(a, b *LineItem) int {
			if a.VariantID < b.VariantID {
				return -1
			}
			if a.VariantID > b.VariantID {
				return 1
			}
			return 0
		})
		for _, li := range lines {
			v, err := s.checkVariant(ctx, tx, c, ch, li.VariantID, li.Quantity)
			if err != nil {
				return err
			}
			if v.manage && !v.backorder {
				if err := s.reserve(ctx, tx, ch.ID, li, now); err != nil {
					return err
				}
			}
			o.Items = append(o.Items, &order.Item{ID: s.newID(id.OrderLineItem), OrderID: o.ID, VariantID: li.VariantID,
				ProductID: li.ProductID, Title: li.Title, ProductTitle: li.ProductTitle, VariantTitle: li.VariantTitle,
				VariantSKU: li.VariantSKU, Quantity: li.Quantity, UnitPrice: *v.price, CreatedAt: now, UpdatedAt: now})
			o.ItemTotal += *v.price * li.Quantity
		}
		o.Total = o.ItemTotal
		if o.PaymentStatus, err = payment.Authorize(ctx, tx, c.ID, now); err != nil {
			return err
		}
		if err := order.Insert(ctx, tx, s.db.Engine, o); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `UPDATE cart SET completed_at = $2, updated_at = $2, version = version + 1 WHERE id = $1`, c.ID, db.Time{Time: now}); err != nil {
			return fmt.Errorf("complete cart %s: %w", c.ID, err)
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(order.EventPlaced, o.ID))
	})
	if err != nil {
		return nil, err
	}
	return o, nil
}

// reserve holds quantity × required_quantity of every inventory item of the line's variant
// at the first of the channel's locations (by location id) that has enough available. The
// update is conditional on availability, so it cannot oversell: on PostgreSQL a competing
// update waits for the row lock and re-checks the condition.
func (s *Service) reserve(ctx context.Context, tx db.DBTX, channelID string, li *LineItem, now time.Time) error {
	type need struct {
		item string
		qty  int64
	}
	rows, err := tx.QueryContext(ctx, `SELECT inventory_item_id, required_quantity FROM product_variant_inventory_item
		WHERE variant_id = $1 ORDER BY inventory_item_id`, li.VariantID)
	if err != nil {
		return fmt.Errorf("read inventory items of %s: %w", li.VariantID, err)
	}
	var needs []need
	for rows.Next() {
		var n need
		if err := rows.Scan(&n.item, &n.qty); err != nil {
			rows.Close()
			return fmt.Errorf("read inventory items of %s: %w", li.VariantID, err)
		}
		n.qty *= li.Quantity
		needs = append(needs, n)
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read inventory items of %s: %w", li.VariantID, err)
	}
	for _, n := range needs {
		rows, err := tx.QueryContext(ctx, `SELECT lv.id, lv.location_id FROM inventory_level lv
			JOIN sales_channel_stock_location scl ON scl.stock_location_id = lv.location_id AND scl.sales_channel_id = $2
			JOIN stock_location sl ON sl.id = lv.location_id AND sl.deleted_at IS NULL
			WHERE lv.inventory_item_id = $1 ORDER BY lv.location_id`, n.item, channelID)
		if err != nil {
			return fmt.Errorf("read levels of %s: %w", n.item, err)
		}
		var levels [][2]string
		for rows.Next() {
			var l [2]string
			if err := rows.Scan(&l[0], &l[1]); err != nil {
				rows.Close()
				return fmt.Errorf("read levels of %s: %w", n.item, err)
			}
			levels = append(levels, l)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return fmt.Errorf("read levels of %s: %w", n.item, err)
		}
		location := ""
		for _, l := range levels {
			res, err := tx.ExecContext(ctx, `UPDATE inventory_level SET reserved_quantity = reserved_quantity + $2, updated_at = $3
				WHERE id = $1 AND stocked_quantity - reserved_quantity >= $2`, l[0], n.qty, db.Time{Time: now})
			if err != nil {
				return fmt.Errorf("reserve at level %s: %w", l[0], err)
			}
			if k, err := res.RowsAffected(); err != nil {
				return fmt.Errorf("reserve at level %s: %w", l[0], err)
			} else if k == 1 {
				location = l[1]
				break
			}
		}
		if location == "" {
			return errInsufficient()
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO reservation (id, inventory_item_id, location_id, quantity, line_item_id, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7)`, s.newID(id.Reservation), n.item, location, n.qty, li.ID, db.Time{Time: now}, db.Time{Time: now})
		if err != nil {
			return fmt.Errorf("insert reservation: %w", err)
		}
	}
	return nil
}
