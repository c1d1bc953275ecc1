package payment_test

import (
	"context"
	"errors"
	"testing"
	"time"

	"channeld/internal/payment"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/platform/id"
	"channeld/internal/region"
)

type fixture struct {
	d   *db.DB
	svc *payment.Service
	// target pays cart_1 in the EU region, which enables the system provider; bare pays
	// cart_2 in a region that enables none.
	target, bare payment.Target
}

// eachFixture runs fn once per engine (see dbtest.EachDB) on a fixture of its own.
func eachFixture(t *testing.T, fn func(t *testing.T, f fixture)) {
	t.Helper()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) { fn(t, setup(t, d)) })
}

func setup(t *testing.T, d *db.DB) fixture {
	t.Helper()
	ctx := context.Background()
	now, newID := clock.Clock(clock.System), id.Source(id.New)
	regions := region.NewService(d, now, newID)
	eu, err := regions.Create(ctx, region.CreateInput{Name: "EU", CurrencyCode: "eur", PaymentProviders: []string{payment.SystemProvider}})
	if err != nil {
		t.Fatal(err)
	}
	us, err := regions.Create(ctx, region.CreateInput{Name: "US", CurrencyCode: "usd"})
	if err != nil {
		t.Fatal(err)
	}
	// Carts are the cart module's rows; the collection's foreign key needs them to exist.
	for _, c := range []struct{ id, region, currency string }{{"cart_1", eu.ID, "eur"}, {"cart_2", us.ID, "usd"}} {
		dbtest.Exec(t, d.Write(), `INSERT INTO cart (id, region_id, currency_code, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $4)`, c.id, c.region, c.currency, db.Time{Time: time.Now()})
	}
	return fixture{d: d, svc: payment.NewService(d, now, newID, regions),
		target: payment.Target{CartID: "cart_1", RegionID: &eu.ID, CurrencyCode: "eur", Total: 4950},
		bare:   payment.Target{CartID: "cart_2", RegionID: &us.ID, CurrencyCode: "usd", Total: 100}}
}

// in runs fn in a write transaction and fails the test on its error.
func (f fixture) in(t *testing.T, fn func(tx db.DBTX) error) {
	t.Helper()
	if err := f.d.Tx(context.Background(), fn); err != nil {
		t.Fatal(err)
	}
}

// open opens a collection for target in a transaction of its own.
func (f fixture) open(t *testing.T, target payment.Target) *payment.Collection {
	t.Helper()
	var c *payment.Collection
	f.in(t, func(tx db.DBTX) (err error) { c, err = f.svc.Open(context.Background(), tx, target); return })
	return c
}

func wantError(t *testing.T, err error, kind apperr.Kind, message string) {
	t.Helper()
	var ae *apperr.Error
	if !errors.As(err, &ae) || ae.Kind != kind || ae.Message != message {
		t.Errorf("error = %v, want %s %q", err, kind, message)
	}
}

// Opening twice returns the first collection, for the amount it was opened with.
func TestOpenIsIdempotent(t *testing.T) {
	t.Parallel()
	eachFixture(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		first := f.open(t, f.target)
		later := f.target
		later.Total = 1
		second := f.open(t, later)
		if first.ID != second.ID || second.Amount != 4950 || second.Status != payment.StatusNotPaid {
			t.Errorf("second open = %+v, want collection %s for 4950", second, first.ID)
		}
		if _, err := f.svc.ForCart(ctx, f.d.Read(), "cart_2"); !apperr.Is(err, apperr.NotFound) {
			t.Errorf("ForCart of a cart without a collection = %v, want not found", err)
		}
	})
}

