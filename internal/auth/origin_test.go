package auth

import (
	"net/http/httptest"
	"testing"
)

func TestCheckSessionOrigin(t *testing.T) {
	allowed := []string{"http://localhost:5173"}
	tests := []struct {
		name, method, origin string
		ok                   bool
	}{
		{"a read from anywhere", "GET", "http://evil.test", true},
		{"a write without Origin, from a client that is not a browser", "POST", "", true},
		{"a write from this server's own page", "POST", "http://127.0.0.1:9000", true},
		{"a write from an allowed origin", "DELETE", "http://localhost:5173", true},
		{"a write from another port of the same host", "POST", "http://127.0.0.1:8000", false},
		{"a write from another site", "POST", "http://evil.test", false},
		{"a write from an opaque origin", "POST", "null", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := httptest.NewRequest(tt.method, "http://127.0.0.1:9000/admin/products", nil)
			if tt.origin != "" {
				r.Header.Set("Origin", tt.origin)
			}
			if err := checkSessionOrigin(r, allowed); (err == nil) != tt.ok {
				t.Fatalf("checkSessionOrigin = %v, want ok=%v", err, tt.ok)
			}
		})
	}
}
