package auth_test

import (
	"encoding/base64"
	"sync"
	"testing"
	"time"

	"channeld/internal/apitest"
	"channeld/internal/app"
	"channeld/internal/auth"
	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

// testClock is a clock the test moves by hand; every instance of a test shares one.
type testClock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *testClock) Now() time.Time {
	c.mu.Lock()
	defer c.mu.Unlock()
	return c.now
}

func (c *testClock) Advance(d time.Duration) {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.now = c.now.Add(d)
}

// tight lets an email fail 3 times, then once a minute; an address 5 times, then once every
// 10 seconds; secret keys 2 times, then once every 20 seconds.
var tight = auth.Limits{
	PerEmail:   auth.Bucket{Burst: 3, Every: time.Minute},
	PerAddress: auth.Bucket{Burst: 5, Every: 10 * time.Second},
	SecretKeys: auth.Bucket{Burst: 2, Every: 20 * time.Second},
}

func startThrottled(t *testing.T, url string, clock *testClock) *apitest.Server {
	t.Helper()
	return apitest.Start(t, url, app.Options{Now: clock.Now, LoginLimits: tight})
}

func login(srv *apitest.Server, email, password string) *apitest.Response {
	return srv.Do("POST", "/auth/user/emailpass", M{"email": email, "password": password}, nil)
}

// wantThrottled checks a 429 in Medusa's error shape with the wait in Retry-After.
func wantThrottled(t *testing.T, r *apitest.Response, what, retryAfter string) {
	t.Helper()
	want := `{"type":"too_many_requests","message":"Too many failed ` + what + `. Try again in ` + retryAfter + ` seconds."}`
	if r.Status != 429 || string(r.Body) != want || r.Header.Get("Retry-After") != retryAfter {
		t.Errorf("got %d %s (Retry-After %q), want 429 %s (Retry-After %s)", r.Status, r.Body, r.Header.Get("Retry-After"), want, retryAfter)
	}
}

// Guessing a password stops working after a few tries: the next try, even with the right
// password, is a 429 saying when to come back; after the wait the right password works, and
// a success forgets the email's failures. The count holds across instances on one database.
func TestLoginThrottlesGuessing(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		clock := &testClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
		url := dbtest.URL(t, e)
		a := startThrottled(t, url, clock)
		b := startThrottled(t, url, clock)
		// The admin logged in once on each: successes take nothing.
		for i, srv := range []*apitest.Server{a, a, b} {
			if r := login(srv, apitest.AdminEmail, "wrong-password"); r.Status != 401 {
				t.Fatalf("wrong password %d: %d %s", i+1, r.Status, r.Body)
			}
		}
		wantThrottled(t, login(b, apitest.AdminEmail, "wrong-password"), "login attempts", "60")
		wantThrottled(t, login(a, apitest.AdminEmail, apitest.AdminPassword), "login attempts", "60")
		clock.Advance(30 * time.Second)
		wantThrottled(t, login(a, apitest.AdminEmail, apitest.AdminPassword), "login attempts", "30")
		clock.Advance(30 * time.Second)
		if r := login(b, apitest.AdminEmail, apitest.AdminPassword); r.Status != 200 {
			t.Fatalf("right password after the wait: %d %s", r.Status, r.Body)
		}
		// The success reset the email: three more mistakes are allowed. Case and spaces do not
		// make another email.
		for _, email := range []string{apitest.AdminEmail, " ADMIN@example.com", "admin@EXAMPLE.com"} {
			if r := login(a, email, "wrong-password"); r.Status != 401 {
				t.Fatalf("after reset, %q: %d %s", email, r.Status, r.Body)
			}
		}
		wantThrottled(t, login(a, "Admin@Example.com", "wrong-password"), "login attempts", "60")
	})
}

// One client address trying many emails is throttled too, whatever the emails.
func TestLoginThrottlesAnAddress(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		clock := &testClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
		srv := startThrottled(t, dbtest.URL(t, e), clock)
		for _, email := range []string{"a@x.co", "b@x.co", "c@x.co", "d@x.co", "e@x.co"} {
			if r := login(srv, email, "guess-guess"); r.Status != 401 {
				t.Fatalf("%s: %d %s", email, r.Status, r.Body)
			}
		}
		wantThrottled(t, login(srv, "f@x.co", "guess-guess"), "login attempts", "10")
		clock.Advance(10 * time.Second)
		if r := login(srv, "f@x.co", "guess-guess"); r.Status != 401 {
			t.Errorf("after the wait: %d %s", r.Status, r.Body)
		}
	})
}

// Made-up secret keys over Basic auth are throttled per address; a live key is not counted.
func TestSecretKeyGuessingIsThrottled(t *testing.T) {
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		clock := &testClock{now: time.Date(2026, 3, 1, 12, 0, 0, 0, time.UTC)}
		srv := startThrottled(t, dbtest.URL(t, e), clock)
		key := srv.Post("/admin/api-keys", M{"title": "CI", "type": "secret"}).Must(200).String("api_key.token")
		basic := func(token string) *apitest.Response {
			h := map[string]string{"Authorization": "Basic " + base64.StdEncoding.EncodeToString([]byte(token+":"))}
			return srv.Do("GET", "/admin/sales-channels", nil, h)
		}
		for range 3 {
			if r := basic(key); r.Status != 200 {
				t.Fatalf("live key: %d %s", r.Status, r.Body)
			}
		}
		for i := range 2 {
			if r := basic("sk_" + string(rune('a'+i)) + "0000000000000000000000000000000000000000000000000000000000000000"); r.Status != 401 {
				t.Fatalf("made-up key %d: %d %s", i, r.Status, r.Body)
			}
		}
		wantThrottled(t, basic("sk_guess"), "secret API key attempts", "20")
		clock.Advance(20 * time.Second)
		if r := basic(key); r.Status != 200 {
			t.Errorf("live key after the wait: %d %s", r.Status, r.Body)
		}
	})
}
