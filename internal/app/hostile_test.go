package app_test

import (
	"encoding/json"
	"maps"
	"slices"
	"strconv"
	"strings"
)

// The hostile inputs the route fuzz sends. Each is deterministic, so a failure reproduces.

// big is a string far longer than any field needs: SQLite refuses LIKE patterns over 50,000
// bytes and PostgreSQL's btree indexes refuse entries over about 2,700 bytes. Its letters are
// pseudo-random (and fixed), because PostgreSQL compresses a value before indexing it and a
// repeated letter would shrink below any limit.
var big = func() string {
	b := make([]byte, 100_000)
	x := uint32(2463534242)
	for i := range b {
		x ^= x << 13
		x ^= x >> 17
		x ^= x << 5
		b[i] = 'a' + byte(x%26)
	}
	return string(b)
}()

// badIDs replace one path parameter at a time (escaped as they travel in a URL).
var badIDs = []string{"%00", "a%00b", strings.Repeat("a", 10_000), "%FF", "%C3%28", "%E2%82", "..%2F..", "%20"}

// hostileJSON replaces one body field at a time: every JSON kind, numbers past every integer
// width, strings a database cannot hold, and nesting deep enough to hurt a recursive reader.
var hostileJSON = []string{
	`1`, `"x"`, `true`, `null`, `{}`, `[]`, `{"a":1}`, `["a"]`, `[{"a":1}]`,
	`2147483648`, `-2147483649`, `1e300`, `-1`, `0`, `1.5`, `9007199254740993`, `1e400`,
	`"a\u0000b"`, `"\ud800"`, `"` + big + `"`,
	`{"k\u0000":1}`, `{"k":"\u0000"}`, `{"k":{"n":["a\u0000"]}}`, `{"k":1e999999}`, `{"k":-1e-999999}`,
	strings.Repeat(`{"a":`, 500) + `1` + strings.Repeat(`}`, 500),
	strings.Repeat(`[`, 500) + strings.Repeat(`]`, 500),
}

// nestedJSON is the shorter list sent to fields inside arrays and objects.
var nestedJSON = []string{`1`, `"x"`, `null`, `[]`, `2147483648`, `9007199254740993`, `-1`,
	`"a\u0000b"`, `"` + big + `"`, `{"k":"\u0000"}`}

// wholeBodies replace the body of every route that takes one.
var wholeBodies = []string{
	``, `[]`, `null`, `"x"`, `1`, `{`, `{"a":1} {}`, `{"a":"\u0000"}`, `{"\u0000":1}`,
	`{"x":"` + strings.Repeat("y", 1<<20) + `"}`,
	strings.Repeat(`[`, 100_000),
	strings.Repeat(`{"a":`, 100_000),
}

// manyIDs is a list of 40,000 strings, past SQLite's 32,766 bound parameters.
var manyIDs = func() string {
	var sb strings.Builder
	sb.WriteByte('[')
	for i := range 40_000 {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(`"id_` + strconv.Itoa(i) + `"`)
	}
	sb.WriteByte(']')
	return sb.String()
}()

// queryForms are the hostile ways to send query parameter name.
func queryForms(name string) []string {
	n := name
	return []string{
		n + "=a%00b", n + "=" + big, n + "=2147483648", n + "=1e300", n + "=-1",
		n + "=9007199254740993", n + "=%C3%28", n + "[]=%00", n + "[]=" + commaList(2_000),
		n + "[$eq]=%00", n + "[$gt]=x", n + "[$lt]=%FF", n + "[$like]=x%25", n + "[$ilike]=x",
		n + "[$like]=" + strings.Repeat("%25", 30_000), n + "[$re]=x", n + "[$contains]=x",
		n + "[$in][]=%00", n + "[$nin][]=a&" + n + "[$nin][]=%00",
		n + "[a][b][c][d][e][f]=1", n + "[0][1][2]=x", n + ".x=%00", repeat(n+"[]=x", 1000),
	}
}

// globalQueries go to every route, whatever parameters it documents.
var globalQueries = []string{
	"foo=%00", "a.b.c=1", "%00=1", "%FF=1", "$or[0][id]=%00", "$and[0][q]=" + big, "$or[0][$and][0][id][]=%00",
	"fields=%00", "fields=" + big, "order=%00", "order=-" + big, "limit=2147483648&offset=9007199254740993",
	"offset=2147483647", "limit=-1", repeatIndexed("x", 1000), "q=" + big, "q=%00", "q=%FF",
	"id[]=" + commaList(40_000),
}

func commaList(n int) string {
	var sb strings.Builder
	for i := range n {
		if i > 0 {
			sb.WriteByte(',')
		}
		sb.WriteString(strconv.Itoa(i))
	}
	return sb.String()
}

func repeat(part string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = part
	}
	return strings.Join(parts, "&")
}

