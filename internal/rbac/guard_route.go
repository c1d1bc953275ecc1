package rbac

import (
	"net/http"

	"channeld/internal/platform/httpapi"
)

// Require is the middleware of a guarded route: the caller's scope (resolved by
// Service.Resolve, which runs first) must pass Check(decls...), else E23 or E24.
func Require(decls ...Policies) httpapi.Middleware {
	return func(next httpapi.HandlerFunc) httpapi.HandlerFunc {
		return func(w http.ResponseWriter, r *http.Request) error {
			if err := From(r.Context()).Check(decls...); err != nil {
				return err
			}
			return next(w, r)
		}
	}
}

// Guard returns the route with its handler behind Require(decls...): the route check runs
// before the query and body are validated, as in Medusa.
func Guard(rt httpapi.Route, decls ...Policies) httpapi.Route {
	mw := Require(decls...)
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
}

// Apply guards every route a rule names and returns the routes; routes no rule names are
// returned unchanged (open to every logged-in admin, as Medusa's undeclared routes are).
// The composition root applies §5.6's table to a module's routes with it, so that modules
// need not know their declarations.
func Apply(routes []httpapi.Route, rules []Rule) []httpapi.Route {
	byRoute := make(map[string][]Policies, len(rules))
	for _, r := range rules {
		byRoute[r.Method+" "+r.Path] = r.Policies
	}
	out := make([]httpapi.Route, len(routes))
	for i, rt := range routes {
		if decls, ok := byRoute[rt.Method+" "+rt.Path]; ok {
			rt = Guard(rt, decls...)
		}
		out[i] = rt
	}
	return out
}
