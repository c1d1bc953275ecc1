package saleschannel_test

import (
	"encoding/json"
	"fmt"
	"net/url"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/apitest"
	"channeld/internal/platform/db"
)

type (
	M = apitest.M
	A = apitest.A
)

// wantNames checks the names of the listed channels, in the order listed.
func wantNames(want ...string) func(t *testing.T, r *apitest.Response) {
	return func(t *testing.T, r *apitest.Response) {
		t.Helper()
		if want == nil {
			want = []string{}
		}
		if d := cmp.Diff(want, r.Strings("sales_channels", "name")); d != "" {
			t.Errorf("names (-want +got):\n%s", d)
		}
	}
}

func sorted(s ...string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

func TestCreateRetrieveUpdateDelete(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		defaultID := apitest.Scalar[string](t, srv, `SELECT default_sales_channel_id FROM store`)
		var id string
		cases := []apitest.Case{
			{
				Name: "create with the name alone takes Medusa's defaults", Method: "POST", Path: "/admin/sales-channels",
				Body: M{"name": "Web"}, Status: 200,
				Want: M{"sales_channel": M{
					"id": apitest.Any, "name": "Web", "description": nil, "is_disabled": false,
					"metadata": nil, "deleted_at": nil, "created_at": apitest.Any, "updated_at": apitest.Any,
				}},
				Check: func(t *testing.T, r *apitest.Response) {
					id = r.String("sales_channel.id")
					if !strings.HasPrefix(id, "sc_") || len(id) != 29 {
						t.Errorf("id %q is not sc_ + ULID", id)
					}
					if d := cmp.Diff([]string{"id", "name", "description", "is_disabled", "created_at", "updated_at", "deleted_at", "metadata"},
						r.Keys("sales_channel")); d != "" {
						t.Errorf("keys (-want +got):\n%s", d)
					}
					if _, err := time.Parse(time.RFC3339, r.String("sales_channel.created_at")); err != nil {
						t.Errorf("created_at: %v", err)
					}
				},
			},
			{
				Name: "create with every field", Method: "POST", Path: "/admin/sales-channels",
				Body: M{"name": "App", "description": "Phones", "is_disabled": true, "metadata": M{"a": 1, "b": M{"c": "d"}}}, Status: 200,
				Want: M{"sales_channel": M{"name": "App", "description": "Phones", "is_disabled": true, "metadata": M{"a": 1, "b": M{"c": "d"}}}},
			},
			{
				Name: "create with fields answers those fields", Method: "POST", Path: "/admin/sales-channels?fields=name,is_disabled",
				Body: M{"name": "Picked", "metadata": M{}}, Status: 200,
				Check: wantKeys([]string{"name", "is_disabled", "id"}, "sales_channel"),
			},
			{
				Name: "empty metadata object is kept", Method: "GET", Path: "/admin/sales-channels?name=Picked&fields=metadata", Status: 200,
				Want: M{"sales_channels": A{M{"metadata": M{}}}},
			},
		}
		apitest.Run(t, srv, cases)
		if id == "" {
			t.Fatal("create failed")
		}
		cases = []apitest.Case{
			{Name: "retrieve", Method: "GET", Path: "/admin/sales-channels/" + id, Status: 200,
				Want: M{"sales_channel": M{"id": id, "name": "Web", "description": nil, "is_disabled": false, "metadata": nil, "deleted_at": nil}}},
			{Name: "retrieve unknown", Method: "GET", Path: "/admin/sales-channels/sc_nope", Status: 404,
				Exact: apitest.ErrBody("not_found", "Sales channel with id: sc_nope not found")},
			{Name: "retrieve with fields", Method: "GET", Path: "/admin/sales-channels/" + id + "?fields=name", Status: 200,
				Exact: `{"sales_channel":{"name":"Web","id":"` + id + `"}}`},
			{Name: "retrieve with unknown query param", Method: "GET", Path: "/admin/sales-channels/" + id + "?foo=1", Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'foo'")},
			{Name: "update unknown", Method: "POST", Path: "/admin/sales-channels/sc_nope", Body: M{"name": "x"}, Status: 404,
				Exact: apitest.ErrBody("not_found", `Sales channel with id "sc_nope" not found`)},
			{Name: "update with an empty body changes nothing", Method: "POST", Path: "/admin/sales-channels/" + id, Body: M{}, Status: 200,
				Want: M{"sales_channel": M{"id": id, "name": "Web", "description": nil, "metadata": nil}}},
			{Name: "update sets fields", Method: "POST", Path: "/admin/sales-channels/" + id,
				Body: M{"name": "Web 2", "description": "Shop", "is_disabled": true, "metadata": M{"a": 1, "b": 2}}, Status: 200,
				Want: M{"sales_channel": M{"name": "Web 2", "description": "Shop", "is_disabled": true, "metadata": M{"a": 1, "b": 2}}}},
			{Name: "metadata is replaced whole, not merged", Method: "POST", Path: "/admin/sales-channels/" + id,
				Body: M{"metadata": M{"c": 3}}, Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					apitest.ExpectExact(t, mustJSON(r.Get("sales_channel.metadata")), `{"c":3}`)
				}},
			{Name: "absent fields are left alone", Method: "POST", Path: "/admin/sales-channels/" + id,
				Body: M{"is_disabled": false}, Status: 200,
				Want: M{"sales_channel": M{"name": "Web 2", "description": "Shop", "is_disabled": false, "metadata": M{"c": 3}}}},
			{Name: "null description and metadata clear them", Method: "POST", Path: "/admin/sales-channels/" + id,
				Body: M{"description": nil, "metadata": nil}, Status: 200,
				Want: M{"sales_channel": M{"name": "Web 2", "description": nil, "metadata": nil}}},
			{Name: "the update is stored", Method: "GET", Path: "/admin/sales-channels/" + id, Status: 200,
				Want: M{"sales_channel": M{"name": "Web 2", "description": nil, "is_disabled": false, "metadata": nil}}},
			{Name: "delete", Method: "DELETE", Path: "/admin/sales-channels/" + id, Status: 200,
				Exact: `{"id":"` + id + `","object":"sales-channel","deleted":true}`},
			{Name: "deleted channel is not found", Method: "GET", Path: "/admin/sales-channels/" + id, Status: 404,
				Exact: apitest.ErrBody("not_found", "Sales channel with id: "+id+" not found")},
			{Name: "deleted channel cannot be updated", Method: "POST", Path: "/admin/sales-channels/" + id, Body: M{"name": "x"}, Status: 404,
				Exact: apitest.ErrBody("not_found", `Sales channel with id "`+id+`" not found`)},
			{Name: "list excludes the deleted channel", Method: "GET", Path: "/admin/sales-channels?id=" + id, Status: 200,
				Exact: `{"sales_channels":[],"count":0,"offset":0,"limit":20}`},
			{Name: "delete ignores query parameters", Method: "DELETE", Path: "/admin/sales-channels/sc_unknown?foo=1", Status: 200,
				Exact: `{"id":"sc_unknown","object":"sales-channel","deleted":true}`},
			{Name: "deleting again answers the same body", Method: "DELETE", Path: "/admin/sales-channels/" + id, Status: 200,
				Exact: `{"id":"` + id + `","object":"sales-channel","deleted":true}`},
			{Name: "the default channel cannot be deleted", Method: "DELETE", Path: "/admin/sales-channels/" + defaultID, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Cannot delete default sales channels: "+defaultID)},
			{Name: "the default channel is still there", Method: "GET", Path: "/admin/sales-channels/" + defaultID, Status: 200,
				Want: M{"sales_channel": M{"id": defaultID, "name": "Default Sales Channel", "deleted_at": nil}}},
		}
		apitest.Run(t, srv, cases)

		if n := apitest.Scalar[int](t, srv, `SELECT count(*) FROM sales_channel WHERE deleted_at IS NOT NULL`); n != 1 {
			t.Errorf("%d deleted channels, want 1", n)
		}
		if got := apitest.Scalar[string](t, srv, `SELECT default_sales_channel_id FROM store`); got != defaultID {
			t.Errorf("store default changed to %s", got)
		}
		// One created per create, one updated per successful update (the empty body too), one
		// deleted for the real deletion only: not for the repeated delete nor the refused one.
		var want []string
		want = append(want, "sales-channel.created "+defaultID, "sales-channel.created "+id)
		evs := apitest.Events(t, srv)
		if len(evs) < 4 {
			t.Fatalf("events: %v", evs)
		}
		want = append(want, evs[2:4]...) // the other two creates, whose ids the test did not keep
		for range 5 {
			want = append(want, "sales-channel.updated "+id)
		}
		want = append(want, "sales-channel.deleted "+id)
		for _, ev := range evs[2:4] {
			if !strings.HasPrefix(ev, "sales-channel.created sc_") || ev == want[1] {
				t.Errorf("event %q, want another create", ev)
			}
		}
		if d := cmp.Diff(want, evs); d != "" {
			t.Errorf("outbox (-want +got):\n%s", d)
		}
	})
}

