package apikey_test

import (
	"encoding/base64"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/apitest"
)

type (
	M = apitest.M
	A = apitest.A
)

func createKey(t *testing.T, srv *apitest.Server, title, typ string) (id, token string) {
	t.Helper()
	r := srv.Post("/admin/api-keys", M{"title": title, "type": typ}).Must(200)
	return r.String("api_key.id"), r.String("api_key.token")
}

func TestCreate(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		userID := srv.Get("/admin/users/me").Must(200).String("user.id")

		r := srv.Post("/admin/api-keys", M{"title": "Web", "type": "publishable"}).Must(200)
		if diff := cmp.Diff([]string{"id", "token", "redacted", "title", "type", "last_used_at", "created_by",
			"revoked_by", "revoked_at", "created_at", "updated_at", "deleted_at"}, r.Keys("api_key")); diff != "" {
			t.Errorf("create response keys (-want +got):\n%s", diff)
		}
		token := r.String("api_key.token")
		if !strings.HasPrefix(token, "pk_") || len(token) != 67 {
			t.Errorf("token %q", token)
		}
		if got, want := r.String("api_key.redacted"), token[:6]+"***"+token[64:]; got != want {
			t.Errorf("redacted %q, want %q", got, want)
		}
		apitest.Run(t, srv, []apitest.Case{
			{Name: "fields of the created key", Method: "GET", Path: "/admin/api-keys/" + r.String("api_key.id"), Status: 200,
				Want: M{"api_key": M{"title": "Web", "type": "publishable", "token": token, "created_by": userID,
					"revoked_at": nil, "revoked_by": nil, "last_used_at": nil, "sales_channels": A{}}}},
			{Name: "bad type", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "x", "type": "other"}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Expected: 'publishable, secret' for field 'type', but got: 'other'"}`},
			{Name: "title required", Method: "POST", Path: "/admin/api-keys", Body: M{"type": "secret"}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Field 'title' is required"}`},
			{Name: "strict body", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "x", "type": "secret", "salt": "s"}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'salt'"}`},
		})

		sec := srv.Post("/admin/api-keys", M{"title": "Backend", "type": "secret"}).Must(200)
		if tok := sec.String("api_key.token"); !strings.HasPrefix(tok, "sk_") || len(tok) != 67 {
			t.Errorf("secret token %q", tok)
		}
		if sec.Get("api_key.sales_channels") != nil || sec.Get("api_key.salt") != nil {
			t.Errorf("create response has channels or salt: %s", sec.Body)
		}
		// The stored secret is a hash, not the token.
		if n := apitest.Scalar[int](t, srv, `SELECT count(*) FROM api_key WHERE token = $1`, sec.String("api_key.token")); n != 0 {
			t.Errorf("secret token stored raw")
		}
		apitest.Run(t, srv, []apitest.Case{
			// Medusa 2.21 lets several secret keys be active at once (2.0 allowed one).
			{Name: "second active secret key", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "again", "type": "secret"}, Status: 200,
				Want: M{"api_key": M{"type": "secret", "revoked_at": nil}}},
			{Name: "secret token is hidden on retrieve", Method: "GET", Path: "/admin/api-keys/" + sec.String("api_key.id"), Status: 200,
				Want: M{"api_key": M{"token": "", "type": "secret", "sales_channels": A{}}}},
			{Name: "a secret key revoked later is still active", Method: "POST", Path: "/admin/api-keys/" + sec.String("api_key.id") + "/revoke",
				Body: M{"revoke_in": 3600}, Status: 200},
			{Name: "and a third one may join it", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "again", "type": "secret"}, Status: 200},
		})
	})
}

