package shop_test

import (
	"context"
	"io"
	"log/slog"
	"sync"
	"testing"

	"channeld/internal/app"
	"channeld/internal/auth"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/platform/id"
	"channeld/internal/product"
	"channeld/internal/saleschannel"
	"channeld/internal/seller"
	"channeld/internal/shop"
)

func build(t *testing.T, url string) (*app.App, error) {
	t.Helper()
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Build(context.Background(), app.Config{DatabaseURL: url}, log,
		app.Options{HashParams: auth.HashParams{Time: 1, MemKiB: 64, Threads: 1}})
	if err == nil {
		t.Cleanup(func() { a.Close() })
	}
	return a, err
}

// mustBuild is build for a start that must succeed.
func mustBuild(t *testing.T, url string) *app.App {
	t.Helper()
	a, err := build(t, url)
	if err != nil {
		t.Fatal(err)
	}
	return a
}

// bootState reads what the first start leaves behind.
type bootState struct {
	stores, channels, liveChannels, currencies int
	defaultChannel, defaultName                string
}

func readBoot(t *testing.T, q db.DBTX) bootState {
	t.Helper()
	ctx := context.Background()
	var s bootState
	for _, c := range []struct {
		query string
		dst   *int
	}{
		{`SELECT count(*) FROM store`, &s.stores},
		{`SELECT count(*) FROM sales_channel`, &s.channels},
		{`SELECT count(*) FROM sales_channel WHERE deleted_at IS NULL`, &s.liveChannels},
		{`SELECT count(*) FROM store_currency`, &s.currencies},
	} {
		if err := q.QueryRowContext(ctx, c.query).Scan(c.dst); err != nil {
			t.Fatalf("%s: %v", c.query, err)
		}
	}
	if s.stores == 1 {
		var id, name *string
		if err := q.QueryRowContext(ctx, `SELECT s.default_sales_channel_id, c.name FROM store s
			LEFT JOIN sales_channel c ON c.id = s.default_sales_channel_id`).Scan(&id, &name); err != nil {
			t.Fatalf("read the default channel: %v", err)
		}
		if id != nil && name != nil {
			s.defaultChannel, s.defaultName = *id, *name
		}
	}
	return s
}

func TestEnsureDefaultsIsIdempotent(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		url := dbtest.URL(t, e)
		first := mustBuild(t, url)
		s1 := readBoot(t, first.DB.Read())
		if s1.stores != 1 || s1.channels != 1 || s1.currencies != 1 || s1.defaultName != shop.DefaultChannelName {
			t.Fatalf("first start: %+v", s1)
		}
		// A second instance, and a third call on the first, find the store and add nothing.
		second := mustBuild(t, url)
		if err := first.Shop.EnsureDefaults(context.Background()); err != nil {
			t.Fatal(err)
		}
		if s2 := readBoot(t, second.DB.Read()); s2 != s1 {
			t.Errorf("after restarts: %+v, want %+v", s2, s1)
		}
		st, err := second.Shop.Default(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if st.Name != shop.DefaultName || st.DefaultSalesChannelID == nil || *st.DefaultSalesChannelID != s1.defaultChannel {
			t.Errorf("store %+v", st)
		}
	})
}

// An existing store is left as it is: a cleared default channel stays cleared on restart and
// no channel is created for it, as Medusa's create-default-store step does.
func TestEnsureDefaultsLeavesAnExistingStoreAlone(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		url := dbtest.URL(t, e)
		first := mustBuild(t, url)
		ctx := context.Background()
		st, err := first.Shop.Default(ctx)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := first.Shop.Update(ctx, st.ID, shop.UpdateInput{SetDefaultSalesChannelID: true}); err != nil {
			t.Fatal(err)
		}
		if err := first.Channels.Delete(ctx, *st.DefaultSalesChannelID); err != nil {
			t.Fatal(err)
		}
		mustBuild(t, url)
		got := readBoot(t, first.DB.Read())
		if got.stores != 1 || got.channels != 1 || got.liveChannels != 0 {
			t.Errorf("after restart: %+v", got)
		}
		if id, err := first.Shop.DefaultChannelID(ctx, first.DB.Read()); err != nil || id != "" {
			t.Errorf("default channel %q, %v; want none", id, err)
		}
	})
}

// With channels but no store (an earlier installation), the first live channel in id order
// becomes the default instead of a new one.
func TestEnsureDefaultsReusesTheFirstLiveChannel(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now, newID := clock.Clock(clock.System), id.Source(id.New)
		channels := saleschannel.NewService(d, now, newID, saleschannel.Links{}, shop.NewChannelGuard(d), product.NewListing(d), seller.NewChecker(d), shop.NewLocaleReader())
		deleted, err := channels.Create(ctx, saleschannel.CreateInput{Name: "Deleted"})
		if err != nil {
			t.Fatal(err)
		}
		first, err := channels.Create(ctx, saleschannel.CreateInput{Name: "First"})
		if err != nil {
			t.Fatal(err)
		}
		if _, err := channels.Create(ctx, saleschannel.CreateInput{Name: "Second"}); err != nil {
			t.Fatal(err)
		}
		if err := channels.Delete(ctx, deleted.ID); err != nil {
			t.Fatal(err)
		}
		svc := shop.NewService(d, now, newID, channels)
		if err := svc.EnsureDefaults(ctx); err != nil {
			t.Fatal(err)
		}
		got := readBoot(t, d.Read())
		want := bootState{stores: 1, channels: 3, liveChannels: 2, currencies: 1, defaultChannel: first.ID, defaultName: "First"}
		if got != want {
			t.Errorf("got %+v, want %+v", got, want)
		}
	})
}

// Several instances starting at once on one PostgreSQL schema make one store and one default
// channel between them; the losers' channels roll back with their transactions. The first
// round starts on an empty schema (the instances also race to migrate); the later ones on a
// migrated schema, so every instance reaches EnsureDefaults at once.
func TestEnsureDefaultsConcurrentStarts(t *testing.T) {
	t.Parallel()
	const n = 6
	for round := range 4 {
		url := dbtest.URL(t, db.Postgres) // skips without CHANNELD_TEST_DATABASE_URL
		if round > 0 {
			d, err := db.Open(context.Background(), url)
			if err != nil {
				t.Fatal(err)
			}
			if err := d.Migrate(context.Background()); err != nil {
				t.Fatal(err)
			}
			d.Close()
		}
		var wg sync.WaitGroup
		apps := make([]*app.App, n)
		errs := make([]error, n)
		start := make(chan struct{})
		for i := range n {
			wg.Go(func() {
				<-start
				apps[i], errs[i] = build(t, url)
			})
		}
		close(start)
		wg.Wait()
		for i, err := range errs {
			if err != nil {
				t.Fatalf("round %d: instance %d: %v", round, i, err)
			}
		}
		got := readBoot(t, apps[0].DB.Read())
		if got.stores != 1 || got.channels != 1 || got.currencies != 1 || got.defaultName != shop.DefaultChannelName {
			t.Fatalf("round %d: %+v, want one store, one channel, one currency", round, got)
		}
		var events int
		if err := apps[0].DB.Read().QueryRowContext(context.Background(),
			`SELECT count(*) FROM outbox_event WHERE name = 'sales-channel.created'`).Scan(&events); err != nil {
			t.Fatal(err)
		}
		if events != 1 {
			t.Errorf("round %d: %d sales-channel.created events, want 1", round, events)
		}
	}
}
