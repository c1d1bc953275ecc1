package httpapi_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"

	"github.com/prometheus/client_golang/prometheus"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// server is a router with a few routes that exercise the error writer, decoding and the
// middleware chain, wrapped as the app wraps it. logs collects what was logged.
func server(t *testing.T) (http.Handler, *bytes.Buffer) {
	t.Helper()
	logs := &bytes.Buffer{}
	log := slog.New(slog.NewTextHandler(logs, nil))
	rt := httpapi.NewRouter(log)
	fail := func(err error) httpapi.HandlerFunc {
		return func(http.ResponseWriter, *http.Request) error { return err }
	}
	body := v.Object(v.F("name", v.String()), v.F("n", v.Optional(v.Number()))).Strict()
	query := v.Object(httpapi.FindParams(20)...).Strict()
	pub := rt.Group(httpapi.Public)
	pub.Handle(
		httpapi.Route{Method: "GET", Path: "/err/not-found", Handler: fail(apperr.NotFoundf("Thing with id: %s was not found", "t_1"))},
		httpapi.Route{Method: "GET", Path: "/err/invalid", Handler: fail(fmt.Errorf("wrapped: %w", apperr.Invalidf("bad")))},
		httpapi.Route{Method: "GET", Path: "/err/not-allowed", Handler: fail(apperr.NotAllowedf("Some variant does not have the required inventory").WithCode("insufficient_inventory"))},
		httpapi.Route{Method: "GET", Path: "/err/unauthorized", Handler: fail(apperr.New(apperr.Unauthorized, "Invalid email or password"))},
		httpapi.Route{Method: "GET", Path: "/err/forbidden", Handler: fail(apperr.New(apperr.Forbidden, "no"))},
		httpapi.Route{Method: "GET", Path: "/err/duplicate", Handler: fail(apperr.New(apperr.Duplicate, "User with email: a@b.co, already exists."))},
		httpapi.Route{Method: "GET", Path: "/err/conflict", Handler: fail(apperr.New(apperr.Conflict, "serialization failure on row 7"))},
		httpapi.Route{Method: "GET", Path: "/err/internal", Handler: fail(errors.New("pq: password authentication failed for user secret"))},
		httpapi.Route{Method: "GET", Path: "/err/panic", Handler: func(http.ResponseWriter, *http.Request) error { panic("kaboom") }},
		httpapi.Route{Method: "POST", Path: "/echo", Body: body, Handler: func(w http.ResponseWriter, r *http.Request) error {
			var dst struct {
				Name string `json:"name"`
			}
			if err := httpapi.DecodeBody(r, body, &dst); err != nil {
				return err
			}
			httpapi.WriteJSON(w, http.StatusOK, map[string]string{"name": dst.Name})
			return nil
		}},
		httpapi.Route{Method: "GET", Path: "/page", Query: query, Handler: func(w http.ResponseWriter, r *http.Request) error {
			var p httpapi.Paging
			if err := httpapi.DecodeQuery(r, query, &p); err != nil {
				return err
			}
			httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("things", []byte(`[]`), 0, p.Offset, p.Limit))
			return nil
		}},
	)
	deny := func(next httpapi.HandlerFunc) httpapi.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) error {
			if r.Header.Get("Authorization") != "Bearer ok" {
				httpapi.WriteUnauthorized(w, r)
				return nil
			}
			return next(w, r)
		}
	}
	admin := rt.Group(httpapi.Admin, deny)
	admin.Handle(httpapi.Route{Method: "DELETE", Path: "/admin/things/{id}", Handler: func(w http.ResponseWriter, r *http.Request) error {
		httpapi.WriteJSON(w, http.StatusOK, httpapi.Deleted{ID: r.PathValue("id"), Object: "thing", Deleted: true})
		return nil
	}})
	return httpapi.Instrument(rt, log, httpapi.NewMetrics(prometheus.NewRegistry())), logs
}

