package app_test

import (
	"bytes"
	"context"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"channeld/internal/apitest"
	"channeld/internal/app"
	"channeld/internal/platform/db"
)

// env is a getenv over a fixed map, so tests never read the real environment.
func env(kv ...string) func(string) string {
	m := map[string]string{}
	for i := 0; i+1 < len(kv); i += 2 {
		m[kv[i]] = kv[i+1]
	}
	return func(k string) string { return m[k] }
}

func run(t *testing.T, getenv func(string) string, args ...string) (string, error) {
	t.Helper()
	var out, errOut bytes.Buffer
	err := app.Run(context.Background(), args, getenv, &out, &errOut)
	return out.String() + errOut.String(), err
}

func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want []string // texts the usage must contain
	}{
		{[]string{"--help"}, []string{"channeld serve", "channeld migrate", "channeld user create"}},
		{[]string{"help"}, []string{"channeld serve"}},
		{[]string{"serve", "--help"}, []string{"Usage: channeld serve", "-addr", "-database-url", "-shutdown-timeout"}},
		{[]string{"serve", "-h"}, []string{"Usage: channeld serve"}},
		{[]string{"migrate", "--help"}, []string{"Usage: channeld migrate", "-database-url"}},
		{[]string{"user", "create", "--help"}, []string{"Usage: channeld user create", "-email", "-password"}},
	}
	for _, tt := range tests {
		t.Run(strings.Join(tt.args, " "), func(t *testing.T) {
			out, err := run(t, env(), tt.args...)
			if err != nil {
				t.Fatalf("Run: %v", err)
			}
			for _, w := range tt.want {
				if !strings.Contains(out, w) {
					t.Errorf("output lacks %q:\n%s", w, out)
				}
			}
		})
	}
	if _, err := os.Stat("channeld.db"); err == nil {
		t.Error("--help created ./channeld.db")
	}
}

func TestBadCommandLines(t *testing.T) {
	tests := [][]string{
		{},
		{"frobnicate"},
		{"serve", "--nope"},
		{"serve", "--log-level", "loud"},
		{"serve", "--shutdown-timeout", "soon"},
		{"serve", "--drain-delay", "-1s"},
		{"serve", "--drain-delay", "later"},
		{"migrate", "--bogus"},
		{"migrate", "extra"},
		{"user"},
		{"user", "delete"},
		{"user", "create", "--x"},
		{"user", "create", "--email", "a@b.co"},
		{"user", "create", "--password", "longenough"},
	}
	for _, args := range tests {
		t.Run(strings.Join(args, " "), func(t *testing.T) {
			_, err := run(t, env(), args...)
			if err == nil {
				t.Fatal("Run succeeded")
			}
			if code := app.ExitCode(err); code != 2 {
				t.Errorf("ExitCode(%v) = %d, want 2", err, code)
			}
		})
	}
	t.Run("CHANNELD_DRAIN_DELAY=later", func(t *testing.T) {
		_, err := run(t, env("CHANNELD_DRAIN_DELAY", "later"), "serve", "--database-url", filepath.Join(t.TempDir(), "x.db"))
		if err == nil || app.ExitCode(err) != 2 || !strings.Contains(err.Error(), "CHANNELD_DRAIN_DELAY") {
			t.Errorf("Run = %v, want a usage error naming CHANNELD_DRAIN_DELAY", err)
		}
	})
}

