package app_test

import (
	"bytes"
	"encoding/base64"
	"encoding/json"
	"fmt"
	"io"
	"net/http/httptest"
	"net/url"
	"slices"
	"strings"
	"testing"
	"time"

	"channeld/internal/apitest"
	"channeld/internal/platform/db"
)

// probe is one hostile request.
type probe struct {
	method, path, query string // path and query as escaped on the wire
	body                []byte
	header              map[string]string
	what                string // what is hostile about it, for the failure report
}

// operation is what the OpenAPI document says of one route.
type operation struct {
	method, path string
	params       []struct{ name, in string }
	body         map[string]any // the request body's JSON Schema, or nil
}

// TestHostileInputNeverFails sends every route of the OpenAPI document wrong types, NUL
// bytes, invalid UTF-8, numbers past every integer width, huge strings and lists, deep
// nesting and broken path ids, with real ids and credentials so that requests reach the
// database, and fails on any 5xx: each is a request the client could have been told about.
func TestHostileInputNeverFails(t *testing.T) {
	if raceDetector {
		// Thousands of sequential requests share no state between goroutines that the rest
		// of the suite does not exercise; the plain run sends them all.
		t.Skip("input probing runs in the plain test run, not under the race detector")
	}
	eachWorld(t, func(t *testing.T, w *world) {
		ops := w.operations(t)
		start, sent := time.Now(), 0
		for _, op := range ops {
			for _, p := range w.probes(t, op) {
				sent++
				if status, body := w.send(p); status >= 500 {
					t.Errorf("%s %s: %s\n  answer %d %s", op.method, op.path, p.what, status, clip(string(body), 300))
				}
			}
		}
		t.Logf("%s: %d requests to %d routes in %s", w.srv.App.DB.Engine, sent, len(ops), time.Since(start).Round(time.Millisecond))
	})
}

// FuzzRequests lets Go's fuzzer choose the route, a path id, the query string and the body,
// on SQLite; a plain `go test` runs the seeds only. To explore:
//
//	go test ./internal/app -run '^$' -fuzz FuzzRequests -fuzztime 5m -parallel 1
func FuzzRequests(f *testing.F) {
	w := newWorld(f, apitest.New(f, db.SQLite))
	ops := w.operations(f)
	for i := range ops {
		f.Add(uint16(i), "", "", []byte(nil))
	}
	f.Add(uint16(0), "a\x00", "q=%00&limit=2147483648", []byte(`{"metadata":{"k":"\u0000"}}`))
	f.Add(uint16(1), "\xff", "created_at[$like]=x", []byte(`{"quantity":9007199254740993}`))
	f.Fuzz(func(t *testing.T, route uint16, id, query string, body []byte) {
		op := ops[int(route)%len(ops)]
		p := probe{method: op.method, path: w.fill(t, op.path), query: query, header: w.headers(op.path)}
		// The id replaces the route's last path parameter, if it has one.
		if i := strings.LastIndex(op.path, "/{"); id != "" && i >= 0 {
			segs := strings.Split(p.path, "/")
			segs[strings.Count(op.path[:i], "/")+1] = url.PathEscape(id)
			p.path = strings.Join(segs, "/")
		}
		if op.body != nil {
			p.body = body
		}
		if status, resp := w.send(p); status >= 500 {
			t.Fatalf("%s %s?%s with %q: %d %s", op.method, p.path, query, body, status, resp)
		}
	})
}

// operations reads the routes from GET /openapi.json, reads before writes and deletes last,
// so that the entities the probes name live as long as possible.
func (w *world) operations(t testing.TB) []operation {
	t.Helper()
	var doc struct {
		Paths map[string]map[string]struct {
			Parameters []struct {
				Name string `json:"name"`
				In   string `json:"in"`
			} `json:"parameters"`
			RequestBody struct {
				Content map[string]struct {
					Schema map[string]any `json:"schema"`
				} `json:"content"`
			} `json:"requestBody"`
		} `json:"paths"`
	}
	if err := json.Unmarshal(w.srv.Get("/openapi.json").Must(200).Body, &doc); err != nil {
		t.Fatal(err)
	}
	var ops []operation
	for path, methods := range doc.Paths {
		for method, o := range methods {
			op := operation{method: strings.ToUpper(method), path: path, body: o.RequestBody.Content["application/json"].Schema}
			for _, p := range o.Parameters {
				op.params = append(op.params, struct{ name, in string }{p.Name, p.In})
			}
			ops = append(ops, op)
		}
	}
	rank := func(o operation) int {
		switch {
		case o.method == "GET":
			return 0
		case o.method == "DELETE":
			return 3
		case strings.HasSuffix(o.path, "/complete"), strings.HasSuffix(o.path, "/revoke"):
			return 2
		}
		return 1
	}
	slices.SortFunc(ops, func(a, b operation) int {
		if d := rank(a) - rank(b); d != 0 {
			return d
		}
		return strings.Compare(a.path+a.method, b.path+b.method)
	})
	if n := len(w.srv.App.Router.Routes()); len(ops) != n {
		t.Fatalf("the OpenAPI document lists %d operations, the router %d", len(ops), n)
	}
	return ops
}

