package rbac_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// register registers an admin identity and returns its registration token.
func register(t *testing.T, s *apitest.Server, email, password string) string {
	t.Helper()
	return s.Do("POST", "/auth/user/emailpass/register", M{"email": email, "password": password}, nil).Must(200).String("token")
}

// bearer is the header of a registration token, in place of the admin's.
func bearer(token string) map[string]string { return map[string]string{"Authorization": "Bearer " + token} }

// TestInviteFlow is the dashboard's invite flow: invite with roles, register, accept, log in,
// and the new user holds the roles.
func TestInviteFlow(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		roleID := role(t, s, "Editors", "product:read", "product:update")
		created := s.Post("/admin/invites", M{"email": "New@Example.com", "roles": A{roleID}, "metadata": M{"team": "shop"}}).Must(200)
		inviteID, token := created.String("invite.id"), created.String("invite.token")
		reg := register(t, s, "new@example.com", "new-password")
		Run(t, s, []Case{
			{Name: "created", Method: "GET", Path: "/admin/invites/" + inviteID, Status: 200,
				Want: M{"invite": M{"id": inviteID, "email": "new@example.com", "accepted": false, "token": token, "expires_at": Any,
					"metadata": M{"team": "shop"}, "created_at": Any, "updated_at": Any, "deleted_at": nil}}},
			{Name: "listed with the dashboard's fields", Method: "GET", Path: "/admin/invites?fields=id,email,accepted,token,expires_at,created_at,updated_at,rbac_roles.id,rbac_roles.name", Status: 200,
				Exact: `{"invites":[{"id":"` + inviteID + `","email":"new@example.com","accepted":false,"token":"` + token + `","expires_at":"` + created.String("invite.expires_at") +
					`","created_at":"` + created.String("invite.created_at") + `","updated_at":"` + created.String("invite.updated_at") +
					`","rbac_roles":[{"id":"` + roleID + `","name":"Editors"}]}],"count":1,"offset":0,"limit":50}`},
			{Name: "store-wide", Method: "GET", Path: "/admin/invites/" + inviteID + "?fields=id,%2Bsales_channel_ids", Status: 200,
				Exact: `{"invite":{"id":"` + inviteID + `","sales_channel_ids":null}}`},
			{Name: "filter by email", Method: "GET", Path: "/admin/invites?email=other@example.com", Status: 200, Want: M{"count": 0}},
			{Name: "the same email again", Method: "POST", Path: "/admin/invites", Body: M{"email": "new@example.com"}, Status: 400,
				Exact: ErrBody("invalid_data", "Invite with email: new@example.com, already exists.")},
			{Name: "an existing user's email", Method: "POST", Path: "/admin/invites", Body: M{"email": "admin@example.com"}, Status: 400,
				Exact: ErrBody("invalid_data", "User account for following email(s) already exist: admin@example.com")},
			{Name: "unknown roles", Method: "POST", Path: "/admin/invites", Body: M{"email": "x@example.com", "roles": A{"role_missing"}}, Status: 400,
				Exact: ErrBody("invalid_data", "The following role IDs do not exist: role_missing")},
			{Name: "unknown body field", Method: "POST", Path: "/admin/invites", Body: M{"email": "x@example.com", "name": "x"}, Status: 400, Check: WantType("invalid_data")},
			{Name: "without a token", Method: "POST", Path: "/admin/invites/accept?token=" + token, Body: M{}, Headers: map[string]string{"Authorization": ""}, Status: 401,
				Exact: `{"message":"Unauthorized"}`},
			{Name: "with an admin's token", Method: "POST", Path: "/admin/invites/accept?token=" + token, Body: M{}, Status: 400,
				Exact: ErrBody("invalid_data", "The user is already authenticated and cannot accept an invite.")},
			{Name: "a forged invite token", Method: "POST", Path: "/admin/invites/accept?token=abc", Body: M{}, Headers: bearer(reg), Status: 401,
				Exact: `{"message":"Unauthorized"}`},
			{Name: "the token is required", Method: "POST", Path: "/admin/invites/accept", Body: M{}, Headers: bearer(reg), Status: 400, Check: WantType("invalid_data")},
			{Name: "accept", Method: "POST", Path: "/admin/invites/accept?token=" + token, Body: M{"first_name": "Nea", "last_name": "Wu"}, Headers: bearer(reg), Status: 200,
				Want: M{"user": M{"id": Any, "email": "new@example.com", "first_name": "Nea", "last_name": "Wu", "avatar_url": nil, "metadata": nil,
					"created_at": Any, "updated_at": Any, "deleted_at": nil}}},
			{Name: "accepted once", Method: "POST", Path: "/admin/invites/accept?token=" + token, Body: M{}, Headers: bearer(reg), Status: 401,
				Exact: `{"message":"Unauthorized"}`},
			{Name: "an accepted invite is gone", Method: "GET", Path: "/admin/invites/" + inviteID, Status: 404,
				Exact: ErrBody("not_found", "Invite with id: "+inviteID+" was not found")},
			{Name: "registering a user's email", Method: "POST", Path: "/auth/user/emailpass/register", Body: M{"email": "new@example.com", "password": "new-password"}, Status: 401,
				Exact: ErrBody("unauthorized", "Identity with email already exists")},
		})
		user := s.As(s.Login("new@example.com", "new-password"))
		Run(t, user, []Case{
			{Name: "the user holds the roles", Method: "GET", Path: "/admin/rbac/me/permissions", Status: 200,
				Exact: `{"permissions":["product:read","product:update"]}`},
			{Name: "and nothing else", Method: "GET", Path: "/admin/invites", Status: 403,
				Exact: ErrBody("forbidden", "Insufficient permissions. Required policies: invite:read")},
		})
		WantEvents(t, s, "invite.created", 1)
		WantEvents(t, s, "invite.accepted", 1)
		if n := Scalar[int](t, s, `SELECT count(*) FROM audit_log WHERE action IN ('invite.created', 'invite.accepted', 'user.created')
			AND resource_id IN ($1, $2)`, inviteID, user.Get("/admin/users/me").Must(200).String("user.id")); n != 3 {
			t.Errorf("%d audit entries, want 3", n)
		}
	})
}

