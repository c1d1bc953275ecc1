package db_test

import (
	"context"
	"encoding/json"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

const insertChannel = `INSERT INTO sales_channel (id, name, is_disabled, metadata, created_at, updated_at, deleted_at)
	VALUES ($1, $2, $3, $4, $5, $5, $6)`

func TestPlaceholdersAreNumbered(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		var a, b, c string
		err := d.Read().QueryRowContext(ctx, "SELECT CAST($2 AS TEXT), CAST($1 AS TEXT), CAST($1 AS TEXT)", "one", "two").Scan(&a, &b, &c)
		if err != nil {
			t.Fatal(err)
		}
		if a != "two" || b != "one" || c != "one" {
			t.Fatalf("got %q %q %q, want two one one", a, b, c)
		}
		// $5 is bound twice, to created_at and updated_at.
		now := db.Time{Time: time.Now()}
		dbtest.Exec(t, d.Write(), insertChannel, "sc_1", "Web", false, nil, now, db.NullTime{})
		var created, updated db.Time
		if err := d.Read().QueryRowContext(ctx, "SELECT created_at, updated_at FROM sales_channel WHERE id = $1", "sc_1").Scan(&created, &updated); err != nil {
			t.Fatal(err)
		}
		if !created.Equal(updated.Time) {
			t.Errorf("created_at %v, updated_at %v", created, updated)
		}
	})
}

func TestTimeRoundTripAndOrder(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		// A zone other than UTC and sub-millisecond digits, both of which must not survive.
		zone := time.FixedZone("X", 5*3600+30*60)
		t0 := time.Date(2026, 3, 1, 10, 0, 0, 123456789, zone)
		times := []time.Time{t0, t0.Add(time.Millisecond), t0.Add(2 * time.Second)}
		for i, ts := range times {
			deleted := db.NullTime{}
			if i == 2 {
				deleted = db.NullTime{Time: ts, Valid: true}
			}
			id := []string{"sc_a", "sc_b", "sc_c"}[i]
			dbtest.Exec(t, d.Write(), insertChannel, id, id, false, nil, db.Time{Time: ts}, deleted)
		}

		var got db.Time
		var deleted db.NullTime
		if err := d.Read().QueryRowContext(ctx, "SELECT created_at, deleted_at FROM sales_channel WHERE id = $1", "sc_a").Scan(&got, &deleted); err != nil {
			t.Fatal(err)
		}
		want := time.Date(2026, 3, 1, 4, 30, 0, 123000000, time.UTC)
		if !got.Time.Equal(want) || got.Location() != time.UTC {
			t.Errorf("created_at = %v, want %v in UTC", got.Time, want)
		}
		if deleted.Valid {
			t.Errorf("deleted_at = %v, want NULL", deleted)
		}
		if err := d.Read().QueryRowContext(ctx, "SELECT deleted_at FROM sales_channel WHERE id = $1", "sc_c").Scan(&deleted); err != nil {
			t.Fatal(err)
		}
		if !deleted.Valid || !deleted.Time.Equal(times[2].Truncate(time.Millisecond)) || deleted.Time.Location() != time.UTC {
			t.Errorf("deleted_at = %+v, want %v", deleted, times[2])
		}

		// Filters pass times as text; on SQLite the comparison is between strings.
		ids := dbtest.Column[string](t, d.Read(), "SELECT id FROM sales_channel WHERE created_at > $1 ORDER BY created_at DESC", db.FormatTime(t0))
		if diff := cmp.Diff([]string{"sc_c", "sc_b"}, ids); diff != "" {
			t.Errorf("created_at > t0 (-want +got):\n%s", diff)
		}
	})
}

func TestFormatTime(t *testing.T) {
	tests := map[time.Time]string{
		time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC):                     "2026-01-02T03:04:05.000Z",
		time.Date(2026, 1, 2, 3, 4, 5, 7_999_999, time.UTC):             "2026-01-02T03:04:05.007Z",
		time.Date(2026, 1, 2, 1, 0, 0, 0, time.FixedZone("Y", -2*3600)): "2026-01-02T03:00:00.000Z",
		time.Date(2026, 12, 31, 23, 59, 59, 999_000_000, time.UTC):      "2026-12-31T23:59:59.999Z",
	}
	for in, want := range tests {
		if got := db.FormatTime(in); got != want {
			t.Errorf("FormatTime(%v) = %s, want %s", in, got, want)
		}
	}
	var ts db.Time
	for _, s := range []string{"2026-01-02T03:04:05Z", "2026-01-02T03:04:05.000Z", "2026-01-02T05:04:05+02:00"} {
		if err := ts.Scan([]byte(s)); err != nil || !ts.Equal(time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)) || ts.Location() != time.UTC {
			t.Errorf("Scan(%q) = %v, %v", s, ts.Time, err)
		}
	}
	if err := ts.Scan(nil); err == nil {
		t.Error("Scan(nil) into Time succeeded")
	}
}

