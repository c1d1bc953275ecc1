package rbac

import (
	"context"
	"slices"

	"channeld/internal/audit"
	"channeld/internal/auth"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
)

// userNotFoundQuoted is E31's form on /admin/users/:id/roles.
func userNotFoundQuoted(userID string) error {
	return apperr.NotFoundf(`User with id "%s" not found`, userID)
}

// assignmentAudit is the object a rbac_role.user_added or user_removed entry records.
func assignmentAudit(a *Assignment) map[string]any {
	return map[string]any{"user_id": a.UserID, "rbac_role_id": a.RoleID, "sales_channel_id": a.SalesChannelID}
}

// checkChoiceChannels runs the checks on the channels of a request, in the spec's order: the
// channel write check for a caller who is not store-wide (E24, whether or not the channel
// exists), then that every channel is live (E14).
func (s *Service) checkChoiceChannels(ctx context.Context, tx db.DBTX, choice ChannelChoice) error {
	if len(choice.Channels) == 0 {
		return nil
	}
	sc := From(ctx)
	for _, c := range choice.Channels {
		if !sc.In(c, "user", "update") || !sc.In(c, "rbac_role", "update") {
			return assignDecl.Denied()
		}
	}
	missing, err := s.channels.Missing(ctx, tx, choice.Channels)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return apperr.Invalidf("Sales channels with IDs %s do not exist", joinComma(missing))
	}
	return nil
}

// addAssignments gives every user every role where choice says (store-wide, or in each
// channel), after the escalation guard, and records each new assignment. Existing
// assignments are kept.
func (s *Service) addAssignments(ctx context.Context, tx db.DBTX, userIDs []string, roles []*Role, choice ChannelChoice) error {
	targets, err := s.guardAssignments(ctx, tx, roles, choice)
	if err != nil {
		return err
	}
	return s.insertAssignments(ctx, tx, userIDs, roles, targets)
}

// guardAssignments runs the escalation guard on giving roles where choice says and returns
// the scopes the assignments take: nil for store-wide, else one per channel.
func (s *Service) guardAssignments(ctx context.Context, tx db.DBTX, roles []*Role, choice ChannelChoice) ([]*string, error) {
	sc := From(ctx)
	ids := make([]string, len(roles))
	for i, r := range roles {
		ids[i] = r.ID
	}
	pols, err := policiesOfRoles(ctx, tx, ids)
	if err != nil {
		return nil, err
	}
	uni, err := universe(ctx, tx)
	if err != nil {
		return nil, err
	}
	targets := scopesOf(choice)
	for _, r := range roles {
		for _, t := range targets {
			if err := checkAssign(sc, uni, r.ID, grantsOf(pols[r.ID]), t); err != nil {
				return nil, err
			}
		}
	}
	return targets, nil
}

// scopesOf returns the scopes of the assignments choice makes: one store-wide (nil), or one
// per channel.
func scopesOf(choice ChannelChoice) []*string {
	if choice.storeWide() {
		return []*string{nil}
	}
	var targets []*string
	for _, c := range unique(choice.Channels) {
		targets = append(targets, &c)
	}
	return targets
}

// insertAssignments gives every user every role in every scope of targets, recording each
// new assignment; it runs no guard.
func (s *Service) insertAssignments(ctx context.Context, tx db.DBTX, userIDs []string, roles []*Role, targets []*string) error {
	now := s.now()
	for _, u := range userIDs {
		for _, r := range roles {
			for _, t := range targets {
				a := &Assignment{ID: s.newID(assignmentPrefix), UserID: u, RoleID: r.ID, SalesChannelID: t, CreatedAt: now}
				added, err := insertAssignment(ctx, tx, a)
				if err != nil {
					return err
				}
				if added {
					if err := s.audits.Record(ctx, tx, audit.Entry{Action: "rbac_role.user_added", Resource: "user_rbac_role",
						ResourceID: a.ID, SalesChannelID: t, After: assignmentAudit(a)}); err != nil {
						return err
					}
				}
			}
		}
	}
	return nil
}

// chosen reports whether an assignment is one that choice removes: absent → all of them,
// null → the store-wide one, a list → those channels'.
func chosen(a *Assignment, choice ChannelChoice) bool {
	switch {
	case !choice.Set:
		return true
	case choice.storeWide():
		return a.SalesChannelID == nil
	default:
		return a.SalesChannelID != nil && slices.Contains(choice.Channels, *a.SalesChannelID)
	}
}

// dropAssignments removes the assignments of users to roles that choice names, after the
// escalation guard on each.
func (s *Service) dropAssignments(ctx context.Context, tx db.DBTX, userIDs, roleIDs []string, choice ChannelChoice) error {
	all, err := assignmentsOfUsers(ctx, tx, userIDs)
	if err != nil {
		return err
	}
	var drop []*Assignment
	for _, a := range all {
		if slices.Contains(roleIDs, a.RoleID) && chosen(a, choice) {
			drop = append(drop, a)
		}
	}
	if len(drop) == 0 {
		return nil
	}
	pols, err := policiesOfRoles(ctx, tx, roleIDs)
	if err != nil {
		return err
	}
	uni, err := universe(ctx, tx)
	if err != nil {
		return err
	}
	sc := From(ctx)
	for _, a := range drop {
		if err := checkAssign(sc, uni, "", grantsOf(pols[a.RoleID]), a.SalesChannelID); err != nil {
			return err
		}
	}
	return s.removeAssignments(ctx, tx, drop)
}