func TestResponses(t *testing.T) {
	h, logs := server(t)
	big := `{"name":"` + strings.Repeat("x", httpapi.MaxBodyBytes) + `"}`
	tests := []struct {
		name, method, path, body string
		headers                  map[string]string
		status                   int
		want                     string
	}{
		{"not found", "GET", "/err/not-found", "", nil, 404, `{"type":"not_found","message":"Thing with id: t_1 was not found"}`},
		{"invalid, wrapped", "GET", "/err/invalid", "", nil, 400, `{"type":"invalid_data","message":"bad"}`},
		{"not allowed keeps its code", "GET", "/err/not-allowed", "", nil, 400, `{"code":"insufficient_inventory","type":"not_allowed","message":"Some variant does not have the required inventory"}`},
		{"unauthorized", "GET", "/err/unauthorized", "", nil, 401, `{"type":"unauthorized","message":"Invalid email or password"}`},
		{"forbidden", "GET", "/err/forbidden", "", nil, 403, `{"type":"forbidden","message":"no"}`},
		{"duplicate gets Medusa's code", "GET", "/err/duplicate", "", nil, 422, `{"code":"invalid_request_error","type":"duplicate_error","message":"User with email: a@b.co, already exists."}`},
		{"conflict gets Medusa's fixed message", "GET", "/err/conflict", "", nil, 409, `{"code":"invalid_state_error","type":"conflict","message":"The request conflicted with another request. You may retry the request with the provided Idempotency-Key."}`},
		{"internal errors are not shown", "GET", "/err/internal", "", nil, 500, `{"code":"unknown_error","type":"unknown_error","message":"An unknown error occurred."}`},
		{"a panic is a 500", "GET", "/err/panic", "", nil, 500, `{"code":"unknown_error","type":"unknown_error","message":"An unknown error occurred."}`},
		{"unknown path is a JSON 404", "GET", "/nope", "", nil, 404, `{"type":"not_found","message":"Route GET /nope was not found"}`},
		{"known path, other method is a JSON 404", "PUT", "/echo", "", nil, 404, `{"type":"not_found","message":"Route PUT /echo was not found"}`},
		{"body ok", "POST", "/echo", `{"name":"a"}`, nil, 200, `{"name":"a"}`},
		{"body with an unknown field", "POST", "/echo", `{"name":"a","foo":1}`, nil, 400, `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
		{"body with a wrong type", "POST", "/echo", `{"name":1}`, nil, 400, `{"type":"invalid_data","message":"Invalid request: Expected type: 'string' for field 'name', got: '1'"}`},
		{"body missing a field", "POST", "/echo", `{}`, nil, 400, `{"type":"invalid_data","message":"Invalid request: Field 'name' is required"}`},
		{"body over 1 MiB", "POST", "/echo", big, nil, 413, `{"type":"invalid_data","message":"Invalid request: the body is larger than 1048576 bytes"}`},
		{"query defaults", "GET", "/page", "", nil, 200, `{"things":[],"count":0,"offset":0,"limit":20}`},
		{"query values", "GET", "/page?offset=5&limit=7", "", nil, 200, `{"things":[],"count":0,"offset":5,"limit":7}`},
		{"limit not a number", "GET", "/page?limit=abc", "", nil, 400, `{"type":"invalid_data","message":"Invalid request: Expected type: 'number' for field 'limit', got: 'abc'"}`},
		{"limit above the maximum", "GET", "/page?limit=1001", "", nil, 400, `{"type":"invalid_data","message":"Invalid request: Value for field 'limit' too big, expected at most: '1000'"}`},
		{"limit at the maximum", "GET", "/page?limit=1000", "", nil, 200, `{"things":[],"count":0,"offset":0,"limit":1000}`},
		{"negative offset", "GET", "/page?offset=-1", "", nil, 400, `{"type":"invalid_data","message":"Invalid request: Value for field 'offset' too small, expected at least: '0'"}`},
		{"unknown query parameter", "GET", "/page?foo=1", "", nil, 400, `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
		{"admin without credentials", "DELETE", "/admin/things/t_1", "", nil, 401, `{"message":"Unauthorized"}`},
		{"admin with credentials", "DELETE", "/admin/things/t_1", "", map[string]string{"Authorization": "Bearer ok"}, 200, `{"id":"t_1","object":"thing","deleted":true}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			req := httptest.NewRequest(tt.method, tt.path, body)
			for k, val := range tt.headers {
				req.Header.Set(k, val)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.status {
				t.Errorf("status %d, want %d", rec.Code, tt.status)
			}
			if got := rec.Body.String(); got != tt.want {
				t.Errorf("body\n got %s\nwant %s", got, tt.want)
			}
			if ct := rec.Header().Get("Content-Type"); ct != "application/json; charset=utf-8" {
				t.Errorf("Content-Type %q", ct)
			}
			if rec.Header().Get("X-Request-Id") == "" {
				t.Error("no X-Request-Id")
			}
		})
	}
	// The cause of a 500 is logged for the operator, never sent to the caller.
	if !strings.Contains(logs.String(), "password authentication failed") || !strings.Contains(logs.String(), "kaboom") {
		t.Errorf("internal causes not logged:\n%s", logs.String())
	}
}

func TestRequestID(t *testing.T) {
	h, _ := server(t)
	for _, tt := range []struct{ sent, want string }{
		{"abc-123", "abc-123"},
		{strings.Repeat("x", 65), ""}, // too long: replaced
		{"", ""},
	} {
		req := httptest.NewRequest("GET", "/nope", nil)
		if tt.sent != "" {
			req.Header.Set("X-Request-Id", tt.sent)
		}
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, req)
		got := rec.Header().Get("X-Request-Id")
		if tt.want != "" && got != tt.want || tt.want == "" && (got == "" || got == tt.sent) {
			t.Errorf("sent %q, got %q", tt.sent, got)
		}
	}
}

func TestEnvelopes(t *testing.T) {
	if got := string(httpapi.Envelope("sales_channel", []byte(`{"id":"sc_1"}`))); got != `{"sales_channel":{"id":"sc_1"}}` {
		t.Errorf("Envelope: %s", got)
	}
	if got := string(httpapi.ListEnvelope("sales_channels", []byte(`[{"id":"a"}]`), 41, 20, 10)); got != `{"sales_channels":[{"id":"a"}],"count":41,"offset":20,"limit":10}` {
		t.Errorf("ListEnvelope: %s", got)
	}
}

func TestOpenAPIListsRoutes(t *testing.T) {
	rt := httpapi.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	rt.Group(httpapi.Admin).Handle(httpapi.Route{Method: "POST", Path: "/admin/things/{id}", Summary: "Update a thing",
		Body: v.Object(v.F("name", v.String())).Strict(), Handler: func(http.ResponseWriter, *http.Request) error { return nil }})
	doc := string(httpapi.OpenAPI(rt.Routes(), "t", "1"))
	for _, want := range []string{`"/admin/things/{id}"`, `"operationId":"postAdminThingsId"`, `"summary":"Update a thing"`, `"bearer"`} {
		if !strings.Contains(doc, want) {
			t.Errorf("document lacks %s: %s", want, doc)
		}
	}
}

// A request its client abandoned is not a server error: 499, logged at info.
func TestCanceledRequest(t *testing.T) {
	h, logs := server(t)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	req := httptest.NewRequest("GET", "/err/internal", nil).WithContext(ctx)
	rec := httptest.NewRecorder()
	h.ServeHTTP(rec, req)
	if rec.Code != httpapi.StatusClientClosedRequest {
		t.Errorf("status %d, want 499", rec.Code)
	}
	if strings.Contains(logs.String(), "level=ERROR") || !strings.Contains(logs.String(), "request canceled") {
		t.Errorf("log:\n%s", logs.String())
	}
}

// The log line of a refused request carries the error's type and message, so an operator
// sees why without reproducing it; a success carries neither.
func TestRefusedRequestsLogWhy(t *testing.T) {
	h, logs := server(t)
	for _, path := range []string{"/err/not-found", "/err/invalid"} {
		h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", path, nil))
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("DELETE", "/admin/things/t_1", nil))
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("DELETE", "/admin/things/t_1", nil))
	out := logs.String()
	for _, want := range []string{
		`path=/err/not-found status=404 duration_ms=`, `error_type=not_found error="Thing with id: t_1 was not found"`,
		`error_type=invalid_data error=bad`,
		`status=401 duration_ms=`, `error_type=unauthorized error="no valid admin credentials"`,
	} {
		if !strings.Contains(out, want) {
			t.Errorf("log lacks %q:\n%s", want, out)
		}
	}
	h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest("GET", "/page", nil))
	last := strings.TrimSpace(logs.String()[len(out):])
	if !strings.Contains(last, "status=200") || strings.Contains(last, "error_type") {
		t.Errorf("success logged as %q", last)
	}
}
