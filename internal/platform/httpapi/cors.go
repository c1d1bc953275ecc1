package httpapi

import (
	"net/http"
	"strings"
)

// CORS lists the browser origins allowed per audience, as Medusa's STORE_CORS, ADMIN_CORS
// and AUTH_CORS do. "*" allows any origin.
type CORS struct {
	Store, Admin, Auth []string
}

// ParseOrigins splits a comma-separated origin list.
func ParseOrigins(s string) []string {
	var out []string
	for _, o := range strings.Split(s, ",") {
		if o = strings.TrimSpace(strings.TrimRight(o, "/")); o != "" {
			out = append(out, o)
		}
	}
	return out
}

// WithCORS answers preflight requests and adds CORS headers for allowed origins, choosing the
// list by path prefix. Requests from other origins get no CORS headers, so browsers block them.
func WithCORS(next http.Handler, c CORS) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		origin := r.Header.Get("Origin")
		var allowed []string
		switch {
		case strings.HasPrefix(r.URL.Path, "/store"):
			allowed = c.Store
		case strings.HasPrefix(r.URL.Path, "/admin"):
			allowed = c.Admin
		case strings.HasPrefix(r.URL.Path, "/auth"):
			allowed = c.Auth
		}
		if origin == "" || !originAllowed(origin, allowed) {
			next.ServeHTTP(w, r)
			return
		}
		h := w.Header()
		h.Set("Access-Control-Allow-Origin", origin)
		h.Set("Access-Control-Allow-Credentials", "true")
		h.Add("Vary", "Origin")
		if r.Method == http.MethodOptions && r.Header.Get("Access-Control-Request-Method") != "" {
			h.Set("Access-Control-Allow-Methods", "GET,HEAD,PUT,PATCH,POST,DELETE")
			if req := r.Header.Get("Access-Control-Request-Headers"); req != "" {
				h.Set("Access-Control-Allow-Headers", req)
			}
			h.Set("Access-Control-Max-Age", "600")
			w.WriteHeader(http.StatusNoContent)
			return
		}
		next.ServeHTTP(w, r)
	})
}

func originAllowed(origin string, allowed []string) bool {
	for _, a := range allowed {
		if a == "*" || strings.EqualFold(a, origin) {
			return true
		}
	}
	return false
}
