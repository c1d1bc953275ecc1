package validate

// recordOf accepts a JSON object whose values all match one schema: zod's
// z.record(z.string(), value), such as Medusa's price rules.
type recordOf struct{ value Schema }

// RecordOf accepts an object whose every value matches value, and outputs it as a
// map[string]any; each value's issues name its key in the path.
func RecordOf(value Schema) Schema { return recordOf{value: value} }

func (r recordOf) parse(c *ctx, path []string, v any) any {
	obj, ok := asObject(v)
	if !ok {
		c.typeIssue(path, "record")
		return nil
	}
	out := make(map[string]any, len(obj.keys))
	for _, k := range obj.keys {
		out[k] = r.value.parse(c, child(path, k), obj.vals[k])
	}
	return out
}

// JSONSchema describes an object with typed values.
func (r recordOf) JSONSchema() map[string]any {
	return map[string]any{"type": "object", "additionalProperties": r.value.JSONSchema()}
}
