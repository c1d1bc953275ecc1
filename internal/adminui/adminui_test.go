package adminui

import (
	"errors"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

func TestHandler(t *testing.T) {
	dir := t.TempDir()
	write := func(name, body string) {
		t.Helper()
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	write("index.html", "<html>dashboard</html>")
	write("assets/app-1234.js", "console.log('app')")
	if err := os.WriteFile(filepath.Join(filepath.Dir(dir), "outside.txt"), []byte("OUTSIDE-CONTENT"), 0o644); err != nil {
		t.Fatal(err)
	}
	h, err := Handler(dir)
	if err != nil {
		t.Fatal(err)
	}
	mux := http.NewServeMux()
	mux.Handle("GET "+Path+"/", h)

	tests := []struct {
		name, method, path string
		status             int
		body, cache        string
	}{
		{"the dashboard's root", "GET", "/app/", 200, "dashboard", "no-cache"},
		{"a page of the dashboard's router", "GET", "/app/orders/order_123", 200, "dashboard", "no-cache"},
		{"a built file, cached for good", "GET", "/app/assets/app-1234.js", 200, "console.log", "max-age=31536000, immutable"},
		{"index.html itself", "GET", "/app/index.html", 200, "dashboard", "no-cache"},
		{"a folder of the build", "GET", "/app/assets", 200, "dashboard", "no-cache"},
		{"a path that climbs out, cleaned by the router", "GET", "/app/../outside.txt", http.StatusTemporaryRedirect, "", ""},
		{"an escaped climb", "GET", "/app/%2e%2e/outside.txt", 200, "dashboard", "no-cache"},
		{"HEAD of a page", "HEAD", "/app/products", 200, "", "no-cache"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rec := httptest.NewRecorder()
			mux.ServeHTTP(rec, httptest.NewRequest(tt.method, tt.path, nil))
			if rec.Code != tt.status {
				t.Fatalf("status %d, want %d", rec.Code, tt.status)
			}
			if strings.Contains(rec.Body.String(), "OUTSIDE-CONTENT") {
				t.Fatalf("a file outside the build was served: %q", rec.Body)
			}
			if tt.body != "" && !strings.Contains(rec.Body.String(), tt.body) {
				t.Fatalf("body %q, want it to hold %q", rec.Body, tt.body)
			}
			if got := rec.Header().Get("Cache-Control"); got != tt.cache {
				t.Fatalf("Cache-Control %q, want %q", got, tt.cache)
			}
		})
	}
}

func TestHandlerWithoutBuild(t *testing.T) {
	_, err := Handler(t.TempDir())
	if !errors.Is(err, ErrNotBuilt) || !strings.Contains(err.Error(), BuildHint) {
		t.Fatalf("err = %v, want ErrNotBuilt naming %q", err, BuildHint)
	}
}
