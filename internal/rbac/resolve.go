package rbac

import (
	"context"
	"database/sql"
	"fmt"
	"net/http"

	"channeld/internal/auth"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
)

// Resolve is the admin group's middleware after authentication: it loads the caller's
// effective permissions once and puts them in the request context, where From finds them.
// It refuses nothing itself: routes refuse through Require or a module's own check. A
// secret API key acts as the Super Admin; a user's grants are read from the database on
// every request, so a change of roles applies at once.
func (s *Service) Resolve(next httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		actor, ok := auth.ActorFrom(r.Context())
		if !ok {
			return next(w, r)
		}
		scope := SuperScope()
		if actor.Type == "user" {
			var err error
			if scope, err = s.ScopeOf(r.Context(), s.db.Read(), actor.ID); err != nil {
				return err
			}
		}
		return next(w, r.WithContext(WithScope(r.Context(), scope)))
	}
}

// scopeQuery reads every (channel, policy) pair a user holds through its assignments in one
// statement over the user's index; an assignment whose role has no live policy still gives
// one row, with NULL policy columns, so that holding it counts as holding a role.
const scopeQuery = `SELECT a.sales_channel_id, p.resource, p.operation
	FROM user_rbac_role a
	JOIN rbac_role r ON r.id = a.rbac_role_id AND r.deleted_at IS NULL
	LEFT JOIN rbac_role_policy rp ON rp.role_id = r.id
	LEFT JOIN rbac_policy p ON p.id = rp.policy_id AND p.deleted_at IS NULL
	WHERE a.user_id = $1`

// ScopeOf reads the scope of a user through q.
func (s *Service) ScopeOf(ctx context.Context, q db.DBTX, userID string) (*Scope, error) {
	rows, err := q.QueryContext(ctx, scopeQuery, userID)
	if err != nil {
		return nil, fmt.Errorf("read permissions of %s: %w", userID, err)
	}
	defer rows.Close()
	sc := &Scope{channels: map[string][]Grant{}}
	for rows.Next() {
		var channel, res, op sql.NullString
		if err := rows.Scan(&channel, &res, &op); err != nil {
			return nil, fmt.Errorf("read permissions of %s: %w", userID, err)
		}
		sc.assigned = true
		if channel.Valid {
			if _, ok := sc.channels[channel.String]; !ok {
				sc.channels[channel.String] = []Grant{}
			}
		}
		if !res.Valid {
			continue
		}
		g := Grant{Resource: res.String, Operation: op.String}
		if !channel.Valid {
			sc.global = append(sc.global, g)
		} else {
			sc.channels[channel.String] = append(sc.channels[channel.String], g)
		}
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("read permissions of %s: %w", userID, err)
	}
	return sc, nil
}
