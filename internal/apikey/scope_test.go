package apikey_test

import (
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	"channeld/internal/apikey"
	"channeld/internal/apitest"
	"channeld/internal/platform/httpapi"
)

const (
	keyRequired = `{"type":"not_allowed","message":"Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard."}`
	keyInvalid  = `{"type":"not_allowed","message":"A valid publishable key is required to proceed with the request"}`
)

// storefront serves GET /store/scope behind the middleware of srv's App, answering the scope.
func storefront(t *testing.T, srv *apitest.Server) func(header map[string][]string) (int, []byte) {
	t.Helper()
	rt := httpapi.NewRouter(slog.New(slog.NewTextHandler(io.Discard, nil)))
	rt.Group(httpapi.Storefront, srv.App.APIKeys.RequirePublishable).Handle(httpapi.Route{
		Method: "GET", Path: "/store/scope",
		Handler: func(w http.ResponseWriter, r *http.Request) error {
			s, ok := apikey.ScopeFrom(r.Context())
			if !ok {
				t.Error("no scope in the context")
			}
			httpapi.WriteJSON(w, http.StatusOK, s)
			return nil
		},
	})
	ts := httptest.NewServer(rt)
	t.Cleanup(ts.Close)
	return func(header map[string][]string) (int, []byte) {
		t.Helper()
		req, _ := http.NewRequest("GET", ts.URL+"/store/scope", nil)
		for k, vs := range header {
			req.Header[k] = vs // as given, so lower-case names reach the wire as they are
		}
		res, err := ts.Client().Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer res.Body.Close()
		body, _ := io.ReadAll(res.Body)
		return res.StatusCode, body
	}
}

func key(token string) map[string][]string {
	return map[string][]string{"x-publishable-api-key": {token}}
}

// channelsOf calls the storefront with token and returns the scope's channels, failing
// unless the key is accepted.
func channelsOf(t *testing.T, call func(map[string][]string) (int, []byte), token string) []string {
	t.Helper()
	status, body := call(key(token))
	if status != 200 {
		t.Fatalf("status %d: %s", status, body)
	}
	var s apikey.Scope
	if err := json.Unmarshal(body, &s); err != nil {
		t.Fatal(err)
	}
	if s.Token != token || s.KeyID == "" {
		t.Errorf("scope %s", body)
	}
	return s.ChannelIDs
}

func TestRequirePublishable(t *testing.T) {
	t.Parallel()
	apitest.Each(t, func(t *testing.T, srv *apitest.Server) {
		call := storefront(t, srv)
		pk, token := createKey(t, srv, "Web", "publishable")
		_, secret := createKey(t, srv, "Backend", "secret")
		eu, us, asia := srv.Channel("EU"), srv.Channel("US"), srv.Channel("Asia")
		srv.Post("/admin/sales-channels/"+us, M{"is_disabled": true}).Must(200)

		for _, c := range []struct {
			name   string
			header map[string][]string
			want   string
		}{
			{"missing", nil, keyRequired},
			{"empty", key(""), keyRequired},
			{"unknown", key("pk_0000000000000000000000000000000000000000000000000000000000000000"), keyInvalid},
			{"secret token", key(secret), keyInvalid},
			{"sent twice", map[string][]string{"X-Publishable-Api-Key": {token, token}}, keyInvalid},
		} {
			t.Run(c.name, func(t *testing.T) {
				status, body := call(c.header)
				if status != 400 {
					t.Fatalf("status %d: %s", status, body)
				}
				apitest.ExpectExact(t, body, c.want)
			})
		}

		if got := channelsOf(t, call, token); len(got) != 0 {
			t.Errorf("channels %v, want none", got)
		}
		// Links made through this instance show on the very next request; disabled channels
		// are in scope, deleted ones are not.
		srv.Post("/admin/api-keys/"+pk+"/sales-channels", M{"add": A{us, asia, eu}}).Must(200)
		if diff := cmp.Diff([]string{eu, us, asia}, channelsOf(t, call, token)); diff != "" {
			t.Errorf("after add (-want +got):\n%s", diff)
		}
		srv.Post("/admin/api-keys/"+pk+"/sales-channels", M{"remove": A{eu}}).Must(200)
		if diff := cmp.Diff([]string{us, asia}, channelsOf(t, call, token)); diff != "" {
			t.Errorf("after remove (-want +got):\n%s", diff)
		}
		srv.Do("DELETE", "/admin/sales-channels/"+asia, nil, nil).Must(200)
		if diff := cmp.Diff([]string{us}, channelsOf(t, call, token)); diff != "" {
			t.Errorf("after channel delete (-want +got):\n%s", diff)
		}

		// A revocation in the future leaves the key working; one now refuses the next request.
		srv.Post("/admin/api-keys/"+pk+"/revoke", M{"revoke_in": 3600}).Must(200)
		channelsOf(t, call, token)
		srv.Post("/admin/api-keys/"+pk+"/revoke", M{}).Must(200)
		status, body := call(key(token))
		if status != 400 {
			t.Fatalf("revoked key: status %d: %s", status, body)
		}
		apitest.ExpectExact(t, body, keyInvalid)
		srv.Do("DELETE", "/admin/api-keys/"+pk, nil, nil).Must(200)
		if status, body := call(key(token)); status != 400 {
			t.Fatalf("deleted key: status %d: %s", status, body)
		}
	})
}

// TestScopeAcrossInstances shows a change made through another instance within a second.
func TestScopeAcrossInstances(t *testing.T) {
	t.Parallel()
	apitest.EachPair(t, func(t *testing.T, one, two *apitest.Server) {
		call := storefront(t, one)
		pk, token := createKey(t, one, "Web", "publishable")
		eu := one.Channel("EU")
		if got := channelsOf(t, call, token); len(got) != 0 {
			t.Fatalf("channels %v", got)
		}
		two.Post("/admin/api-keys/"+pk+"/sales-channels", M{"add": A{eu}}).Must(200)
		time.Sleep(1100 * time.Millisecond)
		if diff := cmp.Diff([]string{eu}, channelsOf(t, call, token)); diff != "" {
			t.Errorf("after a link on the other instance (-want +got):\n%s", diff)
		}
		two.Post("/admin/api-keys/"+pk+"/revoke", M{}).Must(200)
		time.Sleep(1100 * time.Millisecond)
		if status, _ := call(key(token)); status != 400 {
			t.Errorf("key revoked on the other instance still accepted after a second")
		}
	})
}
