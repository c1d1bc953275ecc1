package rbac

import (
	"net/http"
	"slices"

	"channeld/internal/platform/httpapi"
)

func (h *Handler) meRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/rbac/me/permissions", Summary: "List the caller's permissions (channeld: per channel on request)", Response: "permissions", Handler: h.myPermissions},
	}
}

// permissionsAnswer is the body of /admin/rbac/me/permissions; the two channeld fields are
// written only when `fields` asks for them.
type permissionsAnswer struct {
	Permissions       []string              `json:"permissions"`
	GlobalPermissions *[]string             `json:"global_permissions,omitempty"`
	SalesChannels     *[]channelPermissions `json:"sales_channels,omitempty"`
}

type channelPermissions struct {
	ID          string   `json:"id"`
	Permissions []string `json:"permissions"`
}

// myPermissions answers the caller's permissions. Medusa validates no query here, so only
// `fields` is read, for its two opt-in additions.
func (h *Handler) myPermissions(w http.ResponseWriter, r *http.Request) error {
	ctx := r.Context()
	uni, err := universe(ctx, h.svc.db.Read())
	if err != nil {
		return err
	}
	sc := From(ctx)
	keys := func(holds func(Grant) bool) []string {
		out := []string{}
		for _, g := range uni {
			if holds(g) {
				out = append(out, g.Key())
			}
		}
		slices.Sort(out)
		return out
	}
	ans := permissionsAnswer{Permissions: keys(func(g Grant) bool { return sc.Can(g.Resource, g.Operation) })}
	asked := askedFields(r.URL.Query().Get("fields"))
	if asked["global_permissions"] {
		gp := keys(func(g Grant) bool { return sc.Global(g.Resource, g.Operation) })
		ans.GlobalPermissions = &gp
	}
	if asked["sales_channels"] {
		chans := []channelPermissions{}
		for _, c := range sc.channelIDs() {
			chans = append(chans, channelPermissions{ID: c, Permissions: keys(func(g Grant) bool { return sc.In(c, g.Resource, g.Operation) })})
		}
		ans.SalesChannels = &chans
	}
	httpapi.WriteJSON(w, http.StatusOK, ans)
	return nil
}

// askedFields returns the names a `fields` value lists, without their +, - or * marks.
func askedFields(param string) map[string]bool {
	out := map[string]bool{}
	start := 0
	for i := 0; i <= len(param); i++ {
		if i == len(param) || param[i] == ',' {
			name := param[start:i]
			for len(name) > 0 && (name[0] == '+' || name[0] == ' ' || name[0] == '-' || name[0] == '*') {
				name = name[1:]
			}
			out[name] = true
			start = i + 1
		}
	}
	return out
}
