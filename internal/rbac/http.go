package rbac

import (
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
)

// Handler serves Medusa's /admin/rbac/* routes and the user administration routes
// /admin/users* (but /admin/users/me, which the auth module serves).
type Handler struct{ svc *Service }

// NewHandler returns the handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes lists the admin routes, each behind its §5.6 declaration.
func (h *Handler) Routes() []httpapi.Route {
	var out []httpapi.Route
	for _, group := range [][]httpapi.Route{h.policyRoutes(), h.roleRoutes(), h.assignmentRoutes(), h.userRoutes(), h.meRoutes()} {
		out = append(out, group...)
	}
	return Apply(out, RouteRules)
}

// RouteRules are §5.6's declarations of this module's routes.
var RouteRules = []Rule{
	{Method: "GET", Path: "/admin/rbac/policies", Policies: []Policies{{"rbac_policy:read"}}},
	{Method: "GET", Path: "/admin/rbac/policies/assignable", Policies: []Policies{{"rbac_policy:read"}}},
	{Method: "GET", Path: "/admin/rbac/policies/{id}", Policies: []Policies{{"rbac_policy:read"}}},
	{Method: "GET", Path: "/admin/rbac/policies/{id}/roles", Policies: []Policies{{"rbac_policy:read", "rbac_role:read"}}},
	{Method: "POST", Path: "/admin/rbac/policies", Policies: []Policies{{"rbac_policy:create"}}},
	{Method: "POST", Path: "/admin/rbac/policies/{id}", Policies: []Policies{{"rbac_policy:update"}}},
	{Method: "DELETE", Path: "/admin/rbac/policies/{id}", Policies: []Policies{{"rbac_policy:delete"}}},
	{Method: "GET", Path: "/admin/rbac/roles", Policies: []Policies{{"rbac_role:read"}}},
	{Method: "GET", Path: "/admin/rbac/roles/assignable", Policies: []Policies{{"rbac_role:read"}}},
	{Method: "GET", Path: "/admin/rbac/roles/{id}", Policies: []Policies{{"rbac_role:read"}}},
	{Method: "GET", Path: "/admin/rbac/roles/{id}/policies", Policies: []Policies{{"rbac_role:read"}}},
	{Method: "POST", Path: "/admin/rbac/roles", Policies: []Policies{{"rbac_role:create"}}},
	{Method: "POST", Path: "/admin/rbac/roles/{id}", Policies: []Policies{{"rbac_role:update"}}},
	{Method: "POST", Path: "/admin/rbac/roles/{id}/policies", Policies: []Policies{{"rbac_role:update"}}},
	{Method: "DELETE", Path: "/admin/rbac/roles/{id}/policies/{policy_id}", Policies: []Policies{{"rbac_role:update"}}},
	{Method: "DELETE", Path: "/admin/rbac/roles/{id}", Policies: []Policies{{"rbac_role:delete"}}},
	{Method: "GET", Path: "/admin/rbac/roles/{id}/users", Policies: []Policies{{"user:read"}}},
	{Method: "POST", Path: "/admin/rbac/roles/{id}/users", Policies: []Policies{assignDecl}},
	{Method: "DELETE", Path: "/admin/rbac/roles/{id}/users", Policies: []Policies{assignDecl}},
	{Method: "GET", Path: "/admin/users", Policies: []Policies{{"user:read"}}},
	{Method: "GET", Path: "/admin/users/{id}", Policies: []Policies{{"user:read"}}},
	{Method: "GET", Path: "/admin/users/{id}/auth-providers", Policies: []Policies{{"user:read"}}},
	{Method: "POST", Path: "/admin/users", Policies: []Policies{{"user:create"}}},
	{Method: "POST", Path: "/admin/users/{id}", Policies: []Policies{{"user:update"}}},
	{Method: "DELETE", Path: "/admin/users/{id}", Policies: []Policies{{"user:delete"}}},
	{Method: "GET", Path: "/admin/users/{id}/roles", Policies: []Policies{{"user:read", "rbac_role:read"}}},
	{Method: "POST", Path: "/admin/users/{id}/roles", Policies: []Policies{assignDecl}},
	{Method: "DELETE", Path: "/admin/users/{id}/roles", Policies: []Policies{assignDecl}},
	{Method: "DELETE", Path: "/admin/users/{id}/roles/{role_id}", Policies: []Policies{assignDecl}},
}

