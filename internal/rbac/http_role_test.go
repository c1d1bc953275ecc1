package rbac_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// policyIDs returns the ids of the policies with keys, read through the list route.
func policyIDs(t *testing.T, s *apitest.Server, keys ...string) []string {
	t.Helper()
	path := "/admin/rbac/policies?fields=id,key&order=key"
	for _, k := range keys {
		path += "&key[]=" + k
	}
	r := s.Get(path).Must(200)
	byKey := map[string]string{}
	for i, k := range r.Strings("policies", "key") {
		byKey[k] = r.Strings("policies", "id")[i]
	}
	out := make([]string, len(keys))
	for i, k := range keys {
		if out[i] = byKey[k]; out[i] == "" {
			t.Fatalf("no policy %s", k)
		}
	}
	return out
}

// TestPoliciesAndRoles is V32 and V40 on the rbac routes.
func TestPoliciesAndRoles(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		ids := policyIDs(t, s, "product:read", "sales_channel:read")
		role := s.Post("/admin/rbac/roles", M{"name": "Catalogue", "policy_ids": A{ids[1], ids[0]}}).Must(200)
		roleID := role.String("role.id")
		if got := role.Keys("role"); len(got) != 7 {
			t.Errorf("role keys %v", got)
		}
		Run(t, s, []Case{
			{Name: "policies by key", Method: "GET", Path: "/admin/rbac/policies?key[]=product:read&key[]=sales_channel:read&order=key", Status: 200,
				Exact: "", Want: M{"count": 2, "offset": 0, "limit": 20, "policies": A{
					M{"id": ids[0], "key": "product:read", "resource": "product", "operation": "read", "name": "ReadProduct",
						"description": "Read Product", "metadata": nil, "created_at": Any, "updated_at": Any, "deleted_at": nil},
					M{"id": ids[1], "key": "sales_channel:read", "name": "ReadSalesChannel", "description": "Read SalesChannel"}}}},
			{Name: "role with policies", Method: "GET", Path: "/admin/rbac/roles/" + roleID + "?fields=id,*policies", Status: 200,
				Want: M{"role": M{"id": roleID, "policies": A{
					M{"key": "product:read", "inherited_from_role_id": nil, "deleted_at": Absent},
					M{"key": "sales_channel:read", "inherited_from_role_id": nil}}}}},
			{Name: "role policy links", Method: "GET", Path: "/admin/rbac/roles/" + roleID + "/policies", Status: 200,
				Want: M{"count": 0, "offset": 0, "limit": 0, "policies": A{
					M{"id": Any, "role_id": roleID, "policy_id": ids[1], "policy": M{"id": ids[1]}, "metadata": nil, "deleted_at": nil},
					M{"role_id": roleID, "policy_id": ids[0], "policy": M{"id": ids[0]}}}}},
			{Name: "same name", Method: "POST", Path: "/admin/rbac/roles", Body: M{"name": "Catalogue"}, Status: 400,
				Exact: ErrBody("invalid_data", "Rbac role with name: Catalogue, already exists.")},
			{Name: "missing policy", Method: "POST", Path: "/admin/rbac/roles", Body: M{"name": "X", "policy_ids": A{"rpol_missing1", ids[0], "nope:x"}}, Status: 404,
				Exact: ErrBody("not_found", "The following policies do not exist: rpol_missing1, nope:x")},
			{Name: "policy by key", Method: "POST", Path: "/admin/rbac/roles?fields=id,*policies", Body: M{"name": "Readers", "policy_ids": A{"product:read"}}, Status: 200,
				Want: M{"role": M{"policies": A{M{"key": "product:read"}}}}},
			{Name: "policy_ids on update", Method: "POST", Path: "/admin/rbac/roles/" + roleID, Body: M{"policy_ids": A{ids[0]}}, Status: 400,
				Exact: ErrBody("invalid_data", "Invalid request: Unrecognized fields: 'policy_ids'")},
			{Name: "missing role", Method: "GET", Path: "/admin/rbac/roles/role_missing", Status: 404,
				Exact: ErrBody("not_found", "Role with id: role_missing not found")},
			{Name: "update missing role", Method: "POST", Path: "/admin/rbac/roles/role_missing", Body: M{"name": "Y"}, Status: 404,
				Exact: ErrBody("not_found", `Role with id "role_missing" not found`)},
			{Name: "super admin role", Method: "GET", Path: "/admin/rbac/roles/role_super_admin", Status: 200,
				Exact: ""},
			{Name: "super admin is not modified", Method: "POST", Path: "/admin/rbac/roles/role_super_admin", Body: M{"description": "x"}, Status: 400,
				Exact: ErrBody("not_allowed", "The Super Admin role cannot be modified")},
			{Name: "super admin keeps its policies", Method: "POST", Path: "/admin/rbac/roles/role_super_admin/policies", Body: M{"policies": A{ids[0]}}, Status: 400,
				Exact: ErrBody("not_allowed", "The Super Admin role cannot be modified")},
			{Name: "super admin is not deleted", Method: "DELETE", Path: "/admin/rbac/roles/role_super_admin", Status: 400,
				Exact: ErrBody("not_allowed", "The Super Admin role cannot be modified")},
			{Name: "update", Method: "POST", Path: "/admin/rbac/roles/" + roleID, Body: M{"description": "Reads the catalogue", "parent_id": nil}, Status: 200,
				Want: M{"role": M{"id": roleID, "name": "Catalogue", "description": "Reads the catalogue"}}},
			{Name: "remove a policy", Method: "DELETE", Path: "/admin/rbac/roles/" + roleID + "/policies/" + ids[1], Status: 200,
				Want: M{"id": Any, "object": "rbac_role_policy", "deleted": true}},
			{Name: "remove it again", Method: "DELETE", Path: "/admin/rbac/roles/" + roleID + "/policies/" + ids[1], Status: 200,
				Exact: `{"object":"rbac_role_policy","deleted":true}`},
			{Name: "add it back", Method: "POST", Path: "/admin/rbac/roles/" + roleID + "/policies", Body: M{"policies": A{"sales_channel:read"}}, Status: 200,
				Want: M{"policies": A{M{"role_id": roleID, "policy_id": ids[1]}}}},
			{Name: "delete", Method: "DELETE", Path: "/admin/rbac/roles/" + roleID, Status: 200,
				Exact: `{"id":"` + roleID + `","object":"rbac_role","deleted":true}`},
			{Name: "deleted", Method: "GET", Path: "/admin/rbac/roles/" + roleID, Status: 404},
			{Name: "delete unknown", Method: "DELETE", Path: "/admin/rbac/roles/role_nope", Status: 200,
				Exact: `{"id":"role_nope","object":"rbac_role","deleted":true}`},
		})
		changes := apitest.Scalar[string](t, s, `SELECT changes FROM audit_log WHERE action = 'rbac_role.created' AND resource_id = $1`, roleID)
		ExpectExact(t, []byte(changes), `{"before":null,"after":{"name":"Catalogue","policies":["product:read","sales_channel:read"]}}`)
		for action, want := range map[string]int{"rbac_role.updated": 1, "rbac_role.policy_removed": 1, "rbac_role.policy_added": 1, "rbac_role.deleted": 1} {
			if n := apitest.Scalar[int](t, s, `SELECT count(*) FROM audit_log WHERE action = $1 AND resource_id = $2`, action, roleID); n != want {
				t.Errorf("%s entries: %d, want %d", action, n, want)
			}
		}
		sa := s.Get("/admin/rbac/roles/role_super_admin").Must(200)
		ExpectExact(t, sa.Body, `{"role":{"id":"role_super_admin","name":"Super Admin","description":"Super admin role with full access to all resources and operations",
			"metadata":null,"created_at":"`+sa.String("role.created_at")+`","updated_at":"`+sa.String("role.updated_at")+`","deleted_at":null}}`)
	})
}
