package httpapi_test

import (
	"context"
	"io"
	"log/slog"
	"net/http/httptest"
	"strings"
	"testing"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

type thing struct{ ID, Name string }

var thingSpec = &fields.Spec[thing]{
	Scalars: []string{"id", "name"},
	Scalar: func(b []byte, t *thing, name string) []byte {
		if name == "id" {
			return fields.AppendString(b, t.ID)
		}
		return fields.AppendString(b, t.Name)
	},
}

var things = fields.Selector{Defaults: []string{"id", "name"}, Check: thingSpec.Check}

type renameBody struct {
	Name     string     `json:"name"`
	Metadata v.Metadata `json:"metadata"`
}

// endpoints is a router whose routes are all served by endpoints over an in-memory thing.
func endpoints() *httpapi.Router {
	selectQuery := v.Object(httpapi.SelectParams()...).Strict()
	body := v.Object(v.F("name", v.String()), v.F("metadata", v.Nullish(v.Record()))).Strict()
	rename := func(_ context.Context, in *httpapi.Input[httpapi.Fields, renameBody]) ([]byte, error) {
		if in.Path("id") != "t_1" {
			return nil, apperr.NotFoundf("Thing with id: %s was not found", in.Path("id"))
		}
		t := thing{ID: "t_1", Name: in.Body.Name + " " + string(in.Body.Metadata.Value)}
		return thingSpec.Append(nil, &t, in.Fields), nil
	}
	list := func(_ context.Context, in *httpapi.Input[httpapi.Paging, httpapi.NoBody]) ([]byte, int, error) {
		return thingSpec.AppendList(nil, []*thing{{ID: "t_1", Name: "a"}}, in.Fields), 7, nil
	}
	fixed := func(_ context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
		if in.Fields != nil {
			return nil, apperr.Invalidf("a selector without a check selected fields")
		}
		return []byte(`{"fixed":true}`), nil
	}
	deleted := func(_ context.Context, in *httpapi.Input[httpapi.NoQuery, httpapi.NoBody]) ([]byte, error) {
		return httpapi.DeletedWithParent(in.Path("child"), "thing-child", []byte(`{"id":"t_1"}`)), nil
	}
	rt := httpapi.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	rt.Group(httpapi.Admin).Handle(
		httpapi.Route{Method: "GET", Path: "/things", Query: v.Object(httpapi.FindParams(20)...).Strict(), Response: "things",
			Serve: httpapi.Page(things, list)},
		httpapi.Route{Method: "POST", Path: "/things/{id}", Query: selectQuery, Body: body, Response: "thing",
			Serve: httpapi.One(things, rename)},
		httpapi.Route{Method: "GET", Path: "/fixed", Query: selectQuery, Response: "fixed", Serve: httpapi.Reply(httpapi.NoFields, fixed)},
		httpapi.Route{Method: "DELETE", Path: "/things/{id}", Response: "deleted",
			Serve: httpapi.Delete("thing", func(_ context.Context, id string) error {
				if id != "t_1" {
					return apperr.NotFoundf("Thing with id: %s was not found", id)
				}
				return nil
			})},
		httpapi.Route{Method: "DELETE", Path: "/things/{id}/children/{child}", Response: "deleted", Serve: httpapi.Reply(things, deleted)},
	)
	return rt
}

// Endpoints report a bad query before bad fields, and bad fields before they read the body.
func TestEndpoints(t *testing.T) {
	h := endpoints()
	tests := []struct {
		name, method, path, body string
		status                   int
		want                     string
	}{
		{"one, default fields", "POST", "/things/t_1", `{"name":"a"}`, 200, `{"thing":{"id":"t_1","name":"a "}}`},
		{"one, asked fields", "POST", "/things/t_1?fields=name", `{"name":"a","metadata":{"k":1}}`, 200, `{"thing":{"name":"a {\"k\":1}","id":"t_1"}}`},
		{"one, null metadata", "POST", "/things/t_1", `{"name":"a","metadata":null}`, 200, `{"thing":{"id":"t_1","name":"a "}}`},
		{"bad query before bad fields and body", "POST", "/things/t_1?fields=nope&foo=1", `{`, 400, `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
		{"bad fields before the body", "POST", "/things/t_1?fields=nope", `{`, 400, `{"type":"invalid_data","message":"Requested fields [nope] are not valid"}`},
		{"bad body", "POST", "/things/t_1", `{}`, 400, `{"type":"invalid_data","message":"Invalid request: Field 'name' is required"}`},
		{"the function's error", "POST", "/things/t_2", `{"name":"a"}`, 404, `{"type":"not_found","message":"Thing with id: t_2 was not found"}`},
		{"page", "GET", "/things?offset=3&limit=2&fields=id", "", 200, `{"things":[{"id":"t_1"}],"count":7,"offset":3,"limit":2}`},
		{"page, bad fields", "GET", "/things?fields=nope", "", 400, `{"type":"invalid_data","message":"Requested fields [nope] are not valid"}`},
		{"no fields: ignored", "GET", "/fixed?fields=nope", "", 200, `{"fixed":true}`},
		{"no fields: the query is still checked", "GET", "/fixed?foo=1", "", 400, `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
		{"delete", "DELETE", "/things/t_1", "", 200, `{"id":"t_1","object":"thing","deleted":true}`},
		{"delete, unknown", "DELETE", "/things/t_2", "", 404, `{"type":"not_found","message":"Thing with id: t_2 was not found"}`},
		{"deleted with parent, no query declared", "DELETE", "/things/t_1/children/c_1?foo=1", "", 200,
			`{"id":"c_1","object":"thing-child","deleted":true,"parent":{"id":"t_1"}}`},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var body io.Reader
			if tt.body != "" {
				body = strings.NewReader(tt.body)
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, body))
			if rec.Code != tt.status || rec.Body.String() != tt.want {
				t.Errorf("got %d %s\nwant %d %s", rec.Code, rec.Body.String(), tt.status, tt.want)
			}
		})
	}
}

// A route served by an endpoint is documented like any other, its handler built once.
func TestEndpointRoutesAreDocumented(t *testing.T) {
	for _, r := range endpoints().Routes() {
		if r.Handler == nil || r.Response == "" {
			t.Errorf("%s %s: handler %v, response %q", r.Method, r.Path, r.Handler != nil, r.Response)
		}
	}
}
