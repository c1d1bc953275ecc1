package stock_test

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/apitest"
)

type (
	M = apitest.M
	A = apitest.A
)

func TestLocations(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		var id string
		apitest.Run(t, srv, []apitest.Case{
			{Name: "create with a name alone", Method: "POST", Path: "/admin/stock-locations", Body: M{"name": "Main"}, Status: 200,
				Exact: "", Want: M{"stock_location": M{"id": apitest.Any, "name": "Main", "metadata": nil,
					"created_at": apitest.Any, "updated_at": apitest.Any, "address": nil}},
				Check: func(t *testing.T, r *apitest.Response) { id = r.String("stock_location.id") }},
			{Name: "name is required", Method: "POST", Path: "/admin/stock-locations", Body: M{}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Field 'name' is required")},
			{Name: "unknown field", Method: "POST", Path: "/admin/stock-locations", Body: M{"name": "x", "foo": 1}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'foo'")},
			{Name: "create with an address", Method: "POST", Path: "/admin/stock-locations",
				Body: M{"name": "Second", "metadata": M{"a": 1}, "address": M{"address_1": "1 Road", "country_code": "DK", "city": "Aarhus"}}, Status: 200,
				Want: M{"stock_location": M{"name": "Second", "metadata": M{"a": 1}, "address": M{
					"id": apitest.Any, "address_1": "1 Road", "address_2": nil, "city": "Aarhus", "country_code": "DK",
					"phone": nil, "province": nil, "postal_code": nil, "metadata": nil}}}},
		})
		apitest.Run(t, srv, []apitest.Case{
			{Name: "retrieve", Method: "GET", Path: "/admin/stock-locations/" + id, Status: 200, Want: M{"stock_location": M{"id": id, "name": "Main"}}},
			{Name: "retrieve unknown", Method: "GET", Path: "/admin/stock-locations/sloc_nope", Status: 404,
				Exact: apitest.ErrBody("not_found", "Stock location with id: sloc_nope was not found")},
			{Name: "update", Method: "POST", Path: "/admin/stock-locations/" + id,
				Body: M{"name": "Main 2", "address": M{"address_1": "2 Street", "country_code": "de"}}, Status: 200,
				Want: M{"stock_location": M{"name": "Main 2", "address": M{"address_1": "2 Street", "country_code": "de"}}}},
			{Name: "update again keeps the address id", Method: "POST", Path: "/admin/stock-locations/" + id + "?fields=address_id,address.*",
				Body: M{"address": M{"address_1": "3 Street", "country_code": "de"}}, Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					if r.String("stock_location.address_id") != r.String("stock_location.address.id") || r.String("stock_location.address.id") == "" {
						t.Errorf("address id: %s", r.Body)
					}
				}},
			{Name: "update unknown", Method: "POST", Path: "/admin/stock-locations/sloc_nope", Body: M{"name": "x"}, Status: 404,
				Exact: apitest.ErrBody("not_found", "Stock location with id: sloc_nope was not found")},
			{Name: "list", Method: "GET", Path: "/admin/stock-locations?order=name", Status: 200,
				Want: M{"count": 2, "offset": 0, "limit": 20, "stock_locations": A{M{"name": "Main 2"}, M{"name": "Second"}}}},
			{Name: "list q", Method: "GET", Path: "/admin/stock-locations?q=sec", Status: 200,
				Want: M{"count": 1, "stock_locations": A{M{"name": "Second"}}}},
			{Name: "list by id with fields", Method: "GET", Path: "/admin/stock-locations?id=" + id + "&fields=name", Status: 200,
				Exact: `{"stock_locations":[{"name":"Main 2","id":"` + id + `"}],"count":1,"offset":0,"limit":20}`},
			{Name: "unknown field in fields", Method: "GET", Path: "/admin/stock-locations?fields=nope", Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Requested fields [nope] are not valid")},
			{Name: "delete", Method: "DELETE", Path: "/admin/stock-locations/" + id, Status: 200,
				Exact: `{"id":"` + id + `","object":"stock_location","deleted":true}`},
			{Name: "deleted is gone", Method: "GET", Path: "/admin/stock-locations/" + id, Status: 404},
			{Name: "delete again succeeds", Method: "DELETE", Path: "/admin/stock-locations/" + id, Status: 200},
			{Name: "list after delete", Method: "GET", Path: "/admin/stock-locations", Status: 200, Want: M{"count": 1}},
		})
	})
}