// probes builds the hostile requests for one operation.
func (w *world) probes(t testing.TB, op operation) []probe {
	base := probe{method: op.method, path: w.fill(t, op.path), header: w.headers(op.path)}
	var body any
	if op.body != nil {
		body = example(op.body, "", w.ids)
		base.body, _ = json.Marshal(body)
	}
	out := []probe{with(base, "valid request", nil)}
	// Path parameters, one at a time.
	segs := strings.Split(op.path, "/")
	for i, s := range segs {
		if !strings.HasPrefix(s, "{") {
			continue
		}
		for _, bad := range badIDs {
			filled := strings.Split(base.path, "/")
			filled[i] = bad
			out = append(out, with(base, "path "+s+" = "+bad, func(p *probe) { p.path = strings.Join(filled, "/") }))
		}
	}
	// Query parameters, documented and not.
	queries := slices.Clone(globalQueries)
	for _, p := range op.params {
		if p.in == "query" {
			queries = append(queries, queryForms(p.name)...)
		}
	}
	for _, q := range queries {
		out = append(out, with(base, "query "+q, func(p *probe) { p.query = q }))
	}
	out = append(out, w.credentialProbes(base)...)
	if op.body == nil {
		return out
	}
	for _, b := range wholeBodies {
		out = append(out, with(base, "body "+b, func(p *probe) { p.body = []byte(b) }))
	}
	for _, f := range fieldPaths(op.body, nil, 4) {
		values := hostileJSON
		if len(f.path) > 1 {
			values = nestedJSON
		}
		if f.array {
			values = append(slices.Clip(values), manyIDs)
		}
		for _, raw := range values {
			b, err := json.Marshal(setPath(body, op.body, f.path, raw, w.ids))
			if err != nil {
				t.Fatalf("%s: %v", raw, err)
			}
			out = append(out, with(base, "body field "+strings.Join(f.path, ".")+" = "+raw, func(p *probe) { p.body = b }))
		}
	}
	return out
}

// credentialProbes send credentials a database cannot look up: invalid UTF-8, a NUL, a
// key far longer than any real one.
func (w *world) credentialProbes(base probe) []probe {
	var out []probe
	for _, bad := range []string{"\xff\xfe", "pk_\x00", strings.Repeat("k", 10_000)} {
		switch {
		case strings.HasPrefix(base.path, "/store/"):
			out = append(out, with(base, fmt.Sprintf("publishable key %q", clip(bad, 20)), func(p *probe) {
				p.header = map[string]string{"x-publishable-api-key": bad}
			}))
		case strings.HasPrefix(base.path, "/admin/"):
			basic := base64.StdEncoding.EncodeToString([]byte(bad + ":"))
			out = append(out,
				with(base, fmt.Sprintf("bearer %q", clip(bad, 20)), func(p *probe) { p.header = map[string]string{"Authorization": "Bearer " + bad} }),
				with(base, fmt.Sprintf("secret key %q", clip(bad, 20)), func(p *probe) { p.header = map[string]string{"Authorization": "Basic " + basic} }))
		}
	}
	return out
}

func with(p probe, what string, change func(*probe)) probe {
	p.what = what
	if change != nil {
		change(&p)
	}
	p.what = clip(p.what, 200)
	return p
}

// send serves one probe through the whole handler, as a client's request would be served,
// without a socket so that bytes a client library would refuse still arrive.
func (w *world) send(p probe) (int, []byte) {
	req := httptest.NewRequest(p.method, "/", bytes.NewReader(p.body))
	unescaped, err := url.PathUnescape(p.path)
	if err != nil {
		unescaped = p.path
	}
	req.URL = &url.URL{Path: unescaped, RawPath: p.path, RawQuery: p.query}
	req.RequestURI = req.URL.RequestURI()
	if p.body != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if strings.HasPrefix(p.path, "/admin") {
		req.Header.Set("Authorization", "Bearer "+w.srv.Token)
	}
	for k, v := range p.header {
		req.Header.Set(k, v)
	}
	rec := httptest.NewRecorder()
	w.srv.App.Handler.ServeHTTP(rec, req)
	body, _ := io.ReadAll(rec.Result().Body)
	return rec.Code, body
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + fmt.Sprintf("…(%d bytes)", len(s))
}
