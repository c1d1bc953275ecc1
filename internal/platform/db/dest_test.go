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
