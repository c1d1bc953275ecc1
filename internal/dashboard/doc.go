// Package dashboard answers the admin routes Medusa's dashboard reads on every page for
// features channeld does not have: its feature flags, the notifications it never sends, the
// layout configurations it stores none of, and the search indexes it has no search module
// for. Each answers as a Medusa 2.21.2 with that feature empty or absent does, so the
// dashboard renders its pages instead of an error.
package dashboard

import "channeld/internal/platform/httpapi"

// Handler serves the routes of this package; it holds no state.
type Handler struct{}

// NewHandler returns the handler.
func NewHandler() *Handler { return &Handler{} }

// PublicRoutes are the routes Medusa serves without authentication.
func (h *Handler) PublicRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/feature-flags", Summary: "List the feature flags", Response: "feature_flags", Handler: h.featureFlags},
	}
}

// Routes are the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/notifications", Summary: "List notifications", Query: notificationListQuery,
			Response: "notifications", Serve: httpapi.Entities(notifications, notificationSpec, h.listNotifications)},
		{Method: "GET", Path: "/admin/notifications/{id}", Summary: "Retrieve a notification", Query: selectQuery,
			Response: "notification", Serve: httpapi.Entity(notifications, notificationSpec, h.retrieveNotification)},
		{Method: "GET", Path: "/admin/layouts/configurations", Summary: "List layout configurations", Query: layoutListQuery,
			Response: "layout_configurations", Serve: httpapi.Entities(layouts, layoutSpec, h.listLayouts)},
		{Method: "GET", Path: "/admin/layouts/{zone}/configuration", Summary: "Retrieve the layout configuration of a zone",
			Handler: h.zoneLayout},
		{Method: "GET", Path: "/admin/search-indexes", Summary: "List search indexes", Response: "search_indexes", Handler: h.searchIndexes},
		{Method: "GET", Path: "/admin/plugins", Summary: "List the installed Medusa plugins", Response: "plugins", Handler: h.plugins},
	}
}
