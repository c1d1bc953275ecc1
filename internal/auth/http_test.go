package auth_test

import (
	"context"
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/golang-jwt/jwt/v5"

	"channeld/internal/apitest"
	"channeld/internal/app"
	"channeld/internal/auth"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
	"channeld/internal/platform/httpapi"
)

type M = apitest.M

const (
	unauthorized = `{"message":"Unauthorized"}`
	badLogin     = `{"type":"unauthorized","message":"Invalid email or password"}`
)

// sign makes a token with channeld's claims for userID, signed with secret.
func sign(t *testing.T, secret, userID, actorType string, exp time.Time) string {
	t.Helper()
	return signClaims(t, secret, userID, actorType, time.Now(), exp)
}

// signAt makes a user token issued at iat.
func signAt(t *testing.T, secret, userID string, iat, exp time.Time) string {
	t.Helper()
	return signClaims(t, secret, userID, "user", iat, exp)
}

func signClaims(t *testing.T, secret, userID, actorType string, iat, exp time.Time) string {
	t.Helper()
	tok, err := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
		"actor_id": userID, "actor_type": actorType, "auth_identity_id": userID,
		"app_metadata": map[string]any{"user_id": userID},
		"iss":          "channeld", "iat": iat.Unix(), "exp": exp.Unix(),
	}).SignedString([]byte(secret))
	if err != nil {
		t.Fatal(err)
	}
	return tok
}

func TestLogin(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		login := "/auth/user/emailpass"
		apitest.Run(t, srv, []apitest.Case{
			{Name: "ok", Method: "POST", Path: login, Body: M{"email": apitest.AdminEmail, "password": apitest.AdminPassword}, Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					m, _ := r.JSON.(map[string]any)
					if len(m) != 1 || strings.Count(r.String("token"), ".") != 2 {
						t.Errorf("want exactly {token: <JWT>}, got %s", r.Body)
					}
				}},
			{Name: "email in another case", Method: "POST", Path: login, Body: M{"email": "Admin@Example.COM", "password": apitest.AdminPassword}, Status: 200},
			{Name: "wrong password", Method: "POST", Path: login, Body: M{"email": apitest.AdminEmail, "password": "wrong-password"}, Status: 401, Exact: badLogin},
			{Name: "password in another case", Method: "POST", Path: login, Body: M{"email": apitest.AdminEmail, "password": "SUPERSECRET"}, Status: 401, Exact: badLogin},
			{Name: "unknown email", Method: "POST", Path: login, Body: M{"email": "nobody@example.com", "password": apitest.AdminPassword}, Status: 401, Exact: badLogin},
			{Name: "no password", Method: "POST", Path: login, Body: M{"email": apitest.AdminEmail}, Status: 401},
			{Name: "malformed body", Method: "POST", Path: login, Body: `{"email":`, Status: 400},
		})
	})
}

