package validate

import (
	"encoding/json"
	"math"
	"slices"
	"strconv"
	"strings"
	"unicode"
)

// NumberSchema accepts a number. Body numbers keep their json.Number form so they unmarshal
// exactly into int64 or float64 fields.
type NumberSchema struct {
	checks []bound
	isInt  bool
	// fromString makes it IntString: a query-string value parsed like JavaScript's parseInt.
	fromString bool
}

// Number accepts a number.
func Number() *NumberSchema { return &NumberSchema{} }

func (s *NumberSchema) with(b bound) *NumberSchema {
	c := *s
	c.checks = append(slices.Clip(s.checks), b)
	return &c
}

// Int requires a safe integer, as zod 4's int(): a fraction gives "Expected type: 'int'" and
// stops the checks after it; beyond 2^53-1 either way is too big or too small.
func (s *NumberSchema) Int() *NumberSchema {
	c := s.with(bound{kind: "int"})
	c.isInt = true
	return c
}

// Gt requires a value above x. Medusa still prints x as "expected at least".
func (s *NumberSchema) Gt(x float64) *NumberSchema { return s.with(bound{"gt", x}) }

// Gte requires a value of at least x.
func (s *NumberSchema) Gte(x float64) *NumberSchema { return s.with(bound{"gte", x}) }

// Lt requires a value below x.
func (s *NumberSchema) Lt(x float64) *NumberSchema { return s.with(bound{"lt", x}) }

// Lte requires a value of at most x.
func (s *NumberSchema) Lte(x float64) *NumberSchema { return s.with(bound{"lte", x}) }

func (s *NumberSchema) parse(c *ctx, path []string, v any) any {
	if str, ok := v.(string); ok && s.fromString && str != "" {
		v = parseInt(str)
	}
	f, ok := toFloat(v)
	if !ok || math.IsNaN(f) || math.IsInf(f, 0) {
		c.typeIssue(path, "number")
		return nil
	}
	before := len(c.issues)
	s.check(c, path, f)
	switch num, isNum := v.(json.Number); {
	case len(c.issues) > before:
		return nil
	case s.fromString:
		return int64(f)
	case isNum && s.isInt:
		// "1.0" and "1e2" are integers to zod but would not unmarshal into an int64 field.
		return json.Number(strconv.FormatInt(int64(f), 10))
	case isNum:
		return num
	}
	return v
}

// check runs the checks in order. Like zod, a check is skipped once an earlier one aborted (a
// fraction where an integer was wanted); a missed bound lets the later checks run.
func (s *NumberSchema) check(c *ctx, path []string, f float64) {
	for _, b := range s.checks {
		var fail bool
		code := tooSmall
		switch b.kind {
		case "int":
			if f != math.Trunc(f) {
				c.add(issue{code: invalidType, path: path, expected: "int"})
				return
			}
			if math.Abs(f) > maxSafe {
				code, bnd := tooBig, float64(maxSafe)
				if f < 0 {
					code, bnd = tooSmall, -maxSafe
				}
				c.add(issue{code: code, path: path, bound: jsNumber(bnd), cont: true})
			}
			continue
		case "gt":
			fail = !(f > b.n)
		case "gte":
			fail = f < b.n
		case "lt":
			fail, code = !(f < b.n), tooBig
		case "lte":
			fail, code = f > b.n, tooBig
		}
		if fail {
			c.add(issue{code: code, path: path, bound: jsNumber(b.n), cont: true})
		}
	}
}

// maxSafe is JavaScript's Number.MAX_SAFE_INTEGER, the largest integer Medusa handles exactly.
const maxSafe = 1<<53 - 1

// parseInt mirrors JavaScript's parseInt(str) without a radix: leading whitespace, an optional
// sign, an optional 0x prefix, then as many digits as there are; no digits gives NaN.
func parseInt(str string) float64 {
	s := strings.TrimLeftFunc(str, func(r rune) bool {
		return unicode.Is(unicode.Zs, r) || strings.ContainsRune("\t\n\v\f\r\ufeff\u2028\u2029", r)
	})
	neg := false
	if s != "" && (s[0] == '+' || s[0] == '-') {
		neg = s[0] == '-'
		s = s[1:]
	}
	base := 10.0
	if len(s) >= 2 && s[0] == '0' && (s[1] == 'x' || s[1] == 'X') {
		base, s = 16, s[2:]
	}
	f, digits := 0.0, 0
	for _, r := range s {
		d := digitValue(r)
		if d < 0 || float64(d) >= base {
			break
		}
		f = f*base + float64(d)
		digits++
	}
	if digits == 0 {
		return math.NaN()
	}
	if neg {
		f = -f
	}
	return f
}

func digitValue(r rune) int {
	switch {
	case r >= '0' && r <= '9':
		return int(r - '0')
	case r >= 'a' && r <= 'f':
		return int(r-'a') + 10
	case r >= 'A' && r <= 'F':
		return int(r-'A') + 10
	}
	return -1
}

// JSONSchema describes a number with its bounds.
func (s *NumberSchema) JSONSchema() map[string]any {
	js := map[string]any{"type": "number"}
	if s.isInt || s.fromString {
		js["type"] = "integer"
	}
	keys := map[string]string{"gt": "exclusiveMinimum", "gte": "minimum", "lt": "exclusiveMaximum", "lte": "maximum"}
	for _, b := range s.checks {
		if k, ok := keys[b.kind]; ok {
			js[k] = b.n
		}
	}
	return js
}
