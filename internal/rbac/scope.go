package rbac

import (
	"context"
	"slices"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/ctxval"
	"channeld/internal/platform/visible"
)

// Grant is what one policy grants: an operation on a resource, "*" matching any.
type Grant struct{ Resource, Operation string }

// Matches reports whether the grant covers operation op on resource.
func (g Grant) Matches(resource, op string) bool {
	return (g.Resource == "*" || g.Resource == resource) && (g.Operation == "*" || g.Operation == op)
}

// Key is the grant's policy key, resource:operation.
func (g Grant) Key() string { return g.Resource + ":" + g.Operation }

// wildcard reports whether the grant stands for several keys.
func (g Grant) wildcard() bool { return g.Resource == "*" || g.Operation == "*" }

// superGrant is the grant of the Super Admin policy.
var superGrant = Grant{Resource: "*", Operation: "*"}

// Scope is what the caller of an admin request may do, resolved once per request by
// Service.Resolve: the grants it holds store-wide (G(U) of the spec) and those it holds in
// each sales channel through channel assignments. A channel's grants do not include the
// store-wide ones; the methods combine them.
type Scope struct {
	assigned bool // the caller holds at least one assignment (E23 otherwise)
	global   []Grant
	channels map[string][]Grant
}

// SuperScope is the scope of a caller that may do everything: a secret API key (spec §8.3).
func SuperScope() *Scope { return &Scope{assigned: true, global: []Grant{superGrant}} }

// WithScope returns ctx carrying the caller's scope, also as the scope modules' queries read
// (package visible).
func WithScope(ctx context.Context, s *Scope) context.Context {
	return visible.With(ctxval.With(ctx, s), s)
}

// From returns the caller's scope; a context that carries none (no admin caller) gets an
// empty scope, which may do nothing.
func From(ctx context.Context) *Scope {
	if s, ok := ctxval.From[*Scope](ctx); ok && s != nil {
		return s
	}
	return &Scope{}
}

// Carried returns the admin caller's scope when ctx carries one; a storefront request or a
// module's own work carries none.
func Carried(ctx context.Context) (*Scope, bool) {
	s, ok := ctxval.From[*Scope](ctx)
	return s, ok && s != nil
}

// Assigned reports whether the caller holds any assignment at all.
func (s *Scope) Assigned() bool { return s.assigned }

// IsSuper reports whether the caller holds `*:*` store-wide.
func (s *Scope) IsSuper() bool { return holds(s.global, superGrant) }

// Global reports whether the caller holds op on resource store-wide.
func (s *Scope) Global(resource, op string) bool { return matches(s.global, resource, op) }

// In reports whether the caller holds op on resource in the channel, store-wide or there.
func (s *Scope) In(channelID, resource, op string) bool {
	return s.Global(resource, op) || matches(s.channels[channelID], resource, op)
}

// Can reports whether the caller holds op on resource anywhere: store-wide or in at least
// one channel. It is the route check of §5.6 step 1.
func (s *Scope) Can(resource, op string) bool {
	if s.Global(resource, op) {
		return true
	}
	for _, gs := range s.channels {
		if matches(gs, resource, op) {
			return true
		}
	}
	return false
}

// Channels returns where the caller holds op on resource: all is true when it holds it
// store-wide (every channel, ids nil); otherwise ids are the channels it holds it in,
// ascending, possibly none. A module filters a list with it: all, or `channel IN ids`.
func (s *Scope) Channels(resource, op string) (all bool, ids []string) {
	if s.Global(resource, op) {
		return true, nil
	}
	ids = []string{}
	for c, gs := range s.channels {
		if matches(gs, resource, op) {
			ids = append(ids, c)
		}
	}
	slices.Sort(ids)
	return false, ids
}

// CanKey is Can for a policy key, resource:operation.
func (s *Scope) CanKey(key string) bool {
	res, op, _ := strings.Cut(key, ":")
	return s.Can(res, op)
}

// channelIDs returns every channel the caller has a channel assignment in, ascending.
func (s *Scope) channelIDs() []string {
	ids := make([]string, 0, len(s.channels))
	for c := range s.channels {
		ids = append(ids, c)
	}
	slices.Sort(ids)
	return ids
}

// grantsIn returns the grants the caller holds in a channel: store-wide and the channel's.
func (s *Scope) grantsIn(channelID string) []Grant {
	return slices.Concat(s.global, s.channels[channelID])
}

