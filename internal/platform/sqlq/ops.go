package sqlq

import (
	"fmt"
	"reflect"
	"sort"
	"time"

	"channeld/internal/platform/apperr"
)

// OpMap is a decoded Medusa operator map: "$eq", "$in", "$gt" ... to a value or a list.
// A plain value decodes as {"$eq": v} and a plain list as {"$in": [...]}.
type OpMap map[string]any

// Convert turns one filter value (a string from the query) into a SQL argument, or fails
// with a message for the caller.
type Convert func(field, v string) (any, error)

// Text passes values through.
func Text(_, v string) (any, error) { return v, nil }

// textual reports whether conv is Text. $like and $ilike only apply to text columns:
// PostgreSQL has no LIKE for timestamps, which SQLite, storing times as text, would match.
func textual(conv Convert) bool {
	return reflect.ValueOf(conv).Pointer() == reflect.ValueOf(Text).Pointer()
}

// TimeValue parses an ISO date or date-time into the fixed-width UTC text both engines
// compare correctly.
func TimeValue(field, v string) (any, error) {
	for _, layout := range []string{time.RFC3339Nano, "2006-01-02T15:04:05", "2006-01-02"} {
		if t, err := time.Parse(layout, v); err == nil {
			return t.UTC().Format("2006-01-02T15:04:05.000Z"), nil
		}
	}
	return nil, apperr.Invalidf("Invalid request: '%s' is not a valid date for field '%s'", v, field)
}

var comparison = map[string]string{"$gt": ">", "$gte": ">=", "$lt": "<", "$lte": "<=", "$ne": "<>"}

// Op adds the conditions of an operator map on col. $re and $contains are refused: neither
// engine can run them the same way.
func (w *Where) Op(field, col string, m OpMap, conv Convert) error {
	w.ops[field] = true
	ops := make([]string, 0, len(m))
	for op := range m {
		ops = append(ops, op)
	}
	sort.Strings(ops) // stable SQL text for the same filter
	for _, op := range ops {
		v := m[op]
		switch op {
		case "$eq", "$in":
			vals, err := values(field, v, conv)
			if err != nil {
				return err
			}
			if _, isList := v.([]any); isList || op == "$in" {
				w.inAny(col, vals)
			} else {
				w.Add(col + " = " + w.Arg(vals[0]))
			}
		case "$ne", "$nin":
			vals, err := values(field, v, conv)
			if err != nil {
				return err
			}
			if _, isList := v.([]any); isList || op == "$nin" {
				if len(vals) > 0 {
					w.Add("(" + col + " IS NULL OR " + col + " NOT IN (" + In(w.args, vals...) + "))")
				}
			} else {
				w.Add("(" + col + " IS NULL OR " + col + " <> " + w.Arg(vals[0]) + ")")
			}
		case "$gt", "$gte", "$lt", "$lte":
			vals, err := values(field, v, conv)
			if err != nil {
				return err
			}
			if len(vals) != 1 {
				return apperr.Invalidf("Invalid request: operator %s on field '%s' takes one value", op, field)
			}
			w.Add(col + " " + comparison[op] + " " + w.Arg(vals[0]))
		case "$like", "$ilike":
			s, ok := v.(string)
			if !textual(conv) {
				return apperr.Invalidf("Invalid request: operator %s is not supported for field '%s'", op, field)
			}
			if !ok {
				return apperr.Invalidf("Invalid request: operator %s on field '%s' takes a string", op, field)
			}
			like := "LIKE"
			if op == "$ilike" {
				like = w.ilike
			}
			w.Add(col + " " + like + " " + w.Arg(s))
		default:
			return apperr.Invalidf("Invalid request: operator %s is not supported for field '%s'", op, field)
		}
	}
	return nil
}

// TimeOp is a filter's operator map on a time column; a nil Ops does not filter.
type TimeOp struct {
	Field  string         // the filter's name, which errors quote
	Column string         // the column; empty when it is Field
	Ops    map[string]any // the decoded operator map
}

// TimeOps adds the operator maps of time columns, in the order given, stopping at the first
// that is not valid.
func (w *Where) TimeOps(ops ...TimeOp) error {
	for _, op := range ops {
		if op.Ops == nil {
			continue
		}
		col := op.Column
		if col == "" {
			col = op.Field
		}
		if err := w.Op(op.Field, col, OpMap(op.Ops), TimeValue); err != nil {
			return err
		}
	}
	return nil
}

func (w *Where) inAny(col string, vals []any) {
	switch len(vals) {
	case 0:
		w.Add("1 = 0")
	case 1:
		w.Add(col + " = " + w.Arg(vals[0]))
	default:
		w.Add(col + " IN (" + In(w.args, vals...) + ")")
	}
}

// values flattens a scalar or list operand and converts each element.
func values(field string, v any, conv Convert) ([]any, error) {
	var raw []any
	switch t := v.(type) {
	case []any:
		raw = t
	case []string:
		for _, s := range t {
			raw = append(raw, s)
		}
	default:
		raw = []any{t}
	}
	out := make([]any, 0, len(raw))
	for _, r := range raw {
		var s string
		switch x := r.(type) {
		case string:
			s = x
		case bool, float64, int64, int:
			s = fmt.Sprint(x)
		default:
			return nil, apperr.Invalidf("Invalid request: unsupported value for field '%s'", field)
		}
		c, err := conv(field, s)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	return out, nil
}
