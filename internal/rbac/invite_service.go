package rbac

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"time"

	"channeld/internal/audit"
	"channeld/internal/auth"
	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Medusa's invite events, appended to the outbox in the change's transaction.
const (
	EventInviteCreated  = "invite.created"
	EventInviteAccepted = "invite.accepted"
	EventInviteResent   = "invite.resent"
	EventInviteDeleted  = "invite.deleted"
)

// InviteTTL is how long an invite's token is good for, Medusa's default of one day.
const InviteTTL = 24 * time.Hour

// NewInvite is an invite to create (POST /admin/invites): Medusa's email, metadata and roles,
// and channeld's channels of those roles.
type NewInvite struct {
	Email    string
	Metadata json.RawMessage
	RoleIDs  []string
	Choice   ChannelChoice
}

// Acceptance is the profile the invitee gives when accepting; Email, when set, replaces the
// invite's.
type Acceptance struct {
	Email, FirstName, LastName *string
}

// ErrInviteRefused is the acceptance of an invite that cannot be accepted: its token is
// unknown, forged, replaced by a resend or expired, the invite was accepted already, or the
// user cannot be created. Medusa answers all of them with its bare 401.
var ErrInviteRefused = errors.New("invite refused")

// ErrAlreadyUser is Medusa's answer to accepting with the token of a user.
var ErrAlreadyUser = apperr.Invalidf("The user is already authenticated and cannot accept an invite.")

// inviteAudit is the object an invite entry records.
func inviteAudit(inv *Invite, roleIDs []string) map[string]any {
	return map[string]any{"email": inv.Email, "rbac_role_ids": roleIDs, "sales_channel_ids": inv.SalesChannelIDs}
}

// ListInvites returns a page of the live invites matching f that the caller may read.
func (s *Service) ListInvites(ctx context.Context, f InviteFilter, p Page) ([]*Invite, int, error) {
	if all, chans := From(ctx).Channels("invite", "read"); !all {
		ids, err := readableInviteIDs(ctx, s.db.Read(), chans)
		if err != nil {
			return nil, 0, err
		}
		f.Within = ids
	}
	return listInvites(ctx, s.db.Read(), s.db.ILike(), f, p)
}

// targetInvite returns a live invite the caller may read with op: a channel-limited caller
// reads the invites all of whose channels are among its own; any other is notFound.
func (s *Service) targetInvite(ctx context.Context, q db.DBTX, inviteID, op, lock string, notFound error) (*Invite, error) {
	inv, err := getInvite(ctx, q, inviteID, lock)
	if apperr.Is(err, apperr.NotFound) {
		return nil, notFound
	}
	if err != nil {
		return nil, err
	}
	chans, err := inviteChannelIDs(ctx, q, []string{inviteID})
	if err != nil {
		return nil, err
	}
	inv.SalesChannelIDs = chans[inviteID]
	sc := From(ctx)
	if sc.Global("invite", "read") {
		return inv, nil
	}
	if len(inv.SalesChannelIDs) == 0 || sc.CheckChannels(nil, "invite", "read", inv.SalesChannelIDs) != nil {
		return nil, notFound
	}
	if op != "read" {
		if err := sc.CheckChannels(Policies{"invite:" + op}, "invite", op, inv.SalesChannelIDs); err != nil {
			return nil, err
		}
	}
	return inv, nil
}

// Invite returns an invite the caller may read.
func (s *Service) Invite(ctx context.Context, inviteID string) (*Invite, error) {
	return s.targetInvite(ctx, s.db.Read(), inviteID, "read", "", inviteNotFound(inviteID))
}

// inviteChoice returns the channels an invite's roles are given in. A store-wide inviter's
// choice is its own (absent or null: store-wide, as in Medusa). A channel-limited inviter
// names roles (E35); without sales_channel_ids its invite is limited to the channels where it
// may create users and invites, and named channels must be such channels (E24).
func inviteChoice(sc *Scope, in NewInvite) (ChannelChoice, error) {
	if sc.Global("invite", "create") && sc.Global("user", "create") {
		return in.Choice, nil
	}
	if len(in.RoleIDs) == 0 {
		return ChannelChoice{}, errLimitedCreate
	}
	if !in.Choice.Set {
		var chans []string
		_, inviting := sc.Channels("invite", "create")
		for _, c := range inviting {
			if sc.In(c, "user", "create") {
				chans = append(chans, c)
			}
		}
		if len(chans) == 0 {
			return ChannelChoice{}, errLimitedCreate
		}
		return ChannelChoice{Set: true, Channels: chans}, nil
	}
	if len(in.Choice.Channels) == 0 {
		return ChannelChoice{}, errLimitedCreate
	}
	if err := sc.CheckChannels(Policies{"invite:create"}, "invite", "create", in.Choice.Channels); err != nil {
		return ChannelChoice{}, err
	}
	if err := sc.CheckChannels(Policies{"user:create"}, "user", "create", in.Choice.Channels); err != nil {
		return ChannelChoice{}, err
	}
	return in.Choice, nil
}

