package dashboard_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

func TestDashboardReferenceRoutes(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		anonymous := map[string]string{"Authorization": ""}
		Run(t, s, []Case{
			{Name: "feature flags without a login", Method: "GET", Path: "/admin/feature-flags", Headers: anonymous, Status: 200,
				Exact: `{"feature_flags":{"backend_hmr":false,"caching":false,"index_engine":false,"rbac_filter_fields":false,` +
					`"rbac":true,"translation":false,"view_configurations":false}}`},
			{Name: "notifications", Method: "GET", Path: "/admin/notifications", Status: 200,
				Exact: `{"notifications":[],"count":0,"offset":0,"limit":50}`},
			{Name: "notifications filtered and paged", Method: "GET",
				Path:   "/admin/notifications?q=a&channel=email&to[]=a@example.com&id=noti_1&offset=10&limit=5&order=-created_at&fields=id,+status,*provider",
				Status: 200, Exact: `{"notifications":[],"count":0,"offset":10,"limit":5}`},
			// The dashboard's notification feed.
			{Name: "notifications feed", Method: "GET", Path: "/admin/notifications?to%5B0%5D=user_1&to%5B1%5D=a%40example.com&to%5B2%5D=&channel=feed&limit=20&offset=0",
				Status: 200, Exact: `{"notifications":[],"count":0,"offset":0,"limit":20}`},
			{Name: "notifications latest", Method: "GET", Path: "/admin/notifications?limit=1&offset=0&fields=created_at", Status: 200,
				Exact: `{"notifications":[],"count":0,"offset":0,"limit":1}`},
			{Name: "notifications $or", Method: "GET", Path: "/admin/notifications?$or[0][channel]=email", Status: 200,
				Exact: `{"notifications":[],"count":0,"offset":0,"limit":50}`},
			{Name: "notifications unknown filter", Method: "GET", Path: "/admin/notifications?status=failed", Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'status'"}`},
			{Name: "notifications bad limit", Method: "GET", Path: "/admin/notifications?limit=x", Status: 400, Want: M{"type": "invalid_data"}},
			{Name: "notifications unknown field", Method: "GET", Path: "/admin/notifications?fields=nope", Status: 400, Want: M{"type": "invalid_data"}},
			{Name: "notifications bad order", Method: "GET", Path: "/admin/notifications?order=nope", Status: 400,
				Exact: `{"type":"invalid_data","message":"Order field nope is not valid"}`},
			{Name: "notification", Method: "GET", Path: "/admin/notifications/noti_1", Status: 404,
				Exact: `{"type":"not_found","message":"Notification with id: noti_1 was not found"}`},
			{Name: "notification unknown query", Method: "GET", Path: "/admin/notifications/noti_1?foo=1", Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
			{Name: "layouts", Method: "GET", Path: "/admin/layouts/configurations", Status: 200,
				Exact: `{"layout_configurations":[],"count":0,"offset":0,"limit":20}`},
			{Name: "layouts filtered", Method: "GET", Path: "/admin/layouts/configurations?zone=product.details.before&fields=id,configuration&limit=3",
				Status: 200, Exact: `{"layout_configurations":[],"count":0,"offset":0,"limit":3}`},
			{Name: "layouts unknown filter", Method: "GET", Path: "/admin/layouts/configurations?foo=1", Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
			{Name: "zone layout", Method: "GET", Path: "/admin/layouts/product.details.before/configuration", Status: 200,
				Exact: `{"personal_configuration":null,"default_configuration":null,"active_scope":"default"}`},
			{Name: "search indexes", Method: "GET", Path: "/admin/search-indexes", Status: 200,
				Exact: `{"search_indexes":[],"enabled":false}`},
			{Name: "search indexes need a login", Method: "GET", Path: "/admin/search-indexes", Headers: anonymous, Status: 401,
				Exact: `{"message":"Unauthorized"}`},
		})
	})
}

// A channel-limited admin loads the dashboard's reference routes: none belongs to a channel.
func TestDashboardReferenceRoutesForALimitedAdmin(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		sc := s.Post("/admin/sales-channels", M{"name": "Shop A"}).Must(200).String("sales_channel.id")
		_, la := s.Limited("la@example.com", []string{"notification:read"}, sc)
		_, other := s.Limited("other@example.com", []string{"product:read"}, sc)
		Run(t, la, []Case{
			{Name: "notifications", Method: "GET", Path: "/admin/notifications", Status: 200, Want: M{"count": 0}},
			{Name: "notification", Method: "GET", Path: "/admin/notifications/noti_1", Status: 404},
			{Name: "layouts", Method: "GET", Path: "/admin/layouts/configurations", Status: 200},
			{Name: "zone layout", Method: "GET", Path: "/admin/layouts/orders/configuration", Status: 200},
			{Name: "search indexes", Method: "GET", Path: "/admin/search-indexes", Status: 200},
		})
		Run(t, other, []Case{
			{Name: "notifications need their read", Method: "GET", Path: "/admin/notifications", Status: 403},
			{Name: "layouts are open", Method: "GET", Path: "/admin/layouts/configurations", Status: 200},
		})
	})
}
