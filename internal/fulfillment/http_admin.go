package fulfillment

import (
	"context"
	"encoding/json"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/stock"
)

// Handler serves the fulfillment admin routes: providers, shipping profiles, fulfillment sets
// with their service zones, and shipping options.
type Handler struct{ svc *Service }

// NewHandler returns the admin handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// LocationWriter answers a stock location as the stock module writes it: the routes under a
// location (its fulfillment sets and providers) answer the location.
type LocationWriter interface {
	LocationSelector() fields.Selector
	WriteLocation(ctx context.Context, locationID string, sel *fields.Selection) ([]byte, error)
}

// Routes lists the admin routes; locations writes the answer of the routes under a location.
func (h *Handler) Routes(locations LocationWriter) []httpapi.Route {
	return slices.Concat(h.providerRoutes(locations), h.profileRoutes(), h.setRoutes(locations), h.optionRoutes())
}

// LocationRelations are the relations this module adds to stock locations:
// fulfillment_sets (with service_zones, their geo_zones and shipping_options) and
// fulfillment_providers.
func (h *Handler) LocationRelations() map[string]stock.Relation {
	return map[string]stock.Relation{
		"fulfillment_sets": {Unknown: fields.Nested(SetSpec),
			Load: func(ctx context.Context, ids []string, sub *fields.Selection) (map[string][]byte, error) {
				zones := sub.Rel("service_zones")
				bySet, err := h.svc.SetsOfLocations(ctx, ids, zones != nil || sub.Has("service_zones"))
				if err != nil {
					return nil, err
				}
				if zones.Rel("shipping_options") != nil || zones.Has("shipping_options") {
					if err := h.svc.loadZoneOptions(ctx, bySet); err != nil {
						return nil, err
					}
				}
				out := make(map[string][]byte, len(bySet))
				for loc, sets := range bySet {
					out[loc] = SetSpec.AppendList(nil, sets, sub)
				}
				return out, nil
			}},
		"fulfillment_providers": {Unknown: fields.Nested(ProviderSpec),
			Load: func(ctx context.Context, ids []string, sub *fields.Selection) (map[string][]byte, error) {
				byLocation, err := h.svc.ProvidersOfLocations(ctx, ids)
				if err != nil {
					return nil, err
				}
				out := make(map[string][]byte, len(byLocation))
				for loc, ps := range byLocation {
					out[loc] = ProviderSpec.AppendList(nil, ps, sub)
				}
				return out, nil
			}},
	}
}

// loadZoneOptions sets the options of every zone of the sets, in one batch.
func (s *Service) loadZoneOptions(ctx context.Context, bySet map[string][]*Set) error {
	var zones []*Zone
	for _, sets := range bySet {
		for _, fs := range sets {
			zones = append(zones, fs.ServiceZones...)
		}
	}
	ids := make([]string, len(zones))
	for i, z := range zones {
		ids[i] = z.ID
	}
	byZone, err := s.OptionsOfZones(ctx, ids)
	if err != nil {
		return err
	}
	for _, z := range zones {
		z.ShippingOptions = nonNil(byZone[z.ID])
	}
	return nil
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var linkBody = v.Object(httpapi.LinkParams()...).Strict()

func (h *Handler) providerRoutes(locations LocationWriter) []httpapi.Route {
	providers := fields.Selector{Defaults: providerScalars, Check: ProviderSpec.Check}
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/fulfillment-providers", Summary: "List fulfillment providers", Query: providerListQuery, Response: "fulfillment_providers", Serve: httpapi.Entities(providers, ProviderSpec, h.listProviders)},
		{Method: "GET", Path: "/admin/fulfillment-providers/{id}/options", Summary: "List a fulfillment provider's options", Response: "fulfillment_options", Serve: httpapi.Reply(httpapi.NoFields, h.providerOptions)},
		{Method: "POST", Path: "/admin/stock-locations/{id}/fulfillment-providers", Summary: "Enable and disable fulfillment providers at a stock location", Query: selectQuery, Body: linkBody, Response: "stock_location", Serve: httpapi.One(locations.LocationSelector(), h.linkProviders(locations))},
	}
}

var providerListQuery = v.Object(slices.Concat(httpapi.FindParams(50), []v.Field{
	v.F("id", v.Optional(v.StringOrArray())),
	v.F("stock_location_id", v.Optional(v.StringOrArray())),
	v.F("is_enabled", v.Optional(v.BoolString())),
	v.F("q", v.Optional(v.String().Max(httpapi.MaxSearch))),
})...).Strict()

