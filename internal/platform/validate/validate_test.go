package validate

import (
	"encoding/json"
	"math"
	"reflect"
	"testing"

	"channeld/internal/platform/apperr"
)

type m = map[string]any
type a = []any

// lineItem is a body schema shaped like Medusa's add-line-item payload.
var lineItem = Object(
	F("variant_id", String()),
	F("quantity", Number().Gt(0)),
	F("metadata", Nullish(Record())),
).Strict()

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name   string
		schema Schema
		body   string
		msg    string
	}{
		{"required", lineItem, `{"quantity": 1}`, "Field 'variant_id' is required"},
		{"wrong type prints the value", lineItem, `{"variant_id": 1, "quantity": 1}`,
			"Expected type: 'string' for field 'variant_id', got: '1'"},
		{"null is a type error", lineItem, `{"variant_id": null, "quantity": 1}`,
			"Expected type: 'string' for field 'variant_id', got: 'null'"},
		{"exclusive minimum prints bound", lineItem, `{"variant_id": "v", "quantity": 0}`,
			"Value for field 'quantity' too small, expected at least: '0'"},
		{"unknown keys after field issues, input order", lineItem, `{"zed": 1, "variant_id": 2, "foo": 1, "quantity": 1}`,
			"Expected type: 'string' for field 'variant_id', got: '2'; Unrecognized fields: 'zed, foo'"},
		{"unknown keys in JavaScript order", lineItem, `{"variant_id": "v", "quantity": 1, "b": 1, "2": 1, "1": 1}`,
			"Unrecognized fields: '1, 2, b'"},
		{"first three issues only", Object(F("a", String()), F("b", String()), F("c", String()), F("d", String())), `{}`,
			"Field 'a' is required; Field 'b' is required; Field 'c' is required"},
		{"a body that is not an object is required", lineItem, `[]`, "Field '' is required"},
		{"a value inside an array is not found, so required", Object(F("items", Array(Object(F("quantity", Number()))))),
			`{"items": [{"quantity": 1}, {"quantity": "2"}]}`, "Field 'items, 1, quantity' is required"},
		{"nested object path", Object(F("a", Object(F("b", Number())))), `{"a": {"b": [1, 2]}}`,
			"Expected type: 'number' for field 'a, b', got: '1,2'"},
		{"nested objects drop unknown keys silently", Object(F("a", Object(F("b", String())))), `{"a": {"b": "x", "c": 1}}`, ""},
		{"integer got float", Object(F("n", Number().Int())), `{"n": 1.5}`,
			"Expected type: 'int' for field 'n', got: '1.5'"},
		{"int32 too big", Object(F("n", Number().Int().Lte(math.MaxInt32))), `{"n": 2147483648}`,
			"Value for field 'n' too big, expected at most: '2147483647'"},
		{"infinity is not a number", Object(F("n", Number())), `{"n": 1e400}`,
			"Expected type: 'number' for field 'n', got: 'Infinity'"},
		{"numbers print as JavaScript does", Object(F("n", String())), `{"n": 1.5e21}`,
			"Expected type: 'string' for field 'n', got: '1.5e+21'"},
		{"too big", Object(F("n", Number().Lte(10))), `{"n": 11}`, "Value for field 'n' too big, expected at most: '10'"},
		{"lt prints bound", Object(F("n", Number().Lt(2.5))), `{"n": 3}`, "Value for field 'n' too big, expected at most: '2.5'"},
		{"string min", Object(F("s", String().Min(2))), `{"s": "é"}`, "Value for field 's' too small, expected at least: '2'"},
		{"string max", Object(F("s", String().Max(1))), `{"s": "ab"}`, "Value for field 's' too big, expected at most: '1'"},
		{"array min after items", Object(F("l", Array(String()).Min(3))), `{"l": [1]}`,
			"Field 'l, 0' is required; Value for field 'l' too small, expected at least: '3'"},
		{"string length checked on an array", Object(F("s", String().Min(2))), `{"s": ["a"]}`,
			"Expected type: 'string' for field 's', got: 'a'; Value for field 's' too small, expected at least: '2'"},
		{"array max", Object(F("l", Array(Any()).Max(1))), `{"l": [1, 2]}`, "Value for field 'l' too big, expected at most: '1'"},
		{"bool is strict", Object(F("b", Bool())), `{"b": "true"}`, "Expected type: 'boolean' for field 'b', got: 'true'"},
		{"enum", Object(F("s", Enum("draft", "published"))), `{"s": "x"}`,
			"Expected: 'draft, published' for field 's', but got: 'x'"},
		{"enum wrong type", Object(F("s", Enum("a", "b"))), `{"s": 1}`, "Expected: 'a, b' for field 's', but got: '1'"},
		{"enum absent", Object(F("s", Enum("a", "b"))), `{}`, "Field 's' is required"},
		{"literal", Object(F("t", Literal("fixed"))), `{"t": "x"}`, "Expected: 'fixed' for field 't', but got: 'x'"},
		{"literal absent", Object(F("t", Literal(true))), `{}`, "Field 't' is required"},
		{"record", Object(F("m", Record())), `{"m": [1]}`, "Expected type: 'record' for field 'm', got: '1'"},
		{"union types", Object(F("id", Union(String(), Array(String())))), `{"id": 1}`,
			"Expected type: 'string, array' for field 'id', got: '1'"},
		{"union required", Object(F("id", Union(String(), Array(String())))), `{}`, "Field 'id' is required"},
		{"union drops the types of values it cannot find", Object(F("id", Union(String(), Array(String())))), `{"id": [1]}`,
			"Expected type: 'string' for field 'id', got: '1'"},
		{"union of dirty members", Object(F("id", Union(String().Min(3), String().Max(1)))), `{"id": "ab"}`, "Invalid input"},
		{"union reports dirty member as is", Object(F("id", Union(String().Min(2), Number()))), `{"id": "x"}`,
			"Value for field 'id' too small, expected at least: '2'"},
		{"nullable", Object(F("n", Nullable(String()))), `{}`, "Field 'n' is required"},
		{"optional not null", Object(F("n", Optional(String()))), `{"n": null}`,
			"Expected type: 'string' for field 'n', got: 'null'"},
		{"ok", lineItem, `{"variant_id": "v", "quantity": 2, "metadata": null}`, ""},
		{"empty body is an object", Object(F("a", Optional(String()))).Strict(), ``, ""},
		{"malformed", lineItem, `{"a":`, "malformed JSON body: unexpected EOF"},
		{"malformed character", lineItem, `{a}`, "malformed JSON body: invalid character 'a'"},
		{"trailing data", lineItem, `{} {}`, "malformed JSON body: unexpected data after the JSON value"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var dst any
			err := DecodeJSON([]byte(tt.body), tt.schema, &dst)
			if tt.msg == "" {
				if err != nil {
					t.Fatalf("DecodeJSON: %v", err)
				}
				return
			}
			e, ok := apperr.As(err)
			if !ok || e.Kind != apperr.Invalid {
				t.Fatalf("DecodeJSON error = %v, want invalid", err)
			}
			if want := "Invalid request: " + tt.msg; e.Message != want {
				t.Errorf("message\n got %q\nwant %q", e.Message, want)
			}
		})
	}
}

