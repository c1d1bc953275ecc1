package rbac

import (
	"context"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

const assignmentColumns = `id, user_id, rbac_role_id, sales_channel_id, created_at`

var scanAssignment = sqlq.Into(func(a *Assignment) []any {
	return []any{&a.ID, &a.UserID, &a.RoleID, &a.SalesChannelID, db.TimeDest(&a.CreatedAt)}
})

// assignmentsWhere returns the assignments of the live roles matching col IN ids, in creation
// order (the order Medusa lists a link's sides in).
func assignmentsWhere(ctx context.Context, q db.DBTX, col string, ids []string) ([]*Assignment, error) {
	if len(ids) == 0 {
		return nil, nil
	}
	var args []any
	return sqlq.Collect(ctx, q, scanAssignment, `SELECT `+assignmentColumns+` FROM user_rbac_role
		WHERE `+col+` IN (`+sqlq.In(&args, ids...)+`)
		AND rbac_role_id IN (SELECT id FROM rbac_role WHERE deleted_at IS NULL)
		ORDER BY created_at, id`, args...)
}

// assignmentsOfUsers returns the users' assignments.
func assignmentsOfUsers(ctx context.Context, q db.DBTX, userIDs []string) ([]*Assignment, error) {
	return assignmentsWhere(ctx, q, "user_id", userIDs)
}

// assignmentsOfRole returns the role's assignments to live users.
func assignmentsOfRole(ctx context.Context, q db.DBTX, roleID string) ([]*Assignment, error) {
	var args []any
	return sqlq.Collect(ctx, q, scanAssignment, `SELECT `+assignmentColumns+` FROM user_rbac_role
		WHERE rbac_role_id = `+sqlq.In(&args, roleID)+`
		AND user_id IN (SELECT id FROM admin_user WHERE deleted_at IS NULL)
		ORDER BY created_at, id`, args...)
}

// insertAssignment records a, and reports false when the same assignment existed already
// (assigning is idempotent; the partial unique indexes say what "the same" is).
func insertAssignment(ctx context.Context, tx db.DBTX, a *Assignment) (bool, error) {
	res, err := tx.ExecContext(ctx, `INSERT INTO user_rbac_role (`+assignmentColumns+`) VALUES ($1, $2, $3, $4, $5)
		ON CONFLICT DO NOTHING`, a.ID, a.UserID, a.RoleID, a.SalesChannelID, db.FormatTime(a.CreatedAt))
	if err != nil {
		return false, fmt.Errorf("assign role %s to %s: %w", a.RoleID, a.UserID, err)
	}
	n, err := res.RowsAffected()
	return n > 0, err
}

// deleteAssignment removes one assignment.
func deleteAssignment(ctx context.Context, tx db.DBTX, assignmentID string) error {
	return sqlq.Exec(ctx, tx, "remove assignment "+assignmentID, `DELETE FROM user_rbac_role WHERE id = $1`, assignmentID)
}

// lockSuperAdmins locks the Super Admin role's row, so that transactions that may remove a
// super admin run one after the other and the last one is never removed by two at once.
func (s *Service) lockSuperAdmins(ctx context.Context, tx db.DBTX) error {
	var id string
	if err := tx.QueryRowContext(ctx, `SELECT id FROM rbac_role WHERE id = $1`+s.db.ForUpdate(), SuperAdminRoleID).Scan(&id); err != nil {
		return fmt.Errorf("lock the super admin role: %w", err)
	}
	return nil
}

// ErrLastSuperAdmin is E28.
var ErrLastSuperAdmin = apperr.NotAllowedf("Cannot remove the last super admin")

// superAdminCount counts the live users holding the Super Admin role store-wide.
func superAdminCount(ctx context.Context, q db.DBTX) (int, error) {
	var n int
	err := q.QueryRowContext(ctx, `SELECT count(*) FROM user_rbac_role a JOIN admin_user u ON u.id = a.user_id AND u.deleted_at IS NULL
		WHERE a.rbac_role_id = $1 AND a.sales_channel_id IS NULL`, SuperAdminRoleID).Scan(&n)
	if err != nil {
		return 0, fmt.Errorf("count super admins: %w", err)
	}
	return n, nil
}

// readableUserIDs returns the users a caller limited to channels may read: users with at
// least one assignment, every one of them in one of channels (never a store-wide admin).
func readableUserIDs(ctx context.Context, q db.DBTX, channels []string) ([]string, error) {
	if len(channels) == 0 {
		return []string{}, nil
	}
	var args []any
	ids, err := sqlq.Collect(ctx, q, sqlq.String, `SELECT DISTINCT a.user_id FROM user_rbac_role a
		WHERE NOT EXISTS (SELECT 1 FROM user_rbac_role b WHERE b.user_id = a.user_id
			AND (b.sales_channel_id IS NULL OR b.sales_channel_id NOT IN (`+sqlq.In(&args, channels...)+`)))
		ORDER BY a.user_id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read the users of channels: %w", err)
	}
	if ids == nil {
		ids = []string{}
	}
	return ids, nil
}
