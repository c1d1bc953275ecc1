package validate

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"strings"

	"channeld/internal/platform/apperr"
)

// Parse validates v against s and returns the coerced output. A failure is an *apperr.Error of
// kind Invalid carrying Medusa's message.
func Parse(s Schema, v any) (any, error) {
	var c ctx
	out := s.parse(&c, nil, v)
	if len(c.issues) > 0 {
		return nil, toError(c.issues, v)
	}
	return out, nil
}

// DecodeJSON reads a request body, validates it against s and stores the output in dst. An empty
// body counts as {}, as Express hands Medusa an empty object. After the schema, every string
// must be storable and every array at most MaxItems long.
func DecodeJSON(body []byte, s Schema, dst any) error {
	var v any = &object{vals: map[string]any{}}
	if len(bytes.TrimSpace(body)) > 0 {
		var err error
		if v, err = readJSON(body); err != nil {
			return apperr.Invalidf("Invalid request: malformed JSON body: %s", err)
		}
	}
	return decode(v, s, dst, bodyLimits)
}

// Decode validates a parsed query string against s and stores the output in dst through a
// JSON round trip, so dst can be a typed request struct. After the schema, every string must
// be storable and at most MaxQueryString long, and every array at most MaxItems long.
func Decode(v any, s Schema, dst any) error { return decode(v, s, dst, queryLimits) }

func decode(v any, s Schema, dst any, l limits) error {
	out, err := Parse(s, v)
	if err != nil {
		return err
	}
	// Medusa's own messages come first; these bounds are channeld's.
	if err := checkStorable(v, nil, l); err != nil {
		return err
	}
	raw, err := json.Marshal(out)
	if err != nil {
		return fmt.Errorf("validate: encode output: %w", err)
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	if err := dec.Decode(dst); err != nil {
		// A value zod accepts can still not fit the Go field (1e30 into an int64): the client's fault.
		var te *json.UnmarshalTypeError
		if errors.As(err, &te) {
			return apperr.Invalidf("Invalid request: Value for field '%s' does not fit: %s",
				strings.ReplaceAll(te.Field, ".", ", "), te.Value)
		}
		return fmt.Errorf("validate: decode into %T: %w", dst, err)
	}
	return nil
}

// Opt is a request field for partial updates: it tells an absent key (Set false) from null
// (Set and Null) from a value. Tag it `json:",omitzero"` to omit an unset field when encoding.
type Opt[T any] struct {
	Set, Null bool
	Value     T
}

// UnmarshalJSON runs only for keys that are present, which is what marks the field Set.
func (o *Opt[T]) UnmarshalJSON(b []byte) error {
	o.Set = true
	if string(bytes.TrimSpace(b)) == "null" {
		o.Null = true
		var zero T
		o.Value = zero
		return nil
	}
	o.Null = false
	// UseNumber keeps numbers inside free-form values (metadata) exact.
	dec := json.NewDecoder(bytes.NewReader(b))
	dec.UseNumber()
	if err := dec.Decode(&o.Value); err != nil {
		return fmt.Errorf("decode optional %T: %w", o.Value, err)
	}
	return nil
}

// MarshalJSON writes null for an unset or null field.
func (o Opt[T]) MarshalJSON() ([]byte, error) {
	if !o.Set || o.Null {
		return []byte("null"), nil
	}
	return json.Marshal(o.Value)
}

// IsZero reports an unset field, so omitzero leaves it out.
func (o Opt[T]) IsZero() bool { return !o.Set }
