package fields_test

import (
	"encoding/json"
	"testing"
	"time"

	"channeld/internal/platform/fields"
)

type size struct {
	Weight *float64
	HSCode *string
}

type row struct {
	ID              string
	InventoryItemID string
	Address1        string
	Note            *string
	IsOpen          bool
	Rank            int64
	Limit           *int64
	Metadata        json.RawMessage
	CreatedAt       time.Time
	DeletedAt       *time.Time
	Size            size
}

var rowScalars = []string{"id", "inventory_item_id", "address_1", "note", "is_open", "rank", "limit", "metadata",
	"created_at", "deleted_at", "weight", "hs_code", "doubled", "absent"}

var writeRow = fields.Columns(rowScalars, map[string]func([]byte, *row) []byte{
	"doubled": func(b []byte, r *row) []byte { return fields.AppendInt(b, 2*r.Rank) },
	"absent":  fields.Null[row],
})

func TestColumns(t *testing.T) {
	note, w, limit := "n", 1.5, int64(7)
	at := time.Date(2024, 5, 1, 12, 0, 0, 0, time.UTC)
	full := &row{ID: "r_1", InventoryItemID: "ii_1", Address1: "Main St", Note: &note, IsOpen: true, Rank: 3,
		Limit: &limit, Metadata: json.RawMessage(`{"a":1}`), CreatedAt: at, DeletedAt: &at, Size: size{Weight: &w}}
	tests := []struct {
		name string
		row  *row
		want string
	}{
		{"every type", full, `{"id":"r_1","inventory_item_id":"ii_1","address_1":"Main St","note":"n","is_open":true,` +
			`"rank":3,"limit":7,"metadata":{"a":1},"created_at":"2024-05-01T12:00:00.000Z",` +
			`"deleted_at":"2024-05-01T12:00:00.000Z","weight":1.5,"hs_code":null,"doubled":6,"absent":null}`},
		{"nil pointers and empty metadata are null", &row{CreatedAt: at}, `{"id":"","inventory_item_id":"",` +
			`"address_1":"","note":null,"is_open":false,"rank":0,"limit":null,"metadata":null,` +
			`"created_at":"2024-05-01T12:00:00.000Z","deleted_at":null,"weight":null,"hs_code":null,"doubled":0,"absent":null}`},
	}
	spec := &fields.Spec[row]{Scalars: rowScalars, Scalar: writeRow}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := string(spec.Append(nil, tt.row, fields.FromList("*"))); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	t.Run("writing does not allocate", func(t *testing.T) {
		b := make([]byte, 0, 1024)
		allocs := testing.AllocsPerRun(100, func() {
			b = b[:0]
			for _, n := range rowScalars {
				b = writeRow(b, full, n)
			}
		})
		if allocs != 0 {
			t.Errorf("%v allocations per entity, want 0", allocs)
		}
	})
}

func TestColumnsRefusesUnknownFields(t *testing.T) {
	for _, names := range [][]string{{"nope"}, {"size"}} {
		func() {
			defer func() {
				if recover() == nil {
					t.Errorf("Columns(%q) did not panic", names)
				}
			}()
			fields.Columns[row](names, nil)
		}()
	}
}

type part struct{ ID string }

type whole struct {
	ID    string
	Parts []*part
	Main  *part
}

func TestListOfAndOneOf(t *testing.T) {
	partScalars := []string{"id"}
	partSpec := &fields.Spec[part]{Scalars: partScalars, Scalar: fields.Columns[part](partScalars, nil)}
	wholeScalars := []string{"id"}
	spec := &fields.Spec[whole]{Scalars: wholeScalars, Scalar: fields.Columns[whole](wholeScalars, nil),
		Relations: map[string]fields.Relation[whole]{
			"parts": fields.ListOf(partSpec, func(w *whole) []*part { return w.Parts }),
			"main":  fields.OneOf(partSpec, func(w *whole) *part { return w.Main }),
		}}
	p := &part{ID: "p_1"}
	tests := []struct {
		name  string
		w     *whole
		param string
		want  string
	}{
		{"relations asked with their fields", &whole{ID: "w", Parts: []*part{p}, Main: p}, "id,parts.id,main.id",
			`{"id":"w","parts":[{"id":"p_1"}],"main":{"id":"p_1"}}`},
		{"relations asked as plain fields", &whole{ID: "w", Parts: []*part{p}, Main: p}, "id,parts,main",
			`{"id":"w","parts":[{"id":"p_1"}],"main":{"id":"p_1"}}`},
		{"no parts and no main", &whole{ID: "w"}, "id,*parts,*main", `{"id":"w","parts":[],"main":null}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			sel := fields.Parse(tt.param, true, nil)
			if err := spec.Check(sel); err != nil {
				t.Fatalf("Check: %v", err)
			}
			if got := string(spec.Append(nil, tt.w, sel)); got != tt.want {
				t.Errorf("got  %s\nwant %s", got, tt.want)
			}
		})
	}
	if err := spec.Check(fields.Parse("parts.nope", true, nil)); err == nil {
		t.Error("Check accepted a field the nested entity does not have")
	}
}