func TestListRetrieveUpdate(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		sc := srv.Channel("EU")
		web, webToken := srv.PublishableKey("Web shop", sc)
		app, _ := createKey(t, srv, "Mobile app", "publishable")
		sec, _ := createKey(t, srv, "Backend", "secret")

		apitest.Run(t, srv, []apitest.Case{
			{Name: "list with default fields", Method: "GET", Path: "/admin/api-keys", Status: 200,
				Want: M{"count": 3, "offset": 0, "limit": 20, "api_keys": A{
					M{"id": web, "token": webToken, "sales_channels": A{M{"id": sc, "name": "EU"}}},
					M{"id": app, "sales_channels": A{}},
					M{"id": sec, "token": "", "sales_channels": A{}},
				}}},
			{Name: "q on title", Method: "GET", Path: "/admin/api-keys?q=mobile", Status: 200,
				Want: M{"count": 1, "api_keys": A{M{"id": app}}}},
			{Name: "q on redacted", Method: "GET", Path: "/admin/api-keys?q=pk_", Status: 200,
				Want: M{"count": 2, "api_keys": A{M{"id": web}, M{"id": app}}}},
			{Name: "type", Method: "GET", Path: "/admin/api-keys?type=secret", Status: 200,
				Want: M{"count": 1, "api_keys": A{M{"id": sec}}}},
			{Name: "bad type", Method: "GET", Path: "/admin/api-keys?type=x", Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Expected: 'publishable, secret' for field 'type', but got: 'x'"}`},
			{Name: "id list and order", Method: "GET", Path: "/admin/api-keys?id[]=" + web + "&id[]=" + sec + "&order=-title", Status: 200,
				Want: M{"count": 2, "api_keys": A{M{"id": web}, M{"id": sec}}}},
			{Name: "token", Method: "GET", Path: "/admin/api-keys?token=" + webToken, Status: 200,
				Want: M{"count": 1, "api_keys": A{M{"id": web}}}},
			{Name: "$or", Method: "GET", Path: "/admin/api-keys?$or[0][title]=Backend&$or[1][id]=" + app, Status: 200,
				Want: M{"count": 2, "api_keys": A{M{"id": app}, M{"id": sec}}}},
			{Name: "revoked_at operator", Method: "GET", Path: "/admin/api-keys?revoked_at[$ne]=2020-01-01", Status: 200,
				Want: M{"count": 3}},
			{Name: "deleted_at is always null", Method: "GET", Path: "/admin/api-keys?deleted_at[$gt]=2020-01-01", Status: 200,
				Want: M{"count": 0, "api_keys": A{}}},
			{Name: "created_at operator", Method: "GET", Path: "/admin/api-keys?created_at[$gt]=2020-01-01&limit=1&offset=1", Status: 200,
				Want: M{"count": 3, "offset": 1, "limit": 1, "api_keys": A{M{"id": app}}}},
			{Name: "fields replace", Method: "GET", Path: "/admin/api-keys?fields=title&type=secret", Status: 200,
				Exact: `{"api_keys":[{"title":"Backend","id":"` + sec + `"}],"count":1,"offset":0,"limit":20}`},
			{Name: "all channel fields", Method: "GET", Path: "/admin/api-keys/" + web + "?fields=id,*sales_channels", Status: 200,
				Want: M{"api_key": M{"sales_channels": A{M{"id": sc, "name": "EU", "is_disabled": false, "description": nil}}}}},
			{Name: "unknown field", Method: "GET", Path: "/admin/api-keys?fields=nope", Status: 400,
				Exact: `{"type":"invalid_data","message":"Requested fields [nope] are not valid"}`},
			{Name: "unknown parameter", Method: "GET", Path: "/admin/api-keys?foo=1", Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'foo'"}`},
			{Name: "retrieve unknown", Method: "GET", Path: "/admin/api-keys/apk_nope", Status: 404,
				Exact: `{"type":"not_found","message":"API Key with id: apk_nope was not found"}`},
			{Name: "update", Method: "POST", Path: "/admin/api-keys/" + web, Body: M{"title": "Web"}, Status: 200,
				Want: M{"api_key": M{"id": web, "title": "Web", "token": webToken, "sales_channels": A{M{"id": sc, "name": "EU"}}}}},
			{Name: "update needs a title", Method: "POST", Path: "/admin/api-keys/" + web, Body: M{}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Field 'title' is required"}`},
			{Name: "update is strict", Method: "POST", Path: "/admin/api-keys/" + web, Body: M{"title": "x", "type": "secret"}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'type'"}`},
			{Name: "update unknown", Method: "POST", Path: "/admin/api-keys/apk_nope", Body: M{"title": "x"}, Status: 404,
				Exact: `{"type":"not_found","message":"API Key with id: apk_nope was not found"}`},
		})
		r := srv.Get("/admin/api-keys/" + web).Must(200)
		if diff := cmp.Diff([]string{"id", "title", "token", "redacted", "type", "last_used_at", "updated_at", "created_at",
			"created_by", "revoked_at", "revoked_by", "sales_channels"}, r.Keys("api_key")); diff != "" {
			t.Errorf("retrieve keys (-want +got):\n%s", diff)
		}
	})
}

func TestRevokeAndDelete(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		userID := srv.Get("/admin/users/me").Must(200).String("user.id")
		sc := srv.Channel("EU")
		pk, _ := srv.PublishableKey("Web", sc)
		sk, _ := createKey(t, srv, "Backend", "secret")
		later, _ := createKey(t, srv, "Later", "publishable")

		apitest.Run(t, srv, []apitest.Case{
			{Name: "delete a live key", Method: "DELETE", Path: "/admin/api-keys/" + pk, Status: 400,
				Exact: `{"type":"not_allowed","message":"Cannot delete api keys that are not revoked - ` + pk + `"}`},
			{Name: "revoke", Method: "POST", Path: "/admin/api-keys/" + pk + "/revoke", Body: M{}, Status: 200,
				Want: M{"api_key": M{"id": pk, "revoked_by": userID, "revoked_at": apitest.Any, "sales_channels": A{M{"id": sc, "name": "EU"}}}},
				Check: func(t *testing.T, r *apitest.Response) {
					at, err := time.Parse(time.RFC3339, r.String("api_key.revoked_at"))
					if err != nil || time.Since(at) > time.Minute || time.Since(at) < 0 {
						t.Errorf("revoked_at %s", r.String("api_key.revoked_at"))
					}
				}},
			{Name: "revoke a publishable key again", Method: "POST", Path: "/admin/api-keys/" + pk + "/revoke", Status: 200},
			{Name: "revoke a secret key", Method: "POST", Path: "/admin/api-keys/" + sk + "/revoke", Body: M{}, Status: 200,
				Want: M{"api_key": M{"token": "", "revoked_by": userID}}},
			{Name: "revoke a secret key again", Method: "POST", Path: "/admin/api-keys/" + sk + "/revoke", Body: M{}, Status: 400,
				Exact: `{"type":"invalid_data","message":"There are 1 secret keys that are already revoked."}`},
			{Name: "revoke unknown", Method: "POST", Path: "/admin/api-keys/apk_nope/revoke", Body: M{}, Status: 404,
				Exact: `{"type":"not_found","message":"API Key with id: apk_nope was not found"}`},
			{Name: "revoke_in must be a number", Method: "POST", Path: "/admin/api-keys/" + later + "/revoke", Body: M{"revoke_in": "1"}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Expected type: 'number' for field 'revoke_in', got: '1'"}`},
			{Name: "revoke in an hour", Method: "POST", Path: "/admin/api-keys/" + later + "/revoke", Body: M{"revoke_in": 3600}, Status: 200,
				Check: func(t *testing.T, r *apitest.Response) {
					at, err := time.Parse(time.RFC3339, r.String("api_key.revoked_at"))
					if d := time.Until(at); err != nil || d < 59*time.Minute || d > time.Hour {
						t.Errorf("revoked_at %s", r.String("api_key.revoked_at"))
					}
				}},
			{Name: "a key revoked later cannot be deleted yet", Method: "DELETE", Path: "/admin/api-keys/" + later, Status: 400,
				Exact: `{"type":"not_allowed","message":"Cannot delete api keys that are not revoked - ` + later + `"}`},
			{Name: "delete", Method: "DELETE", Path: "/admin/api-keys/" + pk, Status: 200,
				Exact: `{"id":"` + pk + `","object":"api_key","deleted":true}`},
			{Name: "gone", Method: "GET", Path: "/admin/api-keys/" + pk, Status: 404},
			{Name: "not listed", Method: "GET", Path: "/admin/api-keys", Status: 200, Want: M{"count": 2}},
			{Name: "delete a secret key", Method: "DELETE", Path: "/admin/api-keys/" + sk, Status: 200},
			{Name: "then a new secret key is allowed", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "New", "type": "secret"}, Status: 200},
		})
		if n := apitest.Scalar[int](t, srv, `SELECT count(*) FROM publishable_api_key_sales_channel WHERE publishable_key_id = $1`, pk); n != 0 {
			t.Errorf("%d links left after delete", n)
		}
		if n := apitest.Scalar[int](t, srv, `SELECT count(*) FROM sales_channel WHERE id = $1 AND deleted_at IS NULL`, sc); n != 1 {
			t.Errorf("deleting a key touched its channel")
		}
	})
}