func TestMigrateAndUserCreate(t *testing.T) {
	dir := t.TempDir()
	path := filepath.Join(dir, "a.db")
	out, err := run(t, env(), "migrate", "--database-url", path)
	if err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	if !strings.Contains(out, "migrations applied") {
		t.Errorf("migrate output: %s", out)
	}
	if _, err := os.Stat(path); err != nil {
		t.Fatalf("no database file: %v", err)
	}
	if out, err := run(t, env(), "migrate", "--database-url", path); err != nil {
		t.Fatalf("second migrate: %v\n%s", err, out)
	}

	// DATABASE_URL is read when the flag is absent, and the flag wins over it.
	envPath := filepath.Join(dir, "env.db")
	if out, err := run(t, env("DATABASE_URL", envPath), "migrate"); err != nil {
		t.Fatalf("migrate from env: %v\n%s", err, out)
	}
	if _, err := os.Stat(envPath); err != nil {
		t.Errorf("DATABASE_URL was not used: %v", err)
	}
	flagPath := filepath.Join(dir, "flag.db")
	if out, err := run(t, env("DATABASE_URL", filepath.Join(dir, "unused.db")), "migrate", "--database-url", flagPath); err != nil {
		t.Fatalf("migrate: %v\n%s", err, out)
	}
	if _, err := os.Stat(filepath.Join(dir, "unused.db")); err == nil {
		t.Error("DATABASE_URL won over --database-url")
	}

	out, err = run(t, env(), "user", "create", "--email", "A@b.co", "--password", "longenough", "--database-url", path)
	if err != nil {
		t.Fatalf("user create: %v\n%s", err, out)
	}
	if !strings.Contains(out, "created user a@b.co (user_") {
		t.Errorf("user create output: %s", out)
	}
	for _, tt := range []struct {
		name  string
		args  []string
		wants string
	}{
		{"the same email again", []string{"--email", "a@b.co", "--password", "longenough"}, "already exists"},
		{"a short password", []string{"--email", "c@d.co", "--password", "short"}, "8 and 256"},
		{"a bad email", []string{"--email", "not-an-email", "--password", "longenough"}, "Invalid email"},
	} {
		out, err := run(t, env(), append([]string{"user", "create", "--database-url", path}, tt.args...)...)
		if err == nil || app.ExitCode(err) != 1 || !strings.Contains(err.Error(), tt.wants) {
			t.Errorf("%s: %v (exit %d)\n%s", tt.name, err, app.ExitCode(err), out)
		}
	}

	// The user logs in through the API, on a server started by serve on that database.
	serveAndCheck(t, path, func(base string) {
		status, body := call(t, "POST", base+"/auth/user/emailpass", "", `{"email":"a@b.co","password":"longenough"}`)
		if status != 200 {
			t.Fatalf("login: %d %s", status, body)
		}
		var tok struct{ Token string }
		_ = json.Unmarshal(body, &tok)
		status, body = call(t, "GET", base+"/admin/users/me", tok.Token, "")
		if status != 200 || !strings.Contains(string(body), `"email":"a@b.co"`) {
			t.Errorf("me: %d %s", status, body)
		}
		status, body = call(t, "POST", base+"/admin/sales-channels", tok.Token, `{"name":"Made before shutdown"}`)
		if status != 200 {
			t.Errorf("create channel: %d %s", status, body)
		}
	})

	// Every event committed before shutdown was delivered: the relay's last flush ran.
	d, err := db.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer d.Close()
	var pending, total int
	if err := d.Read().QueryRowContext(context.Background(),
		`SELECT count(*) FILTER (WHERE published_at IS NULL), count(*) FROM outbox_event`).Scan(&pending, &total); err != nil {
		t.Fatal(err)
	}
	if pending != 0 || total != 2 {
		t.Errorf("%d of %d events pending after shutdown, want 0 of 2", pending, total)
	}
}

func call(t *testing.T, method, url, token, body string) (int, []byte) {
	t.Helper()
	req, err := http.NewRequest(method, url, strings.NewReader(body))
	if err != nil {
		t.Fatal(err)
	}
	if body != "" {
		req.Header.Set("Content-Type", "application/json")
	}
	if token != "" {
		req.Header.Set("Authorization", "Bearer "+token)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("%s %s: %v", method, url, err)
	}
	defer res.Body.Close()
	var buf bytes.Buffer
	_, _ = buf.ReadFrom(res.Body)
	return res.StatusCode, buf.Bytes()
}

// serveAndCheck runs `channeld serve` on the database at path, waits for /health, runs fn
// against it, then cancels, expects a clean shutdown and returns what serve logged. Tests
// that call it are not parallel: the address FreeAddr picks is free only until another
// listener takes it.
func serveAndCheck(t *testing.T, path string, fn func(base string)) string {
	t.Helper()
	addr := apitest.FreeAddr(t)
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	var out apitest.SyncBuffer
	done := make(chan error, 1)
	go func() {
		done <- app.Run(ctx, []string{"serve", "--addr", addr, "--database-url", path, "--log-level", "warn"}, env(), &out, &out)
	}()
	base := "http://" + addr
	waitHealthy(t, base, done, &out)
	fn(base)
	cancel()
	select {
	case err := <-done:
		if err != nil {
			t.Errorf("serve returned %v, want nil after a graceful shutdown\n%s", err, out.String())
		}
	case <-time.After(20 * time.Second):
		t.Fatal("serve did not stop after cancel")
	}
	if _, err := http.Get(base + "/health"); err == nil {
		t.Error("still answering after shutdown")
	}
	return out.String()
}

func TestServe(t *testing.T) {
	path := filepath.Join(t.TempDir(), "serve.db")
	logged := serveAndCheck(t, path, func(base string) {
		status, body := call(t, "GET", base+"/health", "", "")
		if status != 200 || string(body) != `{"status":"ok"}` {
			t.Errorf("health: %d %s", status, body)
		}
		status, body = call(t, "GET", base+"/admin/sales-channels", "", "")
		if status != 401 || string(body) != `{"message":"Unauthorized"}` {
			t.Errorf("unauthenticated admin: %d %s", status, body)
		}
		status, _ = call(t, "GET", base+"/openapi.json", "", "")
		if status != 200 {
			t.Errorf("openapi.json: %d", status)
		}
	})
	// Started without CHANNELD_ADMIN_*, on a database without users: the log says how to
	// make the first admin.
	if !strings.Contains(logged, "no admin user yet") || !strings.Contains(logged, "channeld user create --email") {
		t.Errorf("serve did not say how to create an admin:\n%s", logged)
	}
}

func TestServeOnABusyAddress(t *testing.T) {
	t.Parallel()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	_, err = run(t, env(), "serve", "--addr", ln.Addr().String(), "--database-url", filepath.Join(t.TempDir(), "x.db"))
	if err == nil || app.ExitCode(err) != 1 {
		t.Errorf("serve on a busy address: %v", err)
	}
}
