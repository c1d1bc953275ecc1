package rbac_test

import (
	"encoding/base64"
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// TestUsers is user administration: create with a password, list, retrieve, update, delete.
func TestUsers(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		sa := adminID(s)
		created := s.Post("/admin/users", M{"email": "Jane@Example.com", "password": "password1", "first_name": "Jane"}).Must(200)
		jane := created.String("user.id")
		if k := created.Keys("user"); len(k) != 9 {
			t.Errorf("user keys %v", k)
		}
		Run(t, s, []Case{
			{Name: "created", Method: "GET", Path: "/admin/users/" + jane, Status: 200, Want: M{"user": M{
				"id": jane, "email": "jane@example.com", "first_name": "Jane", "last_name": nil, "avatar_url": nil, "metadata": nil,
				"created_at": Any, "updated_at": Any, "deleted_at": nil, "password": Absent, "password_hash": Absent}}},
			{Name: "duplicate email", Method: "POST", Path: "/admin/users", Body: M{"email": "jane@example.com", "password": "password1"}, Status: 422,
				Exact: `{"code":"invalid_request_error","type":"duplicate_error","message":"User with email: jane@example.com already exists"}`},
			{Name: "short password", Method: "POST", Path: "/admin/users", Body: M{"email": "x@example.com", "password": "short"}, Status: 400,
				Want: M{"type": "invalid_data"}},
			{Name: "strict body", Method: "POST", Path: "/admin/users", Body: M{"email": "x@example.com", "password": "password1", "role": "x"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'role'")},
			{Name: "q", Method: "GET", Path: "/admin/users?q=JANE&fields=id", Status: 200,
				Exact: `{"users":[{"id":"` + jane + `"}],"count":1,"offset":0,"limit":50}`},
			{Name: "first_name null", Method: "GET", Path: "/admin/users?first_name=null&fields=id", Status: 200,
				Want: M{"count": Any}},
			{Name: "by id", Method: "GET", Path: "/admin/users?id[]=" + sa + "&id[]=" + jane + "&fields=id&order=created_at", Status: 200,
				Want: M{"count": 2, "users": A{M{"id": sa}, M{"id": jane}}}},
			{Name: "update", Method: "POST", Path: "/admin/users/" + jane, Body: M{"last_name": "Doe", "metadata": M{"team": "ops"}, "first_name": nil}, Status: 200,
				Want: M{"user": M{"first_name": nil, "last_name": "Doe", "metadata": M{"team": "ops"}}}},
			{Name: "update unknown", Method: "POST", Path: "/admin/users/user_nope", Body: M{"last_name": "X"}, Status: 404,
				Exact: ErrBody("not_found", "User with id: user_nope was not found")},
			{Name: "unknown", Method: "GET", Path: "/admin/users/user_nope", Status: 404,
				Exact: ErrBody("not_found", "User with id: user_nope was not found")},
			{Name: "its roles", Method: "GET", Path: "/admin/users/" + sa + "?fields=id,*rbac_roles", Status: 200,
				Want: M{"user": M{"id": sa, "rbac_roles": A{M{"id": "role_super_admin", "name": "Super Admin"}}}}},
			{Name: "oneself", Method: "DELETE", Path: "/admin/users/" + sa, Status: 400,
				Exact: ErrBody("not_allowed", "A user cannot delete itself")},
			{Name: "delete", Method: "DELETE", Path: "/admin/users/" + jane, Status: 200,
				Exact: `{"id":"` + jane + `","object":"user","deleted":true}`},
			{Name: "deleted", Method: "GET", Path: "/admin/users/" + jane, Status: 404},
			{Name: "the email is free again", Method: "POST", Path: "/admin/users", Body: M{"email": "jane@example.com", "password": "password1"}, Status: 200},
			{Name: "delete unknown", Method: "DELETE", Path: "/admin/users/user_nope", Status: 200,
				Exact: `{"id":"user_nope","object":"user","deleted":true}`},
		})
		s.Do("POST", "/auth/user/emailpass", M{"email": "jane@example.com", "password": "password1"}, nil).Must(200)
		for action, want := range map[string]int{"user.created": 2, "user.deleted": 1} {
			if n := apitest.Scalar[int](t, s, `SELECT count(*) FROM audit_log WHERE action = $1 AND resource = 'user'`, action); n != want {
				t.Errorf("%s entries: %d, want %d", action, n, want)
			}
		}
	})
}

// TestLastSuperAdmin is E28: the last live holder of Super Admin keeps it, however it would
// go; a second super admin may go.
func TestLastSuperAdmin(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		sa := adminID(s)
		other, otherToken := s.CreateUser("other@example.com", M{"roles": A{"role_super_admin"}})
		last := ErrBody("not_allowed", "Cannot remove the last super admin")
		Run(t, s, []Case{
			{Name: "two super admins, one may go", Method: "DELETE", Path: "/admin/users/" + sa + "/roles/role_super_admin", Status: 200},
			{Name: "the other is the last", Method: "DELETE", Path: "/admin/rbac/roles/role_super_admin/users", Body: M{"users": A{other}}, Status: 400, Exact: last,
				Headers: map[string]string{"Authorization": "Bearer " + otherToken}},
			{Name: "nor by removing its roles", Method: "DELETE", Path: "/admin/users/" + other + "/roles", Body: M{"roles": A{"role_super_admin"}}, Status: 400, Exact: last,
				Headers: map[string]string{"Authorization": "Bearer " + otherToken}},
		})
		// A secret API key acts as the super admin; the last one still stays.
		key := s.As(otherToken).Post("/admin/api-keys", M{"title": "ops", "type": "secret"}).Must(200).String("api_key.token")
		basic := map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(key+":"))}
		Run(t, s, []Case{
			{Name: "a key lists users", Method: "GET", Path: "/admin/users?fields=id", Headers: basic, Status: 200, Want: M{"count": 2}},
			{Name: "a key does not delete the last", Method: "DELETE", Path: "/admin/users/" + other, Headers: basic, Status: 400, Exact: last},
			{Name: "a key gives it back", Method: "POST", Path: "/admin/users/" + sa + "/roles", Body: M{"roles": A{"role_super_admin"}}, Headers: basic, Status: 200},
			{Name: "then the other may go", Method: "DELETE", Path: "/admin/users/" + other, Headers: basic, Status: 200},
		})
		if n := apitest.Scalar[int](t, s, `SELECT count(*) FROM user_rbac_role WHERE user_id = $1`, other); n != 0 {
			t.Errorf("a deleted user keeps %d assignments", n)
		}
	})
}

