package app_test

import (
	"testing"

	"channeld/internal/apitest"
)

// An unknown path under /store/ or /admin/ asks for the prefix's credentials before it
// answers 404, as Medusa's middleware does: without them a caller learns nothing.
func TestUnknownPathsNeedCredentialsFirst(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		key := srv.Post("/admin/api-keys", apitest.M{"title": "Web", "type": "publishable"}).Must(200).String("api_key.token")
		pk := map[string]string{"x-publishable-api-key": key}
		anonymous := map[string]string{"Authorization": ""}
		keyRequired := `{"type":"not_allowed","message":"Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard."}`
		apitest.Run(t, srv, []apitest.Case{
			{Name: "store, no key", Method: "GET", Path: "/store/nope", Status: 400, Exact: keyRequired},
			{Name: "store, other method, no key", Method: "PUT", Path: "/store/products", Status: 400, Exact: keyRequired},
			{Name: "store, key", Method: "GET", Path: "/store/nope", Headers: pk, Status: 404,
				Exact: `{"type":"not_found","message":"Route GET /store/nope was not found"}`},
			{Name: "store, other method, key", Method: "DELETE", Path: "/store/products", Headers: pk, Status: 404,
				Exact: `{"type":"not_found","message":"Route DELETE /store/products was not found"}`},
			{Name: "admin, no token", Method: "GET", Path: "/admin/nope", Headers: anonymous, Status: 401, Exact: `{"message":"Unauthorized"}`},
			{Name: "admin, token", Method: "GET", Path: "/admin/nope", Status: 404,
				Exact: `{"type":"not_found","message":"Route GET /admin/nope was not found"}`},
			{Name: "elsewhere", Method: "GET", Path: "/nope", Headers: anonymous, Status: 404,
				Exact: `{"type":"not_found","message":"Route GET /nope was not found"}`},
		})
	})
}
