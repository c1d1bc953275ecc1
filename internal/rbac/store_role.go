package rbac

import (
	"context"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

const roleColumns = `id, name, description, metadata, created_at, updated_at, deleted_at`

var scanRole = sqlq.Into(func(r *Role) []any {
	return append([]any{&r.ID, &r.Name, &r.Description, db.JSONDest(&r.Metadata)},
		db.SoftStamps(&r.CreatedAt, &r.UpdatedAt, &r.DeletedAt)...)
})

// RoleFilter selects roles for a list, as Medusa's role list query does (parent_id is
// accepted and matches every role: roles have no parent). Within, when not nil, restricts the
// list to those ids (the roles a channel-limited caller may read).
type RoleFilter struct {
	Q                               string
	IDs, Names                      []string
	CreatedAt, UpdatedAt, DeletedAt map[string]any
	WithDeleted                     bool
	And, Or                         []RoleFilter
	Within                          []string
	PolicyID                        string // roles holding this policy directly
}

var roleOrder = map[string]string{"id": "id", "name": "name", "created_at": "created_at", "updated_at": "updated_at"}

func roleWhere(w *sqlq.Where, f RoleFilter) error {
	w.Search(f.Q, "name", "description")
	w.InFilter("id", f.IDs)
	w.InFilter("name", f.Names)
	if f.Within != nil {
		w.In("id", f.Within)
	}
	if f.PolicyID != "" {
		w.Add("id IN (SELECT role_id FROM rbac_role_policy WHERE policy_id = " + w.Arg(f.PolicyID) + ")")
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt},
		sqlq.TimeOp{Field: "deleted_at", Ops: f.DeletedAt}); err != nil {
		return err
	}
	return sqlq.Groups(w, f.And, f.Or, roleWhere)
}

func listRoles(ctx context.Context, q db.DBTX, ilike string, f RoleFilter, p Page) ([]*Role, int, error) {
	w := sqlq.NewWhere(ilike)
	if err := roleWhere(w, f); err != nil {
		return nil, 0, err
	}
	if !f.WithDeleted && f.DeletedAt == nil {
		w.Add("deleted_at IS NULL")
	}
	order, err := sqlq.OrderBy(p.Order, roleOrder, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Role]{From: "rbac_role", Columns: roleColumns, Scan: scanRole}.Run(ctx, q, "roles", w, order, p.Limit, p.Offset)
}

// getRole returns a live role; lock is "" or db.ForUpdate(); notFound is the route's message.
func getRole(ctx context.Context, q db.DBTX, roleID, lock string, notFound error) (*Role, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+roleColumns+` FROM rbac_role WHERE id = $1 AND deleted_at IS NULL`+lock, roleID),
		scanRole, notFound, "get role "+roleID)
}

// liveRoles returns every live role, in id order.
func liveRoles(ctx context.Context, q db.DBTX) ([]*Role, error) {
	return sqlq.Collect(ctx, q, scanRole, `SELECT `+roleColumns+` FROM rbac_role WHERE deleted_at IS NULL ORDER BY id`)
}

// rolesByIDs returns the live roles among ids, in request order; ids naming none are E30's
// 400 form.
func rolesByIDs(ctx context.Context, q db.DBTX, ids []string) ([]*Role, error) {
	var args []any
	found, err := sqlq.Collect(ctx, q, scanRole, `SELECT `+roleColumns+` FROM rbac_role
		WHERE deleted_at IS NULL AND id IN (`+sqlq.In(&args, ids...)+`)`, args...)
	if err != nil {
		return nil, err
	}
	byID, _ := sqlq.Index(found, func(r *Role) string { return r.ID })
	out := make([]*Role, 0, len(ids))
	var missing []string
	for _, id := range unique(ids) {
		if r := byID[id]; r != nil {
			out = append(out, r)
		} else {
			missing = append(missing, id)
		}
	}
	if len(missing) > 0 {
		return nil, apperr.Invalidf("The following role IDs do not exist: %s", joinComma(missing))
	}
	return out, nil
}