func mustJSON(v any) []byte {
	b, _ := json.Marshal(v)
	return b
}

// seed creates the list fixtures with fixed timestamps and returns their ids by name. The
// store's default channel ("Default Sales Channel") exists too.
func seed(t *testing.T, srv *apitest.Server) map[string]string {
	t.Helper()
	ids := map[string]string{"Default Sales Channel": apitest.Scalar[string](t, srv, `SELECT default_sales_channel_id FROM store`)}
	for _, b := range []M{
		{"name": "Web Shop", "description": "Online STORE"},
		{"name": "Mobile App", "description": "iOS and Android", "is_disabled": true},
		{"name": "Marketplace"},
		{"name": "Gone", "description": "Deleted store"},
	} {
		r := srv.Post("/admin/sales-channels", b).Must(200)
		ids[b["name"].(string)] = r.String("sales_channel.id")
	}
	srv.Do("DELETE", "/admin/sales-channels/"+ids["Gone"], nil, nil).Must(200)
	dates := map[string]string{
		"Default Sales Channel": "2024-01-01T00:00:00.000Z", "Web Shop": "2024-02-01T00:00:00.000Z",
		"Mobile App": "2024-03-01T00:00:00.000Z", "Marketplace": "2024-04-01T00:00:00.000Z", "Gone": "2024-05-01T00:00:00.000Z",
	}
	for name, d := range dates {
		ts, _ := time.Parse(time.RFC3339, d)
		apitest.Exec(t, srv, `UPDATE sales_channel SET created_at = $2, updated_at = $3 WHERE id = $1`,
			ids[name], db.FormatTime(ts), db.FormatTime(ts.Add(time.Hour)))
	}
	ts, _ := time.Parse(time.RFC3339, "2024-06-01T00:00:00Z")
	apitest.Exec(t, srv, `UPDATE sales_channel SET deleted_at = $2 WHERE id = $1`, ids["Gone"], db.FormatTime(ts))
	return ids
}

