package qs

import (
	"slices"
	"strconv"
)

// jsObject is a JavaScript object: keys keep JavaScript's order (array-index keys ascending, then
// the rest by insertion), which decides how Medusa's normalisation resolves clashing keys.
type jsObject struct {
	keys []string
	vals map[string]any
}

func newObject() *jsObject { return &jsObject{vals: map[string]any{}} }

func (o *jsObject) set(k string, v any) {
	if _, ok := o.vals[k]; !ok {
		o.keys = append(o.keys, k)
	}
	o.vals[k] = v
}

// orderedKeys returns the keys in the order Object.keys would.
func (o *jsObject) orderedKeys() []string { return KeyOrder(o.keys) }

// KeyOrder puts keys in the order JavaScript enumerates an object's own keys: array indices
// ("0", "17") first in numeric order, then the others in insertion order.
func KeyOrder(keys []string) []string {
	var idx, rest []string
	for _, k := range keys {
		if _, ok := arrayIndex(k); ok {
			idx = append(idx, k)
		} else {
			rest = append(rest, k)
		}
	}
	slices.SortFunc(idx, func(a, b string) int {
		x, _ := arrayIndex(a)
		y, _ := arrayIndex(b)
		return x - y
	})
	return append(idx, rest...)
}

// jsArray is a sparse JavaScript array, so "a[999999999]=x" allocates one entry, not a billion.
type jsArray struct {
	items  map[int]any
	length int
}

func newArray() *jsArray { return &jsArray{items: map[int]any{}} }

func (a *jsArray) setIndex(i int, v any) {
	a.items[i] = v
	a.length = max(a.length, i+1)
}

func (a *jsArray) push(v any) { a.setIndex(a.length, v) }

// indices lists the filled slots in ascending order.
func (a *jsArray) indices() []int {
	out := make([]int, 0, len(a.items))
	for i := range a.items {
		out = append(out, i)
	}
	slices.Sort(out)
	return out
}

// maxIndex is the largest JavaScript array index (2^32 - 2).
const maxIndex = 1<<32 - 2

// arrayIndex reports whether k is a canonical array index, as JavaScript decides for both key
// order and qs's "[n]" segments. Larger numbers stay object keys here.
func arrayIndex(k string) (int, bool) {
	n, err := strconv.ParseUint(k, 10, 64)
	if err != nil || n > maxIndex || strconv.FormatUint(n, 10) != k {
		return 0, false
	}
	return int(n), true
}

// protoKeys are the Object.prototype properties; qs drops any key segment naming one.
var protoKeys = []string{
	"constructor", "__defineGetter__", "__defineSetter__", "hasOwnProperty", "__lookupGetter__",
	"__lookupSetter__", "isPrototypeOf", "propertyIsEnumerable", "toString", "valueOf",
	"__proto__", "toLocaleString",
}

func isProtoKey(k string) bool { return slices.Contains(protoKeys, k) }

func isObjectLike(v any) bool {
	switch v.(type) {
	case *jsObject, *jsArray:
		return true
	}
	return false
}

// merge is qs's utils.merge with the options Medusa uses.
func merge(target, source any) any {
	if source == nil || source == "" {
		return target
	}
	if !isObjectLike(source) {
		switch t := target.(type) {
		case *jsArray:
			t.push(source)
		case *jsObject:
			// A primitive merged into an object becomes a key set to true, as in qs.
			if s, _ := source.(string); !isProtoKey(s) {
				t.set(jsKey(source), true)
			}
		default:
			arr := newArray()
			arr.push(target)
			arr.push(source)
			return arr
		}
		return target
	}
	if !isObjectLike(target) {
		return combine(target, source)
	}
	tArr, tIsArr := target.(*jsArray)
	sArr, sIsArr := source.(*jsArray)
	if tIsArr && sIsArr {
		for _, i := range sArr.indices() {
			item := sArr.items[i]
			if old, ok := tArr.items[i]; ok {
				if isObjectLike(old) && isObjectLike(item) {
					tArr.items[i] = merge(old, item)
				} else {
					tArr.push(item)
				}
			} else {
				tArr.setIndex(i, item)
			}
		}
		return tArr
	}
	acc, ok := target.(*jsObject)
	if !ok {
		acc = arrayToObject(tArr)
	}
	src := sourceObject(source)
	for _, k := range src.keys {
		v := src.vals[k]
		if old, ok := acc.vals[k]; ok {
			acc.set(k, merge(old, v))
		} else {
			acc.set(k, v)
		}
	}
	return acc
}

func jsKey(v any) string {
	if b, ok := v.(bool); ok {
		return strconv.FormatBool(b)
	}
	s, _ := v.(string)
	return s
}

func arrayToObject(a *jsArray) *jsObject {
	o := newObject()
	for _, i := range a.indices() {
		o.set(strconv.Itoa(i), a.items[i])
	}
	return o
}

func sourceObject(v any) *jsObject {
	if a, ok := v.(*jsArray); ok {
		return arrayToObject(a)
	}
	return v.(*jsObject)
}

// compact turns the JavaScript values into Go ones, dropping array holes as qs's compact does.
func compact(v any) any {
	switch x := v.(type) {
	case *jsArray:
		out := make([]any, 0, len(x.items))
		for _, i := range x.indices() {
			out = append(out, compact(x.items[i]))
		}
		return out
	case *jsObject:
		m := make(map[string]any, len(x.vals))
		for k, e := range x.vals {
			m[k] = compact(e)
		}
		return m
	}
	return v
}
