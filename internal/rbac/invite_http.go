package rbac

import (
	"context"
	"errors"
	"net/http"
	"slices"

	"channeld/internal/auth"
	"channeld/internal/platform/ctxval"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

var inviteScalars = []string{"id", "email", "accepted", "token", "expires_at", "metadata", "created_at", "updated_at", "deleted_at"}

// InviteSpec writes an invite: Medusa's default fields, its roles (fields=rbac_roles.id,...,
// as the dashboard asks) and channeld's opt-in sales_channel_ids (null: store-wide).
var InviteSpec = &fields.Spec[Invite]{
	Scalars: inviteScalars,
	Scalar:  fields.Columns[Invite](inviteScalars, nil),
	Relations: map[string]fields.Relation[Invite]{
		"rbac_roles":        fields.ListOf(RoleSpec, func(i *Invite) []*Role { return i.Roles }),
		"sales_channel_ids": fields.OptIn(func(b []byte, i *Invite) []byte { return appendIDs(b, i.SalesChannelIDs) }),
	},
}

var inviteFields = fields.Selector{Defaults: inviteScalars, Check: InviteSpec.Check}

// InviteRoutes are Medusa's admin invite routes; the app puts them behind their declarations.
func (h *Handler) InviteRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/invites", Summary: "List invites", Query: inviteListQuery, Response: "invites", Serve: httpapi.Page(inviteFields, h.listInvites)},
		{Method: "POST", Path: "/admin/invites", Summary: "Invite an admin user, with roles (channeld: in sales channels)", Query: selectQuery, Body: inviteCreateBody, Response: "invite", Serve: httpapi.One(inviteFields, h.createInvite)},
		{Method: "GET", Path: "/admin/invites/{id}", Summary: "Retrieve an invite", Query: selectQuery, Response: "invite", Serve: httpapi.One(inviteFields, h.retrieveInvite)},
		{Method: "DELETE", Path: "/admin/invites/{id}", Summary: "Delete an invite", Response: "deleted", Serve: httpapi.Delete("invite", h.svc.DeleteInvite)},
		{Method: "POST", Path: "/admin/invites/{id}/resend", Summary: "Give an invite a new token and expiry", Query: selectQuery, Response: "invite", Serve: httpapi.One(inviteFields, h.resendInvite)},
	}
}

// AcceptRoutes is the invite acceptance, which Medusa authenticates with the invitee's
// registration token rather than an admin credential.
func (h *Handler) AcceptRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "POST", Path: "/admin/invites/accept", Summary: "Accept an invite with a registration token, creating the user",
			Query: acceptQuery, Body: acceptBody, Response: "user", Serve: h.registered(httpapi.One(memberFields, h.acceptInvite))},
	}
}

var inviteListQuery = v.Object(slices.Concat(httpapi.FindParams(50), []v.Field{httpapi.Search()}, httpapi.MatchFilters("id", "email"),
	httpapi.DateFilters("created_at", "updated_at", "deleted_at"))...).Strict()

var inviteCreateBody = v.Object(
	v.F("email", v.String()),
	v.F("roles", v.Nullish(v.Array(v.String()))),
	v.F("metadata", v.Nullish(v.Record())),
	salesChannelIDs,
).Strict()

var acceptQuery = v.Object(append(httpapi.SelectParams(), v.F("token", v.String()))...).Strict()

var acceptBody = v.Object(
	v.F("email", v.Nullish(v.String())),
	v.F("first_name", v.Nullish(v.String())),
	v.F("last_name", v.Nullish(v.String())),
).Strict()

type inviteListParams struct {
	httpapi.Paging
	Q     string   `json:"q"`
	ID    []string `json:"id"`
	Email []string `json:"email"`
	httpapi.DateParams
}

type inviteRequest struct {
	Email    string     `json:"email"`
	Roles    []string   `json:"roles"`
	Metadata v.Metadata `json:"metadata"`
	channelsRequest
}

type acceptParams struct {
	httpapi.Fields
	Token string `json:"token"`
}

type acceptRequest struct {
	Email     *string `json:"email"`
	FirstName *string `json:"first_name"`
	LastName  *string `json:"last_name"`
}

// writeInvites writes invites with sel, loading their roles and channels when sel asks.
func (h *Handler) writeInvites(ctx context.Context, invs []*Invite, sel *fields.Selection) ([]byte, error) {
	if sel.Has("rbac_roles") || sel.Rel("rbac_roles") != nil || sel.Has("sales_channel_ids") {
		if err := h.svc.LoadInviteRelations(ctx, invs); err != nil {
			return nil, err
		}
	}
	return InviteSpec.AppendList(nil, invs, sel), nil
}

func (h *Handler) writeInvite(ctx context.Context, inv *Invite, sel *fields.Selection) ([]byte, error) {
	b, err := h.writeInvites(ctx, []*Invite{inv}, sel)
	if err != nil {
		return nil, err
	}
	return b[1 : len(b)-1], nil
}

func (h *Handler) listInvites(ctx context.Context, in *httpapi.Input[inviteListParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	invs, n, err := h.svc.ListInvites(ctx, InviteFilter{Q: p.Q, IDs: p.ID, Emails: p.Email,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, DeletedAt: p.DeletedAt}, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return nil, 0, err
	}
	b, err := h.writeInvites(ctx, invs, in.Fields)
	return b, n, err
}

func (h *Handler) createInvite(ctx context.Context, in *httpapi.Input[httpapi.Fields, inviteRequest]) ([]byte, error) {
	b := in.Body
	inv, err := h.svc.CreateInvite(ctx, NewInvite{Email: b.Email, Metadata: b.Metadata.Value, RoleIDs: b.Roles, Choice: b.choice()})
	if err != nil {
		return nil, err
	}
	return h.writeInvite(ctx, inv, in.Fields)
}

func (h *Handler) retrieveInvite(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	inv, err := h.svc.Invite(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return h.writeInvite(ctx, inv, in.Fields)
}

func (h *Handler) resendInvite(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	inv, err := h.svc.ResendInvite(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return h.writeInvite(ctx, inv, in.Fields)
}

func (h *Handler) acceptInvite(ctx context.Context, in *httpapi.Input[acceptParams, acceptRequest]) ([]byte, error) {
	reg, _ := ctxval.From[auth.Registration](ctx)
	b := in.Body
	m, err := h.svc.AcceptInvite(ctx, in.Query.Token, reg, Acceptance{Email: b.Email, FirstName: b.FirstName, LastName: b.LastName})
	if err != nil {
		return nil, err
	}
	return h.writeMember(ctx, m, in.Fields)
}

// registered lets the acceptance through only with an admin token, a registration token
// above all, and answers Medusa's bare 401 otherwise and for every refused acceptance.
func (h *Handler) registered(next httpapi.Endpoint) httpapi.Endpoint {
	return func(rt httpapi.Route) httpapi.HandlerFunc {
		serve := next(rt)
		return func(w http.ResponseWriter, r *http.Request) error {
			reg, ok := h.svc.users.Registration(r)
			if !ok {
				httpapi.WriteUnauthorized(w, r)
				return nil
			}
			err := serve(w, r.WithContext(ctxval.With(r.Context(), reg)))
			if errors.Is(err, ErrInviteRefused) {
				httpapi.WriteUnauthorized(w, r)
				return nil
			}
			return err
		}
	}
}
