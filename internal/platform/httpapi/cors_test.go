package httpapi

import (
	"net/http"
	"net/http/httptest"
	"testing"
)

func TestWithCORS(t *testing.T) {
	ok := http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { w.WriteHeader(http.StatusOK) })
	h := WithCORS(ok, CORS{Store: ParseOrigins("http://localhost:8000/, https://shop.example"), Admin: []string{"*"}})
	tests := []struct {
		name, method, path, origin string
		wantStatus                 int
		wantAllow                  string
	}{
		{"allowed store origin", "GET", "/store/products", "http://localhost:8000", 200, "http://localhost:8000"},
		{"second store origin", "GET", "/store/products", "https://shop.example", 200, "https://shop.example"},
		{"unknown store origin", "GET", "/store/products", "https://evil.example", 200, ""},
		{"admin allows any", "GET", "/admin/sales-channels", "https://evil.example", 200, "https://evil.example"},
		{"auth has no origins", "POST", "/auth/user/emailpass", "http://localhost:8000", 200, ""},
		{"preflight", "OPTIONS", "/store/carts", "http://localhost:8000", 204, "http://localhost:8000"},
		{"no origin header", "GET", "/store/products", "", 200, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			req := httptest.NewRequest(tt.method, tt.path, nil)
			if tt.origin != "" {
				req.Header.Set("Origin", tt.origin)
			}
			if tt.method == "OPTIONS" {
				req.Header.Set("Access-Control-Request-Method", "POST")
				req.Header.Set("Access-Control-Request-Headers", "x-publishable-api-key,content-type")
			}
			rec := httptest.NewRecorder()
			h.ServeHTTP(rec, req)
			if rec.Code != tt.wantStatus {
				t.Errorf("status %d, want %d", rec.Code, tt.wantStatus)
			}
			if got := rec.Header().Get("Access-Control-Allow-Origin"); got != tt.wantAllow {
				t.Errorf("Access-Control-Allow-Origin %q, want %q", got, tt.wantAllow)
			}
			if tt.method == "OPTIONS" && rec.Header().Get("Access-Control-Allow-Headers") != "x-publishable-api-key,content-type" {
				t.Errorf("preflight does not allow the requested headers: %q", rec.Header().Get("Access-Control-Allow-Headers"))
			}
		})
	}
}