func TestDecodeJSONTyped(t *testing.T) {
	type body struct {
		VariantID string         `json:"variant_id"`
		Quantity  int64          `json:"quantity"`
		Metadata  Opt[m]         `json:"metadata"`
		Title     Opt[string]    `json:"title"`
		Price     float64        `json:"price"`
		Extra     map[string]any `json:"extra"`
	}
	s := Object(
		F("variant_id", String()),
		F("quantity", Number().Int()),
		F("metadata", Nullish(Record())),
		F("title", Optional(String())),
		F("price", Default(Number(), 1.5)),
	).Strict()
	tests := []struct {
		name, in string
		want     body
	}{
		{"integral float form", `{"variant_id":"v","quantity":1e2,"metadata":null}`,
			body{VariantID: "v", Quantity: 100, Metadata: Opt[m]{Set: true, Null: true}, Price: 1.5}},
		{"value set", `{"variant_id":"v","quantity":3,"metadata":{"k":[1]},"title":"t","price":2.25}`,
			body{VariantID: "v", Quantity: 3, Metadata: Opt[m]{Set: true, Value: m{"k": a{json.Number("1")}}},
				Title: Opt[string]{Set: true, Value: "t"}, Price: 2.25}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var got body
			if err := DecodeJSON([]byte(tt.in), s, &got); err != nil {
				t.Fatalf("DecodeJSON: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestOpt(t *testing.T) {
	type wrap struct {
		V Opt[int] `json:"v,omitzero"`
	}
	tests := []struct {
		in, out string
		want    Opt[int]
	}{
		{`{}`, `{}`, Opt[int]{}},
		{`{"v":null}`, `{"v":null}`, Opt[int]{Set: true, Null: true}},
		{`{"v":7}`, `{"v":7}`, Opt[int]{Set: true, Value: 7}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var w wrap
			if err := json.Unmarshal([]byte(tt.in), &w); err != nil {
				t.Fatal(err)
			}
			if w.V != tt.want {
				t.Errorf("got %+v, want %+v", w.V, tt.want)
			}
			out, err := json.Marshal(w)
			if err != nil || string(out) != tt.out {
				t.Errorf("marshal = %s, %v; want %s", out, err, tt.out)
			}
		})
	}
}

func TestMetadata(t *testing.T) {
	type body struct {
		Metadata Metadata `json:"metadata"`
	}
	s := Object(F("metadata", Nullish(Record()))).Strict()
	tests := []struct {
		in   string
		want Metadata
	}{
		{`{}`, Metadata{}},
		{`{"metadata":null}`, Metadata{Set: true}},
		{`{"metadata":{}}`, Metadata{Set: true, Value: json.RawMessage(`{}`)}},
		// The document comes back compact with its keys sorted, as every decoded value does.
		{`{"metadata":{"b":[1, "x"],"a":null}}`, Metadata{Set: true, Value: json.RawMessage(`{"a":null,"b":[1,"x"]}`)}},
	}
	for _, tt := range tests {
		t.Run(tt.in, func(t *testing.T) {
			var got body
			if err := DecodeJSON([]byte(tt.in), s, &got); err != nil {
				t.Fatalf("DecodeJSON: %v", err)
			}
			if !reflect.DeepEqual(got.Metadata, tt.want) {
				t.Errorf("got %+v (%s), want %+v (%s)", got.Metadata, got.Metadata.Value, tt.want, tt.want.Value)
			}
		})
	}
}
