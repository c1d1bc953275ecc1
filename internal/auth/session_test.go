package auth_test

import (
	"net/http"
	"strings"
	"testing"

	"channeld/internal/apitest"
)

// sessionCookie returns the session cookie a response sets.
func sessionCookie(t *testing.T, r *apitest.Response) *http.Cookie {
	t.Helper()
	for _, c := range (&http.Response{Header: r.Header}).Cookies() {
		if c.Name == "connect.sid" {
			return c
		}
	}
	t.Fatalf("no connect.sid cookie in %v", r.Header.Values("Set-Cookie"))
	return nil
}

// The admin dashboard's stock build logs in as Medusa's does: the providers answer shows the
// form, emailpass gives a token, POST /auth/session turns it into a cookie, and every admin
// call after it sends only the cookie. Logging out ends the session on the server.
func TestSessionLogin(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		providers := s.Get("/auth/user/providers").Must(200)
		apitest.ExpectExact(t, providers.Body,
			`{"providers":[{"display_name":"Email/Password Authentication","flow":"credentials","id":"emailpass","identifier":"emailpass"}]}`)

		token := s.Post("/auth/user/emailpass", map[string]string{"email": apitest.AdminEmail, "password": apitest.AdminPassword}).Must(200).String("token")
		created := s.Do("POST", "/auth/session", nil, map[string]string{"Authorization": "Bearer " + token}).Must(200)
		if got := created.String("user.actor_type"); got != "user" {
			t.Fatalf("session user = %s", created.Body)
		}
		userID := created.String("user.actor_id")
		cookie := sessionCookie(t, created)
		if !cookie.HttpOnly || cookie.SameSite != http.SameSiteLaxMode || cookie.Secure || cookie.Path != "/" {
			t.Fatalf("cookie attributes: %+v", cookie)
		}
		jar := map[string]string{"Authorization": "", "Cookie": "connect.sid=" + cookie.Value}

		me := s.Do("GET", "/admin/users/me", nil, jar).Must(200)
		if me.String("user.id") != userID {
			t.Fatalf("me with the cookie = %s", me.Body)
		}
		// A write from this server's own page, and from a page of another origin.
		own := map[string]string{"Authorization": "", "Cookie": jar["Cookie"], "Origin": s.URL}
		s.Do("POST", "/admin/sales-channels", map[string]string{"name": "From the dashboard"}, own).Must(200)
		foreign := map[string]string{"Authorization": "", "Cookie": jar["Cookie"], "Origin": "http://localhost:8000"}
		refused := s.Do("POST", "/admin/sales-channels", map[string]string{"name": "From a storefront"}, foreign).Must(403)
		apitest.ExpectExact(t, refused.Body, apitest.ErrBody("forbidden", "A session cookie may not be used from origin http://localhost:8000"))
		if n := s.Get("/admin/sales-channels?name=From%20a%20storefront").Must(200).Int("count"); n != 0 {
			t.Fatalf("the refused write created %d channels", n)
		}

		// A forged or altered cookie is no credential.
		for _, bad := range []string{"", "x", cookie.Value + "x", "A" + cookie.Value[1:], strings.SplitN(cookie.Value, ".", 2)[0]} {
			r := s.Do("GET", "/admin/users/me", nil, map[string]string{"Authorization": "", "Cookie": "connect.sid=" + bad}).Must(401)
			apitest.ExpectExact(t, r.Body, `{"message":"Unauthorized"}`)
		}

		out := s.Do("DELETE", "/auth/session", nil, jar).Must(200)
		apitest.ExpectExact(t, out.Body, `{"success":true}`)
		if cleared := sessionCookie(t, out); cleared.MaxAge >= 0 {
			t.Fatalf("logout does not clear the cookie: %+v", cleared)
		}
		s.Do("GET", "/admin/users/me", nil, jar).Must(401)
		s.Do("DELETE", "/auth/session", nil, jar).Must(401)
	})
}

// A session lives in the database: a second instance on the same database honours it, and a
// session ended on one instance is ended on the other.
func TestSessionAcrossInstances(t *testing.T) {
	t.Parallel()
	apitest.EachPair(t, func(t *testing.T, s, other *apitest.Server) {
		created := s.Do("POST", "/auth/session", nil, map[string]string{"Authorization": "Bearer " + s.Token}).Must(200)
		jar := map[string]string{"Authorization": "", "Cookie": "connect.sid=" + sessionCookie(t, created).Value}
		other.Do("GET", "/admin/users/me", nil, jar).Must(200)
		other.Do("DELETE", "/auth/session", nil, jar).Must(200)
		s.Do("GET", "/admin/users/me", nil, jar).Must(401)
	})
}

// Only a valid bearer token starts a session; a session of a customer opens no admin route
// but identifies the customer on the storefront.
func TestSessionRefusals(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, s *apitest.Server) {
		for _, h := range []map[string]string{nil, {"Authorization": "Bearer nope"}, {"Authorization": "Basic " + s.Token}} {
			r := s.Do("POST", "/auth/session", nil, h).Must(401)
			apitest.ExpectExact(t, r.Body, `{"message":"Unauthorized"}`)
		}

		sc := s.Channel("Web")
		_, pk := s.PublishableKey("Web", sc)
		reg := s.Post("/auth/customer/emailpass/register", map[string]string{"email": "ann@example.com", "password": "pw-ann-123"}).Must(200).String("token")
		key := apitest.KeyHeader(pk)
		key["Authorization"] = "Bearer " + reg
		s.Do("POST", "/store/customers", map[string]string{"email": "ann@example.com"}, key).Must(200)
		token := s.Post("/auth/customer/emailpass", map[string]string{"email": "ann@example.com", "password": "pw-ann-123"}).Must(200).String("token")
		created := s.Do("POST", "/auth/session", nil, map[string]string{"Authorization": "Bearer " + token}).Must(200)
		if created.String("user.actor_type") != "customer" {
			t.Fatalf("customer session = %s", created.Body)
		}
		cookie := "connect.sid=" + sessionCookie(t, created).Value
		s.Do("GET", "/admin/users/me", nil, map[string]string{"Authorization": "", "Cookie": cookie}).Must(401)
		store := apitest.KeyHeader(pk)
		store["Cookie"] = cookie
		if got := s.Do("GET", "/store/customers/me", nil, store).Must(200).String("customer.email"); got != "ann@example.com" {
			t.Fatalf("customer by session = %s", got)
		}
	})
}
