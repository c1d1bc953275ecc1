package rbac

import (
	"context"
	"net/http"
	"strings"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

func (h *Handler) assignmentRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/rbac/roles/{id}/users", Summary: "List the users holding a role", Query: roleUsersQuery, Response: "users", Serve: httpapi.Page(memberFields, h.roleUsers)},
		{Method: "POST", Path: "/admin/rbac/roles/{id}/users", Summary: "Assign a role to users, store-wide or in sales channels", Query: looseSelect, Body: roleUsersBody, Response: "users", Serve: httpapi.One(memberFields, h.addRoleUsers)},
		{Method: "DELETE", Path: "/admin/rbac/roles/{id}/users", Summary: "Remove a role from users", Body: roleUsersBody, Response: "deleted", Serve: httpapi.Reply(httpapi.NoFields, h.removeRoleUsers)},
		{Method: "GET", Path: "/admin/users/{id}/roles", Summary: "List a user's roles", Query: userRolesQuery, Response: "roles", Serve: httpapi.Page(roleFields, h.userRoles)},
		{Method: "POST", Path: "/admin/users/{id}/roles", Summary: "Assign roles to a user, store-wide or in sales channels", Query: looseSelect, Body: userRolesBody, Response: "roles", Serve: httpapi.One(roleFields, h.assignRoles)},
		{Method: "DELETE", Path: "/admin/users/{id}/roles", Summary: "Remove roles from a user", Body: userRolesBody, Response: "deleted", Serve: httpapi.Reply(httpapi.NoFields, h.unassignRoles)},
		{Method: "DELETE", Path: "/admin/users/{id}/roles/{role_id}", Summary: "Remove a role from a user", Query: userRoleQuery, Response: "deleted", Handler: h.unassignRole},
	}
}

// looseSelect reads `fields` on routes where Medusa validates no query.
var looseSelect = v.Object(httpapi.SelectParams()...)

// salesChannelIDs is channeld's optional scope of an assignment request.
var salesChannelIDs = v.F("sales_channel_ids", v.Nullish(v.Array(v.String()).Min(1)))

var roleUsersQuery = v.Object(httpapi.FilterParams(50, func() []v.Field { return httpapi.MatchFilters("user_id") })...).Strict()

var userRolesQuery = v.Object(append(httpapi.FindParams(50), httpapi.MatchFilters("role_id")...)...).Strict()

var userRoleQuery = v.Object(httpapi.MatchFilters("sales_channel_id")...).Strict()

var roleUsersBody = v.Object(v.F("users", v.Array(v.String().Min(1)).Min(1)), salesChannelIDs).Strict()

var userRolesBody = v.Object(v.F("roles", v.Array(v.String().Min(1)).Min(1)), salesChannelIDs).Strict()

type channelsRequest struct {
	SalesChannelIDs v.Opt[[]string] `json:"sales_channel_ids"`
}

func (r channelsRequest) choice() ChannelChoice {
	return ChannelChoice{Set: r.SalesChannelIDs.Set, Channels: r.SalesChannelIDs.Value}
}

type roleUsersRequest struct {
	Users []string `json:"users"`
	channelsRequest
}

type userRolesRequest struct {
	Roles []string `json:"roles"`
	channelsRequest
}

type roleUsersParams struct {
	httpapi.Paging
	UserID []string `json:"user_id"`
	httpapi.Groups[struct {
		UserID []string `json:"user_id"`
	}]
}

// FieldsParam reads `fields` as Medusa applies it here, to the user ↔ role link: `user.email`
// selects the user's email; names without the prefix select the user's fields as well.
func (p roleUsersParams) FieldsParam() *string {
	if p.Fields == nil {
		return nil
	}
	parts := strings.Split(*p.Fields, ",")
	for i, f := range parts {
		mark := strings.TrimLeft(f, "+- ")
		rest, ok := strings.CutPrefix(mark, "user.")
		if !ok {
			rest, ok = strings.CutPrefix(mark, "*user.")
		}
		if ok {
			parts[i] = f[:len(f)-len(mark)] + rest
		}
	}
	out := strings.Join(parts, ",")
	return &out
}