// TestPolicies is the policy routes and their audit entries.
func TestPolicies(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		p := s.Post("/admin/rbac/policies", M{"key": "report:export", "resource": "Report", "operation": "EXPORT", "name": "ExportReport"}).Must(200)
		id := p.String("policy.id")
		Run(t, s, []Case{
			{Name: "created lower-cased", Method: "GET", Path: "/admin/rbac/policies/" + id, Status: 200, Want: M{"policy": M{
				"id": id, "key": "report:export", "resource": "report", "operation": "export", "name": "ExportReport", "description": nil,
				"metadata": nil, "deleted_at": nil}}},
			{Name: "required", Method: "POST", Path: "/admin/rbac/policies", Body: M{"key": "a:b", "resource": "a"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Field 'operation' is required")},
			{Name: "update", Method: "POST", Path: "/admin/rbac/policies/" + id, Body: M{"description": "Export a report"}, Status: 200,
				Want: M{"policy": M{"description": "Export a report"}}},
			{Name: "update unknown", Method: "POST", Path: "/admin/rbac/policies/rpol_nope", Body: M{"name": "x"}, Status: 404,
				Exact: ErrBody("not_found", `Policy with id "rpol_nope" not found`)},
			{Name: "unknown", Method: "GET", Path: "/admin/rbac/policies/rpol_nope", Status: 404,
				Exact: ErrBody("not_found", "Policy with id: rpol_nope not found")},
			{Name: "in the permissions", Method: "GET", Path: "/admin/rbac/me/permissions", Status: 200,
				Check: func(t *testing.T, r *Response) {
					found := false
					for _, k := range r.Get("permissions").([]any) {
						found = found || k == "report:export"
					}
					if !found {
						t.Error("report:export is not listed")
					}
				}},
			{Name: "roles of unknown policy", Method: "GET", Path: "/admin/rbac/policies/rpol_nope/roles", Status: 404,
				Exact: ErrBody("not_found", "RbacPolicy id not found: rpol_nope")},
			{Name: "roles of the super admin policy", Method: "GET", Path: "/admin/rbac/policies/rpol_super_admin/roles", Status: 200,
				Want: M{"count": 1, "offset": 0, "limit": 10, "roles": A{M{"id": "role_super_admin", "name": "Super Admin", "metadata": Absent,
					"users": A{M{"id": adminID(s)}}}}}},
			{Name: "assignable", Method: "GET", Path: "/admin/rbac/policies/assignable?key=report:export", Status: 200,
				Exact: `{"policies":[{"id":"` + id + `","key":"report:export","resource":"report","operation":"export","description":"Export a report"}],"count":1}`},
			{Name: "delete", Method: "DELETE", Path: "/admin/rbac/policies/" + id, Status: 200,
				Exact: `{"id":"` + id + `","object":"rbac_policy","deleted":true}`},
			{Name: "with deleted", Method: "GET", Path: "/admin/rbac/policies?key=report:export&with_deleted=true&fields=id", Status: 200,
				Want: M{"count": 1}},
			{Name: "without", Method: "GET", Path: "/admin/rbac/policies?key=report:export", Status: 200,
				Want: M{"count": 0}},
		})
		for _, action := range []string{"rbac_policy.created", "rbac_policy.updated", "rbac_policy.deleted"} {
			if n := apitest.Scalar[int](t, s, `SELECT count(*) FROM audit_log WHERE action = $1 AND resource_id = $2`, action, id); n != 1 {
				t.Errorf("%s entries: %d", action, n)
			}
		}
	})
}
