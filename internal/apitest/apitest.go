// Package apitest runs channeld's HTTP API in tests the way a client sees it: a real App on a
// fresh database of each engine, served on 127.0.0.1 by httptest, with an admin user logged
// in. Scenario tables then state method, path, body, expected status and expected body.
//
// It also holds what the packages' API tests share beyond that: reads of the database behind
// a server (Scalar, Events), fixtures made through the admin API (Server.Channel and the
// others in fixtures.go), and helpers for tests that run `channeld serve` itself.
package apitest

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
	"time"

	"channeld/internal/app"
	"channeld/internal/auth"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

// AdminEmail and AdminPassword are the credentials of the admin user every server has.
const (
	AdminEmail    = "admin@example.com"
	AdminPassword = "supersecret"
)

// Server is a running channeld for one test.
type Server struct {
	t     testing.TB
	URL   string
	App   *app.App
	Token string // the admin's bearer token
	http  *http.Client
}

// cheapHash keeps tests fast; production uses auth.DefaultHashParams.
var cheapHash = auth.HashParams{Time: 1, MemKiB: 64, Threads: 1}

// New starts channeld on a fresh database of engine e and logs the admin in.
func New(t testing.TB, e db.Engine) *Server {
	t.Helper()
	return NewWithURL(t, dbtest.URL(t, e))
}

// NewWithURL starts channeld on an existing database URL (used to start a second instance).
func NewWithURL(t testing.TB, url string) *Server {
	t.Helper()
	return Start(t, url, app.Options{})
}

// Start starts channeld on the database at url with opts (a test clock, tighter limits),
// and logs the admin in. Password hashing is always the cheap test setting.
func Start(t testing.TB, url string, opts app.Options) *Server {
	t.Helper()
	opts.HashParams = cheapHash
	cfg := app.Config{
		DatabaseURL: url, AdminEmail: AdminEmail, AdminPassword: AdminPassword,
		RelayInterval: 50 * time.Millisecond, WebhookAllowPrivate: true,
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Build(context.Background(), cfg, log, opts)
	if err != nil {
		t.Fatalf("build app: %v", err)
	}
	ts := httptest.NewServer(a.Handler) // httptest listens on 127.0.0.1 only
	s := &Server{t: t, URL: ts.URL, App: a, http: ts.Client()}
	t.Cleanup(func() {
		ts.Close()
		a.Close()
	})
	res := s.Do("POST", "/auth/user/emailpass", map[string]string{"email": AdminEmail, "password": AdminPassword}, nil)
	if res.Status != 200 {
		t.Fatalf("admin login: %d %s", res.Status, res.Body)
	}
	s.Token = res.String("token")
	return s
}

// Response is a decoded HTTP response.
type Response struct {
	t      testing.TB
	Status int
	Header http.Header
	Body   []byte
	JSON   any
}

// Do sends a request; body is JSON-encoded unless it is a string or []byte. Headers given
// replace the defaults; an admin bearer token is sent on /admin paths unless headers has
// "Authorization" (set it to "" to send none).
func (s *Server) Do(method, path string, body any, headers map[string]string) *Response {
	s.t.Helper()
	var rd io.Reader
	switch b := body.(type) {
	case nil:
	case string:
		rd = strings.NewReader(b)
	case []byte:
		rd = bytes.NewReader(b)
	default:
		enc, err := json.Marshal(b)
		if err != nil {
			s.t.Fatalf("encode body: %v", err)
		}
		rd = bytes.NewReader(enc)
	}
	req, err := http.NewRequest(method, s.URL+path, rd)
	if err != nil {
		s.t.Fatalf("new request: %v", err)
	}
	if rd != nil {
		req.Header.Set("Content-Type", "application/json")
	}
	if strings.HasPrefix(path, "/admin") {
		req.Header.Set("Authorization", "Bearer "+s.Token)
	}
	for k, v := range headers {
		if v == "" {
			req.Header.Del(k)
			continue
		}
		req.Header.Set(k, v)
	}
	resp, err := s.http.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		s.t.Fatalf("read body: %v", err)
	}
	r := &Response{t: s.t, Status: resp.StatusCode, Header: resp.Header, Body: raw}
	if len(raw) > 0 {
		dec := json.NewDecoder(bytes.NewReader(raw))
		dec.UseNumber()
		_ = dec.Decode(&r.JSON)
	}
	return r
}

