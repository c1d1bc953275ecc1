package order_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"channeld/internal/order"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

// newOrder is an order of one line of two units at 12.50 in channel (nil: none).
func newOrder(id string, channel, cart, email *string, at time.Time) *order.Order {
	return &order.Order{ID: id, CartID: cart, Status: "pending", PaymentStatus: "not_paid", Email: email, CurrencyCode: "eur",
		SalesChannelID: channel, ItemTotal: 2500, Total: 2500, CreatedAt: at, UpdatedAt: at,
		Items: []*order.Item{{ID: id + "_line", OrderID: id, VariantID: "variant_1", ProductID: "prod_1", Title: "Lamp",
			ProductTitle: "Lamp", VariantTitle: "S", Quantity: 2, UnitPrice: 1250, CreatedAt: at, UpdatedAt: at}}}
}

func ptr(s string) *string { return &s }

func place(t *testing.T, d *db.DB, svc *order.Service, o *order.Order) {
	t.Helper()
	if err := d.Tx(context.Background(), func(tx db.DBTX) error { return svc.Place(context.Background(), tx, o) }); err != nil {
		t.Fatalf("place %s: %v", o.ID, err)
	}
}

// Placing an order numbers it after the last one and emits order.placed with it; an order
// whose transaction rolls back leaves neither the order nor its event.
func TestPlaceNumbersOrdersAndEmitsInTheSameTransaction(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		svc := order.NewService(d, order.Readers{})
		at := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
		first, second := newOrder("order_1", ptr("sc_a"), nil, nil, at), newOrder("order_2", ptr("sc_a"), nil, nil, at)
		place(t, d, svc, first)
		place(t, d, svc, second)
		if first.DisplayID != 1 || second.DisplayID != 2 {
			t.Errorf("display ids = %d, %d; want 1, 2", first.DisplayID, second.DisplayID)
		}
		failed := errors.New("payment refused")
		err := d.Tx(context.Background(), func(tx db.DBTX) error {
			if err := svc.Place(context.Background(), tx, newOrder("order_3", ptr("sc_a"), nil, nil, at)); err != nil {
				return err
			}
			return failed
		})
		if !errors.Is(err, failed) {
			t.Fatalf("rolled back place: %v", err)
		}
		if n := dbtest.Scalar[int](t, d.Read(), `SELECT count(*) FROM "order"`); n != 2 {
			t.Errorf("orders = %d, want 2", n)
		}
		if n := dbtest.Scalar[int](t, d.Read(), `SELECT count(*) FROM outbox_event WHERE name = $1`, order.EventPlaced); n != 2 {
			t.Errorf("order.placed events = %d, want 2", n)
		}
		got, err := svc.Get(context.Background(), "order_2")
		if err != nil {
			t.Fatal(err)
		}
		if got.DisplayID != 2 || len(got.Items) != 1 || got.Items[0].Quantity != 2 || got.Total != 2500 || !got.CreatedAt.Equal(at) {
			t.Errorf("stored order = %+v (items %d)", got, len(got.Items))
		}
	})
}

// A storefront reads an order only through a key of its channel: any other order, and an
// order without a channel, answers the same 404 as an unknown id.
func TestGetInChannelsHidesOtherChannelsOrders(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		svc := order.NewService(d, order.Readers{})
		at := time.Now().UTC()
		place(t, d, svc, newOrder("order_a", ptr("sc_a"), nil, nil, at))
		place(t, d, svc, newOrder("order_none", nil, nil, nil, at))
		if _, err := svc.GetInChannels(context.Background(), "order_a", []string{"sc_b", "sc_a"}); err != nil {
			t.Errorf("own channel: %v", err)
		}
		for _, tc := range []struct{ id, want string }{
			{"order_a", "Order with id: order_a was not found"},
			{"order_none", "Order with id: order_none was not found"},
			{"order_unknown", "Order with id: order_unknown was not found"},
		} {
			_, err := svc.GetInChannels(context.Background(), tc.id, []string{"sc_b"})
			var ae *apperr.Error
			if !errors.As(err, &ae) || ae.Kind != apperr.NotFound || ae.Message != tc.want {
				t.Errorf("%s from sc_b: %v, want the 404 %q", tc.id, err, tc.want)
			}
		}
	})
}

// A completed cart finds its order; a cart without one is a not-found error, never a nil order.
func TestForCart(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		svc := order.NewService(d, order.Readers{})
		place(t, d, svc, newOrder("order_c", ptr("sc_a"), ptr("cart_1"), nil, time.Now().UTC()))
		o, err := svc.ForCart(context.Background(), d.Read(), "cart_1")
		if err != nil || o.ID != "order_c" {
			t.Errorf("ForCart(cart_1) = %v, %v", o, err)
		}
		if _, err := svc.ForCart(context.Background(), d.Read(), "cart_2"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("ForCart(cart_2) = %v, want not found", err)
		}
	})
}

// Admins filter orders by channel and search them by email; the count covers every match,
// not just the page.
func TestListFiltersByChannelAndEmail(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		svc := order.NewService(d, order.Readers{})
		at := time.Now().UTC()
		place(t, d, svc, newOrder("order_1", ptr("sc_a"), nil, ptr("ada@example.com"), at))
		place(t, d, svc, newOrder("order_2", ptr("sc_b"), nil, ptr("bob@example.com"), at))
		place(t, d, svc, newOrder("order_3", ptr("sc_a"), nil, ptr("ada@example.org"), at))
		ctx := context.Background()
		for _, tc := range []struct {
			name      string
			f         order.Filter
			limit     int
			wantIDs   []string
			wantCount int
		}{
			{"channel a", order.Filter{SalesChannelIDs: []string{"sc_a"}}, 10, []string{"order_1", "order_3"}, 2},
			{"channel a, page of one", order.Filter{SalesChannelIDs: []string{"sc_a"}}, 1, []string{"order_1"}, 2},
			{"email search", order.Filter{Q: "ADA@"}, 10, []string{"order_1", "order_3"}, 2},
			{"channel b and ada", order.Filter{SalesChannelIDs: []string{"sc_b"}, Q: "ada"}, 10, nil, 0},
			{"no channel matches", order.Filter{SalesChannelIDs: []string{}}, 10, nil, 0},
		} {
			os, n, err := svc.List(ctx, tc.f, "id", tc.limit, 0)
			if err != nil {
				t.Fatalf("%s: %v", tc.name, err)
			}
			var ids []string
			for _, o := range os {
				ids = append(ids, o.ID)
			}
			if n != tc.wantCount || len(ids) != len(tc.wantIDs) || (len(ids) > 0 && ids[0] != tc.wantIDs[0]) {
				t.Errorf("%s: %v (count %d), want %v (count %d)", tc.name, ids, n, tc.wantIDs, tc.wantCount)
			}
		}
	})
}
