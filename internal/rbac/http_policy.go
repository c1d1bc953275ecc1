package rbac

import (
	"context"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

func (h *Handler) policyRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/rbac/policies", Summary: "List policies", Query: policyListQuery, Response: "policies", Serve: httpapi.Entities(policyFields, PolicySpec, h.listPolicies)},
		{Method: "GET", Path: "/admin/rbac/policies/assignable", Summary: "List the policies the caller may grant", Query: policyListQuery, Response: "policies", Serve: httpapi.Reply(httpapi.NoFields, h.assignablePolicies)},
		{Method: "GET", Path: "/admin/rbac/policies/{id}", Summary: "Retrieve a policy", Query: selectQuery, Response: "policy", Serve: httpapi.Entity(policyFields, PolicySpec, h.retrievePolicy)},
		{Method: "GET", Path: "/admin/rbac/policies/{id}/roles", Summary: "List the roles holding a policy", Query: policyRolesQuery, Response: "roles", Serve: httpapi.Page(httpapi.NoFields, h.policyRoles)},
		{Method: "POST", Path: "/admin/rbac/policies", Summary: "Create a policy", Query: selectQuery, Body: policyCreateBody, Response: "policy", Serve: httpapi.Entity(policyFields, PolicySpec, h.createPolicy)},
		{Method: "POST", Path: "/admin/rbac/policies/{id}", Summary: "Update a policy", Query: selectQuery, Body: policyUpdateBody, Response: "policy", Serve: httpapi.Entity(policyFields, PolicySpec, h.updatePolicy)},
		{Method: "DELETE", Path: "/admin/rbac/policies/{id}", Summary: "Delete a policy", Response: "deleted", Serve: httpapi.Delete("rbac_policy", h.svc.DeletePolicy)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

// withDeleted is Medusa's with_deleted list parameter.
var withDeleted = v.F("with_deleted", v.Optional(v.BoolString()))

func policyFilterFields() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()}, httpapi.MatchFilters("id", "key", "resource", "operation"),
		httpapi.DateFilters("created_at", "updated_at", "deleted_at"))
}

var policyListQuery = v.Object(append(httpapi.FilterParams(20, policyFilterFields), withDeleted)...).Strict()

var policyRolesQuery = v.Object(httpapi.FindParams(10)...).Strict()

var policyCreateBody = v.Object(
	v.F("key", v.String().Max(v.MaxIndexed)), // indexed
	v.F("resource", v.String().Max(v.MaxIndexed)),
	v.F("operation", v.String().Max(v.MaxIndexed)),
	v.F("name", v.Nullish(v.String())),
	v.F("description", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var policyUpdateBody = policyCreateBody.Partial()

type policyFilterParams struct {
	Q         string   `json:"q"`
	ID        []string `json:"id"`
	Key       []string `json:"key"`
	Resource  []string `json:"resource"`
	Operation []string `json:"operation"`
	httpapi.DateParams
}

func (p policyFilterParams) filter() PolicyFilter {
	return PolicyFilter{Q: p.Q, IDs: p.ID, Keys: p.Key, Resources: p.Resource, Ops: p.Operation,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, DeletedAt: p.DeletedAt}
}

type policyListParams struct {
	httpapi.Paging
	policyFilterParams
	httpapi.Groups[policyFilterParams]
	WithDeleted bool `json:"with_deleted"`
}

func (p policyListParams) decode() (PolicyFilter, Page) {
	f := p.policyFilterParams.filter()
	f.And, f.Or = httpapi.ConvertGroups(p.Groups, policyFilterParams.filter)
	f.WithDeleted = p.WithDeleted
	return f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order}
}

func (h *Handler) listPolicies(ctx context.Context, in *httpapi.Input[policyListParams, httpapi.NoBody]) ([]*Policy, int, error) {
	f, p := in.Query.decode()
	return h.svc.ListPolicies(ctx, f, p)
}

// assignableFields are the fields Medusa answers for an assignable policy.
var assignableFields = fields.FromList("id", "key", "resource", "operation", "description")

// assignablePolicies answers {"policies", "count"}, without offset and limit, as Medusa does.
func (h *Handler) assignablePolicies(ctx context.Context, in *httpapi.Input[policyListParams, httpapi.NoBody]) ([]byte, error) {
	f, p := in.Query.decode()
	ps, n, err := h.svc.AssignablePolicies(ctx, f, p)
	if err != nil {
		return nil, err
	}
	return countEnvelope("policies", PolicySpec.AppendList(nil, ps, assignableFields), n), nil
}

// countEnvelope writes {"<key>": items, "count": n}.
func countEnvelope(key string, items []byte, n int) []byte {
	b := append([]byte(`{"`+key+`":`), items...)
	b = append(b, `,"count":`...)
	b = fields.AppendInt(b, int64(n))
	return append(b, '}')
}

func (h *Handler) retrievePolicy(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Policy, error) {
	return h.svc.Policy(ctx, in.Path("id"))
}

type policyRequest struct {
	Key         *string        `json:"key"`
	Resource    *string        `json:"resource"`
	Operation   *string        `json:"operation"`
	Name        v.Opt[*string] `json:"name"`
	Description v.Opt[*string] `json:"description"`
	Metadata    v.Metadata     `json:"metadata"`
}

func (r policyRequest) input() PolicyInput {
	return PolicyInput{Key: r.Key, Resource: r.Resource, Operation: r.Operation,
		SetName: r.Name.Set, Name: r.Name.Value, SetDescription: r.Description.Set, Description: r.Description.Value,
		SetMetadata: r.Metadata.Set, Metadata: r.Metadata.Value}
}

func (h *Handler) createPolicy(ctx context.Context, in *httpapi.Input[httpapi.Fields, policyRequest]) (*Policy, error) {
	return h.svc.CreatePolicy(ctx, in.Body.input())
}

func (h *Handler) updatePolicy(ctx context.Context, in *httpapi.Input[httpapi.Fields, policyRequest]) (*Policy, error) {
	return h.svc.UpdatePolicy(ctx, in.Path("id"), in.Body.input())
}

// policyRoleFields are the fields Medusa answers for a role holding a policy.
var policyRoleFields = fields.FromList("id", "name", "description", "created_at", "updated_at")

func (h *Handler) policyRoles(ctx context.Context, in *httpapi.Input[httpapi.Paging, httpapi.NoBody]) ([]byte, int, error) {
	rs, users, n, err := h.svc.PolicyRoles(ctx, in.Path("id"), Page{Offset: in.Query.Offset, Limit: in.Query.Limit, Order: in.Query.Order})
	if err != nil {
		return nil, 0, err
	}
	b := []byte{'['}
	for i, r := range rs {
		if i > 0 {
			b = append(b, ',')
		}
		obj := RoleSpec.Append(nil, r, policyRoleFields)
		b = append(b, obj[:len(obj)-1]...)
		b = append(b, `,"users":[`...)
		for j, u := range users[r.ID] {
			if j > 0 {
				b = append(b, ',')
			}
			b = append(append(append(b, `{"id":`...), fields.AppendString(nil, u)...), '}')
		}
		b = append(b, "]}"...)
	}
	return append(b, ']'), n, nil
}
