package rbac

import (
	"context"
	"slices"

	"channeld/internal/auth"
)

// pairs groups assignments by key (a user or a role), keys in the order of their first
// assignment, as Medusa lists a link's other side.
func pairs(as []*Assignment, key func(*Assignment) string) ([]string, map[string][]*Assignment) {
	var order []string
	by := map[string][]*Assignment{}
	for _, a := range as {
		k := key(a)
		if by[k] == nil {
			order = append(order, k)
		}
		by[k] = append(by[k], a)
	}
	return order, by
}

// window cuts a page out of ids.
func window(ids []string, p Page) []string {
	if p.Offset >= len(ids) {
		return nil
	}
	return ids[p.Offset:min(len(ids), p.Offset+p.Limit)]
}

// RoleUsers returns a page of the users holding a role that the caller may read, each with
// the channels of its assignments of the role; only is the user_id filter (nil: none). A
// role the caller may not read, or that does not exist, has none.
func (s *Service) RoleUsers(ctx context.Context, roleID string, only []string, p Page) ([]*Member, int, error) {
	q := s.db.Read()
	if _, err := s.readableRole(ctx, q, roleID, "", roleNotFound(roleID)); err != nil {
		return []*Member{}, 0, nil
	}
	as, err := assignmentsOfRole(ctx, q, roleID)
	if err != nil {
		return nil, 0, err
	}
	order, by := pairs(as, func(a *Assignment) string { return a.UserID })
	sc := From(ctx)
	all, chans := sc.Channels("user", "read")
	var readable []string
	if !all {
		if readable, err = readableUserIDs(ctx, q, chans); err != nil {
			return nil, 0, err
		}
	}
	var ids []string
	for _, u := range order {
		if (only == nil || slices.Contains(only, u)) && (all || slices.Contains(readable, u)) {
			ids = append(ids, u)
		}
	}
	page := window(ids, p)
	us, err := s.users.UsersByIDs(ctx, q, page)
	if err != nil {
		return nil, 0, err
	}
	byID := map[string]*auth.User{}
	for _, u := range us {
		byID[u.ID] = u
	}
	out := make([]*Member, 0, len(page))
	for _, id := range page {
		if u := byID[id]; u != nil {
			m := &Member{User: *u, SalesChannelIDs: channelsOf(by[id], func(c string) bool { return sc.In(c, "user", "read") })}
			out = append(out, m)
		}
	}
	return out, len(ids), nil
}

// UserRoles returns a page of the roles a readable user holds, each with the channels of its
// assignments; a caller limited to channels sees the roles held in channels where it reads
// roles. only is the role_id filter (nil: none).
func (s *Service) UserRoles(ctx context.Context, userID string, only []string, p Page) ([]*Role, int, error) {
	q := s.db.Read()
	if _, err := s.targetUser(ctx, q, userID, userNotFoundQuoted(userID)); err != nil {
		return nil, 0, err
	}
	as, err := assignmentsOfUsers(ctx, q, []string{userID})
	if err != nil {
		return nil, 0, err
	}
	sc := From(ctx)
	readable := func(c string) bool { return sc.In(c, "rbac_role", "read") }
	var visible []*Assignment
	for _, a := range as {
		if a.SalesChannelID == nil || readable(*a.SalesChannelID) || sc.Global("rbac_role", "read") {
			visible = append(visible, a)
		}
	}
	order, by := pairs(visible, func(a *Assignment) string { return a.RoleID })
	var ids []string
	for _, r := range order {
		if only == nil || slices.Contains(only, r) {
			ids = append(ids, r)
		}
	}
	page := window(ids, p)
	if len(page) == 0 {
		return []*Role{}, len(ids), nil
	}
	roles, err := rolesByIDs(ctx, q, page)
	if err != nil {
		return nil, 0, err
	}
	for _, r := range roles {
		r.SalesChannelIDs = channelsOf(by[r.ID], readable)
	}
	return roles, len(ids), nil
}

// LoadRoles fills each member's Roles with the roles it holds (fields=*rbac_roles).
func (s *Service) LoadRoles(ctx context.Context, ms []*Member) error {
	for _, m := range ms {
		roles, _, err := s.UserRoles(ctx, m.ID, nil, Page{Limit: 1 << 20})
		if err != nil {
			return err
		}
		m.Roles = roles
	}
	return nil
}

// LoadUsers gives each role the users holding it that the caller may read, in the order of
// their first assignment, as Medusa's `users` and `users_link.user` relations of a role list
// them. One query reads the assignments of the whole page and one the users.
func (s *Service) LoadUsers(ctx context.Context, roles []*Role) error {
	q := s.db.Read()
	ids := make([]string, len(roles))
	for i, r := range roles {
		ids[i] = r.ID
	}
	as, err := assignmentsWhere(ctx, q, "rbac_role_id", ids)
	if err != nil {
		return err
	}
	all, chans := From(ctx).Channels("user", "read")
	var readable []string
	if !all {
		if readable, err = readableUserIDs(ctx, q, chans); err != nil {
			return err
		}
	}
	byRole := map[string][]string{}
	var userIDs []string
	for _, a := range as {
		if !all && !slices.Contains(readable, a.UserID) || slices.Contains(byRole[a.RoleID], a.UserID) {
			continue
		}
		byRole[a.RoleID] = append(byRole[a.RoleID], a.UserID)
		if !slices.Contains(userIDs, a.UserID) {
			userIDs = append(userIDs, a.UserID)
		}
	}
	us, err := s.users.UsersByIDs(ctx, q, userIDs)
	if err != nil {
		return err
	}
	byID := map[string]*auth.User{}
	for _, u := range us {
		byID[u.ID] = u
	}
	for _, r := range roles {
		r.Users = []*Member{}
		for _, id := range byRole[r.ID] {
			if u := byID[id]; u != nil {
				r.Users = append(r.Users, &Member{User: *u})
			}
		}
	}
	return nil
}