func (h *Handler) roleUsers(ctx context.Context, in *httpapi.Input[roleUsersParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	ms, n, err := h.svc.RoleUsers(ctx, in.Path("id"), p.UserID, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return nil, 0, err
	}
	return MemberSpec.AppendList(nil, ms, in.Fields), n, nil
}

// allOf is the page of every item, for the answers that list all of them.
var allOf = Page{Limit: 1 << 30}

func (h *Handler) addRoleUsers(ctx context.Context, in *httpapi.Input[httpapi.Fields, roleUsersRequest]) ([]byte, error) {
	roleID := in.Path("id")
	if err := h.svc.AddRoleUsers(ctx, roleID, in.Body.Users, in.Body.choice()); err != nil {
		return nil, err
	}
	ms, _, err := h.svc.RoleUsers(ctx, roleID, nil, allOf)
	if err != nil {
		return nil, err
	}
	return MemberSpec.AppendList(nil, ms, in.Fields), nil
}

// idsDeleted is Medusa's answer to removing several links: the ids as sent.
type idsDeleted struct {
	IDs     []string `json:"ids"`
	Object  string   `json:"object"`
	Deleted bool     `json:"deleted"`
}

func (h *Handler) removeRoleUsers(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, roleUsersRequest]) ([]byte, error) {
	if err := h.svc.RemoveRoleUsers(ctx, in.Path("id"), in.Body.Users, in.Body.choice()); err != nil {
		return nil, err
	}
	return httpapi.Marshal(idsDeleted{IDs: in.Body.Users, Object: "role_user", Deleted: true})
}

type userRolesParams struct {
	httpapi.Paging
	RoleID []string `json:"role_id"`
}

func (h *Handler) userRoles(ctx context.Context, in *httpapi.Input[userRolesParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	rs, n, err := h.svc.UserRoles(ctx, in.Path("id"), p.RoleID, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return nil, 0, err
	}
	b, err := h.writeRoles(ctx, rs, in.Fields)
	return b, n, err
}

func (h *Handler) assignRoles(ctx context.Context, in *httpapi.Input[httpapi.Fields, userRolesRequest]) ([]byte, error) {
	userID := in.Path("id")
	if err := h.svc.AssignRoles(ctx, userID, in.Body.Roles, in.Body.choice()); err != nil {
		return nil, err
	}
	return h.heldRoles(ctx, userID, in.Fields)
}

// heldRoles writes every role a user holds.
func (h *Handler) heldRoles(ctx context.Context, userID string, sel *fields.Selection) ([]byte, error) {
	rs, _, err := h.svc.UserRoles(ctx, userID, nil, allOf)
	if err != nil {
		return nil, err
	}
	return h.writeRoles(ctx, rs, sel)
}

func (h *Handler) unassignRoles(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, userRolesRequest]) ([]byte, error) {
	if err := h.svc.UnassignRoles(ctx, in.Path("id"), in.Body.Roles, in.Body.choice()); err != nil {
		return nil, err
	}
	return httpapi.Marshal(idsDeleted{IDs: in.Body.Roles, Object: "user_role", Deleted: true})
}

type userRoleParams struct {
	httpapi.NoQuery
	SalesChannelID []string `json:"sales_channel_id"`
}

// unassignRole removes one role; the query's sales_channel_id, when given, limits the
// removal to those channels' assignments.
func (h *Handler) unassignRole(w http.ResponseWriter, r *http.Request) error {
	var q userRoleParams
	if err := httpapi.DecodeQuery(r, userRoleQuery, &q); err != nil {
		return err
	}
	choice := ChannelChoice{}
	if q.SalesChannelID != nil {
		choice = ChannelChoice{Set: true, Channels: q.SalesChannelID}
	}
	roleID := r.PathValue("role_id")
	if err := h.svc.UnassignRoles(r.Context(), r.PathValue("id"), []string{roleID}, choice); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, httpapi.Deleted{ID: roleID, Object: "user_role", Deleted: true})
	return nil
}
