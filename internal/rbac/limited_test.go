package rbac_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// TestLimitedAdminEscalation is V36: a channel-limited admin grants and assigns only what it
// holds, only in its channels.
func TestLimitedAdminEscalation(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		_, la := limited(t, s, "la@example.com", []string{"product:read", "product:update", "rbac_role:read", "rbac_role:create",
			"rbac_role:update", "user:read", "user:create", "user:update"}, a)
		ids := policyIDs(t, s, "product:read", "product:delete")
		Run(t, la, []Case{
			{Name: "grant what it lacks", Method: "POST", Path: "/admin/rbac/roles", Body: M{"name": "Too much", "policy_ids": A{ids[0], ids[1]}}, Status: 403,
				Exact: ErrBody("forbidden", "You do not have access to some of the policies you are trying to assign.")},
			{Name: "grant super admin", Method: "POST", Path: "/admin/rbac/roles", Body: M{"name": "All", "policy_ids": A{"*:*"}}, Status: 403,
				Exact: ErrBody("forbidden", "You do not have access to some of the policies you are trying to assign.")},
		})
		roleID := la.Post("/admin/rbac/roles", M{"name": "Readers", "policy_ids": A{ids[0]}}).Must(200).String("role.id")
		userID := la.Post("/admin/users", M{"email": "new@example.com", "password": "password1", "roles": A{roleID}, "sales_channel_ids": A{a}}).
			Must(200).String("user.id")
		Run(t, la, []Case{
			{Name: "assign in a foreign channel", Method: "POST", Path: "/admin/rbac/roles/" + roleID + "/users", Body: M{"users": A{userID}, "sales_channel_ids": A{b}}, Status: 403,
				Exact: ErrBody("forbidden", "Insufficient permissions. Required policies: user:update, rbac_role:update")},
			{Name: "a missing channel is foreign too", Method: "POST", Path: "/admin/users/" + userID + "/roles", Body: M{"roles": A{roleID}, "sales_channel_ids": A{"sc_missing"}}, Status: 403,
				Exact: ErrBody("forbidden", "Insufficient permissions. Required policies: user:update, rbac_role:update")},
			{Name: "assign store-wide", Method: "POST", Path: "/admin/users/" + userID + "/roles", Body: M{"roles": A{roleID}}, Status: 403,
				Exact: ErrBody("forbidden", "You do not have permission to assign these roles")},
			{Name: "assign the super admin", Method: "POST", Path: "/admin/users/" + userID + "/roles", Body: M{"roles": A{"role_super_admin"}}, Status: 403,
				Exact: ErrBody("forbidden", "You do not have permission to assign these roles")},
			{Name: "assign in its channel", Method: "POST", Path: "/admin/users/" + userID + "/roles?fields=id", Body: M{"roles": A{roleID}, "sales_channel_ids": A{a}}, Status: 200,
				Exact: `{"roles":[{"id":"` + roleID + `"}]}`},
			{Name: "create without channels", Method: "POST", Path: "/admin/users", Body: M{"email": "n2@example.com", "password": "password1", "roles": A{roleID}}, Status: 400,
				Exact: ErrBody("invalid_data", "A channel-limited user must name at least one of its sales channels")},
			{Name: "create in a foreign channel", Method: "POST", Path: "/admin/users", Body: M{"email": "n2@example.com", "password": "password1", "roles": A{roleID}, "sales_channel_ids": A{b}}, Status: 403,
				Exact: ErrBody("forbidden", "Insufficient permissions. Required policies: user:create")},
			{Name: "a policy it lacks on a role", Method: "POST", Path: "/admin/rbac/roles/" + roleID + "/policies", Body: M{"policies": A{"product:delete"}}, Status: 403,
				Exact: ErrBody("forbidden", "You do not have access to some of the policies you are trying to assign.")},
			{Name: "its role lists", Method: "GET", Path: "/admin/rbac/roles?fields=id", Status: 200,
				Want: M{"count": 2}},
			{Name: "the super admin role is not readable", Method: "GET", Path: "/admin/rbac/roles/role_super_admin", Status: 404,
				Exact: ErrBody("not_found", "Role with id: role_super_admin not found")},
			{Name: "assignable roles", Method: "GET", Path: "/admin/rbac/roles/assignable", Status: 200,
				Want: M{"count": 2, "offset": Absent, "roles": A{M{"id": Any, "name": Any, "description": Any, "created_at": Absent}, M{"id": Any}}}},
		})
		// A role held store-wide is beyond a limited admin's reach.
		s.Post("/admin/users/"+userID+"/roles", M{"roles": A{roleID}}).Must(200)
		Run(t, la, []Case{
			{Name: "store-wide holders hide the user", Method: "GET", Path: "/admin/users/" + userID, Status: 404,
				Exact: ErrBody("not_found", "User with id: "+userID+" was not found")},
			{Name: "a role held store-wide stays", Method: "POST", Path: "/admin/rbac/roles/" + roleID, Body: M{"name": "Renamed"}, Status: 403,
				Exact: ErrBody("forbidden", "Insufficient permissions. Required policies: rbac_role:update")},
		})
	})
}

