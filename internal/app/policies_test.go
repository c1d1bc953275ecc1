package app_test

import (
	"regexp"
	"slices"
	"testing"

	"channeld/internal/apitest"
	"channeld/internal/app"
	"channeld/internal/platform/httpapi"
	"channeld/internal/rbac"
)

var pathParam = regexp.MustCompile(`\{[^}]+\}`)

// TestEveryAdminRouteIsDeclared walks the router's routes: every admin route has a rule in
// the route table (or the rbac module's) or is one of the few open ones, every rule names a
// route, and a user with no role gets E23 from every declared route and not from the open
// ones, so a route mounted without its rule fails here.
func TestEveryAdminRouteIsDeclared(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		declared := map[string]bool{}
		for _, r := range slices.Concat(app.AdminRules, rbac.RouteRules) {
			declared[r.Method+" "+r.Path] = true
		}
		mounted := map[string]bool{}
		nobody := s.NoRole("nobody@example.com")
		for _, r := range s.App.Router.Routes() {
			if r.Security != httpapi.Admin {
				continue
			}
			key := r.Method + " " + r.Path
			mounted[key] = true
			open := slices.Contains(app.OpenAdminRoutes, key)
			if !open && !declared[key] {
				t.Errorf("%s has no policy rule", key)
				continue
			}
			res := nobody.Do(r.Method, pathParam.ReplaceAllString(r.Path, "x_1"), nil, nil)
			forbidden := res.Status == 403 && res.String("message") == "Forbidden"
			if open == forbidden {
				t.Errorf("%s as a user with no role: %d %s", key, res.Status, res.Body)
			}
		}
		for key := range declared {
			if !mounted[key] {
				t.Errorf("rule %s names no mounted route", key)
			}
		}
	})
}

// TestNoRoleIsForbidden is V39.
func TestNoRoleIsForbidden(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		nobody := s.NoRole("nobody@example.com")
		apitest.Run(t, nobody, []apitest.Case{
			{Name: "products", Method: "GET", Path: "/admin/products", Status: 403, Exact: apitest.ErrBody("forbidden", "Forbidden")},
			{Name: "me", Method: "GET", Path: "/admin/users/me", Status: 200},
			{Name: "permissions", Method: "GET", Path: "/admin/rbac/me/permissions", Status: 200, Exact: `{"permissions":[]}`},
			{Name: "permissions in full", Method: "GET", Path: "/admin/rbac/me/permissions?fields=%2Bglobal_permissions,%2Bsales_channels", Status: 200,
				Exact: `{"permissions":[],"global_permissions":[],"sales_channels":[]}`},
		})
	})
}
