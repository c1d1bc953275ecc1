// Package httpapi is channeld's HTTP plumbing with no domain knowledge: a router over
// net/http's ServeMux that keeps each route's documentation beside it, request decoding with
// Medusa's validation messages, the error writer, and the middleware every request passes.
package httpapi

import (
	"log/slog"
	"net/http"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/validate"
)

// HandlerFunc handles a request and returns an error instead of writing one, so that every
// error is rendered by the one writer.
type HandlerFunc func(w http.ResponseWriter, r *http.Request) error

// Middleware wraps a handler, e.g. to authenticate the caller.
type Middleware func(HandlerFunc) HandlerFunc

// Route is one operation: its pattern, its handler and what the OpenAPI document says of it.
type Route struct {
	Method  string
	Path    string // a ServeMux path pattern, e.g. /admin/sales-channels/{id}
	Summary string
	Query   validate.Schema // nil when the route takes no query parameters
	Body    validate.Schema // nil when the route takes no body
	// Response names the top-level key of a success response ("sales_channel"), for the docs
	// and for the envelope an Endpoint writes.
	Response string
	Handler  HandlerFunc
	// Serve, when set, builds Handler from the route itself (see One).
	Serve Endpoint
}

// Security names how a group's callers authenticate, for the OpenAPI document.
type Security string

// The three audiences of channeld's API.
const (
	Public     Security = "public"
	Admin      Security = "admin"
	Storefront Security = "storefront"
)

// Router dispatches requests to routes and remembers them for the OpenAPI document.
type Router struct {
	mux    *http.ServeMux
	log    *slog.Logger
	routes []Documented
}

// Documented is a registered route as the OpenAPI builder sees it.
type Documented struct {
	Route
	Security Security
}

// NewRouter returns a router whose unknown paths answer a JSON 404.
func NewRouter(log *slog.Logger) *Router {
	rt := &Router{mux: http.NewServeMux(), log: log}
	rt.mux.Handle("/", rt.adapt(rt.notFound))
	return rt
}

// notFound is the answer to a request no route matches.
func (rt *Router) notFound(_ http.ResponseWriter, r *http.Request) error {
	return apperr.NotFoundf("Route %s %s was not found", r.Method, r.URL.Path)
}

// Group registers routes that share an audience and middleware.
type Group struct {
	rt       *Router
	security Security
	mws      []Middleware
}

// Group returns a group whose routes run behind mws, the first one outermost.
func (rt *Router) Group(sec Security, mws ...Middleware) *Group {
	return &Group{rt: rt, security: sec, mws: mws}
}

// Handle registers routes in the group. Path parameters are checked after the group's
// middleware, so a caller without credentials learns nothing from them.
func (g *Group) Handle(routes ...Route) {
	for _, route := range routes {
		if route.Serve != nil {
			route.Handler = route.Serve(route)
		}
		h := checkPathParams(route.Path, route.Handler)
		for i := len(g.mws) - 1; i >= 0; i-- {
			h = g.mws[i](h)
		}
		g.rt.mux.Handle(route.Method+" "+route.Path, g.rt.adapt(h))
		g.rt.routes = append(g.rt.routes, Documented{Route: route, Security: g.security})
	}
}

// checkPathParams refuses path parameters no database can store (a NUL character, invalid
// UTF-8, both sent escaped as %00 or %FF): PostgreSQL would fail on them where SQLite would
// answer 404, and the two engines must answer alike.
func checkPathParams(path string, h HandlerFunc) HandlerFunc {
	var names []string
	for _, m := range pathParam.FindAllStringSubmatch(path, -1) {
		names = append(names, m[1])
	}
	if len(names) == 0 {
		return h
	}
	return func(w http.ResponseWriter, r *http.Request) error {
		for _, name := range names {
			if bad := validate.Unstorable(r.PathValue(name)); bad != "" {
				return apperr.Invalidf("Invalid request: Path parameter '%s' %s", name, bad)
			}
		}
		return h(w, r)
	}
}

// HandleUnmatched answers every request under prefix (e.g. "/store/") that no route of any
// group matches with the router's JSON 404, after the group's middleware: an unknown store
// path still asks for a publishable key first, as Medusa's middleware does for its prefix.
func (g *Group) HandleUnmatched(prefix string) {
	h := g.rt.notFound
	for i := len(g.mws) - 1; i >= 0; i-- {
		h = g.mws[i](h)
	}
	g.rt.mux.Handle(prefix, g.rt.adapt(h))
}

// HandleRaw registers a plain http.Handler that is not part of the documented API (metrics).
func (rt *Router) HandleRaw(pattern string, h http.Handler) { rt.mux.Handle(pattern, h) }

// Routes lists the documented routes in registration order.
func (rt *Router) Routes() []Documented { return rt.routes }

func (rt *Router) adapt(h HandlerFunc) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if err := h(w, r); err != nil {
			WriteError(w, r, rt.log, err)
		}
	})
}

// ServeHTTP dispatches to the matching route.
func (rt *Router) ServeHTTP(w http.ResponseWriter, r *http.Request) { rt.mux.ServeHTTP(w, r) }

// OpenAPIPath turns a ServeMux pattern path into an OpenAPI path ({id} stays, {rest...} loses
// its dots).
func OpenAPIPath(p string) string { return strings.ReplaceAll(p, "...}", "}") }
