package rbac

import (
	"context"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
)

// RolePolicies returns a readable role's links to its policies, in creation order; a role the
// caller may not read, or that does not exist, has none.
func (s *Service) RolePolicies(ctx context.Context, roleID string) ([]*RolePolicy, error) {
	q := s.db.Read()
	if _, err := s.readableRole(ctx, q, roleID, "", roleNotFound(roleID)); apperr.Is(err, apperr.NotFound) {
		return []*RolePolicy{}, nil
	} else if err != nil {
		return nil, err
	}
	return rolePolicyLinks(ctx, q, roleID, nil)
}

// AddRolePolicies gives a role policies (ids or keys) and returns the links created; the
// caller must hold them (E25) and may change the role (§5.7).
func (s *Service) AddRolePolicies(ctx context.Context, roleID string, refs []string) ([]*RolePolicy, error) {
	if roleID == SuperAdminRoleID {
		return nil, errSuperAdminRole
	}
	var out []*RolePolicy
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		r, err := s.readableRole(ctx, tx, roleID, s.db.ForUpdate(), roleNotFoundQuoted(roleID))
		if err != nil {
			return err
		}
		pols, err := policiesByRef(ctx, tx, refs)
		if err != nil {
			return err
		}
		uni, err := universe(ctx, tx)
		if err != nil {
			return err
		}
		if err := checkRoleChange(ctx, tx, From(ctx), uni, roleID, "update", roleUpdateDecl, grantsOf(pols)); err != nil {
			return err
		}
		before, err := roleAudit(ctx, tx, r)
		if err != nil {
			return err
		}
		existing, err := rolePolicyLinks(ctx, tx, roleID, nil)
		if err != nil {
			return err
		}
		had := map[string]bool{}
		for _, l := range existing {
			had[l.PolicyID] = true
		}
		var added []*Policy
		ids := make([]string, 0, len(pols))
		for _, p := range pols {
			ids = append(ids, p.ID)
			if !had[p.ID] {
				added = append(added, p)
			}
		}
		if err := s.linkPolicies(ctx, tx, roleID, added, s.now()); err != nil {
			return err
		}
		if out, err = rolePolicyLinks(ctx, tx, roleID, ids); err != nil {
			return err
		}
		if len(added) == 0 {
			return nil
		}
		return s.recordRole(ctx, tx, "rbac_role.policy_added", r, before)
	})
	if err != nil {
		return nil, err
	}
	return out, nil
}

// RemoveRolePolicy takes a policy from a role and returns the removed link's id, "" when the
// role did not have it.
func (s *Service) RemoveRolePolicy(ctx context.Context, roleID, policyID string) (string, error) {
	if roleID == SuperAdminRoleID {
		return "", errSuperAdminRole
	}
	var linkID string
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		r, err := s.readableRole(ctx, tx, roleID, s.db.ForUpdate(), roleNotFoundQuoted(roleID))
		if apperr.Is(err, apperr.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := checkRoleChange(ctx, tx, From(ctx), nil, roleID, "update", roleUpdateDecl, nil); err != nil {
			return err
		}
		links, err := rolePolicyLinks(ctx, tx, roleID, []string{policyID})
		if err != nil || len(links) == 0 {
			return err
		}
		before, err := roleAudit(ctx, tx, r)
		if err != nil {
			return err
		}
		linkID = links[0].ID
		if _, err := tx.ExecContext(ctx, `DELETE FROM rbac_role_policy WHERE id = $1`, linkID); err != nil {
			return err
		}
		return s.recordRole(ctx, tx, "rbac_role.policy_removed", r, before)
	})
	return linkID, err
}
