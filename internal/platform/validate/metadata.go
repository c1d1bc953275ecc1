package validate

import (
	"bytes"
	"encoding/json"
)

// Metadata is a request's free-form document field (`metadata`), decoded the same way for a
// create and a partial update: Set tells whether the key was present, and Value is the
// document, nil when the key was absent or null. Every module then stores "no metadata" one
// way (SQL NULL) and clears it with null.
type Metadata struct {
	Set   bool
	Value json.RawMessage
}

// UnmarshalJSON runs only for keys that are present, which is what marks the field Set.
func (m *Metadata) UnmarshalJSON(b []byte) error {
	m.Set, m.Value = true, nil
	if doc := bytes.TrimSpace(b); len(doc) > 0 && string(doc) != "null" {
		m.Value = append(json.RawMessage(nil), doc...)
	}
	return nil
}
