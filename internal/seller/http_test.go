package seller_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestSellers(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		acme := s.Post("/admin/sellers", M{"name": "Acme", "email": "sales@acme.test"}).Must(200).String("seller.id")
		s.Post("/admin/sellers", M{"name": "Globex"}).Must(200)
		web := s.Post("/admin/sales-channels", M{"name": "Acme web", "seller_id": acme}).Must(200).String("sales_channel.id")
		app := s.Post("/admin/sales-channels", M{"name": "Acme app"}).Must(200).String("sales_channel.id")
		Run(t, s, []Case{
			{Name: "created", Method: "GET", Path: "/admin/sellers/" + acme, Status: 200, Want: M{"seller": M{
				"id": acme, "name": "Acme", "email": "sales@acme.test", "metadata": nil,
				"created_at": Any, "updated_at": Any, "deleted_at": nil}}},
			{Name: "name required", Method: "POST", Path: "/admin/sellers", Body: M{"email": "x@y.test"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Field 'name' is required")},
			{Name: "strict body", Method: "POST", Path: "/admin/sellers", Body: M{"name": "X", "vat": "1"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'vat'")},
			{Name: "missing", Method: "GET", Path: "/admin/sellers/sel_nope", Status: 404,
				Exact: ErrBody("not_found", "Seller with id: sel_nope was not found")},
			{Name: "update missing", Method: "POST", Path: "/admin/sellers/sel_nope", Body: M{"name": "X"}, Status: 404,
				Exact: ErrBody("not_found", "Seller with id: sel_nope was not found")},
			{Name: "q on email", Method: "GET", Path: "/admin/sellers?q=ACME.TEST&fields=id", Status: 200,
				Exact: `{"sellers":[{"id":"` + acme + `"}],"count":1,"offset":0,"limit":20}`},
			{Name: "by name", Method: "GET", Path: "/admin/sellers?name[]=Globex&fields=name", Status: 200,
				Want: M{"count": 1, "sellers": A{M{"id": Any, "name": "Globex", "email": Absent}}}},
			{Name: "its channels", Method: "GET", Path: "/admin/sellers/" + acme + "?fields=id,*sales_channels", Status: 200,
				Want: M{"seller": M{"id": acme, "sales_channels": A{M{"id": web, "name": "Acme web", "is_disabled": false}}}}},
			{Name: "channels by seller", Method: "GET", Path: "/admin/sales-channels?seller_id=" + acme + "&fields=id,+seller_id", Status: 200,
				Exact: `{"sales_channels":[{"id":"` + web + `","seller_id":"` + acme + `"}],"count":1,"offset":0,"limit":20}`},
			{Name: "a channel's seller is opt-in", Method: "GET", Path: "/admin/sales-channels/" + web, Status: 200,
				Want: M{"sales_channel": M{"id": web, "seller_id": Absent, "seller": Absent}}},
			{Name: "unknown seller on a channel", Method: "POST", Path: "/admin/sales-channels/" + app, Body: M{"seller_id": "sel_nope"}, Status: 400,
				Exact: ErrBody("invalid_data", "Seller with id: sel_nope was not found")},
			{Name: "a seller with channels stays", Method: "DELETE", Path: "/admin/sellers/" + acme, Status: 400,
				Exact: ErrBody("not_allowed", "Seller "+acme+" still has sales channels: "+web)},
			{Name: "update", Method: "POST", Path: "/admin/sellers/" + acme, Body: M{"email": nil, "metadata": M{"tier": "gold"}}, Status: 200,
				Want: M{"seller": M{"name": "Acme", "email": nil, "metadata": M{"tier": "gold"}}}},
			{Name: "channel leaves its seller", Method: "POST", Path: "/admin/sales-channels/" + web + "?fields=id,+seller_id", Body: M{"seller_id": nil}, Status: 200,
				Exact: `{"sales_channel":{"id":"` + web + `","seller_id":null}}`},
			{Name: "delete", Method: "DELETE", Path: "/admin/sellers/" + acme, Status: 200,
				Exact: `{"id":"` + acme + `","object":"seller","deleted":true}`},
			{Name: "deleted is gone", Method: "GET", Path: "/admin/sellers/" + acme, Status: 404},
			{Name: "a deleted seller takes no channel", Method: "POST", Path: "/admin/sales-channels/" + app, Body: M{"seller_id": acme}, Status: 400,
				Exact: ErrBody("invalid_data", "Seller with id: "+acme+" was not found")},
			{Name: "delete unknown", Method: "DELETE", Path: "/admin/sellers/sel_nope", Status: 200,
				Exact: `{"id":"sel_nope","object":"seller","deleted":true}`},
		})
		WantEvents(t, s, "seller.created", 2)
		WantEvents(t, s, "seller.updated", 1)
		WantEvents(t, s, "seller.deleted", 1)
	})
}