func TestLinkChannels(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		pk, _ := createKey(t, srv, "Web", "publishable")
		sk, _ := createKey(t, srv, "Backend", "secret")
		eu, us, gone := srv.Channel("EU"), srv.Channel("US"), srv.Channel("Gone")
		srv.Do("DELETE", "/admin/sales-channels/"+gone, nil, nil).Must(200)
		path := "/admin/api-keys/" + pk + "/sales-channels"

		apitest.Run(t, srv, []apitest.Case{
			{Name: "unknown channels link nothing", Method: "POST", Path: path, Body: M{"add": A{eu, "phony", gone}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Sales channels with IDs phony, ` + gone + ` do not exist"}`,
				Check: func(t *testing.T, r *apitest.Response) {
					if n := apitest.Scalar[int](t, srv, `SELECT count(*) FROM publishable_api_key_sales_channel`); n != 0 {
						t.Errorf("%d links written", n)
					}
				}},
			{Name: "add", Method: "POST", Path: path, Body: M{"add": A{us, eu, eu}}, Status: 200,
				Want: M{"api_key": M{"id": pk, "sales_channels": A{M{"id": eu, "name": "EU"}, M{"id": us, "name": "US"}}}}},
			{Name: "add again is idempotent", Method: "POST", Path: path, Body: M{"add": A{eu}}, Status: 200,
				Want: M{"api_key": M{"sales_channels": A{M{"id": eu}, M{"id": us}}}}},
			{Name: "add and remove", Method: "POST", Path: path, Body: M{"add": A{eu}, "remove": A{us, "phony"}}, Status: 200,
				Want: M{"api_key": M{"sales_channels": A{M{"id": eu, "name": "EU"}}}}},
			{Name: "fields", Method: "POST", Path: path + "?fields=id", Body: M{}, Status: 200,
				Exact: `{"api_key":{"id":"` + pk + `"}}`},
			{Name: "strict body", Method: "POST", Path: path, Body: M{"ids": A{eu}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Invalid request: Unrecognized fields: 'ids'"}`},
			{Name: "secret key", Method: "POST", Path: "/admin/api-keys/" + sk + "/sales-channels", Body: M{"add": A{eu}}, Status: 400,
				Exact: `{"type":"invalid_data","message":"Sales channels can only be associated with publishable API keys"}`},
			{Name: "unknown key", Method: "POST", Path: "/admin/api-keys/apk_nope/sales-channels", Body: M{"add": A{eu}}, Status: 404,
				Exact: `{"type":"not_found","message":"API Key with id: apk_nope was not found"}`},
		})
	})
}

func TestChannelSide(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		eu, us, asia := srv.Channel("EU"), srv.Channel("US"), srv.Channel("Asia")
		pk, token := srv.PublishableKey("Web", eu, us)
		other, _ := srv.PublishableKey("App", us)

		apitest.Run(t, srv, []apitest.Case{
			{Name: "filter by key", Method: "GET", Path: "/admin/sales-channels?publishable_key_id=" + pk, Status: 200,
				Want: M{"count": 2, "sales_channels": A{M{"id": eu}, M{"id": us}}}},
			{Name: "filter by key with q", Method: "GET", Path: "/admin/sales-channels?publishable_key_id=" + pk + "&q=us", Status: 200,
				Want: M{"count": 1, "sales_channels": A{M{"id": us}}}},
			{Name: "filter by two keys", Method: "GET", Path: "/admin/sales-channels?publishable_key_id[]=" + other + "&publishable_key_id[]=apk_nope", Status: 200,
				Want: M{"count": 1, "sales_channels": A{M{"id": us}}}},
			{Name: "embed keys", Method: "GET", Path: "/admin/sales-channels?fields=id,*publishable_api_keys&id[]=" + eu + "&id[]=" + us + "&id[]=" + asia, Status: 200,
				Want: M{"sales_channels": A{
					M{"id": eu, "publishable_api_keys": A{M{"id": pk, "token": token, "title": "Web"}}},
					M{"id": us, "publishable_api_keys": A{M{"id": pk}, M{"id": other}}},
					M{"id": asia, "publishable_api_keys": A{}},
				}}},
			{Name: "embed key fields", Method: "GET", Path: "/admin/sales-channels/" + eu + "?fields=id,publishable_api_keys.title", Status: 200,
				Exact: `{"sales_channel":{"id":"` + eu + `","publishable_api_keys":[{"title":"Web"}]}}`},
			{Name: "unknown key field", Method: "GET", Path: "/admin/sales-channels?fields=publishable_api_keys.nope", Status: 400,
				Exact: `{"type":"invalid_data","message":"Requested fields [publishable_api_keys.nope] are not valid"}`},
			{Name: "delete a linked channel", Method: "DELETE", Path: "/admin/sales-channels/" + us, Status: 200},
			{Name: "its links are gone", Method: "GET", Path: "/admin/api-keys/" + pk, Status: 200,
				Want: M{"api_key": M{"sales_channels": A{M{"id": eu}}}}},
			{Name: "and the filter no longer finds it", Method: "GET", Path: "/admin/sales-channels?publishable_key_id=" + other, Status: 200,
				Want: M{"count": 0}},
		})
		if n := apitest.Scalar[int](t, srv, `SELECT count(*) FROM publishable_api_key_sales_channel WHERE sales_channel_id = $1`, us); n != 0 {
			t.Errorf("%d links to a deleted channel", n)
		}
	})
}