func repeatIndexed(prefix string, n int) string {
	parts := make([]string, n)
	for i := range parts {
		parts[i] = prefix + strconv.Itoa(i) + "=1"
	}
	return strings.Join(parts, "&")
}

// example builds a value the schema accepts, so that a body reaches past validation when only
// the field under attack is wrong. name guides strings: ids are the world's live ids.
func example(schema map[string]any, name string, ids map[string]string) any {
	if c, ok := schema["const"]; ok {
		return c
	}
	if enum, ok := schema["enum"].([]any); ok && len(enum) > 0 {
		return enum[0]
	}
	if anyOf, ok := schema["anyOf"].([]any); ok && len(anyOf) > 0 {
		first, _ := anyOf[0].(map[string]any)
		return example(first, name, ids)
	}
	switch firstType(schema) {
	case "object":
		out := map[string]any{}
		props, _ := schema["properties"].(map[string]any)
		req, _ := schema["required"].([]any)
		for _, r := range req {
			k, _ := r.(string)
			sub, _ := props[k].(map[string]any)
			out[k] = example(sub, k, ids)
		}
		return out
	case "array":
		if min, _ := schema["minItems"].(float64); min > 0 {
			items, _ := schema["items"].(map[string]any)
			return []any{example(items, name, ids)}
		}
		return []any{}
	case "integer", "number":
		return 1
	case "boolean":
		return true
	case "string":
		return exampleString(name, ids)
	}
	return "x"
}

// exampleString names a live id for id fields and a plausible value for the others.
func exampleString(name string, ids map[string]string) string {
	byName := map[string]string{
		"variant_id": ids["variant"], "location_id": ids["location"], "inventory_item_id": ids["item"],
		"region_id": ids["region"], "sales_channel_id": ids["channel"], "cart_id": ids["cart"],
		"id": ids["channel"], "provider_id": "pp_system_default", "currency_code": "eur",
		"email": "a@example.com", "password": "supersecret", "type": "publishable",
	}
	if v, ok := byName[name]; ok {
		return v
	}
	return "x"
}

func firstType(schema map[string]any) string {
	switch t := schema["type"].(type) {
	case string:
		return t
	case []any:
		for _, e := range t {
			if s, ok := e.(string); ok && s != "null" {
				return s
			}
		}
	}
	return ""
}

// field is a body field a probe replaces: its path through objects and first array elements,
// and whether it is an array (which also gets manyIDs).
type field struct {
	path  []string
	array bool
}

// fieldPaths lists the fields a body schema declares, up to depth segments deep.
func fieldPaths(schema map[string]any, prefix []string, depth int) []field {
	if len(prefix) >= depth {
		return nil
	}
	schema = objectMember(schema)
	var out []field
	switch firstType(schema) {
	case "object":
		props, _ := schema["properties"].(map[string]any)
		for _, k := range slices.Sorted(maps.Keys(props)) {
			p := append(append([]string{}, prefix...), k)
			sub, _ := props[k].(map[string]any)
			out = append(out, field{path: p, array: firstType(objectMember(sub)) == "array"})
			out = append(out, fieldPaths(sub, p, depth)...)
		}
	case "array":
		items, _ := schema["items"].(map[string]any)
		p := append(append([]string{}, prefix...), "0")
		out = append(out, field{path: p, array: firstType(objectMember(items)) == "array"})
		out = append(out, fieldPaths(items, p, depth)...)
	}
	return out
}

// setPath returns a copy of body with the value at path replaced by raw (JSON text); missing
// objects and array elements on the way are built from the schema's examples.
func setPath(body any, schema map[string]any, path []string, raw string, ids map[string]string) any {
	if len(path) == 0 {
		return json.RawMessage(raw)
	}
	schema = objectMember(schema)
	switch firstType(schema) {
	case "array":
		items, _ := schema["items"].(map[string]any)
		arr, _ := body.([]any)
		var first any = example(items, "", ids)
		if len(arr) > 0 {
			first = arr[0]
		}
		return []any{setPath(first, items, path[1:], raw, ids)}
	default:
		props, _ := schema["properties"].(map[string]any)
		sub, _ := props[path[0]].(map[string]any)
		obj, _ := body.(map[string]any)
		out := make(map[string]any, len(obj)+1)
		for k, v := range obj {
			out[k] = v
		}
		cur, ok := out[path[0]]
		if !ok {
			cur = example(sub, path[0], ids)
		}
		out[path[0]] = setPath(cur, sub, path[1:], raw, ids)
		return out
	}
}

// objectMember picks the object (or array) member of a union, which is what a path walks into.
func objectMember(schema map[string]any) map[string]any {
	anyOf, ok := schema["anyOf"].([]any)
	if !ok {
		return schema
	}
	for _, m := range anyOf {
		if sub, ok := m.(map[string]any); ok && (firstType(sub) == "object" || firstType(sub) == "array") {
			return sub
		}
	}
	return schema
}