// removeAssignments deletes assignments and records each; when one was a store-wide Super
// Admin assignment, at least one live user must still hold it (E28).
func (s *Service) removeAssignments(ctx context.Context, tx db.DBTX, as []*Assignment) error {
	superRemoved := false
	for _, a := range as {
		if a.RoleID == SuperAdminRoleID && a.SalesChannelID == nil && !superRemoved {
			superRemoved = true
			if err := s.lockSuperAdmins(ctx, tx); err != nil {
				return err
			}
		}
	}
	for _, a := range as {
		if err := deleteAssignment(ctx, tx, a.ID); err != nil {
			return err
		}
		if err := s.audits.Record(ctx, tx, audit.Entry{Action: "rbac_role.user_removed", Resource: "user_rbac_role",
			ResourceID: a.ID, SalesChannelID: a.SalesChannelID, Before: assignmentAudit(a)}); err != nil {
			return err
		}
	}
	if !superRemoved {
		return nil
	}
	return s.checkSuperAdminLeft(ctx, tx)
}

// checkSuperAdminLeft refuses (E28) a change after which no live user holds Super Admin.
func (s *Service) checkSuperAdminLeft(ctx context.Context, tx db.DBTX) error {
	n, err := superAdminCount(ctx, tx)
	if err != nil {
		return err
	}
	if n == 0 {
		return ErrLastSuperAdmin
	}
	return nil
}

// userReadable reports whether the caller may read a user (§5.6: a caller limited to
// channels reads the users all of whose assignments are in its channels).
func (s *Service) userReadable(ctx context.Context, q db.DBTX, userID string) (bool, error) {
	all, chans := From(ctx).Channels("user", "read")
	if all {
		return true, nil
	}
	ids, err := readableUserIDs(ctx, q, chans)
	if err != nil {
		return false, err
	}
	return slices.Contains(ids, userID), nil
}

// targetUser returns a live user the caller may read, else notFound.
func (s *Service) targetUser(ctx context.Context, q db.DBTX, userID string, notFound error) (*auth.User, error) {
	u, err := s.users.UserIn(ctx, q, userID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	ok, err := s.userReadable(ctx, q, userID)
	if err != nil {
		return nil, err
	}
	if !ok {
		return nil, notFound
	}
	return u, nil
}

// AssignRoles gives a user roles (POST /admin/users/:id/roles).
func (s *Service) AssignRoles(ctx context.Context, userID string, roleIDs []string, choice ChannelChoice) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := s.targetUser(ctx, tx, userID, userNotFoundQuoted(userID)); err != nil {
			return err
		}
		roles, err := rolesByIDs(ctx, tx, roleIDs)
		if err != nil {
			return err
		}
		if err := s.checkChoiceChannels(ctx, tx, choice); err != nil {
			return err
		}
		return s.addAssignments(ctx, tx, []string{userID}, roles, choice)
	})
}

// UnassignRoles takes roles from a user (DELETE /admin/users/:id/roles and .../:role_id).
func (s *Service) UnassignRoles(ctx context.Context, userID string, roleIDs []string, choice ChannelChoice) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := s.targetUser(ctx, tx, userID, userNotFoundQuoted(userID)); err != nil {
			return err
		}
		if err := s.checkChoiceChannels(ctx, tx, choice); err != nil {
			return err
		}
		return s.dropAssignments(ctx, tx, []string{userID}, unique(roleIDs), choice)
	})
}

// targetUsers checks that every id names a live user the caller may read, else E31's
// 400 form listing the others in request order.
func (s *Service) targetUsers(ctx context.Context, q db.DBTX, userIDs []string) ([]string, error) {
	userIDs = unique(userIDs)
	var missing []string
	for _, id := range userIDs {
		if _, err := s.targetUser(ctx, q, id, userNotFoundQuoted(id)); apperr.Is(err, apperr.NotFound) {
			missing = append(missing, id)
		} else if err != nil {
			return nil, err
		}
	}
	if len(missing) > 0 {
		return nil, apperr.Invalidf("The following user IDs do not exist: %s", joinComma(missing))
	}
	return userIDs, nil
}

// AddRoleUsers gives users a role (POST /admin/rbac/roles/:id/users).
func (s *Service) AddRoleUsers(ctx context.Context, roleID string, userIDs []string, choice ChannelChoice) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		r, err := s.readableRole(ctx, tx, roleID, "", roleNotFoundQuoted(roleID))
		if err != nil {
			return err
		}
		if userIDs, err = s.targetUsers(ctx, tx, userIDs); err != nil {
			return err
		}
		if err := s.checkChoiceChannels(ctx, tx, choice); err != nil {
			return err
		}
		return s.addAssignments(ctx, tx, userIDs, []*Role{r}, choice)
	})
}

// RemoveRoleUsers takes a role from users (DELETE /admin/rbac/roles/:id/users).
func (s *Service) RemoveRoleUsers(ctx context.Context, roleID string, userIDs []string, choice ChannelChoice) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := s.readableRole(ctx, tx, roleID, "", roleNotFoundQuoted(roleID)); err != nil {
			return err
		}
		var err error
		if userIDs, err = s.targetUsers(ctx, tx, userIDs); err != nil {
			return err
		}
		if err := s.checkChoiceChannels(ctx, tx, choice); err != nil {
			return err
		}
		return s.dropAssignments(ctx, tx, userIDs, []string{roleID}, choice)
	})
}
