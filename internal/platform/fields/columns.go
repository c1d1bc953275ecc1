package fields

import (
	"encoding/json"
	"fmt"
	"reflect"
	"strconv"
	"strings"
	"time"
)

// Columns returns a spec's Scalar function for entities whose wire fields are mostly their
// struct fields under another spelling: "currency_code" is the field CurrencyCode, "id" ID,
// "hs_code" HSCode, "address_1" Address1. A name is looked for on T, then on T's struct-typed
// fields (a product's Physical). computed writes the names that are not stored as such (a
// total, a constant, a field the model lacks); it wins over a struct field of the same name.
//
// Every name is resolved here, once, and Columns panics when one is neither a field of a
// supported type nor computed: specs are package variables, so a misspelt field stops the
// program at start-up instead of answering null. Writing an entity reads its fields in place,
// without allocating.
func Columns[T any](names []string, computed map[string]func(b []byte, e *T) []byte) func(b []byte, e *T, name string) []byte {
	t := reflect.TypeFor[T]()
	cols := make(map[string]column, len(names))
	for _, name := range names {
		if _, ok := computed[name]; ok {
			continue
		}
		index, ok := fieldIndex(t, goName(name))
		if !ok {
			panic(fmt.Sprintf("fields: %s has no field for %q", t, name))
		}
		write := writerFor(t.FieldByIndex(index).Type)
		if write == nil {
			panic(fmt.Sprintf("fields: %s.%s is of a type Columns cannot write", t, goName(name)))
		}
		cols[name] = column{index: index, write: write}
	}
	return func(b []byte, e *T, name string) []byte {
		if c, ok := cols[name]; ok {
			return c.write(b, reflect.ValueOf(e).Elem().FieldByIndex(c.index))
		}
		if w, ok := computed[name]; ok {
			return w(b, e)
		}
		return AppendNull(b)
	}
}

// Null writes null whatever the entity: the computed writer of a field Medusa answers that
// the entity does not have.
func Null[T any](b []byte, _ *T) []byte { return AppendNull(b) }

// column is one struct field and how its value is written.
type column struct {
	index []int
	write func(b []byte, v reflect.Value) []byte
}

// initialisms are the parts of a wire name that Go spells in capitals.
var initialisms = map[string]string{"id": "ID", "sku": "SKU", "hs": "HS", "mid": "MID", "ean": "EAN",
	"upc": "UPC", "iso": "ISO", "url": "URL"}

// goName spells a wire name as Go names the field: "inventory_item_id" is InventoryItemID.
func goName(wire string) string {
	var sb strings.Builder
	for _, part := range strings.Split(wire, "_") {
		if up, ok := initialisms[part]; ok {
			sb.WriteString(up)
		} else if part != "" {
			sb.WriteString(strings.ToUpper(part[:1]) + part[1:])
		}
	}
	return sb.String()
}

// fieldIndex finds the exported field name on t or on one of t's struct-typed fields.
func fieldIndex(t reflect.Type, name string) ([]int, bool) {
	if f, ok := t.FieldByName(name); ok && f.IsExported() {
		return f.Index, true
	}
	for i := range t.NumField() {
		f := t.Field(i)
		if f.Type.Kind() != reflect.Struct || f.Type == timeType || !f.IsExported() {
			continue
		}
		if inner, ok := f.Type.FieldByName(name); ok && inner.IsExported() {
			return append([]int{i}, inner.Index...), true
		}
	}
	return nil, false
}

var (
	timeType = reflect.TypeFor[time.Time]()
	rawType  = reflect.TypeFor[json.RawMessage]()
)

// writerFor returns how a field of type t is written, nil for a type it does not know.
// Pointers are nullable values: nil is written as null.
func writerFor(t reflect.Type) func(b []byte, v reflect.Value) []byte {
	if t.Kind() == reflect.Pointer {
		elem := writerFor(t.Elem())
		if elem == nil {
			return nil
		}
		return func(b []byte, v reflect.Value) []byte {
			if v.IsNil() {
				return AppendNull(b)
			}
			return elem(b, v.Elem())
		}
	}
	switch {
	case t == timeType:
		// Addr avoids copying the time into an interface, which would allocate.
		return func(b []byte, v reflect.Value) []byte { return AppendTime(b, *v.Addr().Interface().(*time.Time)) }
	case t == rawType:
		return func(b []byte, v reflect.Value) []byte { return AppendRaw(b, v.Bytes()) }
	}
	switch t.Kind() {
	case reflect.String:
		return func(b []byte, v reflect.Value) []byte { return AppendString(b, v.String()) }
	case reflect.Bool:
		return func(b []byte, v reflect.Value) []byte { return AppendBool(b, v.Bool()) }
	case reflect.Int, reflect.Int32, reflect.Int64:
		return func(b []byte, v reflect.Value) []byte { return AppendInt(b, v.Int()) }
	case reflect.Float64:
		return func(b []byte, v reflect.Value) []byte { return strconv.AppendFloat(b, v.Float(), 'f', -1, 64) }
	}
	return nil
}
