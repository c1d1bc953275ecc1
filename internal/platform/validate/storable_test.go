package validate

import (
	"strings"
	"testing"

	"channeld/internal/platform/apperr"
)

func TestStorableBodies(t *testing.T) {
	s := Object(
		F("name", Optional(String())),
		F("tags", Optional(Array(String()))),
		F("metadata", Nullish(Record())),
	).Strict()
	many := `[` + strings.Repeat(`"t",`, MaxItems) + `"t"]`
	tests := []struct{ name, body, msg string }{
		{"NUL in a value", `{"name":"a\u0000b"}`, "Value for field 'name' contains a NUL character"},
		{"NUL in an array element", `{"tags":["ok","\u0000"]}`, "Value for field 'tags, 1' contains a NUL character"},
		{"NUL in metadata", `{"metadata":{"note":"x\u0000"}}`, "Value for field 'metadata, note' contains a NUL character"},
		{"NUL deep in metadata", `{"metadata":{"a":[{"b":"\u0000"}]}}`, "Value for field 'metadata, a, 0, b' contains a NUL character"},
		{"NUL in a metadata key", `{"metadata":{"a\u0000":1}}`, "Value for field 'metadata' has a key that contains a NUL character"},
		{"the schema speaks first", `{"name":1,"tags":["\u0000"]}`, "Expected type: 'string' for field 'name', got: '1'"},
		{"too many items", `{"tags":` + many + `}`, "Value for field 'tags' too big, expected at most: '1000'"},
		{"too many items in metadata", `{"metadata":{"l":` + many + `}}`, "Value for field 'metadata, l' too big, expected at most: '1000'"},
		{"a number past JSONB's range", `{"metadata":{"k":1e999999}}`, "Value for field 'metadata, k' is out of range"},
		{"a number past JSONB's precision", `{"metadata":{"k":[-1e-999999]}}`, "Value for field 'metadata, k, 0' is out of range"},
		{"a number with too many digits", `{"metadata":{"k":0.` + strings.Repeat("0", 1000) + `1}}`, "Value for field 'metadata, k' is out of range"},
		{"a large number in range", `{"metadata":{"k":1e300,"l":-1.5e-1000}}`, ""},
		{"a lone surrogate is replaced, not refused", `{"name":"\ud800"}`, ""},
		{"body strings have no length bound", `{"name":"` + strings.Repeat("x", 100_000) + `"}`, ""},
		{"1000 items", `{"tags":[` + strings.Repeat(`"t",`, MaxItems-1) + `"t"]}`, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dst any
			expectMessage(t, DecodeJSON([]byte(tt.body), s, &dst), tt.msg)
		})
	}
}

func TestStorableQueries(t *testing.T) {
	s := Object(
		F("q", Optional(String().Max(1000))),
		F("id", Optional(StringOrArray())),
		F("created_at", Optional(OperatorMap(String()))),
	).Strict()
	long := strings.Repeat("é", MaxQueryString)
	ids := make([]any, MaxItems+1)
	for i := range ids {
		ids[i] = "x"
	}
	tests := []struct {
		name string
		in   map[string]any
		msg  string
	}{
		{"NUL", m{"id": "a\x00"}, "Value for field 'id' contains a NUL character"},
		{"invalid UTF-8", m{"id": a{"ok", "\xff"}}, "Value for field 'id, 1' is not valid UTF-8"},
		{"invalid UTF-8 in a key", m{"created_at": m{"$gt\xff": "x"}}, "Value for field 'created_at' has a key that is not valid UTF-8"},
		{"the schema's bound first", m{"q": strings.Repeat("x", 5000)}, "Value for field 'q' too big, expected at most: '1000'"},
		{"long value", m{"id": long + "x"}, "Value for field 'id' too big, expected at most: '4096'"},
		{"long operator value", m{"created_at": m{"$lt": long + "x"}}, "Value for field 'created_at, $lt' too big, expected at most: '4096'"},
		{"too many values", m{"id": ids}, "Value for field 'id' too big, expected at most: '1000'"},
		{"longest value, counted as JavaScript does", m{"id": long}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dst any
			expectMessage(t, Decode(tt.in, s, &dst), tt.msg)
		})
	}
}

// expectMessage fails unless err is an invalid_data error with "Invalid request: "+msg, or
// nil when msg is empty.
func expectMessage(t *testing.T, err error, msg string) {
	t.Helper()
	if msg == "" {
		if err != nil {
			t.Fatalf("error %v, want none", err)
		}
		return
	}
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.Invalid || e.Message != "Invalid request: "+msg {
		t.Fatalf("error %v\nwant invalid_data %q", err, "Invalid request: "+msg)
	}
}