// Get is Do("GET", path, nil, nil).
func (s *Server) Get(path string) *Response { s.t.Helper(); return s.Do("GET", path, nil, nil) }

// Post is Do("POST", path, body, nil).
func (s *Server) Post(path string, body any) *Response {
	s.t.Helper()
	return s.Do("POST", path, body, nil)
}

// Must fails the test unless the status is want, and returns r.
func (r *Response) Must(want int) *Response {
	r.t.Helper()
	if r.Status != want {
		r.t.Fatalf("status %d, want %d; body %s", r.Status, want, r.Body)
	}
	return r
}

// Get returns the value at a dotted path ("sales_channel.id", "products.0.title"), or nil.
func (r *Response) Get(path string) any { return Lookup(r.JSON, path) }

// String returns the string at path, or "".
func (r *Response) String(path string) string {
	s, _ := r.Get(path).(string)
	return s
}

// Int returns the number at path as an int, or -1.
func (r *Response) Int(path string) int {
	n, ok := r.Get(path).(json.Number)
	if !ok {
		return -1
	}
	i, err := n.Int64()
	if err != nil {
		return -1
	}
	return int(i)
}

// Len returns the length of the array at path, or -1.
func (r *Response) Len(path string) int {
	a, ok := r.Get(path).([]any)
	if !ok {
		return -1
	}
	return len(a)
}

// Strings returns the string at key of each element of the array at path, in order; an
// element without one gives "". It is empty, not nil, when there is no such array.
func (r *Response) Strings(path, key string) []string {
	list, _ := r.Get(path).([]any)
	out := make([]string, len(list))
	for i, e := range list {
		out[i], _ = Lookup(e, key).(string)
	}
	return out
}

// Keys returns the keys of the JSON object at path, a list of keys such as "sales_channel",
// in the order the server wrote them, which a decoded map forgets. When the value at path is
// an array, it gives the keys of its first element. It fails the test unless there is an
// object there.
func (r *Response) Keys(path ...string) []string {
	r.t.Helper()
	var v json.RawMessage = r.Body
	for _, p := range path {
		var m map[string]json.RawMessage
		if err := json.Unmarshal(v, &m); err != nil {
			r.t.Fatalf("not an object at %q: %s", p, v)
		}
		v = m[p]
	}
	if len(v) > 0 && v[0] == '[' {
		var arr []json.RawMessage
		if err := json.Unmarshal(v, &arr); err != nil || len(arr) == 0 {
			r.t.Fatalf("want a non-empty array: %s", v)
		}
		v = arr[0]
	}
	dec := json.NewDecoder(bytes.NewReader(v))
	if tok, err := dec.Token(); err != nil || tok != json.Delim('{') {
		r.t.Fatalf("not an object: %s", v)
	}
	var out []string
	for dec.More() {
		tok, err := dec.Token()
		if err != nil {
			r.t.Fatal(err)
		}
		out = append(out, tok.(string))
		var skip json.RawMessage
		if err := dec.Decode(&skip); err != nil {
			r.t.Fatal(err)
		}
	}
	return out
}

// Lookup walks a decoded JSON value along a dotted path.
func Lookup(v any, path string) any {
	if path == "" {
		return v
	}
	for _, part := range strings.Split(path, ".") {
		switch t := v.(type) {
		case map[string]any:
			v = t[part]
		case []any:
			i := 0
			for _, c := range part {
				if c < '0' || c > '9' {
					return nil
				}
				i = i*10 + int(c-'0')
			}
			if i >= len(t) {
				return nil
			}
			v = t[i]
		default:
			return nil
		}
	}
	return v
}