func matches(gs []Grant, resource, op string) bool {
	for _, g := range gs {
		if g.Matches(resource, op) {
			return true
		}
	}
	return false
}

// holds reports whether gs contain exactly the grant g (wildcards compared as written).
func holds(gs []Grant, g Grant) bool { return slices.Contains(gs, g) }

// Policies is one policy declaration of a route: keys that must all be held (Medusa's
// `policies` of one middleware entry). A route may have several, prefix declarations first.
type Policies []string

// ErrForbidden is E23: the caller holds no role at all.
var ErrForbidden = apperr.New(apperr.Forbidden, "Forbidden")

// Denied is E24 naming the declaration.
func (p Policies) Denied() error {
	return apperr.New(apperr.Forbidden, "Insufficient permissions. Required policies: %s", strings.Join(p, ", "))
}

// Check is the route check of §5.6 step 1: E23 for a caller with no assignment, else E24
// naming the first declaration with a key the caller holds nowhere.
func (s *Scope) Check(decls ...Policies) error {
	if !s.assigned {
		return ErrForbidden
	}
	for _, d := range decls {
		for _, key := range d {
			if !s.CanKey(key) {
				return d.Denied()
			}
		}
	}
	return nil
}

// CheckStoreWide refuses (E24 naming d) a caller who does not hold every key of d
// store-wide: a write on what belongs to no channel.
func (s *Scope) CheckStoreWide(d Policies) error {
	for _, key := range d {
		res, op, _ := strings.Cut(key, ":")
		if !s.Global(res, op) {
			return d.Denied()
		}
	}
	return nil
}

// CheckOneOf refuses (E24 naming the first) a caller who holds none of the declarations
// wholly, in some channel or store-wide.
func (s *Scope) CheckOneOf(alts []Policies) error {
	for _, d := range alts {
		if !slices.ContainsFunc(d, func(key string) bool { return !s.CanKey(key) }) {
			return nil
		}
	}
	return alts[0].Denied()
}

// CheckChannels is the channel write check of §5.6 step 4: the caller must hold op on
// resource in every channel of channelIDs, else E24 naming decl (the route's declaration),
// whether or not the channels exist.
func (s *Scope) CheckChannels(decl Policies, resource, op string, channelIDs []string) error {
	for _, c := range channelIDs {
		if !s.In(c, resource, op) {
			return decl.Denied()
		}
	}
	return nil
}

// CheckWrite is the channel write check of §5.6 step 4 as a module's write runs it: the
// request's caller must hold op on resource in every channel of channelIDs, else E24 naming
// decl, whether or not the channels exist; an entity in no channel is store-wide, so with no
// channel it must hold op store-wide. A context that carries no scope (a storefront request,
// the module's own work) is not an admin's write and passes.
func CheckWrite(ctx context.Context, decl Policies, resource, op string, channelIDs []string) error {
	s, ok := ctxval.From[*Scope](ctx)
	if !ok || s == nil {
		return nil
	}
	if len(channelIDs) == 0 && !s.Global(resource, op) {
		return decl.Denied()
	}
	return s.CheckChannels(decl, resource, op, channelIDs)
}

// CheckWriteSome is CheckWrite for a write on what is shared by channels (stock at a
// location linked to several): the caller must hold op on resource in at least one of
// channelIDs, else E24 naming decl; with no channel it must hold it store-wide.
func CheckWriteSome(ctx context.Context, decl Policies, resource, op string, channelIDs []string) error {
	s, ok := ctxval.From[*Scope](ctx)
	if !ok || s == nil || s.Global(resource, op) {
		return nil
	}
	for _, c := range channelIDs {
		if s.In(c, resource, op) {
			return nil
		}
	}
	return decl.Denied()
}

// ErrNoChannels is E35: a channel-limited caller creates in its channels only, so it must
// name at least one.
var ErrNoChannels = errLimitedCreate

// CheckCreateIn is the write check of a create that links the new entity to channels: a
// caller who may not do op on resource store-wide must name at least one channel (E35) and
// hold op in each (E24 naming decl). A context with no scope passes, as for CheckWrite.
func CheckCreateIn(ctx context.Context, decl Policies, resource, op string, channelIDs []string) error {
	s, ok := ctxval.From[*Scope](ctx)
	if !ok || s == nil || s.Global(resource, op) {
		return nil
	}
	if len(channelIDs) == 0 {
		return ErrNoChannels
	}
	return s.CheckChannels(decl, resource, op, channelIDs)
}