// CreateInvite creates an invite with its roles, after the checks its user's assignments will
// need (the channel write check, live channels, the escalation guard of §5.7), so that the
// acceptance gives exactly what the inviter could have given itself.
func (s *Service) CreateInvite(ctx context.Context, in NewInvite) (*Invite, error) {
	email, err := auth.NormalizeEmail(in.Email)
	if err != nil {
		return nil, err
	}
	choice, err := inviteChoice(From(ctx), in)
	if err != nil {
		return nil, err
	}
	now := s.now()
	inv := &Invite{ID: s.newID(invitePrefix), Email: email, ExpiresAt: now.Add(InviteTTL), Metadata: in.Metadata,
		CreatedAt: now, UpdatedAt: now}
	if !choice.storeWide() {
		inv.SalesChannelIDs = unique(choice.Channels)
		slices.Sort(inv.SalesChannelIDs)
	}
	if inv.Token, err = s.users.InviteToken(inv.ID, email, s.newID("invtok"), inv.ExpiresAt); err != nil {
		return nil, err
	}
	roleIDs := unique(in.RoleIDs)
	err = s.db.Tx(ctx, func(tx db.DBTX) error {
		var roles []*Role
		if len(roleIDs) > 0 {
			var err error
			if roles, err = rolesByIDs(ctx, tx, roleIDs); err != nil {
				return err
			}
		}
		if taken, err := s.users.EmailTaken(ctx, tx, email); err != nil {
			return err
		} else if taken {
			return apperr.Invalidf("User account for following email(s) already exist: %s", email)
		}
		if err := s.checkChoiceChannels(ctx, tx, choice); err != nil {
			return err
		}
		if len(roles) > 0 {
			if _, err := s.guardAssignments(ctx, tx, roles, choice); err != nil {
				return err
			}
		}
		if err := insertInvite(ctx, tx, inv, roleIDs); err != nil {
			return err
		}
		if err := s.audits.Record(ctx, tx, audit.Entry{Action: "invite.created", Resource: "invite", ResourceID: inv.ID,
			After: inviteAudit(inv, roleIDs)}); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventInviteCreated, inv.ID))
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// ResendInvite gives an invite the caller may update a new token and expiry; the old token
// stops working. An invite the caller cannot see is Medusa's unknown id.
func (s *Service) ResendInvite(ctx context.Context, inviteID string) (*Invite, error) {
	var inv *Invite
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		inv, err = s.targetInvite(ctx, tx, inviteID, "update", s.db.ForUpdate(),
			apperr.Invalidf("The following invites do not exist: %s", inviteID))
		if err != nil {
			return err
		}
		now := s.now()
		inv.ExpiresAt, inv.UpdatedAt = now.Add(InviteTTL), now
		if inv.Token, err = s.users.InviteToken(inv.ID, inv.Email, s.newID("invtok"), inv.ExpiresAt); err != nil {
			return err
		}
		if err := setInviteToken(ctx, tx, inv); err != nil {
			return err
		}
		if err := s.audits.Record(ctx, tx, audit.Entry{Action: "invite.resent", Resource: "invite", ResourceID: inv.ID,
			After: map[string]any{"email": inv.Email, "expires_at": inv.ExpiresAt}}); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventInviteResent, inv.ID))
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}

// DeleteInvite soft-deletes an invite; an unknown id, or one the caller cannot see, is not an
// error, as in Medusa.
func (s *Service) DeleteInvite(ctx context.Context, inviteID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		inv, err := s.targetInvite(ctx, tx, inviteID, "delete", s.db.ForUpdate(), inviteNotFound(inviteID))
		if apperr.Is(err, apperr.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		now := s.now()
		if _, err := sqlq.SoftDelete(ctx, tx, "invite", inviteID, now); err != nil {
			return fmt.Errorf("delete invite %s: %w", inviteID, err)
		}
		if err := s.audits.Record(ctx, tx, audit.Entry{Action: "invite.deleted", Resource: "invite", ResourceID: inviteID,
			Before: map[string]any{"email": inv.Email}}); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventInviteDeleted, inviteID))
	})
}

