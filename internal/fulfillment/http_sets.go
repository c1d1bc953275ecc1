package fulfillment

import (
	"context"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

func (h *Handler) setRoutes(locations LocationWriter) []httpapi.Route {
	sets := fields.Selector{Defaults: setDefaults, Check: SetSpec.Check}
	zones := fields.Selector{Defaults: zoneDefaults, Check: ZoneSpec.Check}
	const zone = "/admin/fulfillment-sets/{id}/service-zones/{zone_id}"
	return []httpapi.Route{
		{Method: "POST", Path: "/admin/stock-locations/{id}/fulfillment-sets", Summary: "Create a fulfillment set at a stock location", Query: selectQuery, Body: setBody, Response: "stock_location", Serve: httpapi.One(locations.LocationSelector(), h.createSet(locations))},
		{Method: "DELETE", Path: "/admin/fulfillment-sets/{id}", Summary: "Delete a fulfillment set", Response: "deleted", Serve: httpapi.Delete("fulfillment_set", h.svc.DeleteSet)},
		{Method: "POST", Path: "/admin/fulfillment-sets/{id}/service-zones", Summary: "Create a service zone", Query: selectQuery, Body: zoneCreateBody, Response: "fulfillment_set", Serve: httpapi.One(sets, h.createZone)},
		{Method: "GET", Path: zone, Summary: "Retrieve a service zone", Query: selectQuery, Response: "service_zone", Serve: httpapi.One(zones, h.zone)},
		{Method: "POST", Path: zone, Summary: "Update a service zone", Query: selectQuery, Body: zoneUpdateBody, Response: "fulfillment_set", Serve: httpapi.One(sets, h.updateZone)},
		{Method: "DELETE", Path: zone, Summary: "Delete a service zone", Response: "deleted", Serve: httpapi.Reply(httpapi.NoFields, h.deleteZone)},
	}
}

var setBody = v.Object(
	v.F("name", v.String().Max(v.MaxIndexed)),
	v.F("type", v.String()),
).Strict()

// geoZone is one of Medusa's geo zone schemas: country_code and metadata, the type's
// literal, and the fields the type needs; extra holds the update's optional id.
func geoZone(typ string, extra []v.Field, needs ...string) v.Schema {
	fs := []v.Field{
		// The country code is indexed.
		v.F("country_code", v.String().Max(v.MaxIndexed)),
		v.F("metadata", v.Nullish(v.Record())),
		v.F("type", v.Literal(typ)),
	}
	for _, n := range needs {
		if n == "postal_expression" {
			fs = append(fs, v.F(n, v.Record()))
			continue
		}
		fs = append(fs, v.F(n, v.String()))
	}
	return v.Object(append(fs, extra...)...)
}

func geoZones(extra ...v.Field) v.Schema {
	return v.Array(v.Union(
		geoZone(GeoCountry, extra),
		geoZone(GeoProvince, extra, "province_code"),
		geoZone(GeoCity, extra, "province_code", "city"),
		geoZone(GeoZip, extra, "province_code", "city", "postal_expression"),
	))
}

var zoneCreateBody = v.Object(
	v.F("name", v.String().Max(v.MaxIndexed)),
	v.F("geo_zones", v.Optional(geoZones())),
).Strict()

var zoneUpdateBody = v.Object(
	v.F("name", v.Nullish(v.String().Max(v.MaxIndexed))),
	v.F("geo_zones", v.Optional(geoZones(v.F("id", v.Optional(v.String()))))),
).Strict()

type setReq struct {
	Name string `json:"name"`
	Type string `json:"type"`
}

func (h *Handler) createSet(locations LocationWriter) func(context.Context, *httpapi.Input[httpapi.Fields, setReq]) ([]byte, error) {
	return func(ctx context.Context, in *httpapi.Input[httpapi.Fields, setReq]) ([]byte, error) {
		id := in.Path("id")
		if err := h.svc.CreateSet(ctx, id, in.Body.Name, in.Body.Type); err != nil {
			return nil, err
		}
		return locations.WriteLocation(ctx, id, in.Fields)
	}
}

type zoneReq struct {
	Name     *string     `json:"name"`
	GeoZones *[]GeoInput `json:"geo_zones"`
}

func (r zoneReq) input() ZoneInput {
	in := ZoneInput{Name: r.Name}
	if r.GeoZones != nil {
		in.SetGeo = true
		for i := range *r.GeoZones {
			in.Geo = append(in.Geo, &(*r.GeoZones)[i])
		}
	}
	return in
}

// writeSet answers a set with the fields of sel, loading its zones' options when asked.
func (h *Handler) writeSet(ctx context.Context, setID string, sel *fields.Selection) ([]byte, error) {
	fs, err := h.svc.Set(ctx, setID)
	if err != nil {
		return nil, err
	}
	if zones := sel.Rel("service_zones"); zones.Rel("shipping_options") != nil || zones.Has("shipping_options") {
		if err := h.svc.loadZoneOptions(ctx, map[string][]*Set{fs.StockLocationID: {fs}}); err != nil {
			return nil, err
		}
	}
	return SetSpec.Append(nil, fs, sel), nil
}

func (h *Handler) createZone(ctx context.Context, in *httpapi.Input[httpapi.Fields, zoneReq]) ([]byte, error) {
	setID := in.Path("id")
	if err := h.svc.CreateZone(ctx, setID, in.Body.input()); err != nil {
		return nil, err
	}
	return h.writeSet(ctx, setID, in.Fields)
}

func (h *Handler) updateZone(ctx context.Context, in *httpapi.Input[httpapi.Fields, zoneReq]) ([]byte, error) {
	setID := in.Path("id")
	if err := h.svc.UpdateZone(ctx, setID, in.Path("zone_id"), in.Body.input()); err != nil {
		return nil, err
	}
	return h.writeSet(ctx, setID, in.Fields)
}

func (h *Handler) zone(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	z, err := h.svc.Zone(ctx, in.Path("id"), in.Path("zone_id"))
	if err != nil {
		return nil, err
	}
	if in.Fields.Rel("shipping_options") != nil || in.Fields.Has("shipping_options") {
		byZone, err := h.svc.OptionsOfZones(ctx, []string{z.ID})
		if err != nil {
			return nil, err
		}
		z.ShippingOptions = nonNil(byZone[z.ID])
	}
	return ZoneSpec.Append(nil, z, in.Fields), nil
}

// deleteZone answers Medusa's deletion with the set as its parent, in its default fields.
func (h *Handler) deleteZone(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, httpapi.NoBody]) ([]byte, error) {
	zoneID := in.Path("zone_id")
	fs, err := h.svc.DeleteZone(ctx, in.Path("id"), zoneID)
	if err != nil {
		return nil, err
	}
	b := []byte(`{"id":`)
	b = fields.AppendString(b, zoneID)
	b = append(b, `,"object":"service_zone","deleted":true,"parent":`...)
	b = SetSpec.Append(b, fs, fields.FromList(setDefaults...))
	return append(b, '}'), nil
}
