package rbac_test

import (
	"testing"

	"channeld/internal/apitest"
	. "channeld/internal/apitest"
)

// role creates, as s's caller, a role holding the policies with keys and returns its id.
func role(t *testing.T, s *apitest.Server, name string, keys ...string) string {
	t.Helper()
	refs := A{}
	for _, k := range keys {
		refs = append(refs, k)
	}
	return s.Post("/admin/rbac/roles", M{"name": name, "policy_ids": refs}).Must(200).String("role.id")
}

// limited creates a user holding a new role with keys in channels (the spec's LA) and returns
// its id and a view of s acting as it.
func limited(t *testing.T, s *apitest.Server, email string, keys []string, channels ...string) (string, *apitest.Server) {
	t.Helper()
	roleID := role(t, s, "Role of "+email, keys...)
	chans := A{}
	for _, c := range channels {
		chans = append(chans, c)
	}
	id, token := s.CreateUser(email, M{"roles": A{roleID}, "sales_channel_ids": chans})
	return id, s.As(token)
}

// adminID returns the id of the bootstrap admin.
func adminID(s *apitest.Server) string { return s.Get("/admin/users/me").Must(200).String("user.id") }
