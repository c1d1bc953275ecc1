package auth_test

import (
	"testing"

	"channeld/internal/apitest"
)

// The SDK refreshes its token with POST /auth/token/refresh; a logout without a session is
// refused as Medusa's session-only DELETE /auth/session refuses it.
func TestRefreshAndLogout(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		fresh := s.Do("POST", "/auth/token/refresh", nil, map[string]string{"Authorization": "Bearer " + s.Token}).Must(200)
		token := fresh.String("token")
		if token == "" {
			t.Fatalf("refresh returned no token: %s", fresh.Body)
		}
		s.Do("GET", "/admin/users/me", nil, map[string]string{"Authorization": "Bearer " + token}).Must(200)

		bad := s.Do("POST", "/auth/token/refresh", nil, map[string]string{"Authorization": "Bearer not-a-token"})
		bad.Must(401)
		apitest.ExpectExact(t, bad.Body, `{"message":"Unauthorized"}`)

		out := s.Do("DELETE", "/auth/session", nil, nil).Must(401)
		apitest.ExpectExact(t, out.Body, `{"message":"Unauthorized"}`)
	})
}
