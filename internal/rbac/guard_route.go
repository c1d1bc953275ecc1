package rbac

import (
	"net/http"

	"channeld/internal/platform/httpapi"
)

// Require is the middleware of a guarded route: the caller's scope (resolved by
// Service.Resolve, which runs first) must pass Check(decls...), else E23 or E24.
func Require(decls ...Policies) httpapi.Middleware {
	return Rule{Policies: decls}.middleware()
}

// Guard returns the route with its handler behind Require(decls...): the route check runs
// before the query and body are validated, as in Medusa.
func Guard(rt httpapi.Route, decls ...Policies) httpapi.Route {
	return guard(rt, Require(decls...))
}

func guard(rt httpapi.Route, mw httpapi.Middleware) httpapi.Route {
	if rt.Serve != nil {
		serve := rt.Serve
		rt.Serve = func(r httpapi.Route) httpapi.HandlerFunc { return mw(serve(r)) }
		return rt
	}
	rt.Handler = mw(rt.Handler)
	return rt
}

// Rule is one row of a per-route policy table: the route (method and ServeMux path exactly as
// the module registers it) and its declarations, prefix declarations first.
type Rule struct {
	Method, Path string
	Policies     []Policies
	// StoreWide marks a write on what belongs to no channel (a region, a collection, a new
	// channel): the route's own declaration, the last, must be held store-wide, else E24
	// naming it (§5.6 "global"). A channel-limited holder is refused before its body is read.
	StoreWide bool
	// OneOf is a last declaration whose choice depends on the body (a variant update needs
	// product_variant:update, or price:update alone for prices only): the caller must hold
	// one of them somewhere, else E24 naming the first, before the body is validated, so a
	// caller who may do neither learns nothing from validation errors. The module checks
	// the one the body needs.
	OneOf []Policies
}

// check is the rule's route check on a scope.
func (r Rule) check(s *Scope) error {
	if err := s.Check(r.Policies...); err != nil {
		return err
	}
	if r.StoreWide && len(r.Policies) > 0 {
		if err := s.CheckStoreWide(r.Policies[len(r.Policies)-1]); err != nil {
			return err
		}
	}
	if len(r.OneOf) > 0 {
		return s.CheckOneOf(r.OneOf)
	}
	return nil
}

func (r Rule) middleware() httpapi.Middleware {
	return func(next httpapi.HandlerFunc) httpapi.HandlerFunc {
		return func(w http.ResponseWriter, req *http.Request) error {
			if err := r.check(From(req.Context())); err != nil {
				return err
			}
			return next(w, req)
		}
	}
}

// Apply guards every route a rule names and returns the routes; routes no rule names are
// returned unchanged (open to every logged-in admin, as Medusa's undeclared routes are).
// The composition root applies §5.6's table to a module's routes with it, so that modules
// need not know their declarations.
func Apply(routes []httpapi.Route, rules []Rule) []httpapi.Route {
	byRoute := make(map[string]Rule, len(rules))
	for _, r := range rules {
		byRoute[r.Method+" "+r.Path] = r
	}
	out := make([]httpapi.Route, len(routes))
	for i, rt := range routes {
		if r, ok := byRoute[rt.Method+" "+rt.Path]; ok {
			rt = guard(rt, r.middleware())
		}
		out[i] = rt
	}
	return out
}
