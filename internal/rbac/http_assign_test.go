package rbac_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// TestAssignmentValidation is V38: refusals leave the user without a role.
func TestAssignmentValidation(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a := s.Channel("A")
		roleID := role(t, s, "Readers", "product:read")
		userID, _ := s.CreateUser("x@example.com", nil)
		roles := "/admin/users/" + userID + "/roles"
		Run(t, s, []Case{
			{Name: "empty channels", Method: "POST", Path: roles, Body: M{"roles": A{roleID}, "sales_channel_ids": A{}}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Value for field 'sales_channel_ids' too small, expected at least: '1'")},
			{Name: "missing channel", Method: "POST", Path: roles, Body: M{"roles": A{roleID}, "sales_channel_ids": A{a, "sc_missing"}}, Status: 400,
				Exact: ErrBody("invalid_data", "Sales channels with IDs sc_missing do not exist")},
			{Name: "channels not an array", Method: "POST", Path: roles, Body: M{"roles": A{roleID}, "sales_channel_ids": "sc_x"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Expected type: 'array' for field 'sales_channel_ids', got: 'sc_x'")},
			{Name: "missing role", Method: "POST", Path: roles, Body: M{"roles": A{"role_missing2", roleID, "role_missing1"}}, Status: 400,
				Exact: ErrBody("invalid_data", "The following role IDs do not exist: role_missing2, role_missing1")},
			{Name: "missing user", Method: "POST", Path: "/admin/users/user_missing/roles", Body: M{"roles": A{roleID}}, Status: 404,
				Exact: ErrBody("not_found", `User with id "user_missing" not found`)},
			{Name: "missing role's users", Method: "POST", Path: "/admin/rbac/roles/role_missing/users", Body: M{"users": A{userID}}, Status: 404,
				Exact: ErrBody("not_found", `Role with id "role_missing" not found`)},
			{Name: "missing users", Method: "POST", Path: "/admin/rbac/roles/" + roleID + "/users", Body: M{"users": A{"user_missing2", userID, "user_missing1"}}, Status: 400,
				Exact: ErrBody("invalid_data", "The following user IDs do not exist: user_missing2, user_missing1")},
			{Name: "no role after all", Method: "GET", Path: roles, Status: 200,
				Exact: `{"roles":[],"count":0,"offset":0,"limit":50}`},
			{Name: "super admin only store-wide", Method: "POST", Path: roles, Body: M{"roles": A{"role_super_admin"}, "sales_channel_ids": A{a}}, Status: 400,
				Exact: ErrBody("invalid_data", "The Super Admin role can only be assigned store-wide")},
		})
	})
}

// TestOneRoleManyChannels is V37's assignment listing and §5.3's add and remove semantics.
func TestOneRoleManyChannels(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		roleID := role(t, s, "Catalogue", "product:read", "sales_channel:read")
		x, _ := s.CreateUser("x@example.com", M{"roles": A{roleID}, "sales_channel_ids": A{a}})
		y, _ := s.CreateUser("y@example.com", nil)
		users := "/admin/rbac/roles/" + roleID + "/users"
		Run(t, s, []Case{
			{Name: "assign y in B", Method: "POST", Path: users + "?fields=id,+sales_channel_ids", Body: M{"users": A{y}, "sales_channel_ids": A{b}}, Status: 200,
				Exact: `{"users":[{"id":"` + x + `","sales_channel_ids":["` + a + `"]},{"id":"` + y + `","sales_channel_ids":["` + b + `"]}]}`},
			{Name: "again is idempotent", Method: "POST", Path: users + "?fields=id", Body: M{"users": A{y}, "sales_channel_ids": A{b}}, Status: 200,
				Exact: `{"users":[{"id":"` + x + `"},{"id":"` + y + `"}]}`},
			{Name: "holders with default fields", Method: "GET", Path: users, Status: 200,
				Want: M{"count": 2, "offset": 0, "limit": 50, "users": A{
					M{"id": x, "email": "x@example.com", "first_name": nil, "last_name": nil, "avatar_url": nil, "metadata": nil,
						"created_at": Any, "updated_at": Any, "deleted_at": nil, "sales_channel_ids": Absent},
					M{"id": y, "email": "y@example.com"}}},
				Check: func(t *testing.T, r *Response) {
					if k := r.Keys("users"); len(k) != 9 {
						t.Errorf("user keys %v", k)
					}
				}},
			{Name: "with channels", Method: "GET", Path: users + "?fields=id,+sales_channel_ids&user_id[]=" + y, Status: 200,
				Exact: `{"users":[{"id":"` + y + `","sales_channel_ids":["` + b + `"]}],"count":1,"offset":0,"limit":50}`},
			{Name: "fields on the link", Method: "GET", Path: users + "?fields=user.id,user.email&user_id=" + x, Status: 200,
				Exact: `{"users":[{"id":"` + x + `","email":"x@example.com"}],"count":1,"offset":0,"limit":50}`},
			{Name: "y store-wide too", Method: "POST", Path: "/admin/users/" + y + "/roles?fields=id,+sales_channel_ids", Body: M{"roles": A{roleID}}, Status: 200,
				Exact: `{"roles":[{"id":"` + roleID + `","sales_channel_ids":null}]}`},
			{Name: "y drops only store-wide", Method: "DELETE", Path: "/admin/users/" + y + "/roles", Body: M{"roles": A{roleID}, "sales_channel_ids": nil}, Status: 200,
				Exact: `{"ids":["` + roleID + `"],"object":"user_role","deleted":true}`},
			{Name: "y keeps B", Method: "GET", Path: "/admin/users/" + y + "/roles?fields=id,+sales_channel_ids", Status: 200,
				Exact: `{"roles":[{"id":"` + roleID + `","sales_channel_ids":["` + b + `"]}],"count":1,"offset":0,"limit":50}`},
			{Name: "x drops the role", Method: "DELETE", Path: "/admin/users/" + x + "/roles/" + roleID, Status: 200,
				Exact: `{"id":"` + roleID + `","object":"user_role","deleted":true}`},
			{Name: "y drops everything", Method: "DELETE", Path: users, Body: M{"users": A{y}}, Status: 200,
				Exact: `{"ids":["` + y + `"],"object":"role_user","deleted":true}`},
			{Name: "nobody holds it", Method: "GET", Path: users, Status: 200,
				Exact: `{"users":[],"count":0,"offset":0,"limit":50}`},
		})
		// The changes were recorded, each assignment with its channel and its actor (V41).
		after := apitest.Scalar[string](t, s, `SELECT changes FROM audit_log WHERE action = 'rbac_role.user_added'
			AND resource = 'user_rbac_role' AND sales_channel_id = $1 AND actor_type = 'user' AND actor_id = $2`, a, adminID(s))
		ExpectExact(t, []byte(after), `{"before":null,"after":{"user_id":"`+x+`","rbac_role_id":"`+roleID+`","sales_channel_id":"`+a+`"}}`)
		n := apitest.Scalar[int](t, s, `SELECT count(*) FROM audit_log WHERE action = 'rbac_role.user_added' AND resource = 'user_rbac_role' AND sales_channel_id = $1`, b)
		if n != 1 {
			t.Errorf("user_added in B: %d", n)
		}
		n = apitest.Scalar[int](t, s, `SELECT count(*) FROM audit_log WHERE action = 'rbac_role.user_removed'`)
		if n != 3 {
			t.Errorf("user_removed: %d", n)
		}
	})
}

// TestChannelDeletionDropsAssignments: a pair whose last assignment goes with its channel no
// longer holds the role, and its holder loses the permissions at once.
func TestChannelDeletionDropsAssignments(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a := s.Channel("A")
		x, la := limited(t, s, "x@example.com", []string{"product:read"}, a)
		la.Get("/admin/rbac/me/permissions").Must(200)
		s.Do("DELETE", "/admin/sales-channels/"+a, nil, nil).Must(200)
		Run(t, s, []Case{
			{Name: "no role left", Method: "GET", Path: "/admin/users/" + x + "/roles", Status: 200,
				Exact: `{"roles":[],"count":0,"offset":0,"limit":50}`},
		})
		Run(t, la, []Case{
			{Name: "no permission left", Method: "GET", Path: "/admin/rbac/me/permissions", Status: 200, Exact: `{"permissions":[]}`},
			{Name: "forbidden", Method: "GET", Path: "/admin/rbac/roles", Status: 403, Exact: ErrBody("forbidden", "Forbidden")},
		})
	})
}
