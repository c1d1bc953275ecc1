package validate

import (
	"encoding/json"
	"os"
	"slices"
	"testing"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/qs"
)

// goldenBodies and goldenQueries are the twins of the schemas of the same names in
// testdata/oracle.js, built from this package's constructs.
var goldenBodies = map[string]Schema{
	"string":          Object(F("s", String())),
	"string_min_max":  Object(F("s", String().Min(2).Max(4))),
	"number":          Object(F("n", Number())),
	"number_gt_lte":   Object(F("n", Number().Gt(0).Lte(10))),
	"number_gte_lt":   Object(F("n", Number().Gte(-1.5).Lt(2.5))),
	"int":             Object(F("n", Number().Int())),
	"int_gt":          Object(F("n", Number().Int().Gt(0))),
	"int32":           Object(F("n", Number().Int().Gte(0).Lte(2147483647))),
	"gt_int":          Object(F("n", Number().Gt(0).Int())),
	"optional_int":    Object(F("n", Optional(Number().Int()))),
	"bool":            Object(F("b", Bool())),
	"enum":            Object(F("s", Enum("draft", "published"))),
	"literal_string":  Object(F("t", Literal("fixed"))),
	"literal_true":    Object(F("t", Literal(true))),
	"literal_number":  Object(F("t", Literal(1))),
	"optional":        Object(F("s", Optional(String()))),
	"nullable":        Object(F("s", Nullable(String()))),
	"nullish":         Object(F("s", Nullish(String()))),
	"default":         Object(F("n", Default(Number(), 5))),
	"array":           Object(F("l", Array(String()))),
	"array_min_max":   Object(F("l", Array(String()).Min(1).Max(2))),
	"array_int":       Object(F("l", Array(Number().Int()))),
	"array_enum":      Object(F("l", Array(Enum("a", "b")))),
	"array_objects":   Object(F("items", Array(Object(F("variant_id", String()), F("quantity", Number().Int().Gt(0)))))),
	"array_arrays":    Object(F("l", Array(Array(String())))),
	"object":          Object(F("a", Object(F("b", String()), F("c", Optional(Number()))))),
	"object_strict":   Object(F("a", Object(F("b", String())).Strict())),
	"object_deep":     Object(F("a", Object(F("b", Object(F("c", Number().Int().Lte(10))))))),
	"record":          Object(F("m", Record())),
	"metadata":        Object(F("m", Nullish(Record()))),
	"any":             Object(F("x", Any())),
	"string_or_array": Object(F("id", StringOrArray())),
	"union_dirty":     Object(F("id", Union(String().Min(2), Number()))),
	"union_all_dirty": Object(F("id", Union(String().Min(3), String().Max(1)))),
	"union_object":    Object(F("a", Union(Object(F("id", String())).Strict(), String()))),
	"bool_string":     Object(F("b", BoolString())),
	"several":         Object(F("a", String()), F("b", Number()), F("c", Bool()), F("d", Array(String()))),
	"line_item":       Object(F("variant_id", String()), F("quantity", Number().Gt(0)), F("metadata", Nullish(Record()))),
	"empty":           Object(),
}

var goldenFilters = []Field{
	F("q", Optional(String())),
	F("id", Optional(StringOrArray())),
	F("is_disabled", Optional(BoolString())),
	F("created_at", Optional(OperatorMap(String()))),
}

var goldenQueries = map[string]Schema{
	"select": Object(F("fields", Optional(String()))),
	"find": Object(append([]Field{
		F("fields", Optional(String())),
		F("offset", Default(IntString().Gte(0), int64(0))),
		F("limit", Default(IntString().Gte(0).Lte(1000), int64(20))),
		F("order", Optional(String())),
	}, append(slices.Clone(goldenFilters),
		F("$and", Optional(Lazy(func() Schema { return Array(Object(goldenFilters...)) }))),
		F("$or", Optional(Lazy(func() Schema { return Array(Object(goldenFilters...)) }))),
	)...)...),
}

type goldenCase struct {
	Schema  string  `json:"schema"`
	Body    *string `json:"body"`
	Query   *string `json:"query"`
	Message *string `json:"message"`
}

// TestGolden replays Medusa 2.21.2's own answers, recorded by testdata/oracle.js, through our
// schemas: every message must be the same, and every input Medusa accepts must pass.
func TestGolden(t *testing.T) {
	raw, err := os.ReadFile("testdata/golden.json")
	if err != nil {
		t.Fatal(err)
	}
	var golden struct {
		Medusa string       `json:"medusa"`
		Cases  []goldenCase `json:"cases"`
	}
	if err := json.Unmarshal(raw, &golden); err != nil {
		t.Fatal(err)
	}
	if golden.Medusa != "2.21.2" || len(golden.Cases) < 1000 {
		t.Fatalf("golden.json holds %d cases from Medusa %q", len(golden.Cases), golden.Medusa)
	}
	for _, gc := range golden.Cases {
		input, got := runGolden(t, gc)
		want := "<accepted>"
		if gc.Message != nil {
			want = *gc.Message
		}
		if got != want {
			t.Errorf("%s %s\n got %s\nwant %s", gc.Schema, input, got, want)
		}
	}
}

// runGolden validates one case's input as a client would send it and returns the input and
// the error message, or "<accepted>".
func runGolden(t *testing.T, gc goldenCase) (string, string) {
	var err error
	var input string
	switch {
	case gc.Body != nil:
		s, ok := goldenBodies[gc.Schema]
		if !ok {
			t.Fatalf("no body schema %q", gc.Schema)
		}
		input = *gc.Body
		var dst any
		// Medusa makes the top-level object strict, as every channeld body schema is.
		err = DecodeJSON([]byte(input), s.(*ObjectSchema).Strict(), &dst)
	case gc.Query != nil:
		s, ok := goldenQueries[gc.Schema]
		if !ok {
			t.Fatalf("no query schema %q", gc.Schema)
		}
		input = "?" + *gc.Query
		keys, vals, perr := qs.ParseOrdered(*gc.Query)
		if perr != nil {
			t.Fatalf("parse %s: %v", input, perr)
		}
		var dst any
		err = Decode(OrderedObject(keys, vals), s.(*ObjectSchema).Strict(), &dst)
	default:
		t.Fatalf("case without input: %+v", gc)
	}
	if err == nil {
		return input, "<accepted>"
	}
	e, ok := apperr.As(err)
	if !ok || e.Kind != apperr.Invalid {
		t.Fatalf("%s: error %v is not invalid_data", input, err)
	}
	return input, e.Message
}
