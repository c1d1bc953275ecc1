package rbac

import (
	"context"
	"net/http"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
)

// appendRolePolicies writes role-policy links as Medusa does: the link's columns, with the
// policy as {id}.
func appendRolePolicies(b []byte, links []*RolePolicy) []byte {
	b = append(b, '[')
	for i, l := range links {
		if i > 0 {
			b = append(b, ',')
		}
		b = append(b, `{"id":`...)
		b = fields.AppendString(b, l.ID)
		b = append(b, `,"role_id":`...)
		b = fields.AppendString(b, l.RoleID)
		b = append(b, `,"policy_id":`...)
		b = fields.AppendString(b, l.PolicyID)
		b = append(b, `,"policy":{"id":`...)
		b = fields.AppendString(b, l.PolicyID)
		b = append(b, `},"metadata":`...)
		b = fields.AppendRaw(b, l.Metadata)
		b = append(b, `,"created_at":`...)
		b = fields.AppendTime(b, l.CreatedAt)
		b = append(b, `,"updated_at":`...)
		b = fields.AppendTime(b, l.UpdatedAt)
		b = append(b, `,"deleted_at":null}`...)
	}
	return append(b, ']')
}

// rolePolicies answers the links with count, offset and limit all 0: Medusa runs this query
// unpaginated and reports its empty pagination.
func (h *Handler) rolePolicies(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	links, err := h.svc.RolePolicies(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return httpapi.ListEnvelope("policies", appendRolePolicies(nil, links), 0, 0, 0), nil
}

type rolePoliciesRequest struct {
	Policies []string `json:"policies"`
}

func (h *Handler) addRolePolicies(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, rolePoliciesRequest]) ([]byte, error) {
	links, err := h.svc.AddRolePolicies(ctx, in.Path("id"), in.Body.Policies)
	if err != nil {
		return nil, err
	}
	return httpapi.Envelope("policies", appendRolePolicies(nil, links)), nil
}

// removeRolePolicy answers Medusa's deletion body, without `id` when the role did not have
// the policy.
func (h *Handler) removeRolePolicy(w http.ResponseWriter, r *http.Request) error {
	linkID, err := h.svc.RemoveRolePolicy(r.Context(), r.PathValue("id"), r.PathValue("policy_id"))
	if err != nil {
		return err
	}
	if linkID == "" {
		httpapi.WriteJSON(w, http.StatusOK, struct {
			Object  string `json:"object"`
			Deleted bool   `json:"deleted"`
		}{"rbac_role_policy", true})
		return nil
	}
	httpapi.WriteJSON(w, http.StatusOK, httpapi.Deleted{ID: linkID, Object: "rbac_role_policy", Deleted: true})
	return nil
}
