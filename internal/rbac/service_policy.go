package rbac

import (
	"context"
	"encoding/json"
	"strings"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// PolicyInput is a policy to create, or with nil fields left alone, a change to one.
type PolicyInput struct {
	Key, Resource, Operation *string
	SetName, SetDescription  bool
	Name, Description        *string
	SetMetadata              bool
	Metadata                 json.RawMessage
}

// ListPolicies returns a page of policies matching f.
func (s *Service) ListPolicies(ctx context.Context, f PolicyFilter, p Page) ([]*Policy, int, error) {
	return listPolicies(ctx, s.db.Read(), s.db.ILike(), f, p)
}

// AssignablePolicies returns a page of the policies matching f that the caller holds, and
// how many there are.
func (s *Service) AssignablePolicies(ctx context.Context, f PolicyFilter, p Page) ([]*Policy, int, error) {
	sc := From(ctx)
	if !sc.IsSuper() {
		q := s.db.Read()
		ps, err := livePolicies(ctx, q)
		if err != nil {
			return nil, 0, err
		}
		uni, err := universe(ctx, q)
		if err != nil {
			return nil, 0, err
		}
		f.Within = []string{}
		for _, pol := range ps {
			if holdsSomewhere(sc, pol.Grant(), uni) {
				f.Within = append(f.Within, pol.ID)
			}
		}
	}
	return listPolicies(ctx, s.db.Read(), s.db.ILike(), f, p)
}

// holdsSomewhere reports whether the caller holds policy g store-wide or in some channel.
func holdsSomewhere(sc *Scope, g Grant, uni []Grant) bool {
	if held(sc.global, g, uni) {
		return true
	}
	for _, c := range sc.channelIDs() {
		if held(sc.grantsIn(c), g, uni) {
			return true
		}
	}
	return false
}

// Policy returns a live policy; unknown is 404 `Policy with id: <id> not found`.
func (s *Service) Policy(ctx context.Context, policyID string) (*Policy, error) {
	return getPolicy(ctx, s.db.Read(), policyID, apperr.NotFoundf("Policy with id: %s not found", policyID))
}

// policyAudit is the object an rbac_policy entry records.
func policyAudit(p *Policy) map[string]any {
	if p == nil {
		return nil
	}
	return map[string]any{"key": p.Key, "resource": p.Resource, "operation": p.Operation, "name": p.Name, "description": p.Description}
}

// policyWriteDecls are the declarations of the policy write routes; such writes need the
// policy store-wide.
var policyWriteDecls = map[string]Policies{
	"create": {"rbac_policy:create"}, "update": {"rbac_policy:update"}, "delete": {"rbac_policy:delete"},
}

func checkPolicyWrite(ctx context.Context, op string) error {
	if !From(ctx).Global("rbac_policy", op) {
		return policyWriteDecls[op].Denied()
	}
	return nil
}

// CreatePolicy creates a policy; resource and operation are stored lower-cased.
func (s *Service) CreatePolicy(ctx context.Context, in PolicyInput) (*Policy, error) {
	if err := checkPolicyWrite(ctx, "create"); err != nil {
		return nil, err
	}
	now := s.now()
	p := &Policy{ID: s.newID(policyPrefix), Key: *in.Key, Resource: strings.ToLower(*in.Resource), Operation: strings.ToLower(*in.Operation),
		Name: in.Name, Description: in.Description, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := insertPolicy(ctx, tx, p); err != nil {
			return err
		}
		return s.audits.Record(ctx, tx, audit.Entry{Action: "rbac_policy.created", Resource: "rbac_policy", ResourceID: p.ID, After: policyAudit(p)})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

// UpdatePolicy changes a policy; unknown is 404 `Policy with id "<id>" not found`.
func (s *Service) UpdatePolicy(ctx context.Context, policyID string, in PolicyInput) (*Policy, error) {
	if err := checkPolicyWrite(ctx, "update"); err != nil {
		return nil, err
	}
	if policyID == SuperAdminPolicyID {
		return nil, errSuperAdminRole
	}
	var p *Policy
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if p, err = getPolicy(ctx, tx, policyID, apperr.NotFoundf(`Policy with id "%s" not found`, policyID)); err != nil {
			return err
		}
		before := policyAudit(p)
		applyPolicyInput(p, in)
		p.UpdatedAt = s.now()
		if err := updatePolicy(ctx, tx, p); err != nil {
			return err
		}
		return s.audits.Record(ctx, tx, audit.Entry{Action: "rbac_policy.updated", Resource: "rbac_policy", ResourceID: p.ID,
			Before: before, After: policyAudit(p)})
	})
	if err != nil {
		return nil, err
	}
	return p, nil
}

func applyPolicyInput(p *Policy, in PolicyInput) {
	if in.Key != nil {
		p.Key = *in.Key
	}
	if in.Resource != nil {
		p.Resource = strings.ToLower(*in.Resource)
	}
	if in.Operation != nil {
		p.Operation = strings.ToLower(*in.Operation)
	}
	if in.SetName {
		p.Name = in.Name
	}
	if in.SetDescription {
		p.Description = in.Description
	}
	if in.SetMetadata {
		p.Metadata = in.Metadata
	}
}

// DeletePolicy soft-deletes a policy; roles that held it no longer grant it. An unknown id
// is not an error, as in Medusa.
func (s *Service) DeletePolicy(ctx context.Context, policyID string) error {
	if err := checkPolicyWrite(ctx, "delete"); err != nil {
		return err
	}
	if policyID == SuperAdminPolicyID {
		return errSuperAdminRole
	}
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		p, err := getPolicy(ctx, tx, policyID, apperr.NotFoundf("Policy with id: %s not found", policyID))
		if apperr.Is(err, apperr.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if _, err := sqlq.SoftDelete(ctx, tx, "rbac_policy", policyID, s.now()); err != nil {
			return err
		}
		return s.audits.Record(ctx, tx, audit.Entry{Action: "rbac_policy.deleted", Resource: "rbac_policy", ResourceID: p.ID, Before: policyAudit(p)})
	})
}

// PolicyRoles returns a page of the readable roles holding a policy directly, the ids of
// each role's readable users, and how many roles there are.
func (s *Service) PolicyRoles(ctx context.Context, policyID string, p Page) ([]*Role, map[string][]string, int, error) {
	q := s.db.Read()
	if _, err := getPolicy(ctx, q, policyID, apperr.NotFoundf("RbacPolicy id not found: %s", policyID)); err != nil {
		return nil, nil, 0, err
	}
	within, err := s.readableRoleIDs(ctx, q)
	if err != nil {
		return nil, nil, 0, err
	}
	rs, n, err := listRoles(ctx, q, s.db.ILike(), RoleFilter{Within: within, PolicyID: policyID}, p)
	if err != nil {
		return nil, nil, 0, err
	}
	users := map[string][]string{}
	for _, r := range rs {
		ms, _, err := s.RoleUsers(ctx, r.ID, nil, Page{Limit: 1 << 20})
		if err != nil {
			return nil, nil, 0, err
		}
		users[r.ID] = []string{}
		for _, m := range ms {
			users[r.ID] = append(users[r.ID], m.ID)
		}
	}
	return rs, users, n, nil
}