func TestListSalesChannels(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		ids := seed(t, srv)
		live := []string{"Default Sales Channel", "Web Shop", "Mobile App", "Marketplace"} // id order = creation order
		q := url.QueryEscape
		list := "/admin/sales-channels"
		cases := []apitest.Case{
			{Name: "default list: live channels by id, Medusa's envelope", Method: "GET", Path: list, Status: 200,
				Want:  M{"count": 4, "offset": 0, "limit": 20},
				Check: all(wantNames(live...), wantKeys([]string{"sales_channels", "count", "offset", "limit"}))},
			{Name: "list items have the default fields", Method: "GET", Path: list, Status: 200,
				Check: wantKeys([]string{"id", "name", "description", "is_disabled", "created_at", "updated_at", "deleted_at", "metadata"}, "sales_channels")},
			{Name: "q matches the name case-insensitively", Method: "GET", Path: list + "?q=web", Status: 200,
				Want: M{"count": 1}, Check: wantNames("Web Shop")},
			{Name: "q matches the description case-insensitively", Method: "GET", Path: list + "?q=android", Status: 200,
				Check: wantNames("Mobile App")},
			{Name: "q matches a substring of either field", Method: "GET", Path: list + "?q=store", Status: 200,
				Check: wantNames("Web Shop")},
			{Name: "q treats % literally", Method: "GET", Path: list + "?q=" + q("%"), Status: 200,
				Want: M{"count": 0}, Check: wantNames()},
			{Name: "q does not find deleted channels", Method: "GET", Path: list + "?q=gone", Status: 200,
				Check: wantNames()},
			{Name: "id as a string", Method: "GET", Path: list + "?id=" + ids["Mobile App"], Status: 200,
				Check: wantNames("Mobile App")},
			{Name: "id as an array", Method: "GET", Path: list + "?id[]=" + ids["Mobile App"] + "&id[]=" + ids["Web Shop"], Status: 200,
				Want: M{"count": 2}, Check: wantNames("Web Shop", "Mobile App")},
			{Name: "a one-element id array is split on commas", Method: "GET", Path: list + "?id[]=" + ids["Mobile App"] + "," + ids["Marketplace"], Status: 200,
				Check: wantNames("Mobile App", "Marketplace")},
			{Name: "name is an exact match", Method: "GET", Path: list + "?name=Web", Status: 200,
				Check: wantNames()},
			{Name: "name exact", Method: "GET", Path: list + "?name=" + q("Web Shop"), Status: 200,
				Check: wantNames("Web Shop")},
			{Name: "name as an array", Method: "GET", Path: list + "?name[]=Marketplace&name[]=" + q("Web Shop"), Status: 200,
				Check: wantNames("Web Shop", "Marketplace")},
			{Name: "description exact", Method: "GET", Path: list + "?description=" + q("iOS and Android"), Status: 200,
				Check: wantNames("Mobile App")},
			{Name: "is_disabled=true", Method: "GET", Path: list + "?is_disabled=true", Status: 200,
				Check: wantNames("Mobile App")},
			{Name: "is_disabled=TRUE", Method: "GET", Path: list + "?is_disabled=TRUE", Status: 200,
				Check: wantNames("Mobile App")},
			{Name: "is_disabled=false", Method: "GET", Path: list + "?is_disabled=false", Status: 200,
				Check: wantNames("Default Sales Channel", "Web Shop", "Marketplace")},
			{Name: "is_disabled must be a boolean", Method: "GET", Path: list + "?is_disabled=yes", Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Invalid input")},
			{Name: "created_at $gt", Method: "GET", Path: list + "?created_at[$gt]=2024-02-01T00:00:00.000Z", Status: 200,
				Check: wantNames("Mobile App", "Marketplace")},
			{Name: "created_at $gte", Method: "GET", Path: list + "?created_at[$gte]=2024-02-01T00:00:00.000Z", Status: 200,
				Check: wantNames("Web Shop", "Mobile App", "Marketplace")},
			{Name: "created_at $lt with a date", Method: "GET", Path: list + "?created_at[$lt]=2024-02-01", Status: 200,
				Check: wantNames("Default Sales Channel")},
			{Name: "created_at $lte and $gt together", Method: "GET", Path: list + "?created_at[$lte]=2024-03-01T00:00:00Z&created_at[$gt]=2024-01-01T00:00:00Z", Status: 200,
				Check: wantNames("Web Shop", "Mobile App")},
			{Name: "created_at with an offset time zone", Method: "GET", Path: list + "?created_at[$gte]=" + q("2024-03-01T02:00:00+02:00"), Status: 200,
				Check: wantNames("Mobile App", "Marketplace")},
			{Name: "updated_at $lt", Method: "GET", Path: list + "?updated_at[$lt]=2024-02-01T01:00:00Z", Status: 200,
				Check: wantNames("Default Sales Channel")},
			{Name: "bad date", Method: "GET", Path: list + "?created_at[$gt]=yesterday", Status: 400,
				Check: apitest.WantType("invalid_data")},
			{Name: "deleted_at shows deleted rows", Method: "GET", Path: list + "?deleted_at[$gt]=2024-01-01", Status: 200,
				Want: M{"count": 1, "sales_channels": A{M{"name": "Gone", "deleted_at": "2024-06-01T00:00:00.000Z"}}}},
			{Name: "deleted_at in an $or group shows deleted rows", Method: "GET",
				Path: list + "?$or[0][name]=Gone&$or[1][deleted_at][$lt]=2025-01-01", Status: 200,
				Check: wantNames("Gone")},
			{Name: "$or", Method: "GET", Path: list + "?$or[0][name]=Marketplace&$or[1][q]=web", Status: 200,
				Check: wantNames("Web Shop", "Marketplace")},
			{Name: "$and", Method: "GET", Path: list + "?$and[0][is_disabled]=false&$and[1][q]=a", Status: 200,
				Check: wantNames("Default Sales Channel", "Marketplace")},
			{Name: "$and with a top-level filter", Method: "GET", Path: list + "?is_disabled=false&$and[0][q]=shop", Status: 200,
				Check: wantNames("Web Shop")},
			{Name: "order by name", Method: "GET", Path: list + "?order=name", Status: 200,
				Check: wantNames(sorted(live...)...)},
			{Name: "order by -name", Method: "GET", Path: list + "?order=-name", Status: 200,
				Check: wantNames("Web Shop", "Mobile App", "Marketplace", "Default Sales Channel")},
			{Name: "order by -created_at", Method: "GET", Path: list + "?order=-created_at", Status: 200,
				Check: wantNames("Marketplace", "Mobile App", "Web Shop", "Default Sales Channel")},
			{Name: "order by an unknown field", Method: "GET", Path: list + "?order=x", Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Order field x is not valid")},
			{Name: "offset and limit, count is the total", Method: "GET", Path: list + "?order=name&offset=1&limit=2", Status: 200,
				Want: M{"count": 4, "offset": 1, "limit": 2}, Check: wantNames("Marketplace", "Mobile App")},
			{Name: "offset past the end", Method: "GET", Path: list + "?offset=10", Status: 200,
				Want: M{"count": 4, "offset": 10, "limit": 20}, Check: wantNames()},
			{Name: "limit=0 answers the count alone", Method: "GET", Path: list + "?limit=0", Status: 200,
				Exact: `{"sales_channels":[],"count":4,"offset":0,"limit":0}`},
			{Name: "limit must be a number", Method: "GET", Path: list + "?limit=abc", Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Expected type: 'number' for field 'limit', got: 'abc'")},
			{Name: "negative limit", Method: "GET", Path: list + "?limit=-1", Status: 400, Check: apitest.WantType("invalid_data")},
			{Name: "negative offset", Method: "GET", Path: list + "?offset=-1", Status: 400, Check: apitest.WantType("invalid_data")},
			{Name: "huge limit", Method: "GET", Path: list + "?limit=100000", Status: 400, Check: apitest.WantType("invalid_data")},
			{Name: "fields=name gives name and id, in that order", Method: "GET", Path: list + "?fields=name&id=" + ids["Web Shop"], Status: 200,
				Exact: `{"sales_channels":[{"name":"Web Shop","id":"` + ids["Web Shop"] + `"}],"count":1,"offset":0,"limit":20}`},
			{Name: "fields=+metadata keeps the defaults", Method: "GET", Path: list + "?fields=" + q("+metadata") + "&id=" + ids["Web Shop"], Status: 200,
				Check: wantKeys([]string{"id", "name", "description", "is_disabled", "created_at", "updated_at", "deleted_at", "metadata"}, "sales_channels")},
			{Name: "fields=-description drops it", Method: "GET", Path: list + "?fields=-description&id=" + ids["Web Shop"], Status: 200,
				Check: wantKeys([]string{"id", "name", "is_disabled", "created_at", "updated_at", "deleted_at", "metadata"}, "sales_channels")},
			{Name: "fields=* gives every field", Method: "GET", Path: list + "?fields=*&id=" + ids["Web Shop"], Status: 200,
				Want: M{"sales_channels": A{M{"id": ids["Web Shop"], "name": "Web Shop", "description": "Online STORE", "is_disabled": false, "metadata": nil, "deleted_at": nil}}}},
			{Name: "unknown field", Method: "GET", Path: list + "?fields=foo", Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Requested fields [foo] are not valid")},
			{Name: "unknown field among known ones", Method: "GET", Path: list + "?fields=name,bar,foo", Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Requested fields [bar, foo] are not valid")},
			{Name: "unknown query parameter", Method: "GET", Path: list + "?foo=1", Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'foo'")},
			{Name: "key nested three levels deep", Method: "GET", Path: list + "?a.b.c=1", Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Key accessor more than 2 levels deep: a.b.c")},
		}
		apitest.Run(t, srv, cases)
	})
}

func all(fns ...func(t *testing.T, r *apitest.Response)) func(t *testing.T, r *apitest.Response) {
	return func(t *testing.T, r *apitest.Response) {
		t.Helper()
		for _, f := range fns {
			f(t, r)
		}
	}
}

func wantKeys(want []string, path ...string) func(t *testing.T, r *apitest.Response) {
	return func(t *testing.T, r *apitest.Response) {
		t.Helper()
		if d := cmp.Diff(want, r.Keys(path...)); d != "" {
			t.Errorf("keys (-want +got):\n%s", d)
		}
	}
}

// TestRejectedWritesChangeNothing sends bodies that must be refused and checks after each that
// no channel was written and no event was queued.
func TestRejectedWritesChangeNothing(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		r := srv.Post("/admin/sales-channels", M{"name": "Existing", "metadata": M{"k": "v"}}).Must(200)
		id := r.String("sales_channel.id")
		before := r.String("sales_channel.updated_at")
		create, update := "/admin/sales-channels", "/admin/sales-channels/"+id
		big := `{"name":"` + strings.Repeat("x", 1<<20) + `"}`
		var cases []apitest.Case
		for _, path := range []string{create, update} {
			cases = append(cases,
				apitest.Case{Name: path + " unknown field", Method: "POST", Path: path, Body: M{"name": "x", "foo": 1}, Status: 400,
					Exact: apitest.ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'foo'")},
				apitest.Case{Name: path + " name is a number", Method: "POST", Path: path, Body: M{"name": 1}, Status: 400,
					Exact: apitest.ErrBody("invalid_data", "Invalid request: Expected type: 'string' for field 'name', got: '1'")},
				apitest.Case{Name: path + " is_disabled is a string", Method: "POST", Path: path, Body: M{"name": "x", "is_disabled": "true"}, Status: 400,
					Exact: apitest.ErrBody("invalid_data", "Invalid request: Expected type: 'boolean' for field 'is_disabled', got: 'true'")},
				apitest.Case{Name: path + " metadata is not an object", Method: "POST", Path: path, Body: M{"name": "x", "metadata": "v"}, Status: 400,
					Check: apitest.WantType("invalid_data")},
				apitest.Case{Name: path + " metadata is an array", Method: "POST", Path: path, Body: M{"name": "x", "metadata": A{1}}, Status: 400,
					Check: apitest.WantType("invalid_data")},
				apitest.Case{Name: path + " description is a number", Method: "POST", Path: path, Body: M{"name": "x", "description": 5}, Status: 400,
					Exact: apitest.ErrBody("invalid_data", "Invalid request: Expected type: 'string' for field 'description', got: '5'")},
				apitest.Case{Name: path + " malformed JSON", Method: "POST", Path: path, Body: `{"name":`, Status: 400,
					Check: apitest.WantType("invalid_data")},
				apitest.Case{Name: path + " trailing garbage", Method: "POST", Path: path, Body: `{"name":"x"} {}`, Status: 400,
					Check: apitest.WantType("invalid_data")},
				apitest.Case{Name: path + " array body", Method: "POST", Path: path, Body: `[{"name":"x"}]`, Status: 400,
					Check: apitest.WantType("invalid_data")},
				apitest.Case{Name: path + " body over 1 MiB", Method: "POST", Path: path, Body: big, Status: 413,
					Check: apitest.WantType("invalid_data")},
				apitest.Case{Name: path + " unknown fields query", Method: "POST", Path: path + "?fields=foo", Body: M{"name": "x"}, Status: 400,
					Exact: apitest.ErrBody("invalid_data", "Requested fields [foo] are not valid")},
			)
		}
		cases = append(cases,
			apitest.Case{Name: "create without a name", Method: "POST", Path: create, Body: M{"description": "x"}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Field 'name' is required")},
			apitest.Case{Name: "create with an empty body", Method: "POST", Path: create, Body: "", Status: 400,
				Check: apitest.WantType("invalid_data")},
			apitest.Case{Name: "create with null name", Method: "POST", Path: create, Body: M{"name": nil}, Status: 400,
				Check: apitest.WantType("invalid_data")},
			apitest.Case{Name: "update with null name", Method: "POST", Path: update, Body: M{"name": nil}, Status: 400,
				Check: apitest.WantType("invalid_data")},
			apitest.Case{Name: "update with null is_disabled", Method: "POST", Path: update, Body: M{"is_disabled": nil}, Status: 400,
				Check: apitest.WantType("invalid_data")},
		)
		for i := range cases {
			check := cases[i].Check
			cases[i].Check = func(t *testing.T, r *apitest.Response) {
				if check != nil {
					check(t, r)
				}
				if n := apitest.Scalar[int](t, srv, `SELECT count(*) FROM sales_channel`); n != 2 {
					t.Errorf("%d channels after a refused write, want 2", n)
				}
				if n := apitest.Scalar[int](t, srv, `SELECT count(*) FROM outbox_event`); n != 2 {
					t.Errorf("%d events after a refused write, want 2 (the two creates)", n)
				}
			}
		}
		apitest.Run(t, srv, cases)
		apitest.Run(t, srv, []apitest.Case{{Name: "the channel is unchanged", Method: "GET", Path: update, Status: 200,
			Want: M{"sales_channel": M{"name": "Existing", "description": nil, "is_disabled": false, "metadata": M{"k": "v"}, "updated_at": before}}}})
	})
}

// Two admins changing different fields of one channel at once both keep their change: an
// update must not write back a stale copy of the fields it did not touch.
func TestConcurrentUpdatesKeepEachOthersFields(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		path := "/admin/sales-channels/" + srv.Channel("start")
		for round := range 20 {
			name, desc := fmt.Sprintf("name %d", round), fmt.Sprintf("description %d", round)
			start := make(chan struct{})
			done := make(chan int, 2)
			for _, body := range []M{{"name": name}, {"description": desc}} {
				go func() {
					<-start
					done <- srv.Post(path, body).Status
				}()
			}
			close(start)
			for range 2 {
				if status := <-done; status != 200 {
					t.Fatalf("round %d: update answered %d", round, status)
				}
			}
			r := srv.Get(path).Must(200)
			if r.String("sales_channel.name") != name || r.String("sales_channel.description") != desc {
				t.Fatalf("round %d: a concurrent update was lost: %s", round, r.Body)
			}
		}
	})
}
