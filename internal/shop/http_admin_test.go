package shop_test

import (
	"fmt"
	"testing"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/apitest"
	"channeld/internal/platform/db/dbtest"
)

type (
	M = apitest.M
	A = apitest.A
)

// currencies lists the store's currencies as "code" or "code*" for the default, as stored.
func currencies(t *testing.T, srv *apitest.Server) []string {
	t.Helper()
	return dbtest.Column[string](t, srv.App.DB.Read(),
		`SELECT currency_code || CASE WHEN is_default THEN '*' ELSE '' END FROM store_currency ORDER BY currency_code`)
}

func TestStores(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		storeID := apitest.Scalar[string](t, srv, `SELECT id FROM store`)
		oldDefault := apitest.Scalar[string](t, srv, `SELECT default_sales_channel_id FROM store`)
		other := srv.Channel("Other")
		gone := srv.Channel("Gone")
		srv.Do("DELETE", "/admin/sales-channels/"+gone, nil, nil).Must(200)
		path := "/admin/stores/" + storeID

		wantStore := M{
			"id": storeID, "name": "Medusa Store", "default_sales_channel_id": oldDefault,
			"default_region_id": nil, "default_location_id": nil, "metadata": nil,
			"created_at": apitest.Any, "updated_at": apitest.Any,
			"supported_currencies": A{M{
				"id": apitest.Any, "currency_code": "eur", "is_default": true, "is_tax_inclusive": false,
				"store_id": storeID, "currency": M{"code": "eur", "decimal_digits": 2, "name": "Euro", "symbol": "€", "symbol_native": "€", "rounding": 0},
			}},
		}
		unchanged := func(t *testing.T, _ *apitest.Response) {
			t.Helper()
			if got := apitest.Scalar[string](t, srv, `SELECT name FROM store`); got != "Medusa Store" {
				t.Errorf("store name %q after a refused update", got)
			}
			if got := apitest.Scalar[string](t, srv, `SELECT default_sales_channel_id FROM store`); got != oldDefault {
				t.Errorf("default channel %q after a refused update", got)
			}
			if d := cmp.Diff([]string{"eur*"}, currencies(t, srv)); d != "" {
				t.Errorf("currencies after a refused update (-want +got):\n%s", d)
			}
		}
		apitest.Run(t, srv, []apitest.Case{
			{Name: "list", Method: "GET", Path: "/admin/stores", Status: 200,
				Want: M{"stores": A{wantStore}, "count": 1, "offset": 0, "limit": 20}},
			{Name: "list by id", Method: "GET", Path: "/admin/stores?id=" + storeID, Status: 200, Want: M{"count": 1}},
			{Name: "linked currency fields", Method: "GET", Path: path + "?fields=id,supported_currencies.currency.name,supported_currencies.currency.decimal_digits",
				Status: 200, Exact: `{"store":{"id":"` + storeID + `","supported_currencies":[{"currency":{"name":"Euro","decimal_digits":2}}]}}`},
			{Name: "unknown linked currency field", Method: "GET", Path: path + "?fields=supported_currencies.currency.nope", Status: 400,
				Want: M{"type": "invalid_data"}},
			{Name: "list by another id", Method: "GET", Path: "/admin/stores?id=store_nope", Status: 200,
				Exact: `{"stores":[],"count":0,"offset":0,"limit":20}`},
			{Name: "list by q", Method: "GET", Path: "/admin/stores?q=medusa", Status: 200, Want: M{"count": 1}},
			{Name: "list by name that does not match", Method: "GET", Path: "/admin/stores?name=Other", Status: 200, Want: M{"count": 0, "stores": A{}}},
			{Name: "list past the end keeps the count", Method: "GET", Path: "/admin/stores?offset=1", Status: 200,
				Exact: `{"stores":[],"count":1,"offset":1,"limit":20}`},
			{Name: "list with fields", Method: "GET", Path: "/admin/stores?fields=name", Status: 200,
				Exact: `{"stores":[{"name":"Medusa Store","id":"` + storeID + `"}],"count":1,"offset":0,"limit":20}`},
			{Name: "list with unknown param", Method: "GET", Path: "/admin/stores?foo=1", Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'foo'")},
			{Name: "retrieve", Method: "GET", Path: path, Status: 200, Want: M{"store": wantStore}},
			{Name: "retrieve unknown", Method: "GET", Path: "/admin/stores/store_nope", Status: 404,
				Exact: apitest.ErrBody("not_found", "Store with id: store_nope was not found")},
			{Name: "update unknown", Method: "POST", Path: "/admin/stores/store_nope", Body: M{"name": "x"}, Status: 404,
				Exact: apitest.ErrBody("not_found", "Store with id: store_nope was not found")},
			{Name: "update with unknown field", Method: "POST", Path: path, Body: M{"foo": 1}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'foo'"), Check: unchanged},
			{Name: "currencies without a default", Method: "POST", Path: path,
				Body: M{"supported_currencies": A{M{"currency_code": "usd"}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "There should be a default currency set for the store"), Check: unchanged},
			{Name: "currencies with two defaults", Method: "POST", Path: path,
				Body: M{"supported_currencies": A{M{"currency_code": "usd", "is_default": true}, M{"currency_code": "eur", "is_default": true}}}, Status: 400,
				Check: unchanged},
			{Name: "bad currency with a name change changes neither", Method: "POST", Path: path,
				Body: M{"name": "New", "supported_currencies": A{M{"currency_code": "xyz", "is_default": true}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Currency code xyz is not a valid ISO 4217 currency"), Check: unchanged},
			{Name: "duplicate currency", Method: "POST", Path: path,
				Body: M{"supported_currencies": A{M{"currency_code": "usd", "is_default": true}, M{"currency_code": "USD"}}}, Status: 400,
				Check: unchanged},
			{Name: "currency_code missing", Method: "POST", Path: path,
				Body: M{"supported_currencies": A{M{"is_default": true}}}, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Invalid request: Field 'supported_currencies, 0, currency_code' is required"), Check: unchanged},
			{Name: "default channel unknown", Method: "POST", Path: path, Body: M{"name": "New", "default_sales_channel_id": "sc_nope"}, Status: 404,
				Exact: apitest.ErrBody("not_found", "SalesChannel with id: sc_nope was not found"), Check: unchanged},
			{Name: "default channel deleted", Method: "POST", Path: path, Body: M{"default_sales_channel_id": gone}, Status: 404,
				Exact: apitest.ErrBody("not_found", "SalesChannel with id: "+gone+" was not found"), Check: unchanged},
			{Name: "update name", Method: "POST", Path: path, Body: M{"name": "My Shop"}, Status: 200,
				Want: M{"store": M{"id": storeID, "name": "My Shop", "default_sales_channel_id": oldDefault}}},
			{Name: "update currencies", Method: "POST", Path: path,
				Body: M{"supported_currencies": A{M{"currency_code": "USD", "is_default": true}, M{"currency_code": "eur", "is_tax_inclusive": true}}}, Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					if d := cmp.Diff([]string{"eur", "usd*"}, currencies(t, srv)); d != "" {
						t.Errorf("currencies (-want +got):\n%s", d)
					}
					got := map[string]any{}
					for _, c := range r.Get("store.supported_currencies").([]any) {
						got[apitest.Lookup(c, "currency_code").(string)] = M{
							"is_default": apitest.Lookup(c, "is_default"), "is_tax_inclusive": apitest.Lookup(c, "is_tax_inclusive"),
						}
					}
					want := map[string]any{"usd": M{"is_default": true, "is_tax_inclusive": false}, "eur": M{"is_default": false, "is_tax_inclusive": true}}
					if d := cmp.Diff(want, got); d != "" {
						t.Errorf("response currencies (-want +got):\n%s", d)
					}
				}},
			{Name: "move the default channel", Method: "POST", Path: path, Body: M{"default_sales_channel_id": other}, Status: 200,
				Want: M{"store": M{"default_sales_channel_id": other, "name": "My Shop"}}},
			{Name: "the new default cannot be deleted", Method: "DELETE", Path: "/admin/sales-channels/" + other, Status: 400,
				Exact: apitest.ErrBody("invalid_data", "Cannot delete default sales channels: "+other)},
			{Name: "the old default can be deleted", Method: "DELETE", Path: "/admin/sales-channels/" + oldDefault, Status: 200,
				Exact: `{"id":"` + oldDefault + `","object":"sales-channel","deleted":true}`},
			{Name: "metadata", Method: "POST", Path: path, Body: M{"metadata": M{"a": "b"}}, Status: 200,
				Want: M{"store": M{"metadata": M{"a": "b"}}}},
			{Name: "null default channel", Method: "POST", Path: path, Body: M{"default_sales_channel_id": nil, "metadata": nil}, Status: 200,
				Want: M{"store": M{"default_sales_channel_id": nil, "metadata": nil, "name": "My Shop"}}},
			{Name: "with no default, any channel can be deleted", Method: "DELETE", Path: "/admin/sales-channels/" + other, Status: 200},
			{Name: "the store keeps its changes", Method: "GET", Path: path, Status: 200,
				Want: M{"store": M{"name": "My Shop", "default_sales_channel_id": nil, "metadata": nil}}},
		})
	})
}

// Moving the store's default to a channel while that channel is being deleted never leaves
// the store pointing at a deleted channel: one of the two requests must lose.
func TestDefaultChannelRace(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		storePath := "/admin/stores/" + apitest.Scalar[string](t, srv, `SELECT id FROM store`)
		original := apitest.Scalar[string](t, srv, `SELECT default_sales_channel_id FROM store`)
		for round := range 20 {
			c := srv.Channel("candidate")
			start := make(chan struct{})
			results := make(chan string, 2)
			go func() {
				<-start
				results <- fmt.Sprintf("update %d", srv.Post(storePath, M{"default_sales_channel_id": c}).Status)
			}()
			go func() {
				<-start
				results <- fmt.Sprintf("delete %d", srv.Do("DELETE", "/admin/sales-channels/"+c, nil, nil).Status)
			}()
			close(start)
			got := []string{<-results, <-results}
			def := apitest.Scalar[string](t, srv, `SELECT default_sales_channel_id FROM store`)
			deleted := apitest.Scalar[int](t, srv, `SELECT count(*) FROM sales_channel WHERE id = $1 AND deleted_at IS NOT NULL`, c)
			if def == c && deleted == 1 {
				t.Fatalf("round %d: the store's default %s is deleted (%v)", round, c, got)
			}
			if def != c && deleted == 0 {
				t.Fatalf("round %d: neither request took effect (%v)", round, got)
			}
			srv.Post(storePath, M{"default_sales_channel_id": original}).Must(200)
		}
	})
}
