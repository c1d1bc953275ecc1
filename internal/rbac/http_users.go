package rbac

import (
	"context"
	"slices"

	"channeld/internal/auth"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

func (h *Handler) userRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/users", Summary: "List admin users", Query: userListQuery, Response: "users", Serve: httpapi.Page(memberFields, h.listUsers)},
		{Method: "POST", Path: "/admin/users", Summary: "Create an admin user with a password and roles (channeld)", Query: selectQuery, Body: userCreateBody, Response: "user", Serve: httpapi.One(memberFields, h.createUser)},
		{Method: "GET", Path: "/admin/users/{id}", Summary: "Retrieve an admin user", Query: selectQuery, Response: "user", Serve: httpapi.One(memberFields, h.retrieveUser)},
		{Method: "POST", Path: "/admin/users/{id}", Summary: "Update an admin user", Query: selectQuery, Body: userUpdateBody, Response: "user", Serve: httpapi.One(memberFields, h.updateUser)},
		{Method: "DELETE", Path: "/admin/users/{id}", Summary: "Delete an admin user and its assignments", Response: "deleted", Serve: httpapi.Delete("user", h.svc.DeleteUser)},
		{Method: "GET", Path: "/admin/users/{id}/auth-providers", Summary: "List the ways a user logs in", Response: "providers", Serve: httpapi.Reply(httpapi.NoFields, h.userAuthProviders)},
	}
}

// userAuthProviders answers {"providers"}: emailpass for a user the caller may read, since
// every admin user logs in with email and password, and nothing for any other id, as Medusa
// answers an id with no identity.
func (h *Handler) userAuthProviders(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, httpapi.NoBody]) ([]byte, error) {
	if _, err := h.svc.User(ctx, in.Path("id")); err != nil {
		if apperr.Is(err, apperr.NotFound) {
			return []byte(`{"providers":[]}`), nil
		}
		return nil, err
	}
	return []byte(`{"providers":["emailpass"]}`), nil
}

var userListQuery = v.Object(slices.Concat(httpapi.FindParams(50), []v.Field{httpapi.Search()}, httpapi.MatchFilters("id"),
	[]v.Field{
		v.F("email", v.Nullish(v.String())),
		v.F("first_name", v.Nullish(v.String())),
		v.F("last_name", v.Nullish(v.String())),
	},
	httpapi.DateFilters("created_at", "updated_at", "deleted_at"))...).Strict()

var userUpdateBody = v.Object(
	v.F("first_name", v.Nullish(v.String())),
	v.F("last_name", v.Nullish(v.String())),
	v.F("avatar_url", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var userCreateBody = userUpdateBody.Extend(
	v.F("email", v.String().Max(v.MaxIndexed)), // indexed
	v.F("password", v.String().Min(8)),
	v.F("roles", v.Optional(v.Array(v.String().Min(1)).Min(1))),
	salesChannelIDs,
)

type userListParams struct {
	httpapi.Paging
	Q         string         `json:"q"`
	ID        []string       `json:"id"`
	Email     v.Opt[*string] `json:"email"`
	FirstName v.Opt[*string] `json:"first_name"`
	LastName  v.Opt[*string] `json:"last_name"`
	httpapi.DateParams
}

func (h *Handler) listUsers(ctx context.Context, in *httpapi.Input[userListParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	f := auth.UserFilter{Q: p.Q, IDs: p.ID, Email: p.Email.Value, FirstName: p.FirstName.Value, LastName: p.LastName.Value,
		NullFirstName: p.FirstName.Set && p.FirstName.Value == nil, NullLastName: p.LastName.Set && p.LastName.Value == nil,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, DeletedAt: p.DeletedAt}
	ms, n, err := h.svc.ListUsers(ctx, f, auth.UserPage{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return nil, 0, err
	}
	b, err := h.writeMembers(ctx, ms, in.Fields)
	return b, n, err
}

// writeMembers writes users with sel, loading their roles first when sel asks for them.
func (h *Handler) writeMembers(ctx context.Context, ms []*Member, sel *fields.Selection) ([]byte, error) {
	if sel.Has("rbac_roles") || sel.Rel("rbac_roles") != nil {
		if err := h.svc.LoadRoles(ctx, ms); err != nil {
			return nil, err
		}
	}
	return MemberSpec.AppendList(nil, ms, sel), nil
}

func (h *Handler) writeMember(ctx context.Context, m *Member, sel *fields.Selection) ([]byte, error) {
	b, err := h.writeMembers(ctx, []*Member{m}, sel)
	if err != nil {
		return nil, err
	}
	return b[1 : len(b)-1], nil
}

func (h *Handler) retrieveUser(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	m, err := h.svc.User(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return h.writeMember(ctx, m, in.Fields)
}

type userRequest struct {
	FirstName v.Opt[*string] `json:"first_name"`
	LastName  v.Opt[*string] `json:"last_name"`
	AvatarURL v.Opt[*string] `json:"avatar_url"`
	Metadata  v.Metadata     `json:"metadata"`
	Email     string         `json:"email"`
	Password  string         `json:"password"`
	Roles     []string       `json:"roles"`
	channelsRequest
}

func (h *Handler) createUser(ctx context.Context, in *httpapi.Input[httpapi.Fields, userRequest]) ([]byte, error) {
	b := in.Body
	m, err := h.svc.CreateUser(ctx, NewUserInput{
		NewUser: auth.NewUser{Email: b.Email, Password: b.Password, FirstName: b.FirstName.Value, LastName: b.LastName.Value,
			AvatarURL: b.AvatarURL.Value, Metadata: b.Metadata.Value},
		RoleIDs: b.Roles, Choice: b.choice(),
	})
	if err != nil {
		return nil, err
	}
	return h.writeMember(ctx, m, in.Fields)
}

func (h *Handler) updateUser(ctx context.Context, in *httpapi.Input[httpapi.Fields, userRequest]) ([]byte, error) {
	b := in.Body
	m, err := h.svc.UpdateUser(ctx, in.Path("id"), auth.UserChange{
		SetFirstName: b.FirstName.Set, FirstName: b.FirstName.Value, SetLastName: b.LastName.Set, LastName: b.LastName.Value,
		SetAvatarURL: b.AvatarURL.Set, AvatarURL: b.AvatarURL.Value, SetMetadata: b.Metadata.Set, Metadata: b.Metadata.Value,
	})
	if err != nil {
		return nil, err
	}
	return h.writeMember(ctx, m, in.Fields)
}
