package stock

import (
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/saleschannel"
)

// Handler serves /admin/stock-locations, /admin/inventory-items and the variant ↔ inventory
// item routes.
type Handler struct {
	svc *Service
	// locations writes locations with their addresses and linked channels.
	locations *saleschannel.Linker[Location]
}

// NewHandler returns the admin handler for svc.
func NewHandler(svc *Service) *Handler {
	return &Handler{svc: svc, locations: saleschannel.NewLinker(LocationSpec, func(l *Location) string { return l.ID }, svc.ChannelsOf)}
}

// Routes lists the admin routes: locations, inventory, variants' items, reservations, and
// the availability explainer under /admin/sales-channels/{id}/availability (ServeMux prefers
// that longer pattern to the channel module's /admin/sales-channels/{id}).
func (h *Handler) Routes() []httpapi.Route {
	var routes []httpapi.Route
	for _, group := range [][]httpapi.Route{h.locationRoutes(), h.inventoryRoutes(), h.variantRoutes(),
		h.reservationRoutes(), h.availabilityRoutes()} {
		routes = append(routes, group...)
	}
	return routes
}

// The selectors of items and levels; writes to a level answer its item.
var (
	items  = fields.Selector{Defaults: ItemDefaultFields, Check: ItemSpec.Check}
	levels = fields.Selector{Defaults: []string{"*"}, Check: LevelSpec.Check}
)

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var linkBody = v.Object(httpapi.LinkParams()...).Strict()