func TestBoolAndJSONRoundTrip(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		now := db.Time{Time: time.Now()}
		dbtest.Exec(t, d.Write(), insertChannel, "sc_on", "on", true, db.JSON(`{"a": [1, "x"]}`), now, db.NullTime{})
		dbtest.Exec(t, d.Write(), insertChannel, "sc_off", "off", false, db.JSON(nil), now, db.NullTime{})
		for id, want := range map[string]struct {
			disabled bool
			meta     any
		}{
			"sc_on":  {true, map[string]any{"a": []any{1.0, "x"}}},
			"sc_off": {false, nil},
		} {
			var disabled bool
			var meta db.JSON
			if err := d.Read().QueryRowContext(ctx, "SELECT is_disabled, metadata FROM sales_channel WHERE id = $1", id).Scan(&disabled, &meta); err != nil {
				t.Fatal(err)
			}
			if disabled != want.disabled {
				t.Errorf("%s: is_disabled = %v, want %v", id, disabled, want.disabled)
			}
			if want.meta == nil {
				if meta != nil {
					t.Errorf("%s: metadata = %q, want NULL", id, meta)
				}
				continue
			}
			// PostgreSQL normalises JSONB spacing, so compare documents, not text.
			var got any
			if err := json.Unmarshal(meta, &got); err != nil {
				t.Fatalf("%s: metadata %q: %v", id, meta, err)
			}
			if diff := cmp.Diff(want.meta, got); diff != "" {
				t.Errorf("%s: metadata (-want +got):\n%s", id, diff)
			}
		}
		// A bool works as a filter argument too.
		var n int
		if err := d.Read().QueryRowContext(ctx, "SELECT count(*) FROM sales_channel WHERE is_disabled = $1", true).Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("count(is_disabled = true) = %d, want 1", n)
		}
	})
}

func TestILike(t *testing.T) {
	t.Parallel()
	dbtest.EachDB(t, func(t *testing.T, d *db.DB) {
		ctx := context.Background()
		dbtest.Exec(t, d.Write(), insertChannel, "sc_w", "Web Shop", false, nil, db.Time{Time: time.Now()}, db.NullTime{})
		var n int
		if err := d.Read().QueryRowContext(ctx, "SELECT count(*) FROM sales_channel WHERE name "+d.ILike()+" $1", "%shop%").Scan(&n); err != nil {
			t.Fatal(err)
		}
		if n != 1 {
			t.Errorf("name %s '%%shop%%' matched %d rows, want 1", d.ILike(), n)
		}
	})
}

func TestDestinationsScanIntoFields(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		ctx := context.Background()
		d := dbtest.Open(t, e)
		t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
		if _, err := d.Write().ExecContext(ctx, insertChannel, "sc_live", "live", false, db.JSON(`{"b": 1, "a": 2}`),
			db.Time{Time: t0}, db.NullTime{}); err != nil {
			t.Fatal(err)
		}
		if _, err := d.Write().ExecContext(ctx, insertChannel, "sc_gone", "gone", false, nil,
			db.Time{Time: t0}, db.NullTime{Time: t0.Add(time.Hour), Valid: true}); err != nil {
			t.Fatal(err)
		}
		type row struct {
			Metadata             json.RawMessage
			CreatedAt, UpdatedAt time.Time
			DeletedAt            *time.Time
		}
		gone := t0.Add(time.Hour)
		tests := []struct {
			id   string
			want row
		}{
			{"sc_live", row{Metadata: json.RawMessage(`{"a":2,"b":1}`), CreatedAt: t0, UpdatedAt: t0}},
			{"sc_gone", row{CreatedAt: t0, UpdatedAt: t0, DeletedAt: &gone}},
		}
		for _, tt := range tests {
			t.Run(tt.id, func(t *testing.T) {
				var got row
				dest := append([]any{db.JSONDest(&got.Metadata)}, db.SoftStamps(&got.CreatedAt, &got.UpdatedAt, &got.DeletedAt)...)
				if err := d.Read().QueryRowContext(ctx, `SELECT metadata, created_at, updated_at, deleted_at
					FROM sales_channel WHERE id = $1`, tt.id).Scan(dest...); err != nil {
					t.Fatal(err)
				}
				if diff := cmp.Diff(tt.want, got); diff != "" {
					t.Errorf("scanned (-want +got):\n%s", diff)
				}
			})
		}
	})
}

func TestNullTimePtr(t *testing.T) {
	t0 := time.Date(2026, 3, 1, 10, 0, 0, 0, time.UTC)
	if p := (db.NullTime{}).Ptr(); p != nil {
		t.Errorf("NULL Ptr = %v, want nil", p)
	}
	if p := (db.NullTime{Time: t0, Valid: true}).Ptr(); p == nil || !p.Equal(t0) {
		t.Errorf("Ptr = %v, want %v", p, t0)
	}
}
