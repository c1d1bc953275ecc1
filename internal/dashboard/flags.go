package dashboard

import (
	"net/http"

	"channeld/internal/platform/httpapi"
)

// flags are Medusa 2.21.2's feature flags, each on only when channeld serves every route the
// dashboard calls once it is on (docs/decisions.md, "Dashboard reference routes"). Medusa
// answers them in the order it registers them, by file name.
var flags = []struct {
	key string
	on  bool
}{
	{"backend_hmr", false},
	{"caching", false},
	{"index_engine", false},
	{"rbac_filter_fields", false},
	// Roles, policies, assignments and the caller's permissions are channeld's rbac module.
	{"rbac", true},
	// Turning it on makes the dashboard call /admin/locales and the translation settings and
	// statistics routes, which channeld lacks.
	{"translation", false},
	// Saved table views call /admin/views/*, which channeld lacks.
	{"view_configurations", false},
}

// featureFlags answers {"feature_flags": {key: bool}}; Medusa serves it without a login, since
// the dashboard reads it before anyone signs in.
func (h *Handler) featureFlags(w http.ResponseWriter, _ *http.Request) error {
	b := []byte(`{"feature_flags":{`)
	for i, f := range flags {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, '"')
		b = append(b, f.key...)
		b = append(b, `":`...)
		if f.on {
			b = append(b, "true"...)
		} else {
			b = append(b, "false"...)
		}
	}
	httpapi.WriteRaw(w, http.StatusOK, append(b, "}}"...))
	return nil
}