var policyScalars = []string{"id", "key", "resource", "operation", "name", "description", "metadata", "created_at", "updated_at", "deleted_at"}

// PolicySpec writes a policy with Medusa's default fields.
var PolicySpec = &fields.Spec[Policy]{Scalars: policyScalars, Scalar: fields.Columns[Policy](policyScalars, nil)}

// rolePolicyScalars are a policy as a role's `policies` relation writes it: no deleted_at,
// and the inherited_from_role_id of Medusa's role policy view.
var rolePolicyScalars = []string{"id", "key", "resource", "operation", "name", "description", "metadata", "created_at", "updated_at", "inherited_from_role_id"}

var rolePolicySpec = &fields.Spec[Policy]{Scalars: rolePolicyScalars, Scalar: fields.Columns[Policy](rolePolicyScalars, nil)}

var roleScalars = []string{"id", "name", "description", "metadata", "created_at", "updated_at", "deleted_at"}

// RoleSpec writes a role: Medusa's default fields, its policies (fields=*policies), and
// channeld's opt-in sales_channel_ids on a user's roles.
var RoleSpec = &fields.Spec[Role]{
	Scalars: roleScalars,
	Scalar:  fields.Columns[Role](roleScalars, nil),
	Relations: map[string]fields.Relation[Role]{
		"policies":          fields.ListOf(rolePolicySpec, func(r *Role) []*Policy { return r.Policies }),
		"sales_channel_ids": fields.OptIn(func(b []byte, r *Role) []byte { return appendIDs(b, r.SalesChannelIDs) }),
	},
}

// A role's users are members, whose roles are roles: the relations close the loop at init.
func init() {
	RoleSpec.Relations["users"] = fields.ListOf(MemberSpec, func(r *Role) []*Member { return r.Users })
	RoleSpec.Relations["users_link"] = fields.ListOf(userLinkSpec, func(r *Role) []*Member { return r.Users })
}

// userLinkSpec writes a role's link to one of its users as Medusa's `users_link` relation
// does: the link's ids and the user.
var userLinkSpec = &fields.Spec[Member]{
	Scalars: []string{"user_id"},
	Scalar:  func(b []byte, m *Member, _ string) []byte { return fields.AppendString(b, m.ID) },
	Relations: map[string]fields.Relation[Member]{
		"user": fields.OneOf(MemberSpec, func(m *Member) *Member { return m }),
	},
}

var userScalars = []string{"id", "first_name", "last_name", "email", "avatar_url", "metadata", "created_at", "updated_at", "deleted_at"}

// MemberSpec writes a user: Medusa's default fields, its roles (fields=*rbac_roles) and the
// opt-in sales_channel_ids of its assignments of one role.
var MemberSpec = &fields.Spec[Member]{
	Scalars: userScalars,
	Scalar:  fields.Columns(userScalars, map[string]func([]byte, *Member) []byte{"deleted_at": fields.Null[Member]}),
	Relations: map[string]fields.Relation[Member]{
		"rbac_roles":        fields.ListOf(RoleSpec, func(m *Member) []*Role { return m.Roles }),
		"sales_channel_ids": fields.OptIn(func(b []byte, m *Member) []byte { return appendIDs(b, m.SalesChannelIDs) }),
	},
}

// appendIDs writes ids as a JSON array, nil as null.
func appendIDs(b []byte, ids []string) []byte {
	if ids == nil {
		return fields.AppendNull(b)
	}
	b = append(b, '[')
	for i, id := range ids {
		if i > 0 {
			b = append(b, ',')
		}
		b = fields.AppendString(b, id)
	}
	return append(b, ']')
}

var (
	policyFields = fields.Selector{Defaults: policyScalars, Check: PolicySpec.Check}
	roleFields   = fields.Selector{Defaults: roleScalars, Check: RoleSpec.Check}
	memberFields = fields.Selector{Defaults: userScalars, Check: MemberSpec.Check}
)
