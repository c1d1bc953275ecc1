package db

import (
	"bytes"
	"database/sql"
	"database/sql/driver"
	"encoding/json"
	"errors"
	"fmt"
	"time"
)

// TimeFormat is how times are written on both engines: UTC, fixed width, milliseconds. On
// SQLite the column is TEXT, and a fixed width makes text order time order, so range
// filters compare strings; PostgreSQL parses the same text into TIMESTAMPTZ(3).
const TimeFormat = "2006-01-02T15:04:05.000Z"

// FormatTime renders t in TimeFormat, for query arguments such as `created_at > $1`.
func FormatTime(t time.Time) string { return t.UTC().Format(TimeFormat) }

// Time is a time.Time column value that is NOT NULL. Pass db.Time{t} as an argument and
// scan into a *db.Time.
type Time struct{ time.Time }

var (
	_ sql.Scanner   = (*Time)(nil)
	_ driver.Valuer = Time{}
	_ sql.Scanner   = (*NullTime)(nil)
	_ driver.Valuer = NullTime{}
	_ sql.Scanner   = (*JSON)(nil)
	_ driver.Valuer = JSON(nil)
)

// Value writes the time in TimeFormat. Precision below a millisecond is cut off.
func (t Time) Value() (driver.Value, error) { return FormatTime(t.Time), nil }

// Scan reads a time.Time (PostgreSQL) or RFC 3339 text (SQLite) and returns it in UTC.
func (t *Time) Scan(src any) error {
	if src == nil {
		return errors.New("scan time: NULL into a NOT NULL time, use NullTime")
	}
	v, err := parseTime(src)
	if err != nil {
		return err
	}
	t.Time = v
	return nil
}

// NullTime is a time column value that may be NULL.
type NullTime struct {
	Time  time.Time
	Valid bool
}

// Value writes NULL when not valid, else the time in TimeFormat.
func (n NullTime) Value() (driver.Value, error) {
	if !n.Valid {
		return nil, nil // a nil driver.Value is how database/sql writes NULL
	}
	return FormatTime(n.Time), nil
}

// Ptr returns the time, or nil when it is NULL.
func (n NullTime) Ptr() *time.Time {
	if !n.Valid {
		return nil
	}
	t := n.Time
	return &t
}

// Scan reads NULL, a time.Time or RFC 3339 text, and returns times in UTC.
func (n *NullTime) Scan(src any) error {
	if src == nil {
		*n = NullTime{}
		return nil
	}
	v, err := parseTime(src)
	if err != nil {
		return err
	}
	*n = NullTime{Time: v, Valid: true}
	return nil
}

func parseTime(src any) (time.Time, error) {
	var s string
	switch v := src.(type) {
	case time.Time:
		return v.UTC(), nil
	case string:
		s = v
	case []byte:
		s = string(v)
	default:
		return time.Time{}, fmt.Errorf("scan time: unsupported type %T", src)
	}
	// RFC3339Nano parses with or without a fractional second.
	v, err := time.Parse(time.RFC3339Nano, s)
	if err != nil {
		return time.Time{}, fmt.Errorf("scan time: %w", err)
	}
	return v.UTC(), nil
}

// JSON is a JSON document column (JSONB on PostgreSQL, TEXT on SQLite). A nil JSON is NULL.
// Scanning re-encodes the document canonically (compact, object keys sorted), because JSONB
// reorders keys and adds spaces: both engines then return the same bytes.
type JSON []byte

// Value writes NULL for nil, else the document as text, which both engines accept.
func (j JSON) Value() (driver.Value, error) {
	if j == nil {
		return nil, nil // a nil driver.Value is how database/sql writes NULL
	}
	return string(j), nil
}

// Scan reads NULL as nil and text or bytes as a copy of the document.
func (j *JSON) Scan(src any) error {
	switch v := src.(type) {
	case nil:
		*j = nil
	case string:
		*j = canonicalJSON([]byte(v))
	case []byte:
		*j = canonicalJSON(v)
	default:
		return fmt.Errorf("scan json: unsupported type %T", src)
	}
	return nil
}

// canonicalJSON returns doc compact with sorted keys; numbers keep their text. A document
// that does not parse is returned as a copy, unchanged.
func canonicalJSON(doc []byte) JSON {
	dec := json.NewDecoder(bytes.NewReader(doc))
	dec.UseNumber()
	var v any
	if err := dec.Decode(&v); err != nil {
		return append(JSON{}, doc...)
	}
	out, err := json.Marshal(v)
	if err != nil {
		return append(JSON{}, doc...)
	}
	return out
}
