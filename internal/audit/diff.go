package audit

import (
	"bytes"
	"encoding/json"
)

// Fields is a changed thing's fields by wire name, as an entry's before or after object.
type Fields map[string]any

// Changed returns the fields whose JSON encodings differ between before and after, as an
// update's entry records them ("the changed fields only"), and whether any did. A field
// present on one side only counts as changed.
func Changed(before, after Fields) (Fields, Fields, bool) {
	b, a := Fields{}, Fields{}
	for k, av := range after {
		bv, ok := before[k]
		if ok && sameJSON(bv, av) {
			continue
		}
		a[k] = av
		if ok {
			b[k] = bv
		}
	}
	for k, bv := range before {
		if _, ok := after[k]; !ok {
			b[k] = bv
		}
	}
	return b, a, len(a)+len(b) > 0
}

// sameJSON tells whether x and y encode alike; values that cannot be encoded differ.
func sameJSON(x, y any) bool {
	xb, err := json.Marshal(x)
	if err != nil {
		return false
	}
	yb, err := json.Marshal(y)
	return err == nil && bytes.Equal(xb, yb)
}