// TestLimitedAdminSeesItsUsers is the users part of V35: a limited admin never sees a super
// admin, nor anyone outside its channels.
func TestLimitedAdminSeesItsUsers(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		sa := adminID(s)
		laID, la := limited(t, s, "la@example.com", []string{"sales_channel:read", "user:read"}, a)
		inA, _ := limited(t, s, "a@example.com", []string{"product:read"}, a)
		limited(t, s, "b@example.com", []string{"product:read"}, b)
		Run(t, la, []Case{
			{Name: "no super admin in a list", Method: "GET", Path: "/admin/users?id[]=" + sa, Status: 200,
				Exact: `{"users":[],"count":0,"offset":0,"limit":50}`},
			{Name: "no super admin by id", Method: "GET", Path: "/admin/users/" + sa, Status: 404,
				Exact: ErrBody("not_found", "User with id: "+sa+" was not found")},
			{Name: "only A's users", Method: "GET", Path: "/admin/users?fields=email&order=email", Status: 200,
				Want: M{"count": 2, "users": A{M{"email": "a@example.com"}, M{"email": "la@example.com"}}}},
			{Name: "a user in A", Method: "GET", Path: "/admin/users/" + inA + "?fields=email", Status: 200,
				Want: M{"user": M{"email": "a@example.com"}}},
			{Name: "its own roles need rbac_role:read", Method: "GET", Path: "/admin/users/" + laID + "/roles", Status: 403,
				Exact: ErrBody("forbidden", "Insufficient permissions. Required policies: user:read, rbac_role:read")},
			{Name: "deleting needs user:delete", Method: "DELETE", Path: "/admin/users/" + inA, Status: 403,
				Exact: ErrBody("forbidden", "Insufficient permissions. Required policies: user:delete")},
			{Name: "policy writes need the policy", Method: "POST", Path: "/admin/rbac/policies", Body: M{"key": "x:y", "resource": "x", "operation": "y"}, Status: 403,
				Exact: ErrBody("forbidden", "Insufficient permissions. Required policies: rbac_policy:create")},
		})
	})
}

// TestNoRole is V39 on the routes this module guards (GET /admin/products → E23 waits for the
// per-route table of the other modules).
func TestNoRole(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		_, token := s.CreateUser("nobody@example.com", nil)
		Run(t, s.As(token), []Case{
			{Name: "me", Method: "GET", Path: "/admin/users/me", Status: 200, Want: M{"user": M{"email": "nobody@example.com"}}},
			{Name: "permissions", Method: "GET", Path: "/admin/rbac/me/permissions", Status: 200, Exact: `{"permissions":[]}`},
			{Name: "permissions in detail", Method: "GET", Path: "/admin/rbac/me/permissions?fields=%2Bglobal_permissions,%2Bsales_channels", Status: 200,
				Exact: `{"permissions":[],"global_permissions":[],"sales_channels":[]}`},
			{Name: "guarded route", Method: "GET", Path: "/admin/rbac/roles", Status: 403, Exact: ErrBody("forbidden", "Forbidden")},
			{Name: "creating a role", Method: "POST", Path: "/admin/rbac/roles", Body: M{"name": "Mine", "policy_ids": A{"product:read"}}, Status: 403,
				Exact: ErrBody("forbidden", "Forbidden")},
			{Name: "an undeclared route still answers", Method: "GET", Path: "/admin/users/me", Status: 200},
		})
	})
}

// TestPermissions is V32's and V40's /admin/rbac/me/permissions.
func TestPermissions(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a := s.Channel("A")
		_, la := limited(t, s, "la@example.com", []string{"sales_channel:read", "product:read"}, a)
		sa := s.Get("/admin/rbac/me/permissions").Must(200)
		if k := sa.Keys(); len(k) != 1 {
			t.Errorf("keys %v", k)
		}
		perms := map[string]bool{}
		for _, p := range sa.Get("permissions").([]any) {
			perms[p.(string)] = true
		}
		if !perms["product:update"] || perms["*:*"] || !perms["audit_log:read"] || len(perms) != 244 {
			t.Errorf("super admin permissions: %d, product:update %v, *:* %v", len(perms), perms["product:update"], perms["*:*"])
		}
		Run(t, la, []Case{
			{Name: "limited", Method: "GET", Path: "/admin/rbac/me/permissions", Status: 200,
				Exact: `{"permissions":["product:read","sales_channel:read"]}`},
			{Name: "per channel", Method: "GET", Path: "/admin/rbac/me/permissions?fields=+global_permissions,+sales_channels", Status: 200,
				Exact: `{"permissions":["product:read","sales_channel:read"],"global_permissions":[],
					"sales_channels":[{"id":"` + a + `","permissions":["product:read","sales_channel:read"]}]}`},
		})
	})
}
