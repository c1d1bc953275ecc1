package rbac

import (
	"context"
	"slices"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
)

// The escalation guard's refusals (§5.7), in Medusa's words.
var (
	errGrantPolicies = apperr.New(apperr.Forbidden, "You do not have access to some of the policies you are trying to assign.")
	errAssignRoles   = apperr.New(apperr.Forbidden, "You do not have permission to assign these roles")
	// errSuperAdminInChannel refuses a channel assignment of the Super Admin role, which is
	// only ever held store-wide.
	errSuperAdminInChannel = apperr.Invalidf("The Super Admin role can only be assigned store-wide")
	errSuperAdminRole      = apperr.NotAllowedf("The Super Admin role cannot be modified")
)

// assignDecl is the declaration of the assignment routes, which a channel assignment in a
// channel where the caller may not write names.
var assignDecl = Policies{"user:update", "rbac_role:update"}

// universe returns every non-wildcard grant some live policy gives: what a wildcard expands
// to, and the keys /admin/rbac/me/permissions may list.
func universe(ctx context.Context, q db.DBTX) ([]Grant, error) {
	ps, err := livePolicies(ctx, q)
	if err != nil {
		return nil, err
	}
	seen := map[Grant]bool{}
	var out []Grant
	for _, p := range ps {
		g := p.Grant()
		if !g.wildcard() && !seen[g] {
			seen[g] = true
			out = append(out, g)
		}
	}
	return out, nil
}

// held reports whether grants gs hold policy p: a wildcard policy counts as every grant of
// uni it matches, except `*:*`, which only `*:*` holds.
func held(gs []Grant, p Grant, uni []Grant) bool {
	if p == superGrant {
		return holds(gs, superGrant)
	}
	if !p.wildcard() {
		return matches(gs, p.Resource, p.Operation)
	}
	for _, u := range uni {
		if p.Matches(u.Resource, u.Operation) && !matches(gs, u.Resource, u.Operation) {
			return false
		}
	}
	return true
}

func heldAll(gs, ps, uni []Grant) bool {
	for _, p := range ps {
		if !held(gs, p, uni) {
			return false
		}
	}
	return true
}

func grantsOf(ps []*Policy) []Grant {
	out := make([]Grant, len(ps))
	for i, p := range ps {
		out[i] = p.Grant()
	}
	return out
}

// checkGrant is the guard on granting policies to a role (E25): the caller holds the route's
// policy (rbac_role:<op>) and every granted policy store-wide, or all of them in one channel.
// Only a store-wide `*:*` holder grants `*:*`.
func checkGrant(sc *Scope, uni []Grant, op string, granted []Grant) error {
	if sc.IsSuper() {
		return nil
	}
	for _, g := range granted {
		if g == superGrant {
			return errGrantPolicies
		}
	}
	if sc.Global("rbac_role", op) && heldAll(sc.global, granted, uni) {
		return nil
	}
	for _, c := range sc.channelIDs() {
		if sc.In(c, "rbac_role", op) && heldAll(sc.grantsIn(c), granted, uni) {
			return nil
		}
	}
	return errGrantPolicies
}

// checkRoleChange is the guard on changing a role that others hold (§5.7 "widening later"):
// a caller who is not store-wide for rbac_role:<op> may change it only when every assignment
// of the role is in a channel where it holds that policy (else E24 naming decl) and, when
// adding policies, holds them there too (else E25).
func checkRoleChange(ctx context.Context, q db.DBTX, sc *Scope, uni []Grant, roleID, op string, decl Policies, added []Grant) error {
	if len(added) > 0 {
		if err := checkGrant(sc, uni, op, added); err != nil {
			return err
		}
	}
	if sc.Global("rbac_role", op) {
		return nil
	}
	as, err := assignmentsOfRole(ctx, q, roleID)
	if err != nil {
		return err
	}
	for _, a := range as {
		if a.SalesChannelID == nil || !sc.In(*a.SalesChannelID, "rbac_role", op) {
			return decl.Denied()
		}
		if !heldAll(sc.grantsIn(*a.SalesChannelID), added, uni) {
			return errGrantPolicies
		}
	}
	return nil
}

// roleReadable reports whether a caller may read a role whose policies are ps: store-wide
// rbac_role:read, or one channel where it holds rbac_role:read and every policy of the role
// (Vendure item 63).
func roleReadable(sc *Scope, uni []Grant, ps []Grant) bool {
	if sc.Global("rbac_role", "read") {
		return true
	}
	for _, c := range sc.channelIDs() {
		if sc.In(c, "rbac_role", "read") && heldAll(sc.grantsIn(c), ps, uni) {
			return true
		}
	}
	return false
}

// checkAssign is the guard on one assignment (or removal) of a role whose policies are ps,
// store-wide when channel is nil: a store-wide one needs user:update and rbac_role:update
// store-wide and every policy of the role store-wide (E26); a channel one needs the two
// route policies in the channel (E24) and the role's policies there (E26).
func checkAssign(sc *Scope, uni []Grant, roleID string, ps []Grant, channel *string) error {
	if channel != nil && roleID == SuperAdminRoleID {
		return errSuperAdminInChannel
	}
	if channel == nil {
		if sc.Global("user", "update") && sc.Global("rbac_role", "update") && heldAll(sc.global, ps, uni) {
			return nil
		}
		return errAssignRoles
	}
	if !sc.In(*channel, "user", "update") || !sc.In(*channel, "rbac_role", "update") {
		return assignDecl.Denied()
	}
	if !heldAll(sc.grantsIn(*channel), ps, uni) || (!sc.IsSuper() && slices.Contains(ps, superGrant)) {
		return errAssignRoles
	}
	return nil
}