// TestInviteRefusals covers what an acceptance refuses and that a refusal writes nothing.
func TestInviteRefusals(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		roleID := role(t, s, "Readers", "product:read")
		expired := s.Post("/admin/invites", M{"email": "late@example.com"}).Must(200)
		Exec(t, s, `UPDATE invite SET expires_at = $2 WHERE id = $1`, expired.String("invite.id"), "2020-01-01T00:00:00.000Z")
		resent := s.Post("/admin/invites", M{"email": "resent@example.com"}).Must(200)
		renewed := s.Post("/admin/invites/"+resent.String("invite.id")+"/resend", nil).Must(200)
		taken := s.Post("/admin/invites", M{"email": "taken@example.com", "roles": A{roleID}}).Must(200)
		reg := register(t, s, "someone@example.com", "some-password")
		if renewed.String("invite.token") == resent.String("invite.token") {
			t.Fatal("resend kept the token")
		}
		// The invite's email becomes a user's after the invite: the acceptance fails after
		// consuming the identity, and must leave nothing behind.
		s.Post("/admin/users", M{"email": "taken@example.com", "password": "password1"}).Must(200)
		users := s.Get("/admin/users").Must(200).Int("count")
		refused := `{"message":"Unauthorized"}`
		Run(t, s, []Case{
			{Name: "expired", Method: "POST", Path: "/admin/invites/accept?token=" + expired.String("invite.token"), Body: M{}, Headers: bearer(reg), Status: 401, Exact: refused},
			{Name: "a resent invite's old token", Method: "POST", Path: "/admin/invites/accept?token=" + resent.String("invite.token"), Body: M{}, Headers: bearer(reg), Status: 401, Exact: refused},
			{Name: "the email is a user's", Method: "POST", Path: "/admin/invites/accept?token=" + taken.String("invite.token"), Body: M{}, Headers: bearer(reg), Status: 401, Exact: refused},
			{Name: "no user was made", Method: "GET", Path: "/admin/users?fields=id", Status: 200, Want: M{"count": users}},
			{Name: "the invite is pending", Method: "GET", Path: "/admin/invites/" + taken.String("invite.id") + "?fields=accepted", Status: 200,
				Want: M{"invite": M{"accepted": false}}},
			{Name: "resend an unknown invite", Method: "POST", Path: "/admin/invites/invite_missing/resend", Status: 400,
				Exact: ErrBody("invalid_data", "The following invites do not exist: invite_missing")},
			{Name: "the identity still registers with its password", Method: "POST", Path: "/auth/user/emailpass/register",
				Body: M{"email": "someone@example.com", "password": "some-password"}, Status: 200},
			{Name: "but not with another", Method: "POST", Path: "/auth/user/emailpass/register",
				Body: M{"email": "someone@example.com", "password": "other-password"}, Status: 401, Exact: ErrBody("unauthorized", "Identity with email already exists")},
			{Name: "the new token accepts", Method: "POST", Path: "/admin/invites/accept?token=" + renewed.String("invite.token") + "&fields=email",
				Body: M{}, Headers: bearer(reg), Status: 200, Want: M{"user": M{"email": "resent@example.com"}}},
			{Name: "a registration token accepts once", Method: "POST", Path: "/admin/invites/accept?token=" + taken.String("invite.token"),
				Body: M{"email": "other@example.com"}, Headers: bearer(reg), Status: 401, Exact: refused},
			{Name: "delete", Method: "DELETE", Path: "/admin/invites/" + expired.String("invite.id"), Status: 200,
				Exact: `{"id":"` + expired.String("invite.id") + `","object":"invite","deleted":true}`},
			{Name: "delete an unknown invite", Method: "DELETE", Path: "/admin/invites/invite_missing", Status: 200,
				Exact: `{"id":"invite_missing","object":"invite","deleted":true}`},
			{Name: "what is left", Method: "GET", Path: "/admin/invites?fields=email&order=email", Status: 200,
				Want: M{"invites": A{M{"email": "taken@example.com"}}, "count": 1}},
		})
		WantEvents(t, s, "invite.resent", 1)
		WantEvents(t, s, "invite.deleted", 1)
		WantEvents(t, s, "invite.accepted", 1)
	})
}

