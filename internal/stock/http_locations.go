package stock

import (
	"context"
	"encoding/json"
	"net/http"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/saleschannel"
)

// Handler serves /admin/stock-locations, /admin/inventory-items and the variant ↔ inventory
// item routes.
type Handler struct{ svc *Service }

// NewHandler returns the admin handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// LocationDefaultFields are Medusa's default stock location fields.
var LocationDefaultFields = []string{"id", "name", "metadata", "created_at", "updated_at",
	"address.id", "address.address_1", "address.address_2", "address.city", "address.country_code",
	"address.phone", "address.province", "address.postal_code", "address.metadata"}

// AddressSpec writes a location's address.
var AddressSpec = &fields.Spec[Address]{
	Scalars: []string{"id", "address_1", "address_2", "company", "city", "country_code", "phone", "province",
		"postal_code", "metadata", "created_at", "updated_at", "deleted_at"},
	Scalar: func(b []byte, a *Address, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, a.ID)
		case "address_1":
			return fields.AppendString(b, a.Address1)
		case "address_2":
			return fields.AppendNullString(b, a.Address2)
		case "company":
			return fields.AppendNullString(b, a.Company)
		case "city":
			return fields.AppendNullString(b, a.City)
		case "country_code":
			return fields.AppendString(b, a.CountryCode)
		case "phone":
			return fields.AppendNullString(b, a.Phone)
		case "province":
			return fields.AppendNullString(b, a.Province)
		case "postal_code":
			return fields.AppendNullString(b, a.PostalCode)
		case "metadata":
			return fields.AppendRaw(b, a.Metadata)
		case "created_at":
			return fields.AppendTime(b, a.CreatedAt)
		case "updated_at":
			return fields.AppendTime(b, a.UpdatedAt)
		case "deleted_at":
			return fields.AppendNullTime(b, a.DeletedAt)
		}
		return fields.AppendNull(b)
	},
}

// LocationSpec writes a location with its address; channels embed locations with it.
var LocationSpec = &fields.Spec[Location]{
	Scalars: []string{"id", "name", "address_id", "metadata", "created_at", "updated_at", "deleted_at"},
	Scalar:  appendLocationScalar,
	Relations: map[string]fields.Relation[Location]{
		"address": {Unknown: fields.Nested(AddressSpec), AsScalar: true, Append: appendAddress},
	},
}

func appendAddress(b []byte, l *Location, sub *fields.Selection) []byte {
	if l.Address == nil {
		return fields.AppendNull(b)
	}
	return AddressSpec.Append(b, l.Address, sub)
}

func appendLocationScalar(b []byte, l *Location, name string) []byte {
	switch name {
	case "id":
		return fields.AppendString(b, l.ID)
	case "name":
		return fields.AppendString(b, l.Name)
	case "address_id":
		return fields.AppendNullString(b, l.AddressID)
	case "metadata":
		return fields.AppendRaw(b, l.Metadata)
	case "created_at":
		return fields.AppendTime(b, l.CreatedAt)
	case "updated_at":
		return fields.AppendTime(b, l.UpdatedAt)
	case "deleted_at":
		return fields.AppendNullTime(b, l.DeletedAt)
	}
	return fields.AppendNull(b)
}

// locationView is a location with its linked channels, as the projection writes it.
type locationView struct {
	*Location
	channels []*saleschannel.SalesChannel
}

