package validate

import (
	"reflect"
	"testing"

	"channeld/internal/platform/apperr"
)

// listQuery is shaped like Medusa's sales-channel list query after createFindParams.
var listQuery = Object(
	F("offset", Default(IntString().Gte(0), int64(0))),
	F("limit", Default(IntString().Gte(0).Lte(100), int64(20))),
	F("id", Optional(StringOrArray())),
	F("is_disabled", Optional(BoolString())),
	F("created_at", OperatorMap(String())),
	F("$and", Optional(Lazy(func() Schema { return Array(Object(F("name", Optional(String())))) }))),
).Strict()

func TestQuery(t *testing.T) {
	tests := []struct {
		name string
		in   map[string]any
		want map[string]any
		msg  string
	}{
		{"defaults", m{}, m{"offset": int64(0), "limit": int64(20)}, ""},
		{"parseInt", m{"limit": " 12abc", "offset": "+3"}, m{"offset": int64(3), "limit": int64(12)}, ""},
		{"parseInt hex", m{"offset": "0x10"}, m{"offset": int64(16), "limit": int64(20)}, ""},
		{"nan prints what was sent", m{"limit": "abc"}, nil, "Expected type: 'number' for field 'limit', got: 'abc'"},
		{"empty string is not parsed", m{"limit": ""}, nil, "Expected type: 'number' for field 'limit', got: ''"},
		{"array limit", m{"limit": a{"1", "2"}}, nil, "Expected type: 'number' for field 'limit', got: '1,2'"},
		{"negative offset", m{"offset": "-1"}, nil, "Value for field 'offset' too small, expected at least: '0'"},
		{"limit cap", m{"limit": "101"}, nil, "Value for field 'limit' too big, expected at most: '100'"},
		{"unsafe integer", m{"offset": "99999999999999999999"}, nil,
			"Value for field 'offset' too big, expected at most: '9007199254740991'"},
		{"string to slice", m{"id": "a"}, m{"offset": int64(0), "limit": int64(20), "id": []string{"a"}}, ""},
		{"array to slice", m{"id": a{"a", "b"}}, m{"offset": int64(0), "limit": int64(20), "id": []string{"a", "b"}}, ""},
		{"id map", m{"id": m{"x": "y"}}, nil, "Expected type: 'string, array' for field 'id', got: '[object Object]'"},
		{"bool string", m{"is_disabled": "TRUE"}, m{"offset": int64(0), "limit": int64(20), "is_disabled": true}, ""},
		{"bool string false", m{"is_disabled": "False"}, m{"offset": int64(0), "limit": int64(20), "is_disabled": false}, ""},
		{"bool string invalid", m{"is_disabled": "yes"}, nil, "Invalid input"},
		{"bool string array", m{"is_disabled": a{"true", "x"}}, nil,
			"Expected type: 'boolean, string' for field 'is_disabled', got: 'true,x'"},
		{"operator plain", m{"created_at": "x"},
			m{"offset": int64(0), "limit": int64(20), "created_at": Operators{"$eq": "x"}}, ""},
		{"operator array", m{"created_at": a{"x", "y"}},
			m{"offset": int64(0), "limit": int64(20), "created_at": Operators{"$in": a{"x", "y"}}}, ""},
		{"operator map", m{"created_at": m{"$gt": "x", "$nin": a{"y"}, "$eq": a{"z"}}},
			m{"offset": int64(0), "limit": int64(20), "created_at": Operators{"$gt": "x", "$nin": a{"y"}, "$eq": a{"z"}}}, ""},
		{"operator bad value", m{"created_at": m{"$gt": m{"a": "b"}}}, nil,
			"Expected type: 'string' for field 'created_at, $gt', got: '[object Object]'"},
		{"and array of objects", m{"$and": a{m{"name": "x"}}},
			m{"offset": int64(0), "limit": int64(20), "$and": a{m{"name": "x"}}}, ""},
		{"and wrong item is not found inside the array", m{"$and": a{"x"}}, nil, "Field '$and, 0' is required"},
		{"unknown keys sorted for maps", m{"zz": "1", "foo": "1"}, nil, "Unrecognized fields: 'foo, zz'"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(listQuery, tt.in)
			if tt.msg != "" {
				e, ok := apperr.As(err)
				if !ok || e.Kind != apperr.Invalid || e.Message != "Invalid request: "+tt.msg {
					t.Fatalf("Parse error = %v, want %q", err, tt.msg)
				}
				return
			}
			if err != nil {
				t.Fatalf("Parse: %v", err)
			}
			if !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}

func TestDecodeQuery(t *testing.T) {
	var dst struct {
		Limit  int64     `json:"limit"`
		ID     []string  `json:"id"`
		Active *bool     `json:"is_disabled"`
		Range  Operators `json:"created_at"`
	}
	in := m{"limit": "5", "id": "a", "is_disabled": "true", "created_at": m{"$lt": "2024"}}
	if err := Decode(in, listQuery, &dst); err != nil {
		t.Fatalf("Decode: %v", err)
	}
	if dst.Limit != 5 || !reflect.DeepEqual(dst.ID, []string{"a"}) || dst.Active == nil || !*dst.Active ||
		dst.Range["$lt"] != "2024" {
		t.Errorf("got %+v", dst)
	}
}

func TestJSONSchema(t *testing.T) {
	tests := []struct {
		name   string
		schema Schema
		want   map[string]any
	}{
		{"string", String().Min(1).Max(5), m{"type": "string", "minLength": 1, "maxLength": 5}},
		{"number", Number().Int().Gt(0).Lte(9), m{"type": "integer", "exclusiveMinimum": 0.0, "maximum": 9.0}},
		{"nullable string", Nullable(String()), m{"type": a{"string", "null"}}},
		{"nullable enum", Nullable(Enum("a")), m{"type": a{"string", "null"}, "enum": a{"a", nil}}},
		{"nullable record", Nullable(Any()), m{"anyOf": a{m{}, m{"type": "null"}}}},
		{"default", Default(IntString(), 20), m{"type": "integer", "default": 20}},
		{"array", Array(Bool()).Min(1), m{"type": "array", "items": m{"type": "boolean"}, "minItems": 1}},
		{"union", Union(String(), Literal(1)), m{"anyOf": a{m{"type": "string"}, m{"const": 1}}}},
		{"object", Object(F("a", String()), F("b", Optional(Bool()))).Strict(), m{
			"type": "object", "additionalProperties": false, "required": a{"a"},
			"properties": m{"a": m{"type": "string"}, "b": m{"type": "boolean"}},
		}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.schema.JSONSchema(); !reflect.DeepEqual(got, tt.want) {
				t.Errorf("got %#v\nwant %#v", got, tt.want)
			}
		})
	}
}