func insertRole(ctx context.Context, tx db.DBTX, r *Role) error {
	return sqlq.ExecUnique(ctx, tx, apperr.Invalidf("Rbac role with name: %s, already exists.", r.Name), "insert role",
		`INSERT INTO rbac_role (`+roleColumns+`) VALUES ($1, $2, $3, $4, $5, $6, NULL)`,
		r.ID, r.Name, r.Description, db.JSON(r.Metadata), db.FormatTime(r.CreatedAt), db.FormatTime(r.UpdatedAt))
}

func updateRole(ctx context.Context, tx db.DBTX, r *Role) error {
	return sqlq.ExecUnique(ctx, tx, apperr.Invalidf("Rbac role with name: %s, already exists.", r.Name), "update role "+r.ID,
		`UPDATE rbac_role SET name = $2, description = $3, metadata = $4, updated_at = $5 WHERE id = $1`,
		r.ID, r.Name, r.Description, db.JSON(r.Metadata), db.FormatTime(r.UpdatedAt))
}

// rolePolicyColumns are a role's policies as a role answers them, joined through the links.
const rolePolicyOrder = ` ORDER BY p.resource, p.operation, p.key`

// policiesOfRoles returns the live policies of each role, by role id, ordered by resource,
// operation and key.
func policiesOfRoles(ctx context.Context, q db.DBTX, roleIDs []string) (map[string][]*Policy, error) {
	out := map[string][]*Policy{}
	if len(roleIDs) == 0 {
		return out, nil
	}
	var args []any
	rows, err := q.QueryContext(ctx, `SELECT rp.role_id, p.id, p.key, p.resource, p.operation, p.name, p.description, p.metadata,
		p.created_at, p.updated_at, p.deleted_at
		FROM rbac_role_policy rp JOIN rbac_policy p ON p.id = rp.policy_id AND p.deleted_at IS NULL
		WHERE rp.role_id IN (`+sqlq.In(&args, roleIDs...)+`)`+rolePolicyOrder, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var roleID string
		p := &Policy{}
		if err := rows.Scan(append([]any{&roleID, &p.ID, &p.Key, &p.Resource, &p.Operation, &p.Name, &p.Description,
			db.JSONDest(&p.Metadata)}, db.SoftStamps(&p.CreatedAt, &p.UpdatedAt, &p.DeletedAt)...)...); err != nil {
			return nil, err
		}
		out[roleID] = append(out[roleID], p)
	}
	return out, rows.Err()
}

const rolePolicyLinkColumns = `id, role_id, policy_id, metadata, created_at, updated_at`

var scanRolePolicy = sqlq.Into(func(rp *RolePolicy) []any {
	return append([]any{&rp.ID, &rp.RoleID, &rp.PolicyID, db.JSONDest(&rp.Metadata)}, db.Stamps(&rp.CreatedAt, &rp.UpdatedAt)...)
})

// rolePolicyLinks returns a role's links to live policies, in creation order; policyIDs, when
// not empty, restricts them.
func rolePolicyLinks(ctx context.Context, q db.DBTX, roleID string, policyIDs []string) ([]*RolePolicy, error) {
	args := []any{roleID}
	cond := ""
	if len(policyIDs) > 0 {
		cond = ` AND policy_id IN (` + sqlq.In(&args, policyIDs...) + `)`
	}
	return sqlq.Collect(ctx, q, scanRolePolicy, `SELECT `+rolePolicyLinkColumns+` FROM rbac_role_policy
		WHERE role_id = $1 AND policy_id IN (SELECT id FROM rbac_policy WHERE deleted_at IS NULL)`+cond+` ORDER BY created_at, id`, args...)
}

// linkPolicies gives a role the policies it does not have yet.
func (s *Service) linkPolicies(ctx context.Context, tx db.DBTX, roleID string, policies []*Policy, now time.Time) error {
	for _, p := range policies {
		err := sqlq.Exec(ctx, tx, "add policy "+p.ID+" to role "+roleID, `INSERT INTO rbac_role_policy (`+rolePolicyLinkColumns+`)
			VALUES ($1, $2, $3, NULL, $4, $4) ON CONFLICT (role_id, policy_id) DO NOTHING`,
			s.newID(rolePolicyPrefix), roleID, p.ID, db.FormatTime(now))
		if err != nil {
			return err
		}
	}
	return nil
}