var locationViewSpec = &fields.Spec[locationView]{
	Scalars: LocationSpec.Scalars,
	Scalar:  func(b []byte, e *locationView, name string) []byte { return appendLocationScalar(b, e.Location, name) },
	Relations: map[string]fields.Relation[locationView]{
		"address": {Unknown: fields.Nested(AddressSpec), AsScalar: true,
			Append: func(b []byte, e *locationView, sub *fields.Selection) []byte {
				return appendAddress(b, e.Location, sub)
			}},
		"sales_channels": {Unknown: fields.Nested(saleschannel.Spec), AsScalar: true,
			Append: func(b []byte, e *locationView, sub *fields.Selection) []byte {
				return saleschannel.Spec.AppendList(b, e.channels, sub)
			}},
	},
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var locationListQuery = v.Object(append(httpapi.FindParams(20),
	v.F("q", v.Optional(v.String())),
	v.F("id", v.Optional(v.StringOrArray())),
	v.F("name", v.Optional(v.StringOrArray())),
	v.F("sales_channel_id", v.Optional(v.StringOrArray())),
)...).Strict()

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

var locationUpdateBody = v.Object(
	v.F("name", v.Optional(v.String())),
	v.F("address", v.Optional(addressBody)),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var linkBody = v.Object(
	v.F("add", v.Optional(v.Array(v.String()))),
	v.F("remove", v.Optional(v.Array(v.String()))),
).Strict()

func (h *Handler) locationRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/stock-locations", Summary: "List stock locations", Query: locationListQuery, Response: "stock_locations", Handler: h.listLocations},
		{Method: "POST", Path: "/admin/stock-locations", Summary: "Create a stock location", Query: selectQuery, Body: locationCreateBody, Response: "stock_location", Handler: h.createLocation},
		{Method: "GET", Path: "/admin/stock-locations/{id}", Summary: "Retrieve a stock location", Query: selectQuery, Response: "stock_location", Handler: h.retrieveLocation},
		{Method: "POST", Path: "/admin/stock-locations/{id}", Summary: "Update a stock location", Query: selectQuery, Body: locationUpdateBody, Response: "stock_location", Handler: h.updateLocation},
		{Method: "DELETE", Path: "/admin/stock-locations/{id}", Summary: "Delete a stock location", Response: "deleted", Handler: h.deleteLocation},
		{Method: "POST", Path: "/admin/stock-locations/{id}/sales-channels", Summary: "Link and unlink sales channels of a stock location", Query: selectQuery, Body: linkBody, Response: "stock_location", Handler: h.linkChannels},
	}
}

func locationSelection(param *string) (*fields.Selection, error) {
	sel := fields.Parse(deref(param), param != nil, LocationDefaultFields)
	return sel, locationViewSpec.Check(sel)
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}

// nullIfNull turns a JSON null into nil, so "no metadata" has one representation.
func nullIfNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return raw
}

func (h *Handler) renderLocations(ctx context.Context, ls []*Location, sel *fields.Selection) ([]*locationView, error) {
	views := make([]*locationView, len(ls))
	ids := make([]string, len(ls))
	for i, l := range ls {
		views[i] = &locationView{Location: l}
		ids[i] = l.ID
	}
	if sel.Rel("sales_channels") == nil && !sel.Has("sales_channels") {
		return views, nil
	}
	chans, err := h.svc.ChannelsOf(ctx, ids)
	if err != nil {
		return nil, err
	}
	for _, vw := range views {
		vw.channels = chans[vw.ID]
	}
	return views, nil
}

type locationListParams struct {
	httpapi.Paging
	Q              string   `json:"q"`
	ID             []string `json:"id"`
	Name           []string `json:"name"`
	SalesChannelID []string `json:"sales_channel_id"`
}

func (h *Handler) listLocations(w http.ResponseWriter, r *http.Request) error {
	var p locationListParams
	if err := httpapi.DecodeQuery(r, locationListQuery, &p); err != nil {
		return err
	}
	sel, err := locationSelection(p.Fields)
	if err != nil {
		return err
	}
	ls, count, err := h.svc.ListLocations(r.Context(), LocationFilter{Q: p.Q, IDs: p.ID, Names: p.Name, ChannelIDs: p.SalesChannelID},
		Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return err
	}
	views, err := h.renderLocations(r.Context(), ls, sel)
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("stock_locations", locationViewSpec.AppendList(nil, views, sel), count, p.Offset, p.Limit))
	return nil
}

