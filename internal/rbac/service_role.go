package rbac

import (
	"context"
	"encoding/json"
	"slices"

	"channeld/internal/audit"
	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// RoleInput is a role to create, or with unset fields left alone, a change to one.
type RoleInput struct {
	Name           *string
	SetDescription bool
	Description    *string
	SetMetadata    bool
	Metadata       json.RawMessage
	PolicyRefs     []string // policy ids or keys, on creation
}

// roleNotFound is E30's form for each route.
func roleNotFound(roleID string) error { return apperr.NotFoundf("Role with id: %s not found", roleID) }
func roleNotFoundQuoted(roleID string) error {
	return apperr.NotFoundf(`Role with id "%s" not found`, roleID)
}

// readableRoleIDs returns the roles the caller may read, or nil when it may read them all.
func (s *Service) readableRoleIDs(ctx context.Context, q db.DBTX) ([]string, error) {
	sc := From(ctx)
	if sc.Global("rbac_role", "read") {
		return nil, nil
	}
	roles, err := liveRoles(ctx, q)
	if err != nil {
		return nil, err
	}
	uni, err := universe(ctx, q)
	if err != nil {
		return nil, err
	}
	ids := make([]string, len(roles))
	for i, r := range roles {
		ids[i] = r.ID
	}
	pols, err := policiesOfRoles(ctx, q, ids)
	if err != nil {
		return nil, err
	}
	out := []string{}
	for _, r := range roles {
		if roleReadable(sc, uni, grantsOf(pols[r.ID])) {
			out = append(out, r.ID)
		}
	}
	return out, nil
}

// ListRoles returns a page of the readable roles matching f.
func (s *Service) ListRoles(ctx context.Context, f RoleFilter, p Page) ([]*Role, int, error) {
	q := s.db.Read()
	within, err := s.readableRoleIDs(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	if within != nil {
		f.Within = within
	}
	return listRoles(ctx, q, s.db.ILike(), f, p)
}

// AssignableRoles returns a page of the roles matching f whose every policy the caller holds
// store-wide or in one channel, with how many there are.
func (s *Service) AssignableRoles(ctx context.Context, f RoleFilter, p Page) ([]*Role, int, error) {
	q := s.db.Read()
	sc := From(ctx)
	roles, err := liveRoles(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	uni, err := universe(ctx, q)
	if err != nil {
		return nil, 0, err
	}
	ids := make([]string, len(roles))
	for i, r := range roles {
		ids[i] = r.ID
	}
	pols, err := policiesOfRoles(ctx, q, ids)
	if err != nil {
		return nil, 0, err
	}
	f.Within = []string{}
	for _, r := range roles {
		gs := grantsOf(pols[r.ID])
		ok := heldAll(sc.global, gs, uni)
		for _, c := range sc.channelIDs() {
			ok = ok || (!slices.Contains(gs, superGrant) && heldAll(sc.grantsIn(c), gs, uni))
		}
		if ok {
			f.Within = append(f.Within, r.ID)
		}
	}
	return listRoles(ctx, q, s.db.ILike(), f, p)
}

// Role returns a role the caller may read; any other id is E30 (the GET form).
func (s *Service) Role(ctx context.Context, roleID string) (*Role, error) {
	return s.readableRole(ctx, s.db.Read(), roleID, "", roleNotFound(roleID))
}

// readableRole returns a live role the caller may read, else notFound.
func (s *Service) readableRole(ctx context.Context, q db.DBTX, roleID, lock string, notFound error) (*Role, error) {
	r, err := getRole(ctx, q, roleID, lock, notFound)
	if err != nil {
		return nil, err
	}
	within, err := s.readableRoleIDs(ctx, q)
	if err != nil {
		return nil, err
	}
	if within != nil && !slices.Contains(within, roleID) {
		return nil, notFound
	}
	return r, nil
}

// LoadPolicies fills each role's Policies.
func (s *Service) LoadPolicies(ctx context.Context, roles []*Role) error {
	ids := make([]string, len(roles))
	for i, r := range roles {
		ids[i] = r.ID
	}
	pols, err := policiesOfRoles(ctx, s.db.Read(), ids)
	if err != nil {
		return err
	}
	for _, r := range roles {
		r.Policies = pols[r.ID]
		if r.Policies == nil {
			r.Policies = []*Policy{}
		}
	}
	return nil
}

// roleAudit is the object an rbac_role entry records: its name and policy keys ascending.
func roleAudit(ctx context.Context, q db.DBTX, r *Role) (map[string]any, error) {
	pols, err := policiesOfRoles(ctx, q, []string{r.ID})
	if err != nil {
		return nil, err
	}
	keys := []string{}
	for _, p := range pols[r.ID] {
		keys = append(keys, p.Key)
	}
	slices.Sort(keys)
	return map[string]any{"name": r.Name, "policies": keys}, nil
}

// CreateRole creates a role with the policies it names; the caller must hold them (E25).
func (s *Service) CreateRole(ctx context.Context, in RoleInput) (*Role, error) {
	now := s.now()
	r := &Role{ID: s.newID("role"), Name: *in.Name, Description: in.Description, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var pols []*Policy
		if len(in.PolicyRefs) > 0 {
			var err error
			if pols, err = policiesByRef(ctx, tx, in.PolicyRefs); err != nil {
				return err
			}
			uni, err := universe(ctx, tx)
			if err != nil {
				return err
			}
			if err := checkGrant(From(ctx), uni, "create", grantsOf(pols)); err != nil {
				return err
			}
		}
		if err := insertRole(ctx, tx, r); err != nil {
			return err
		}
		if err := s.linkPolicies(ctx, tx, r.ID, pols, now); err != nil {
			return err
		}
		return s.recordRole(ctx, tx, "rbac_role.created", r, nil)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// recordRole writes an rbac_role entry with the role as it is now in tx.
func (s *Service) recordRole(ctx context.Context, tx db.DBTX, action string, r *Role, before map[string]any) error {
	after, err := roleAudit(ctx, tx, r)
	if err != nil {
		return err
	}
	if action == "rbac_role.deleted" {
		before, after = after, nil
	}
	if err := outbox.Append(ctx, tx, s.now(), outbox.IDEvent(roleEvent(action), r.ID)); err != nil {
		return err
	}
	return s.audits.Record(ctx, tx, audit.Entry{Action: action, Resource: "rbac_role", ResourceID: r.ID, Before: before, After: after})
}

// roleEvent names the event of a role's audit action as Medusa's RBAC module names its role
// events: a policy added or removed is an update of the role.
func roleEvent(action string) string {
	switch action {
	case "rbac_role.created":
		return "rbac-role.created"
	case "rbac_role.deleted":
		return "rbac-role.deleted"
	}
	return "rbac-role.updated"
}

var roleUpdateDecl = Policies{"rbac_role:update"}

// UpdateRole changes a role's name, description or metadata.
func (s *Service) UpdateRole(ctx context.Context, roleID string, in RoleInput) (*Role, error) {
	if roleID == SuperAdminRoleID {
		return nil, errSuperAdminRole
	}
	var r *Role
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if r, err = s.readableRole(ctx, tx, roleID, s.db.ForUpdate(), roleNotFoundQuoted(roleID)); err != nil {
			return err
		}
		if err := checkRoleChange(ctx, tx, From(ctx), nil, roleID, "update", roleUpdateDecl, nil); err != nil {
			return err
		}
		before, err := roleAudit(ctx, tx, r)
		if err != nil {
			return err
		}
		if in.Name != nil {
			r.Name = *in.Name
		}
		if in.SetDescription {
			r.Description = in.Description
		}
		if in.SetMetadata {
			r.Metadata = in.Metadata
		}
		r.UpdatedAt = s.now()
		if err := updateRole(ctx, tx, r); err != nil {
			return err
		}
		return s.recordRole(ctx, tx, "rbac_role.updated", r, before)
	})
	if err != nil {
		return nil, err
	}
	return r, nil
}

// DeleteRole soft-deletes a role and removes all its assignments. An unknown id is not an
// error, as in Medusa.
func (s *Service) DeleteRole(ctx context.Context, roleID string) error {
	if roleID == SuperAdminRoleID {
		return errSuperAdminRole
	}
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		r, err := s.readableRole(ctx, tx, roleID, s.db.ForUpdate(), roleNotFound(roleID))
		if apperr.Is(err, apperr.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := checkRoleChange(ctx, tx, From(ctx), nil, roleID, "delete", Policies{"rbac_role:delete"}, nil); err != nil {
			return err
		}
		as, err := assignmentsOfRole(ctx, tx, roleID)
		if err != nil {
			return err
		}
		if err := s.removeAssignments(ctx, tx, as); err != nil {
			return err
		}
		if err := s.recordRole(ctx, tx, "rbac_role.deleted", r, nil); err != nil {
			return err
		}
		_, err = sqlq.SoftDelete(ctx, tx, "rbac_role", roleID, s.now())
		return err
	})
}
