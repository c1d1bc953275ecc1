package stock

import (
	"context"
	"slices"

	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/saleschannel"
)

var locationListQuery = v.Object(slices.Concat(httpapi.FindParams(20), []v.Field{httpapi.Search()},
	httpapi.MatchFilters("id", "name", "sales_channel_id"))...).Strict()

var addressBody = v.Object(
	v.F("address_1", v.String()),
	v.F("address_2", v.Nullish(v.String())),
	v.F("company", v.Nullish(v.String())),
	v.F("city", v.Nullish(v.String())),
	v.F("country_code", v.String()),
	v.F("phone", v.Nullish(v.String())),
	v.F("province", v.Nullish(v.String())),
	v.F("postal_code", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var locationCreateBody = v.Object(
	v.F("name", v.String()),
	v.F("address", v.Optional(addressBody)),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var locationUpdateBody = locationCreateBody.Partial()

func (h *Handler) locationRoutes() []httpapi.Route {
	locations := h.LocationSelector()
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/stock-locations", Summary: "List stock locations", Query: locationListQuery, Response: "stock_locations", Serve: httpapi.Page(locations, h.listLocations)},
		{Method: "POST", Path: "/admin/stock-locations", Summary: "Create a stock location", Query: selectQuery, Body: locationCreateBody, Response: "stock_location", Serve: httpapi.Written(locations, h.locations, h.createLocation)},
		{Method: "GET", Path: "/admin/stock-locations/{id}", Summary: "Retrieve a stock location", Query: selectQuery, Response: "stock_location", Serve: httpapi.Written(locations, h.locations, h.retrieveLocation)},
		{Method: "POST", Path: "/admin/stock-locations/{id}", Summary: "Update a stock location", Query: selectQuery, Body: locationUpdateBody, Response: "stock_location", Serve: httpapi.Written(locations, h.locations, h.updateLocation)},
		{Method: "DELETE", Path: "/admin/stock-locations/{id}", Summary: "Delete a stock location", Response: "deleted", Serve: httpapi.Delete("stock_location", h.svc.DeleteLocation)},
		{Method: "POST", Path: "/admin/stock-locations/{id}/sales-channels", Summary: "Link and unlink sales channels of a stock location", Query: selectQuery, Body: linkBody, Response: "stock_location", Serve: httpapi.Written(locations, h.locations, h.linkChannels)},
	}
}

type locationListParams struct {
	httpapi.Paging
	Q              string   `json:"q"`
	ID             []string `json:"id"`
	Name           []string `json:"name"`
	SalesChannelID []string `json:"sales_channel_id"`
}

func (h *Handler) listLocations(ctx context.Context, in *httpapi.Input[locationListParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	ls, count, err := h.svc.ListLocations(ctx, LocationFilter{Q: p.Q, IDs: p.ID, Names: p.Name, ChannelIDs: p.SalesChannelID},
		Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return nil, 0, err
	}
	page, err := h.locations.List(ctx, ls, in.Fields)
	return page, count, err
}

type locationRequest struct {
	Name     *string       `json:"name"`
	Address  *AddressInput `json:"address"`
	Metadata v.Metadata    `json:"metadata"`
}

func (h *Handler) createLocation(ctx context.Context, in *httpapi.Input[httpapi.Fields, locationRequest]) (*Location, error) {
	req := in.Body
	return h.svc.CreateLocation(ctx, LocationInput{Name: deref(req.Name), Address: req.Address, Metadata: req.Metadata.Value})
}

func (h *Handler) retrieveLocation(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Location, error) {
	return h.svc.GetLocation(ctx, in.Path("id"))
}

func (h *Handler) updateLocation(ctx context.Context, in *httpapi.Input[httpapi.Fields, locationRequest]) (*Location, error) {
	req := in.Body
	return h.svc.UpdateLocation(ctx, in.Path("id"), LocationUpdate{Name: req.Name, Address: req.Address,
		SetMetadata: req.Metadata.Set, Metadata: req.Metadata.Value})
}

func (h *Handler) linkChannels(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.Links]) (*Location, error) {
	locationID := in.Path("id")
	if err := h.svc.LinkChannels(ctx, locationID, in.Body.Add, in.Body.Remove); err != nil {
		return nil, err
	}
	return h.svc.GetLocation(ctx, locationID)
}

// ChannelRelation is the stock_locations relation of sales channels: the locations linked to
// each channel of a page, loaded in one batch.
func (h *Handler) ChannelRelation() saleschannel.Relation {
	return saleschannel.RelationOf(LocationSpec, h.svc.LocationsOfChannels)
}