func (h *Handler) respondLocation(w http.ResponseWriter, r *http.Request, l *Location, sel *fields.Selection) error {
	views, err := h.renderLocations(r.Context(), []*Location{l}, sel)
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("stock_location", locationViewSpec.Append(nil, views[0], sel)))
	return nil
}

// selectionOf decodes the `fields` query of a single-location route.
func locationQuery(r *http.Request) (*fields.Selection, error) {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return nil, err
	}
	return locationSelection(q.Fields)
}

type locationRequest struct {
	Name     *string                `json:"name"`
	Address  *AddressInput          `json:"address"`
	Metadata v.Opt[json.RawMessage] `json:"metadata"`
}

func (h *Handler) createLocation(w http.ResponseWriter, r *http.Request) error {
	sel, err := locationQuery(r)
	if err != nil {
		return err
	}
	var req locationRequest
	if err := httpapi.DecodeBody(r, locationCreateBody, &req); err != nil {
		return err
	}
	l, err := h.svc.CreateLocation(r.Context(), LocationInput{Name: deref(req.Name), Address: req.Address, Metadata: nullIfNull(req.Metadata.Value)})
	if err != nil {
		return err
	}
	return h.respondLocation(w, r, l, sel)
}

func (h *Handler) retrieveLocation(w http.ResponseWriter, r *http.Request) error {
	sel, err := locationQuery(r)
	if err != nil {
		return err
	}
	l, err := h.svc.GetLocation(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return h.respondLocation(w, r, l, sel)
}

func (h *Handler) updateLocation(w http.ResponseWriter, r *http.Request) error {
	sel, err := locationQuery(r)
	if err != nil {
		return err
	}
	var req locationRequest
	if err := httpapi.DecodeBody(r, locationUpdateBody, &req); err != nil {
		return err
	}
	in := LocationUpdate{Name: req.Name, Address: req.Address, SetMetadata: req.Metadata.Set}
	if req.Metadata.Set && !req.Metadata.Null {
		in.Metadata = nullIfNull(req.Metadata.Value)
	}
	l, err := h.svc.UpdateLocation(r.Context(), r.PathValue("id"), in)
	if err != nil {
		return err
	}
	return h.respondLocation(w, r, l, sel)
}

func (h *Handler) deleteLocation(w http.ResponseWriter, r *http.Request) error {
	locationID := r.PathValue("id")
	if err := h.svc.DeleteLocation(r.Context(), locationID); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, httpapi.Deleted{ID: locationID, Object: "stock_location", Deleted: true})
	return nil
}

func (h *Handler) linkChannels(w http.ResponseWriter, r *http.Request) error {
	sel, err := locationQuery(r)
	if err != nil {
		return err
	}
	var req struct {
		Add    []string `json:"add"`
		Remove []string `json:"remove"`
	}
	if err := httpapi.DecodeBody(r, linkBody, &req); err != nil {
		return err
	}
	locationID := r.PathValue("id")
	if err := h.svc.LinkChannels(r.Context(), locationID, req.Add, req.Remove); err != nil {
		return err
	}
	l, err := h.svc.GetLocation(r.Context(), locationID)
	if err != nil {
		return err
	}
	return h.respondLocation(w, r, l, sel)
}

// ChannelRelation is the stock_locations relation of sales channels: the locations linked to
// each channel of a page, loaded in one batch.
func (h *Handler) ChannelRelation() saleschannel.Relation {
	return saleschannel.Relation{
		Unknown: fields.Nested(LocationSpec),
		Load: func(ctx context.Context, channelIDs []string, sub *fields.Selection) (map[string][]byte, error) {
			locs, err := h.svc.LocationsOfChannels(ctx, channelIDs)
			if err != nil {
				return nil, err
			}
			out := make(map[string][]byte, len(locs))
			for cid, ls := range locs {
				out[cid] = LocationSpec.AppendList(nil, ls, sub)
			}
			return out, nil
		},
	}
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
