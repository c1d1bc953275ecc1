package rbac

import (
	"context"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

func (h *Handler) roleRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/rbac/roles", Summary: "List roles", Query: roleListQuery, Response: "roles", Serve: httpapi.Page(roleFields, h.listRoles)},
		{Method: "GET", Path: "/admin/rbac/roles/assignable", Summary: "List the roles the caller may assign", Query: roleListQuery, Response: "roles", Serve: httpapi.Reply(httpapi.NoFields, h.assignableRoles)},
		{Method: "GET", Path: "/admin/rbac/roles/{id}", Summary: "Retrieve a role", Query: roleQuery, Response: "role", Serve: httpapi.One(roleFields, h.retrieveRole)},
		{Method: "POST", Path: "/admin/rbac/roles", Summary: "Create a role", Query: selectQuery, Body: roleCreateBody, Response: "role", Serve: httpapi.One(roleFields, h.createRole)},
		{Method: "POST", Path: "/admin/rbac/roles/{id}", Summary: "Update a role", Query: selectQuery, Body: roleUpdateBody, Response: "role", Serve: httpapi.One(roleFields, h.updateRole)},
		{Method: "DELETE", Path: "/admin/rbac/roles/{id}", Summary: "Delete a role and its assignments", Response: "deleted", Serve: httpapi.Delete("rbac_role", h.svc.DeleteRole)},
		{Method: "GET", Path: "/admin/rbac/roles/{id}/policies", Summary: "List a role's policy links", Query: selectQuery, Response: "policies", Serve: httpapi.Reply(httpapi.NoFields, h.rolePolicies)},
		{Method: "POST", Path: "/admin/rbac/roles/{id}/policies", Summary: "Add policies to a role", Body: rolePoliciesBody, Response: "policies", Serve: httpapi.Reply(httpapi.NoFields, h.addRolePolicies)},
		{Method: "DELETE", Path: "/admin/rbac/roles/{id}/policies/{policy_id}", Summary: "Remove a policy from a role", Response: "deleted", Handler: h.removeRolePolicy},
	}
}

func roleFilterFields() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()}, httpapi.MatchFilters("id", "name", "parent_id"),
		httpapi.DateFilters("created_at", "updated_at", "deleted_at"))
}

var roleListQuery = v.Object(append(httpapi.FilterParams(50, roleFilterFields), withDeleted)...).Strict()

var roleQuery = v.Object(append(httpapi.SelectParams(), v.F("policies", v.Optional(v.StringOrArray())))...).Strict()

var roleCreateBody = v.Object(
	v.F("name", v.String().Max(v.MaxIndexed)), // indexed
	v.F("parent_id", v.Nullish(v.String())),
	v.F("description", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
	v.F("policy_ids", v.Optional(v.Array(v.String().Min(1)))),
).Strict()

var roleUpdateBody = v.Object(
	v.F("name", v.Optional(v.String().Max(v.MaxIndexed))),
	v.F("parent_id", v.Nullish(v.String())),
	v.F("description", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var rolePoliciesBody = v.Object(v.F("policies", v.Array(v.String().Min(1)).Min(1))).Strict()

type roleFilterParams struct {
	Q        string   `json:"q"`
	ID       []string `json:"id"`
	Name     []string `json:"name"`
	ParentID []string `json:"parent_id"`
	httpapi.DateParams
}

func (p roleFilterParams) filter() RoleFilter {
	return RoleFilter{Q: p.Q, IDs: p.ID, Names: p.Name, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, DeletedAt: p.DeletedAt}
}

type roleListParams struct {
	httpapi.Paging
	roleFilterParams
	httpapi.Groups[roleFilterParams]
	WithDeleted bool `json:"with_deleted"`
}

func (p roleListParams) decode() (RoleFilter, Page) {
	f := p.roleFilterParams.filter()
	f.And, f.Or = httpapi.ConvertGroups(p.Groups, roleFilterParams.filter)
	f.WithDeleted = p.WithDeleted
	return f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order}
}

// writeRoles writes roles with sel, loading their policies first when sel asks for them.
func (h *Handler) writeRoles(ctx context.Context, rs []*Role, sel *fields.Selection) ([]byte, error) {
	if sel.Has("policies") || sel.Rel("policies") != nil {
		if err := h.svc.LoadPolicies(ctx, rs); err != nil {
			return nil, err
		}
	}
	if sel.Has("users") || sel.Rel("users") != nil || sel.Has("users_link") || sel.Rel("users_link") != nil {
		if err := h.svc.LoadUsers(ctx, rs); err != nil {
			return nil, err
		}
	}
	return RoleSpec.AppendList(nil, rs, sel), nil
}

func (h *Handler) writeRole(ctx context.Context, r *Role, sel *fields.Selection) ([]byte, error) {
	b, err := h.writeRoles(ctx, []*Role{r}, sel)
	if err != nil {
		return nil, err
	}
	return b[1 : len(b)-1], nil
}

func (h *Handler) listRoles(ctx context.Context, in *httpapi.Input[roleListParams, httpapi.NoBody]) ([]byte, int, error) {
	f, p := in.Query.decode()
	rs, n, err := h.svc.ListRoles(ctx, f, p)
	if err != nil {
		return nil, 0, err
	}
	b, err := h.writeRoles(ctx, rs, in.Fields)
	return b, n, err
}

var assignableRoleFields = fields.FromList("id", "name", "description")

// assignableRoles answers {"roles", "count"}, without offset and limit, as Medusa does.
func (h *Handler) assignableRoles(ctx context.Context, in *httpapi.Input[roleListParams, httpapi.NoBody]) ([]byte, error) {
	f, p := in.Query.decode()
	rs, n, err := h.svc.AssignableRoles(ctx, f, p)
	if err != nil {
		return nil, err
	}
	return countEnvelope("roles", RoleSpec.AppendList(nil, rs, assignableRoleFields), n), nil
}

type roleRetrieveParams struct {
	httpapi.Fields
	Policies []string `json:"policies"` // accepted and unused, as in Medusa
}

func (h *Handler) retrieveRole(ctx context.Context, in *httpapi.Input[roleRetrieveParams, httpapi.NoBody]) ([]byte, error) {
	r, err := h.svc.Role(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return h.writeRole(ctx, r, in.Fields)
}

type roleRequest struct {
	Name        *string        `json:"name"`
	ParentID    v.Opt[*string] `json:"parent_id"` // accepted; roles have no parent over HTTP
	Description v.Opt[*string] `json:"description"`
	Metadata    v.Metadata     `json:"metadata"`
	PolicyIDs   []string       `json:"policy_ids"`
}

func (r roleRequest) input() RoleInput {
	return RoleInput{Name: r.Name, SetDescription: r.Description.Set, Description: r.Description.Value,
		SetMetadata: r.Metadata.Set, Metadata: r.Metadata.Value, PolicyRefs: r.PolicyIDs}
}

func (h *Handler) createRole(ctx context.Context, in *httpapi.Input[httpapi.Fields, roleRequest]) ([]byte, error) {
	r, err := h.svc.CreateRole(ctx, in.Body.input())
	if err != nil {
		return nil, err
	}
	return h.writeRole(ctx, r, in.Fields)
}

func (h *Handler) updateRole(ctx context.Context, in *httpapi.Input[httpapi.Fields, roleRequest]) ([]byte, error) {
	r, err := h.svc.UpdateRole(ctx, in.Path("id"), in.Body.input())
	if err != nil {
		return nil, err
	}
	return h.writeRole(ctx, r, in.Fields)
}