// AcceptInvite turns a registered identity into the admin user an invite names, in one
// transaction: the user (with the identity's password), its roles where the invite gives
// them, and the invite marked accepted. Any refusal is ErrInviteRefused and writes nothing.
func (s *Service) AcceptInvite(ctx context.Context, token string, reg auth.Registration, in Acceptance) (*Member, error) {
	if reg.UserID != "" {
		return nil, ErrAlreadyUser
	}
	inviteID, ok := s.users.InviteID(token)
	if !ok {
		return nil, ErrInviteRefused
	}
	var u *auth.User
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		inv, err := getInvite(ctx, tx, inviteID, s.db.ForUpdate())
		if err != nil {
			return err
		}
		now := s.now()
		if inv.Token != token || inv.ExpiresAt.Before(now) {
			return ErrInviteRefused
		}
		email := inv.Email
		if in.Email != nil {
			email = *in.Email
		}
		if u, err = s.users.InsertRegistered(ctx, tx, reg.IdentityID, auth.NewUser{Email: email, FirstName: in.FirstName,
			LastName: in.LastName}); err != nil {
			return err
		}
		if err := s.audits.Record(ctx, tx, audit.Entry{Action: "user.created", Resource: "user", ResourceID: u.ID, After: userAudit(u)}); err != nil {
			return err
		}
		if err := s.grantInvited(ctx, tx, inv, u.ID); err != nil {
			return err
		}
		if err := closeAccepted(ctx, tx, inv.ID, now); err != nil {
			return err
		}
		if err := s.audits.Record(ctx, tx, audit.Entry{Action: "invite.accepted", Resource: "invite", ResourceID: inv.ID,
			After: map[string]any{"email": inv.Email, "user_id": u.ID}}); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventInviteAccepted, inv.ID))
	})
	if err != nil {
		var ae *apperr.Error
		if errors.Is(err, ErrInviteRefused) || errors.As(err, &ae) {
			return nil, ErrInviteRefused
		}
		return nil, err
	}
	return &Member{User: *u}, nil
}

// grantInvited gives a new user the invite's live roles, store-wide or in the invite's
// channels that still exist; an invite all of whose channels were deleted gives nothing and
// is refused, since it would otherwise widen into a store-wide grant. The guard ran when the
// invite was made.
func (s *Service) grantInvited(ctx context.Context, tx db.DBTX, inv *Invite, userID string) error {
	roleIDs, err := inviteRoleIDs(ctx, tx, []string{inv.ID})
	if err != nil || len(roleIDs[inv.ID]) == 0 {
		return err
	}
	roles, err := rolesByIDs(ctx, tx, roleIDs[inv.ID])
	if err != nil {
		return err
	}
	chans, err := inviteChannelIDs(ctx, tx, []string{inv.ID})
	if err != nil {
		return err
	}
	targets := []*string{nil}
	if cs := chans[inv.ID]; len(cs) > 0 {
		missing, err := s.channels.Missing(ctx, tx, cs)
		if err != nil {
			return err
		}
		targets = targets[:0]
		for _, c := range cs {
			if !slices.Contains(missing, c) {
				targets = append(targets, &c)
			}
		}
		if len(targets) == 0 {
			return ErrInviteRefused
		}
	}
	return s.insertAssignments(ctx, tx, []string{userID}, roles, targets)
}

// LoadInviteRelations gives invites their roles and channels.
func (s *Service) LoadInviteRelations(ctx context.Context, invs []*Invite) error {
	ids := make([]string, len(invs))
	for i, inv := range invs {
		ids[i] = inv.ID
	}
	q := s.db.Read()
	roleIDs, err := inviteRoleIDs(ctx, q, ids)
	if err != nil {
		return err
	}
	chans, err := inviteChannelIDs(ctx, q, ids)
	if err != nil {
		return err
	}
	var all []string
	for _, rs := range roleIDs {
		all = append(all, rs...)
	}
	roles := map[string]*Role{}
	if len(all) > 0 {
		found, err := rolesByIDs(ctx, q, unique(all))
		if err != nil {
			return err
		}
		for _, r := range found {
			roles[r.ID] = r
		}
	}
	readable := func(string) bool { return true }
	if all, rc := From(ctx).Channels("invite", "read"); !all {
		readable = func(c string) bool { return slices.Contains(rc, c) }
	}
	for _, inv := range invs {
		inv.Roles = []*Role{}
		for _, r := range roleIDs[inv.ID] {
			inv.Roles = append(inv.Roles, roles[r])
		}
		inv.SalesChannelIDs = nil
		if cs := chans[inv.ID]; len(cs) > 0 {
			inv.SalesChannelIDs = []string{}
			for _, c := range cs {
				if readable(c) {
					inv.SalesChannelIDs = append(inv.SalesChannelIDs, c)
				}
			}
		}
	}
	return nil
}