func TestSecretKeyAuthenticatesAdmin(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		sk, token := createKey(t, srv, "Backend", "secret")
		pk, pkToken := createKey(t, srv, "Web", "publishable")
		basic := "Basic " + base64.StdEncoding.EncodeToString([]byte(token+":"))
		const unauthorized = `{"message":"Unauthorized"}`
		wrong := token[:66] + "0"
		if wrong == token {
			wrong = token[:66] + "1"
		}

		apitest.Run(t, srv, []apitest.Case{
			{Name: "basic", Method: "GET", Path: "/admin/api-keys", Headers: map[string]string{"Authorization": basic}, Status: 200},
			{Name: "basic again (cached)", Method: "GET", Path: "/admin/api-keys/" + sk, Headers: map[string]string{"Authorization": basic}, Status: 200},
			{Name: "raw", Method: "GET", Path: "/admin/api-keys", Headers: map[string]string{"Authorization": "Basic " + token}, Status: 200},
			{Name: "actor is the key", Method: "POST", Path: "/admin/api-keys", Body: M{"title": "By key", "type": "publishable"},
				Headers: map[string]string{"Authorization": basic}, Status: 200, Want: M{"api_key": M{"created_by": sk}}},
			{Name: "wrong secret", Method: "GET", Path: "/admin/api-keys", Headers: map[string]string{"Authorization": "Basic " + wrong}, Status: 401, Exact: unauthorized},
			{Name: "publishable token", Method: "GET", Path: "/admin/api-keys", Headers: map[string]string{"Authorization": "Basic " + pkToken}, Status: 401, Exact: unauthorized},
			{Name: "revoke", Method: "POST", Path: "/admin/api-keys/" + sk + "/revoke", Status: 200},
			{Name: "revoked key", Method: "GET", Path: "/admin/api-keys", Headers: map[string]string{"Authorization": basic}, Status: 401, Exact: unauthorized},
			{Name: "deleted key", Method: "DELETE", Path: "/admin/api-keys/" + sk, Status: 200},
			{Name: "deleted key is unknown", Method: "GET", Path: "/admin/api-keys", Headers: map[string]string{"Authorization": basic}, Status: 401, Exact: unauthorized},
		})
		_ = pk

		// A key revoked with a future date keeps working until then.
		sk2, token2 := createKey(t, srv, "Backend 2", "secret")
		basic2 := map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(token2+":"))}
		srv.Post("/admin/api-keys/"+sk2+"/revoke", M{"revoke_in": 3600}).Must(200)
		srv.Do("GET", "/admin/api-keys", nil, basic2).Must(200)
	})
}

// TestSecretKeysUnderConcurrency creates secret keys at once: every one is created, and each
// authenticates admin requests on its own.
func TestSecretKeysUnderConcurrency(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		const n = 6
		tokens := make(chan string, n)
		for i := 0; i < n; i++ {
			go func() {
				r := srv.Post("/admin/api-keys", M{"title": "k", "type": "secret"})
				if r.Status != 200 {
					t.Errorf("create: %d %s", r.Status, r.Body)
				}
				tokens <- r.String("api_key.token")
			}()
		}
		// Every key must exist before any is asked for the count.
		all := make([]string, n)
		for i := range all {
			all[i] = <-tokens
		}
		for i, tok := range all {
			h := map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(tok+":"))}
			if r := srv.Do("GET", "/admin/api-keys?type=secret", nil, h); r.Status != 200 || r.Int("count") != n {
				t.Errorf("key %d: %d %s", i, r.Status, r.Body)
			}
		}
	})
}