// A session needs a provider that exists and that the cart's region enables; a new session
// replaces the one before.
func TestStartSession(t *testing.T) {
	t.Parallel()
	eachFixture(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		col, bare := f.open(t, f.target), f.open(t, f.bare)
		start := func(c *payment.Collection, t payment.Target, provider string) (*payment.Collection, error) {
			var out *payment.Collection
			err := f.d.Tx(ctx, func(tx db.DBTX) error {
				locked, err := f.svc.Lock(ctx, tx, c.ID)
				if err != nil {
					return err
				}
				out, err = f.svc.StartSession(ctx, tx, locked, t, provider, nil)
				return err
			})
			return out, err
		}
		_, err := start(col, f.target, "pp_stripe")
		wantError(t, err, apperr.NotFound, "Payment provider with id: pp_stripe was not found")
		_, err = start(bare, f.bare, payment.SystemProvider)
		wantError(t, err, apperr.Invalid, "Payment provider pp_system_default is not enabled in region "+*f.bare.RegionID+
			"; add it to the region's payment_providers")
		for range 2 {
			got, err := start(col, f.target, payment.SystemProvider)
			if err != nil {
				t.Fatal(err)
			}
			if len(got.Sessions) != 1 || got.Sessions[0].Status != payment.StatusPending || got.Sessions[0].Amount != 4950 ||
				string(got.Sessions[0].Data) != "{}" {
				t.Errorf("sessions = %+v", got.Sessions)
			}
		}
		stored, err := f.svc.ForCart(ctx, f.d.Read(), "cart_1")
		if err != nil || len(stored.Sessions) != 1 {
			t.Errorf("stored sessions = %v, %v; want one", stored, err)
		}
		f.in(t, func(tx db.DBTX) error {
			_, err := f.svc.Lock(ctx, tx, "pay_col_unknown")
			wantError(t, err, apperr.NotFound, "PaymentCollection with id: pay_col_unknown was not found")
			return nil
		})
	})
}

// A cart whose total changes moves its collection to the new amount and drops the sessions
// opened for the old one; an unchanged total keeps them. Authorizing a pending session marks
// the collection authorized for its amount; a cart without a session stays not paid.
func TestRefreshAndAuthorize(t *testing.T) {
	t.Parallel()
	eachFixture(t, func(t *testing.T, f fixture) {
		ctx := context.Background()
		f.in(t, func(tx db.DBTX) error {
			c, err := f.svc.Open(ctx, tx, f.target)
			if err != nil {
				return err
			}
			_, err = f.svc.StartSession(ctx, tx, c, f.target, payment.SystemProvider, nil)
			return err
		})
		f.in(t, func(tx db.DBTX) error { return f.svc.Refresh(ctx, tx, f.target) })
		if c, _ := f.svc.ForCart(ctx, f.d.Read(), "cart_1"); c == nil || len(c.Sessions) != 1 {
			t.Fatalf("same total: %+v, want the session kept", c)
		}
		grown := f.target
		grown.Total = 9900
		f.in(t, func(tx db.DBTX) error { return f.svc.Refresh(ctx, tx, grown) })
		c, err := f.svc.ForCart(ctx, f.d.Read(), "cart_1")
		if err != nil || c.Amount != 9900 || len(c.Sessions) != 0 {
			t.Fatalf("new total: %+v, %v; want 9900 and no session", c, err)
		}
		f.in(t, func(tx db.DBTX) error {
			_, err := f.svc.StartSession(ctx, tx, c, grown, payment.SystemProvider, nil)
			return err
		})
		var status, bareStatus string
		f.in(t, func(tx db.DBTX) (err error) { status, err = f.svc.Authorize(ctx, tx, "cart_1"); return })
		f.in(t, func(tx db.DBTX) (err error) { bareStatus, err = f.svc.Authorize(ctx, tx, "cart_2"); return })
		if status != payment.StatusAuthorized || bareStatus != payment.StatusNotPaid {
			t.Errorf("statuses = %s, %s; want authorized, not_paid", status, bareStatus)
		}
		c, err = f.svc.ForCart(ctx, f.d.Read(), "cart_1")
		if err != nil || c.Status != payment.StatusAuthorized || c.AuthorizedAmount != 9900 ||
			c.Sessions[0].Status != payment.StatusAuthorized || c.Sessions[0].AuthorizedAt == nil {
			t.Errorf("authorized collection = %+v, %v", c, err)
		}
	})
}