type providerListParams struct {
	httpapi.Paging
	ID              []string `json:"id"`
	StockLocationID []string `json:"stock_location_id"`
	IsEnabled       *bool    `json:"is_enabled"`
	Q               string   `json:"q"`
}

func (h *Handler) listProviders(ctx context.Context, in *httpapi.Input[providerListParams, httpapi.NoBody]) ([]*ProviderRow, int, error) {
	p := in.Query
	return h.svc.Providers(ctx, ProviderFilter{Q: p.Q, IDs: p.ID, IsEnabled: p.IsEnabled, LocationIDs: p.StockLocationID},
		Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
}

func (h *Handler) providerOptions(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, httpapi.NoBody]) ([]byte, error) {
	opts, err := h.svc.ProviderOptions(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return json.Marshal(map[string]any{"fulfillment_options": opts, "count": len(opts), "limit": len(opts), "offset": 0})
}

func (h *Handler) linkProviders(locations LocationWriter) func(context.Context, *httpapi.Input[httpapi.Fields, httpapi.Links]) ([]byte, error) {
	return func(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.Links]) ([]byte, error) {
		id := in.Path("id")
		if err := h.svc.LinkProviders(ctx, id, in.Body.Add, in.Body.Remove); err != nil {
			return nil, err
		}
		return locations.WriteLocation(ctx, id, in.Fields)
	}
}

func (h *Handler) profileRoutes() []httpapi.Route {
	profiles := fields.Selector{Defaults: profileDefaults, Check: ProfileSpec.Check}
	const one = "/admin/shipping-profiles/{id}"
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/shipping-profiles", Summary: "List shipping profiles", Query: profileListQuery, Response: "shipping_profiles", Serve: httpapi.Entities(profiles, ProfileSpec, h.listProfiles)},
		{Method: "POST", Path: "/admin/shipping-profiles", Summary: "Create a shipping profile", Query: selectQuery, Body: profileBody, Response: "shipping_profile", Serve: httpapi.Entity(profiles, ProfileSpec, h.createProfile)},
		{Method: "GET", Path: one, Summary: "Retrieve a shipping profile", Query: selectQuery, Response: "shipping_profile", Serve: httpapi.Entity(profiles, ProfileSpec, h.profile)},
		{Method: "POST", Path: one, Summary: "Update a shipping profile", Query: selectQuery, Body: profileBody.Partial(), Response: "shipping_profile", Serve: httpapi.Entity(profiles, ProfileSpec, h.updateProfile)},
		{Method: "DELETE", Path: one, Summary: "Delete a shipping profile", Response: "deleted", Serve: httpapi.Delete("shipping_profile", h.svc.DeleteProfile)},
	}
}

func profileFilters() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()}, httpapi.MatchFilters("id"),
		[]v.Field{v.F("type", v.Optional(v.String())), v.F("name", v.Optional(v.String()))},
		httpapi.DateFilters("created_at", "updated_at", "deleted_at"))
}

var profileListQuery = v.Object(slices.Concat(httpapi.FindParams(20), profileFilters())...).Strict()

var profileBody = v.Object(
	v.F("name", v.String().Max(v.MaxIndexed)),
	v.F("type", v.String()),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

type profileListParams struct {
	httpapi.Paging
	Q    string   `json:"q"`
	ID   []string `json:"id"`
	Type *string  `json:"type"`
	Name *string  `json:"name"`
	httpapi.DateParams
}

type profileReq struct {
	Name     *string    `json:"name"`
	Type     *string    `json:"type"`
	Metadata v.Metadata `json:"metadata"`
}

func (r profileReq) input() ProfileInput {
	return ProfileInput{Name: r.Name, Type: r.Type, SetMetadata: r.Metadata.Set, Metadata: r.Metadata.Value}
}

func (h *Handler) listProfiles(ctx context.Context, in *httpapi.Input[profileListParams, httpapi.NoBody]) ([]*Profile, int, error) {
	p := in.Query
	return h.svc.Profiles(ctx, ProfileFilter{Q: p.Q, IDs: p.ID, Type: p.Type, Name: p.Name, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt},
		Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
}

func (h *Handler) createProfile(ctx context.Context, in *httpapi.Input[httpapi.Fields, profileReq]) (*Profile, error) {
	return h.svc.CreateProfile(ctx, in.Body.input())
}

func (h *Handler) profile(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Profile, error) {
	return h.svc.Profile(ctx, in.Path("id"))
}

func (h *Handler) updateProfile(ctx context.Context, in *httpapi.Input[httpapi.Fields, profileReq]) (*Profile, error) {
	return h.svc.UpdateProfile(ctx, in.Path("id"), in.Body.input())
}
