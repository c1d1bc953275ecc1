package apitest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"strings"
	"testing"
)

// Case is one request and what must come back.
type Case struct {
	Name    string
	Method  string
	Path    string
	Body    any
	Headers map[string]string
	Status  int
	// Want is matched against the response: objects match when every key of Want matches
	// (extra keys in the response are allowed), arrays match element by element and must
	// have the same length, and Any matches any value. Nil skips the check.
	Want any
	// Exact, when set, must equal the body as JSON, with no extra keys (error bodies).
	Exact string
	// Check runs further assertions on the response.
	Check func(t *testing.T, r *Response)
}

// anyValue matches any JSON value, present or absent.
type anyValue struct{}

// Any matches any value in a Want.
var Any = anyValue{}

// Absent matches only a key that is missing.
var Absent = absentValue{}

type absentValue struct{}

// Run runs the cases in order against s as subtests; later cases may depend on the state
// earlier ones left.
func Run(t *testing.T, s *Server, cases []Case) {
	t.Helper()
	for _, c := range cases {
		t.Run(c.Name, func(t *testing.T) {
			r := s.Do(c.Method, c.Path, c.Body, c.Headers)
			r.t = t
			if c.Status != 0 && r.Status != c.Status {
				t.Fatalf("%s %s: status %d, want %d; body %s", c.Method, c.Path, r.Status, c.Status, r.Body)
			}
			if c.Exact != "" {
				ExpectExact(t, r.Body, c.Exact)
			}
			if c.Want != nil {
				if diffs := Match(r.JSON, normalize(c.Want), ""); len(diffs) > 0 {
					t.Errorf("%s %s: body does not match:\n  %s\nbody: %s", c.Method, c.Path, strings.Join(diffs, "\n  "), r.Body)
				}
			}
			if c.Check != nil {
				c.Check(t, r)
			}
		})
	}
}

// ExpectExact fails unless body equals want as JSON values.
func ExpectExact(t testing.TB, body []byte, want string) {
	t.Helper()
	var got, exp any
	if err := json.Unmarshal(body, &got); err != nil {
		t.Fatalf("body is not JSON: %s", body)
	}
	if err := json.Unmarshal([]byte(want), &exp); err != nil {
		t.Fatalf("bad expectation %s: %v", want, err)
	}
	g, _ := json.Marshal(got)
	e, _ := json.Marshal(exp)
	if !bytes.Equal(g, e) {
		t.Errorf("body\n  %s\nwant\n  %s", g, e)
	}
}

// ErrBody is Medusa's error body of the given type ("invalid_data", "not_found", ...) and
// message, for a Case's Exact.
func ErrBody(typ, msg string) string {
	b, _ := json.Marshal(map[string]string{"type": typ, "message": msg})
	return string(b)
}

// WantType is a Check for an error whose message the test does not pin down: the body must be
// an error of type typ with some message.
func WantType(typ string) func(t *testing.T, r *Response) {
	return func(t *testing.T, r *Response) {
		t.Helper()
		if got := r.String("type"); got != typ {
			t.Errorf("type %q, want %q; body %s", got, typ, r.Body)
		}
		if r.String("message") == "" {
			t.Errorf("no message: %s", r.Body)
		}
	}
}

// normalize turns Go values in a Want (ints, structs) into the decoded-JSON form, keeping
// the Any and Absent markers.
func normalize(v any) any {
	switch t := v.(type) {
	case anyValue, absentValue:
		return t
	case map[string]any:
		out := make(map[string]any, len(t))
		for k, x := range t {
			out[k] = normalize(x)
		}
		return out
	case []any:
		out := make([]any, len(t))
		for i, x := range t {
			out[i] = normalize(x)
		}
		return out
	case int:
		return json.Number(fmt.Sprint(t))
	case int64:
		return json.Number(fmt.Sprint(t))
	case float64:
		return json.Number(fmt.Sprint(t))
	}
	return v
}

// Match compares a decoded response with a Want and lists the differences.
func Match(got, want any, path string) []string {
	switch w := want.(type) {
	case anyValue:
		return nil
	case absentValue:
		return []string{path + ": want absent, got " + show(got)}
	case map[string]any:
		g, ok := got.(map[string]any)
		if !ok {
			return []string{path + ": want object, got " + show(got)}
		}
		keys := make([]string, 0, len(w))
		for k := range w {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		var diffs []string
		for _, k := range keys {
			gv, present := g[k]
			if _, absent := w[k].(absentValue); absent {
				if present {
					diffs = append(diffs, join(path, k)+": want absent, got "+show(gv))
				}
				continue
			}
			if !present {
				if _, isAny := w[k].(anyValue); !isAny {
					diffs = append(diffs, join(path, k)+": missing")
				}
				continue
			}
			diffs = append(diffs, Match(gv, w[k], join(path, k))...)
		}
		return diffs
	case []any:
		g, ok := got.([]any)
		if !ok {
			return []string{path + ": want array, got " + show(got)}
		}
		if len(g) != len(w) {
			return []string{fmt.Sprintf("%s: want %d elements, got %d: %s", path, len(w), len(g), show(got))}
		}
		var diffs []string
		for i := range w {
			diffs = append(diffs, Match(g[i], w[i], fmt.Sprintf("%s.%d", path, i))...)
		}
		return diffs
	default:
		if show(got) != show(want) {
			return []string{path + ": got " + show(got) + ", want " + show(want)}
		}
		return nil
	}
}

func join(path, k string) string {
	if path == "" {
		return k
	}
	return path + "." + k
}

func show(v any) string {
	b, _ := json.Marshal(v)
	return string(b)
}

// M is shorthand for a JSON object in a Want.
type M = map[string]any

// A is shorthand for a JSON array in a Want.
type A = []any
