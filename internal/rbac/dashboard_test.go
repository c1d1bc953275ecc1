package rbac_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// The admin dashboard's roles pages list each role's users (fields users.* on the list,
// users_link.user.* on a role's page), and a user's page asks how the user logs in. A
// channel-limited admin sees only the users it may read.
func TestRoleUsersAsTheDashboardReadsThem(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		eu, uk := s.Channel("EU"), s.Channel("UK")
		editor := role(t, s, "Editor", "product:read", "user:read", "rbac_role:read")
		euID, euAdmin := limited(t, s, "eu@example.com", []string{"user:read", "rbac_role:read"}, eu)
		ukID, _ := s.CreateUser("uk@example.com", M{"roles": A{editor}, "sales_channel_ids": A{uk}})
		s.Post("/admin/rbac/roles/"+editor+"/users", M{"users": A{euID}, "sales_channel_ids": A{eu}}).Must(200)

		list := s.Get("/admin/rbac/roles?limit=20&fields=id,name,description,created_at,users.id,users.first_name,users.last_name,users.email").Must(200)
		var got []any
		for _, r := range list.Get("roles").([]any) {
			r := r.(map[string]any)
			if r["id"] == editor {
				got = r["users"].([]any)
			}
		}
		if len(got) != 2 || got[0].(map[string]any)["id"] != ukID || got[1].(map[string]any)["email"] != "eu@example.com" {
			t.Fatalf("Editor's users = %v", got)
		}
		if keys := got[0].(map[string]any); len(keys) != 4 {
			t.Fatalf("a listed user's fields = %v, want id, first_name, last_name, email", keys)
		}

		page := s.Get("/admin/rbac/roles/" + editor + "?fields=id,name,users_link.user.id,users_link.user.email").Must(200)
		links := page.Get("role.users_link").([]any)
		if len(links) != 2 || Lookup(links[0], "user.id") != ukID || Lookup(links[1], "user.email") != "eu@example.com" {
			t.Fatalf("Editor's users_link = %s", page.Body)
		}

		// The EU manager reads the users of EU only: the UK editor is not among them.
		mine := euAdmin.Get("/admin/rbac/roles/" + editor + "?fields=id,users.email").Must(200)
		if emails := mine.Strings("role.users", "email"); len(emails) != 1 || emails[0] != "eu@example.com" {
			t.Fatalf("the EU manager sees %v", emails)
		}

		apitest.Run(t, s, []apitest.Case{
			{Name: "how a user logs in", Method: "GET", Path: "/admin/users/" + ukID + "/auth-providers", Status: 200, Exact: `{"providers":["emailpass"]}`},
			{Name: "a missing user logs in no way", Method: "GET", Path: "/admin/users/user_missing/auth-providers", Status: 200, Exact: `{"providers":[]}`},
		})
		apitest.Run(t, euAdmin, []apitest.Case{
			{Name: "a user the caller may not read answers as a missing one", Method: "GET", Path: "/admin/users/" + ukID + "/auth-providers", Status: 200, Exact: `{"providers":[]}`},
			{Name: "a user the caller reads", Method: "GET", Path: "/admin/users/" + euID + "/auth-providers", Status: 200, Exact: `{"providers":["emailpass"]}`},
		})
	})
}
