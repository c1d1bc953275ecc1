package db

import (
	"database/sql"
	"encoding/json"
	"time"
)

// Scan destinations that write a column straight into a model's field, so a store's scan
// function lists its fields once instead of scanning into locals and copying them over.

// timeDest writes a NOT NULL time column into a time.Time field.
type timeDest struct{ t *time.Time }

func (d timeDest) Scan(src any) error {
	var v Time
	if err := v.Scan(src); err != nil {
		return err
	}
	*d.t = v.Time
	return nil
}

// nullTimeDest writes a nullable time column into a *time.Time field, nil for NULL.
type nullTimeDest struct{ t **time.Time }

func (d nullTimeDest) Scan(src any) error {
	var v NullTime
	if err := v.Scan(src); err != nil {
		return err
	}
	*d.t = v.Ptr()
	return nil
}

// TimeDest returns a scan destination for a NOT NULL time column that sets *t, in UTC.
func TimeDest(t *time.Time) sql.Scanner { return timeDest{t} }

// NullTimeDest returns a scan destination for a nullable time column that sets *t: nil for
// NULL, else the time in UTC.
func NullTimeDest(t **time.Time) sql.Scanner { return nullTimeDest{t} }

// JSONDest returns a scan destination for a JSON column that sets *m: nil for NULL, else
// the document as JSON's Scan canonicalises it.
func JSONDest(m *json.RawMessage) sql.Scanner { return (*JSON)(m) }

// Stamps returns the scan destinations of the created_at and updated_at columns that most
// tables have, in that order.
func Stamps(created, updated *time.Time) []any {
	return []any{TimeDest(created), TimeDest(updated)}
}

// SoftStamps returns the scan destinations of created_at, updated_at and deleted_at, the
// columns of a table whose rows are soft-deleted; deleted stays nil for a live row.
func SoftStamps(created, updated *time.Time, deleted **time.Time) []any {
	return []any{TimeDest(created), TimeDest(updated), NullTimeDest(deleted)}
}
