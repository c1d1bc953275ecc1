package stock

import (
	"context"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/saleschannel"
)

// Handler serves /admin/stock-locations, /admin/inventory-items and the variant ↔ inventory
// item routes.
type Handler struct {
	svc *Service
	// locations writes locations with their addresses, linked channels and the relations
	// other modules provide.
	locations *locationWriter
}

// Relation is a relation of stock locations that another module provides, such as
// fulfillment_sets.
type Relation struct {
	Unknown func(sub *fields.Selection) []string
	// Load returns, per location id, the JSON value to embed (an array).
	Load func(ctx context.Context, locationIDs []string, sub *fields.Selection) (map[string][]byte, error)
}

// NewHandler returns the admin handler for svc; relations are the relations of locations
// other modules provide to `fields`, by name.
func NewHandler(svc *Service, relations map[string]Relation) *Handler {
	spec := &fields.Spec[Location]{Scalars: LocationSpec.Scalars, Scalar: LocationSpec.Scalar, Relations: map[string]fields.Relation[Location]{}}
	for name, r := range LocationSpec.Relations {
		spec.Relations[name] = r
	}
	for name, r := range relations {
		name := name
		spec.Relations[name] = fields.Relation[Location]{Unknown: r.Unknown, AsScalar: true,
			Append: func(b []byte, l *Location, _ *fields.Selection) []byte {
				if raw, ok := l.related[name]; ok {
					return append(b, raw...)
				}
				return append(b, "[]"...)
			}}
	}
	linker := saleschannel.NewLinker(spec, func(l *Location) string { return l.ID }, svc.ChannelsOf)
	return &Handler{svc: svc, locations: &locationWriter{linker: linker, relations: relations}}
}

// locationWriter writes locations after loading, in one batch per relation, the relations
// of other modules that the selection asks for.
type locationWriter struct {
	linker    *saleschannel.Linker[Location]
	relations map[string]Relation
}

// Check returns Medusa's error for fields a location does not have.
func (w *locationWriter) Check(sel *fields.Selection) error { return w.linker.Check(sel) }

// One writes a location with the fields of sel.
func (w *locationWriter) One(ctx context.Context, l *Location, sel *fields.Selection) ([]byte, error) {
	if err := w.load(ctx, []*Location{l}, sel); err != nil {
		return nil, err
	}
	return w.linker.One(ctx, l, sel)
}

// List writes locations as a JSON array with the fields of sel.
func (w *locationWriter) List(ctx context.Context, ls []*Location, sel *fields.Selection) ([]byte, error) {
	if err := w.load(ctx, ls, sel); err != nil {
		return nil, err
	}
	return w.linker.List(ctx, ls, sel)
}

func (w *locationWriter) load(ctx context.Context, ls []*Location, sel *fields.Selection) error {
	ids := make([]string, len(ls))
	for i, l := range ls {
		ids[i] = l.ID
	}
	for name, r := range w.relations {
		sub := sel.Rel(name)
		if sub == nil && !sel.Has(name) {
			continue
		}
		if sub == nil {
			sub = fields.FromList("*")
		}
		byLocation, err := r.Load(ctx, ids, sub)
		if err != nil {
			return err
		}
		for _, l := range ls {
			if l.related == nil {
				l.related = map[string][]byte{}
			}
			if raw, ok := byLocation[l.ID]; ok {
				l.related[name] = raw
			}
		}
	}
	return nil
}

// LocationSelector is the selector of routes that answer a stock location.
func (h *Handler) LocationSelector() fields.Selector {
	return fields.Selector{Defaults: LocationDefaultFields, Check: h.locations.Check}
}

// WriteLocation writes a live location the caller may read with the fields of sel: what
// another module's route under a location answers.
func (h *Handler) WriteLocation(ctx context.Context, locationID string, sel *fields.Selection) ([]byte, error) {
	l, err := h.svc.GetLocation(ctx, locationID)
	if err != nil {
		return nil, err
	}
	return h.locations.One(ctx, l, sel)
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
