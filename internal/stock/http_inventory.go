package stock

import (
	"context"
	"slices"

	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

var itemListQuery = v.Object(slices.Concat(httpapi.FindParams(20), []v.Field{httpapi.Search()},
	httpapi.MatchFilters("id", "sku"),
	[]v.Field{v.F("location_levels", v.Optional(v.Object(httpapi.MatchFilters("location_id")...).Strict()))})...).Strict()

func itemBodyFields(create bool) []v.Field {
	str := func() v.Schema { return v.Nullish(v.String()) }
	num := func() v.Schema { return v.Nullish(v.Number()) }
	fs := []v.Field{
		v.F("sku", v.Nullish(v.String().Max(v.MaxIndexed))), v.F("title", str()), v.F("description", str()), v.F("thumbnail", str()),
		v.F("origin_country", str()), v.F("hs_code", str()), v.F("mid_code", str()), v.F("material", str()),
		v.F("weight", num()), v.F("length", num()), v.F("height", num()), v.F("width", num()),
		v.F("requires_shipping", v.Optional(v.Bool())), v.F("metadata", v.Nullish(v.Record())),
	}
	if create {
		fs = append(fs, v.F("location_levels", v.Optional(v.Array(v.Object(
			v.F("location_id", v.String()),
			v.F("stocked_quantity", v.Optional(v.Number().Int().Gte(0))),
			v.F("incoming_quantity", v.Optional(v.Number().Int().Gte(0))),
		).Strict()))))
	}
	return fs
}

var (
	itemCreateBody = v.Object(itemBodyFields(true)...).Strict()
	itemUpdateBody = v.Object(itemBodyFields(false)...).Strict()
)

func (h *Handler) inventoryRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/inventory-items", Summary: "List inventory items", Query: itemListQuery, Response: "inventory_items", Serve: httpapi.Entities(items, ItemSpec, h.listItems)},
		{Method: "POST", Path: "/admin/inventory-items", Summary: "Create an inventory item", Query: selectQuery, Body: itemCreateBody, Response: "inventory_item", Serve: httpapi.Entity(items, ItemSpec, h.createItem)},
		{Method: "POST", Path: "/admin/inventory-items/location-levels/batch", Summary: "Create, update and delete inventory levels", Body: levelBatchBody, Response: "batch", Serve: httpapi.Reply(httpapi.NoFields, h.batchLevels)},
		{Method: "GET", Path: "/admin/inventory-items/{id}", Summary: "Retrieve an inventory item", Query: selectQuery, Response: "inventory_item", Serve: httpapi.Entity(items, ItemSpec, h.retrieveItem)},
		{Method: "POST", Path: "/admin/inventory-items/{id}", Summary: "Update an inventory item", Query: selectQuery, Body: itemUpdateBody, Response: "inventory_item", Serve: httpapi.Entity(items, ItemSpec, h.updateItem)},
		{Method: "DELETE", Path: "/admin/inventory-items/{id}", Summary: "Delete an inventory item", Response: "deleted", Serve: httpapi.Delete("inventory_item", h.svc.DeleteItem)},
		{Method: "GET", Path: "/admin/inventory-items/{id}/location-levels", Summary: "List an inventory item's levels", Query: levelListQuery, Response: "inventory_levels", Serve: httpapi.Page(levels, h.listLevels)},
		{Method: "POST", Path: "/admin/inventory-items/{id}/location-levels", Summary: "Stock an inventory item at a location", Query: selectQuery, Body: levelCreateBody, Response: "inventory_item", Serve: httpapi.Entity(items, ItemSpec, h.createLevel)},
		{Method: "POST", Path: "/admin/inventory-items/{id}/location-levels/{location_id}", Summary: "Change an inventory level", Query: selectQuery, Body: levelUpdateBody, Response: "inventory_item", Serve: httpapi.Entity(items, ItemSpec, h.updateLevel)},
		{Method: "DELETE", Path: "/admin/inventory-items/{id}/location-levels/{location_id}", Summary: "Delete an inventory level", Response: "deleted", Serve: httpapi.Reply(items, h.deleteLevel)},
	}
}