func TestAdminRoutesNeedCredentials(t *testing.T) {
	t.Parallel()
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		// Every admin route is tried with a made-up secret key: more than the default limits
		// let one address try, which TestSecretKeyGuessingIsThrottled covers.
		many := auth.Bucket{Burst: 1 << 20, Every: time.Second}
		srv := apitest.Start(t, dbtest.URL(t, e), app.Options{LoginLimits: auth.Limits{PerEmail: many, PerAddress: many, SecretKeys: many}})
		ctx := context.Background()
		userID := srv.Get("/admin/users/me").Must(200).String("user.id")
		var secret string
		if err := srv.App.DB.Read().QueryRowContext(ctx, `SELECT value FROM app_setting WHERE key = 'jwt_secret'`).Scan(&secret); err != nil {
			t.Fatal(err)
		}
		future := time.Now().Add(time.Hour)
		credentials := []struct {
			name    string
			headers map[string]string
		}{
			{"no token", map[string]string{"Authorization": ""}},
			{"garbage token", map[string]string{"Authorization": "Bearer garbage"}},
			{"empty bearer", map[string]string{"Authorization": "Bearer "}},
			{"token signed by another secret", map[string]string{"Authorization": "Bearer " + sign(t, "another secret", userID, "user", future)}},
			{"expired token", map[string]string{"Authorization": "Bearer " + sign(t, secret, userID, "user", time.Now().Add(-time.Hour))}},
			{"token issued in the future", map[string]string{"Authorization": "Bearer " + signAt(t, secret, userID, time.Now().Add(time.Hour), future.Add(time.Hour))}},
			{"customer token", map[string]string{"Authorization": "Bearer " + sign(t, secret, userID, "customer", future)}},
			{"token of an unknown user", map[string]string{"Authorization": "Bearer " + sign(t, secret, "user_nope", "user", future)}},
			{"unsigned token", map[string]string{"Authorization": "Bearer " + unsigned(userID)}},
			{"token without the Bearer scheme", map[string]string{"Authorization": srv.Token}},
			{"publishable key header", map[string]string{"Authorization": "", "x-publishable-api-key": "pk_0000"}},
			{"publishable key as bearer", map[string]string{"Authorization": "Bearer pk_0000"}},
			{"unknown secret key", map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte("sk_0000:"))}},
		}
		var cases []apitest.Case
		n := 0
		for _, rt := range srv.App.Router.Routes() {
			if rt.Security != httpapi.Admin {
				continue
			}
			n++
			path := strings.NewReplacer("{id}", "x", "{...}", "").Replace(rt.Path)
			for _, c := range credentials {
				cases = append(cases, apitest.Case{
					Name: rt.Method + " " + rt.Path + " " + c.name, Method: rt.Method, Path: path,
					Body: M{"name": "x"}, Headers: c.headers, Status: 401, Exact: unauthorized,
				})
			}
		}
		if n < 5 {
			t.Fatalf("only %d admin routes registered", n)
		}
		apitest.Run(t, srv, cases)
		if got := srv.Get("/admin/sales-channels?name=x").Must(200).Int("count"); got != 0 {
			t.Errorf("an unauthenticated request wrote %d channels", got)
		}
		var events int
		if err := srv.App.DB.Read().QueryRowContext(ctx, `SELECT count(*) FROM outbox_event`).Scan(&events); err != nil || events != 1 {
			t.Errorf("%d events (%v), want only the default channel's", events, err)
		}

		// A token stops working once its user is deleted.
		apitest.Exec(t, srv, `UPDATE admin_user SET deleted_at = $1 WHERE id = $2`,
			db.FormatTime(time.Now()), userID)
		apitest.Run(t, srv, []apitest.Case{
			{Name: "deleted user's token", Method: "GET", Path: "/admin/users/me", Status: 401, Exact: unauthorized},
			{Name: "deleted user cannot log in", Method: "POST", Path: "/auth/user/emailpass",
				Body: M{"email": apitest.AdminEmail, "password": apitest.AdminPassword}, Status: 401, Exact: badLogin},
		})
	})
}

// unsigned returns an "alg: none" token, which must never be accepted.
func unsigned(userID string) string {
	enc := base64.RawURLEncoding
	return enc.EncodeToString([]byte(`{"alg":"none","typ":"JWT"}`)) + "." +
		enc.EncodeToString([]byte(`{"actor_id":"`+userID+`","actor_type":"user","iss":"channeld","exp":9999999999}`)) + "."
}

func TestMe(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		apitest.Run(t, srv, []apitest.Case{
			{Name: "me", Method: "GET", Path: "/admin/users/me", Status: 200,
				Want: M{"user": M{
					"id": apitest.Any, "email": apitest.AdminEmail, "first_name": nil, "last_name": nil, "avatar_url": nil,
					"metadata": nil, "created_at": apitest.Any, "updated_at": apitest.Any,
					"password_hash": apitest.Absent, "password": apitest.Absent,
				}},
				Check: func(t *testing.T, r *apitest.Response) {
					if !strings.HasPrefix(r.String("user.id"), "user_") {
						t.Errorf("id %q", r.String("user.id"))
					}
					for _, leak := range []string{"argon2", "password", "hash"} {
						if strings.Contains(strings.ToLower(string(r.Body)), leak) {
							t.Errorf("body mentions %q: %s", leak, r.Body)
						}
					}
				}},
			{Name: "me with fields", Method: "GET", Path: "/admin/users/me?fields=email", Status: 200,
				Exact: `{"user":{"email":"admin@example.com","id":"` + srv.Get("/admin/users/me").String("user.id") + `"}}`},
			{Name: "the hash cannot be asked for", Method: "GET", Path: "/admin/users/me?fields=password_hash", Status: 400,
				Exact: `{"type":"invalid_data","message":"Requested fields [password_hash] are not valid"}`},
			{Name: "unknown parameter", Method: "GET", Path: "/admin/users/me?foo=1", Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
		})
	})
}

// A token stays valid across a restart on the same database, and is accepted by every
// instance on it, because the signing secret lives in the database.
func TestTokenSurvivesRestart(t *testing.T) {
	t.Parallel()
	apitest.EachPair(t, func(t *testing.T, first, second *apitest.Server) {
		second.Token = first.Token
		apitest.Run(t, second, []apitest.Case{
			{Name: "first instance's token on the second", Method: "GET", Path: "/admin/users/me", Status: 200,
				Want: M{"user": M{"email": apitest.AdminEmail}}},
		})
		var users int
		if err := second.App.DB.Read().QueryRowContext(context.Background(), `SELECT count(*) FROM admin_user`).Scan(&users); err != nil || users != 1 {
			t.Errorf("%d users (%v) after two starts, want 1", users, err)
		}
	})
}
