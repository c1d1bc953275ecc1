package rbac

import (
	"context"
	"slices"

	"channeld/internal/audit"
	"channeld/internal/auth"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
)

// Member is an admin user as the user and role routes answer it: the user, with the channels
// of its assignments of one role (fields=+sales_channel_ids; nil when one is store-wide) and
// its roles (fields=*rbac_roles).
type Member struct {
	auth.User
	SalesChannelIDs []string
	Roles           []*Role
}

// NewUserInput is a user to create with its first roles (POST /admin/users).
type NewUserInput struct {
	auth.NewUser
	RoleIDs []string
	Choice  ChannelChoice
}

func userNotFound(userID string) error {
	return apperr.NotFoundf("User with id: %s was not found", userID)
}

// errLimitedCreate is E35: a channel-limited creator names roles and its channels.
var errLimitedCreate = apperr.Invalidf("A channel-limited user must name at least one of its sales channels")

// userAudit is the object a user entry records.
func userAudit(u *auth.User) map[string]any { return map[string]any{"email": u.Email} }

// ListUsers returns a page of the users matching f that the caller may read.
func (s *Service) ListUsers(ctx context.Context, f auth.UserFilter, p auth.UserPage) ([]*Member, int, error) {
	all, chans := From(ctx).Channels("user", "read")
	if !all {
		ids, err := readableUserIDs(ctx, s.db.Read(), chans)
		if err != nil {
			return nil, 0, err
		}
		f.Within = ids
	}
	us, n, err := s.users.ListUsers(ctx, f, p)
	if err != nil {
		return nil, 0, err
	}
	return members(us), n, nil
}

func members(us []*auth.User) []*Member {
	out := make([]*Member, len(us))
	for i, u := range us {
		out[i] = &Member{User: *u}
	}
	return out
}

// User returns a user the caller may read; any other id is E31's `User with id: <id> was
// not found`.
func (s *Service) User(ctx context.Context, userID string) (*Member, error) {
	u, err := s.targetUser(ctx, s.db.Read(), userID, userNotFound(userID))
	if err != nil {
		return nil, err
	}
	return &Member{User: *u}, nil
}

// checkUserWrite is the channel write check of a user update or deletion by a caller who is
// not store-wide for user:<op>: every assignment of the user must be in a channel where it
// holds the policy, else E24 naming decl.
func (s *Service) checkUserWrite(ctx context.Context, q db.DBTX, userID, op string) error {
	sc := From(ctx)
	if sc.Global("user", op) {
		return nil
	}
	as, err := assignmentsOfUsers(ctx, q, []string{userID})
	if err != nil {
		return err
	}
	for _, a := range as {
		if a.SalesChannelID == nil || !sc.In(*a.SalesChannelID, "user", op) {
			return Policies{"user:" + op}.Denied()
		}
	}
	return nil
}

// CreateUser creates a user with a password and, in the same transaction, its assignments.
// A channel-limited creator must give roles in its channels (E35, E24).
func (s *Service) CreateUser(ctx context.Context, in NewUserInput) (*Member, error) {
	sc := From(ctx)
	if !sc.Global("user", "create") {
		if len(in.RoleIDs) == 0 || len(in.Choice.Channels) == 0 {
			return nil, errLimitedCreate
		}
		if err := sc.CheckChannels(Policies{"user:create"}, "user", "create", in.Choice.Channels); err != nil {
			return nil, err
		}
	}
	var u *auth.User
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if u, err = s.users.InsertUser(ctx, tx, in.NewUser); err != nil {
			return err
		}
		if err := s.audits.Record(ctx, tx, audit.Entry{Action: "user.created", Resource: "user", ResourceID: u.ID, After: userAudit(u)}); err != nil {
			return err
		}
		if len(in.RoleIDs) == 0 {
			return nil
		}
		roles, err := rolesByIDs(ctx, tx, in.RoleIDs)
		if err != nil {
			return err
		}
		if err := s.checkChoiceChannels(ctx, tx, in.Choice); err != nil {
			return err
		}
		return s.addAssignments(ctx, tx, []string{u.ID}, roles, in.Choice)
	})
	if err != nil {
		return nil, err
	}
	return &Member{User: *u}, nil
}

// UpdateUser changes a readable user's profile.
func (s *Service) UpdateUser(ctx context.Context, userID string, c auth.UserChange) (*Member, error) {
	var u *auth.User
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := s.targetUser(ctx, tx, userID, userNotFound(userID)); err != nil {
			return err
		}
		if err := s.checkUserWrite(ctx, tx, userID, "update"); err != nil {
			return err
		}
		var err error
		u, err = s.users.UpdateUser(ctx, tx, userID, c)
		return err
	})
	if err != nil {
		return nil, err
	}
	return &Member{User: *u}, nil
}

// DeleteUser soft-deletes a user and removes its assignments; a user cannot delete itself,
// and the last super admin stays (E28). An unknown id is not an error, as in Medusa.
func (s *Service) DeleteUser(ctx context.Context, userID string) error {
	if a, ok := auth.ActorFrom(ctx); ok && a.Type == "user" && a.ID == userID {
		return apperr.NotAllowedf("A user cannot delete itself")
	}
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := s.targetUser(ctx, tx, userID, userNotFound(userID)); apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if err := s.checkUserWrite(ctx, tx, userID, "delete"); err != nil {
			return err
		}
		u, err := s.users.DeleteUser(ctx, tx, userID)
		if err != nil || u == nil {
			return err
		}
		as, err := assignmentsOfUsers(ctx, tx, []string{userID})
		if err != nil {
			return err
		}
		if err := s.removeAssignments(ctx, tx, as); err != nil {
			return err
		}
		return s.audits.Record(ctx, tx, audit.Entry{Action: "user.deleted", Resource: "user", ResourceID: userID, Before: userAudit(u)})
	})
}

// channelsOf folds a pair's assignments into Medusa-shaped sales_channel_ids: nil when one is
// store-wide, else the channels ascending, restricted to those the caller may read.
func channelsOf(as []*Assignment, readable func(string) bool) []string {
	out := []string{}
	for _, a := range as {
		if a.SalesChannelID == nil {
			return nil
		}
		if readable(*a.SalesChannelID) {
			out = append(out, *a.SalesChannelID)
		}
	}
	slices.Sort(out)
	return slices.Compact(out)
}

// GrantSuperAdmin returns what gives a user just created the Super Admin role store-wide in
// the creating transaction: the bootstrap admin and users made on the command line.
func (s *Service) GrantSuperAdmin(ctx context.Context) func(tx db.DBTX, u *auth.User) error {
	return func(tx db.DBTX, u *auth.User) error {
		a := &Assignment{ID: s.newID(assignmentPrefix), UserID: u.ID, RoleID: SuperAdminRoleID, CreatedAt: s.now()}
		if _, err := insertAssignment(ctx, tx, a); err != nil {
			return err
		}
		return s.audits.Record(ctx, tx, audit.Entry{Action: "rbac_role.user_added", Resource: "user_rbac_role",
			ResourceID: a.ID, After: assignmentAudit(a)})
	}
}