type itemListParams struct {
	httpapi.Paging
	Q              string   `json:"q"`
	ID             []string `json:"id"`
	SKU            []string `json:"sku"`
	LocationLevels *struct {
		LocationID []string `json:"location_id"`
	} `json:"location_levels"`
}

func (h *Handler) listItems(ctx context.Context, in *httpapi.Input[itemListParams, httpapi.NoBody]) ([]*Item, int, error) {
	p := in.Query
	f := ItemFilter{Q: p.Q, IDs: p.ID, SKUs: p.SKU}
	if p.LocationLevels != nil && p.LocationLevels.LocationID != nil {
		f.LocationIDs = p.LocationLevels.LocationID
	}
	return h.svc.ListItems(ctx, f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
}

// itemRequest is an item body; Opt tells an absent field from a null one.
type itemRequest struct {
	SKU              v.Opt[*string]  `json:"sku"`
	Title            v.Opt[*string]  `json:"title"`
	Description      v.Opt[*string]  `json:"description"`
	Thumbnail        v.Opt[*string]  `json:"thumbnail"`
	OriginCountry    v.Opt[*string]  `json:"origin_country"`
	HSCode           v.Opt[*string]  `json:"hs_code"`
	MIDCode          v.Opt[*string]  `json:"mid_code"`
	Material         v.Opt[*string]  `json:"material"`
	Weight           v.Opt[*float64] `json:"weight"`
	Length           v.Opt[*float64] `json:"length"`
	Height           v.Opt[*float64] `json:"height"`
	Width            v.Opt[*float64] `json:"width"`
	RequiresShipping *bool           `json:"requires_shipping"`
	Metadata         v.Metadata      `json:"metadata"`
	LocationLevels   []LevelInput    `json:"location_levels"`
}

func (req itemRequest) fields() ItemFields {
	in := ItemFields{RequiresShipping: req.RequiresShipping, Cleared: map[string]bool{},
		SetMetadata: req.Metadata.Set, Metadata: req.Metadata.Value}
	for _, p := range []struct {
		name string
		o    v.Opt[*string]
		dst  **string
	}{{"sku", req.SKU, &in.SKU}, {"title", req.Title, &in.Title}, {"description", req.Description, &in.Description},
		{"thumbnail", req.Thumbnail, &in.Thumbnail}, {"origin_country", req.OriginCountry, &in.OriginCountry},
		{"hs_code", req.HSCode, &in.HSCode}, {"mid_code", req.MIDCode, &in.MIDCode}, {"material", req.Material, &in.Material}} {
		if p.o.Set && !p.o.Null {
			*p.dst = p.o.Value
		} else if p.o.Set {
			in.Cleared[p.name] = true
		}
	}
	for _, p := range []struct {
		name string
		o    v.Opt[*float64]
		dst  **float64
	}{{"weight", req.Weight, &in.Weight}, {"length", req.Length, &in.Length}, {"height", req.Height, &in.Height}, {"width", req.Width, &in.Width}} {
		if p.o.Set && !p.o.Null {
			*p.dst = p.o.Value
		} else if p.o.Set {
			in.Cleared[p.name] = true
		}
	}
	return in
}

func (h *Handler) createItem(ctx context.Context, in *httpapi.Input[httpapi.Fields, itemRequest]) (*Item, error) {
	return h.svc.CreateItem(ctx, in.Body.fields(), in.Body.LocationLevels)
}

func (h *Handler) retrieveItem(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*Item, error) {
	return h.svc.GetItem(ctx, in.Path("id"))
}

func (h *Handler) updateItem(ctx context.Context, in *httpapi.Input[httpapi.Fields, itemRequest]) (*Item, error) {
	return h.svc.UpdateItem(ctx, in.Path("id"), in.Body.fields())
}