func TestLocationChannels(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		a, b := srv.Channel("A"), srv.Channel("B")
		shared := srv.Location("Shared", a, b) // one location, two channels
		onlyA := srv.Location("OnlyA", a)      // channel A has two locations
		apitest.Run(t, srv, []apitest.Case{
			{Name: "link unknown location", Method: "POST", Path: "/admin/stock-locations/sloc_nope/sales-channels", Body: M{"add": A{a}}, Status: 404,
				Exact: apitest.ErrBody("not_found", "Stock location with id: sloc_nope was not found")},
			{Name: "link unknown channel links nothing", Method: "POST", Path: "/admin/stock-locations/" + onlyA + "/sales-channels",
				Body: M{"add": A{b, "sc_nope"}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Sales channels with IDs sc_nope do not exist")},
			{Name: "link answers the default fields", Method: "POST", Path: "/admin/stock-locations/" + onlyA + "/sales-channels", Body: M{"add": A{a}}, Status: 200,
				Exact: "", Check: func(t *testing.T, r *apitest.Response) {
					m, _ := r.Get("stock_location").(map[string]any)
					got := []string{}
					for k := range m {
						got = append(got, k)
					}
					if len(got) != 6 || m["address"] != nil {
						t.Errorf("keys %v", got)
					}
				}},
			{Name: "locations embed channels", Method: "GET", Path: "/admin/stock-locations/" + shared + "?fields=*sales_channels", Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					if d := cmp.Diff(sortedPair(a, b), r.Strings("stock_location.sales_channels", "id")); d != "" {
						t.Error(d)
					}
				}},
			{Name: "filter locations by channel", Method: "GET", Path: "/admin/stock-locations?sales_channel_id=" + b, Status: 200,
				Want: M{"count": 1, "stock_locations": A{M{"id": shared}}}},
			{Name: "channels filter by location", Method: "GET", Path: "/admin/sales-channels?location_id=" + onlyA, Status: 200,
				Want: M{"count": 1, "sales_channels": A{M{"id": a}}}},
			{Name: "channels embed locations", Method: "GET", Path: "/admin/sales-channels/" + a + "?fields=id,stock_locations.name", Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					got := r.Strings("sales_channel.stock_locations", "name")
					if len(got) != 2 {
						t.Errorf("locations of A: %v", got)
					}
				}},
			{Name: "unlink", Method: "POST", Path: "/admin/stock-locations/" + shared + "/sales-channels?fields=*sales_channels", Body: M{"remove": A{b}}, Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					if d := cmp.Diff([]string{a}, r.Strings("stock_location.sales_channels", "id")); d != "" {
						t.Error(d)
					}
				}},
		})
		// Deleting a channel drops its location links; deleting a location drops its channel links.
		srv.Do("DELETE", "/admin/sales-channels/"+a, nil, nil).Must(200)
		if n := apitest.Scalar[int](t, srv, `SELECT count(*) FROM sales_channel_stock_location WHERE sales_channel_id = $1`, a); n != 0 {
			t.Errorf("links of deleted channel: %d", n)
		}
		srv.Post("/admin/stock-locations/"+shared+"/sales-channels", M{"add": A{b}}).Must(200)
		srv.Do("DELETE", "/admin/stock-locations/"+shared, nil, nil).Must(200)
		if n := apitest.Scalar[int](t, srv, `SELECT count(*) FROM sales_channel_stock_location WHERE stock_location_id = $1`, shared); n != 0 {
			t.Errorf("links of deleted location: %d", n)
		}
		r := srv.Get("/admin/sales-channels/" + b + "?fields=*stock_locations").Must(200)
		if r.Len("sales_channel.stock_locations") != 0 {
			t.Errorf("channel B still shows locations: %s", r.Body)
		}
	})
}

func sortedPair(a, b string) []string {
	if a < b {
		return []string{a, b}
	}
	return []string{b, a}
}