// TestLimitedInvite: a channel-limited manager's invite from the stock dashboard (no channel
// field) makes staff limited to the manager's channels, and the manager sees only such
// invites.
func TestLimitedInvite(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		a, b := s.Channel("A"), s.Channel("B")
		staff := role(t, s, "Staff", "product:read")
		_, lm := limited(t, s, "manager@example.com", []string{"product:read", "invite:read", "invite:create", "invite:update", "invite:delete",
			"user:read", "user:create", "user:update", "rbac_role:read", "rbac_role:update"}, a)
		wide := s.Post("/admin/invites", M{"email": "wide@example.com", "roles": A{staff}}).Must(200).String("invite.id")
		inB := s.Post("/admin/invites", M{"email": "inb@example.com", "roles": A{staff}, "sales_channel_ids": A{b}}).Must(200).String("invite.id")
		Run(t, lm, []Case{
			{Name: "no roles", Method: "POST", Path: "/admin/invites", Body: M{"email": "x@example.com"}, Status: 400,
				Exact: ErrBody("invalid_data", "A channel-limited user must name at least one of its sales channels")},
			{Name: "a foreign channel", Method: "POST", Path: "/admin/invites", Body: M{"email": "x@example.com", "roles": A{staff}, "sales_channel_ids": A{b}}, Status: 403,
				Exact: ErrBody("forbidden", "Insufficient permissions. Required policies: invite:create")},
			{Name: "store-wide", Method: "POST", Path: "/admin/invites", Body: M{"email": "x@example.com", "roles": A{staff}, "sales_channel_ids": nil}, Status: 400,
				Exact: ErrBody("invalid_data", "A channel-limited user must name at least one of its sales channels")},
			{Name: "the super admin role", Method: "POST", Path: "/admin/invites", Body: M{"email": "x@example.com", "roles": A{"role_super_admin"}}, Status: 400,
				Exact: ErrBody("invalid_data", "The Super Admin role can only be assigned store-wide")},
			{Name: "foreign invites are unknown", Method: "GET", Path: "/admin/invites/" + inB, Status: 404,
				Exact: ErrBody("not_found", "Invite with id: "+inB+" was not found")},
			{Name: "store-wide invites are unknown", Method: "GET", Path: "/admin/invites/" + wide, Status: 404,
				Exact: ErrBody("not_found", "Invite with id: "+wide+" was not found")},
			{Name: "deleting a foreign invite does nothing", Method: "DELETE", Path: "/admin/invites/" + inB, Status: 200},
			{Name: "resending one is an unknown id", Method: "POST", Path: "/admin/invites/" + wide + "/resend", Status: 400,
				Exact: ErrBody("invalid_data", "The following invites do not exist: "+wide)},
		})
		created := lm.Post("/admin/invites?fields=id,token,%2Bsales_channel_ids", M{"email": "staff@example.com", "roles": A{staff}}).Must(200)
		Run(t, lm, []Case{
			{Name: "limited to its channel", Method: "GET", Path: "/admin/invites/" + created.String("invite.id") + "?fields=email,%2Bsales_channel_ids", Status: 200,
				Exact: `{"invite":{"id":"` + created.String("invite.id") + `","email":"staff@example.com","sales_channel_ids":["` + a + `"]}}`},
			{Name: "it lists its invites only", Method: "GET", Path: "/admin/invites?fields=email", Status: 200,
				Want: M{"invites": A{M{"email": "staff@example.com"}}, "count": 1}},
		})
		s.Get("/admin/invites/" + inB).Must(200)
		reg := register(t, s, "staff@example.com", "staff-password")
		s.Do("POST", "/admin/invites/accept?token="+created.String("invite.token"), M{}, bearer(reg)).Must(200)
		user := s.As(s.Login("staff@example.com", "staff-password"))
		Run(t, user, []Case{
			{Name: "the staff is limited to A", Method: "GET", Path: "/admin/rbac/me/permissions?fields=%2Bglobal_permissions,%2Bsales_channels", Status: 200,
				Exact: `{"permissions":["product:read"],"global_permissions":[],"sales_channels":[{"id":"` + a + `","permissions":["product:read"]}]}`},
		})
		Run(t, lm, []Case{
			{Name: "the manager reads its new staff", Method: "GET", Path: "/admin/users?email=staff@example.com&fields=email", Status: 200,
				Want: M{"count": 1}},
		})
	})
}
