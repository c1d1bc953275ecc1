package stock

import (
	"encoding/json"
	"net/http"
	"strconv"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// ItemDefaultFields are Medusa's default inventory item fields.
var ItemDefaultFields = []string{"id", "sku", "title", "description", "thumbnail", "origin_country", "hs_code",
	"requires_shipping", "mid_code", "material", "weight", "length", "height", "width", "metadata",
	"reserved_quantity", "stocked_quantity", "created_at", "updated_at", "location_levels.*"}

// LevelSpec writes an inventory level; available_quantity is stocked minus reserved.
var LevelSpec = &fields.Spec[Level]{
	Scalars: []string{"id", "inventory_item_id", "location_id", "stocked_quantity", "reserved_quantity",
		"incoming_quantity", "available_quantity", "metadata", "created_at", "updated_at", "deleted_at"},
	Scalar: func(b []byte, l *Level, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, l.ID)
		case "inventory_item_id":
			return fields.AppendString(b, l.InventoryItemID)
		case "location_id":
			return fields.AppendString(b, l.LocationID)
		case "stocked_quantity":
			return fields.AppendInt(b, l.StockedQuantity)
		case "reserved_quantity":
			return fields.AppendInt(b, l.ReservedQuantity)
		case "incoming_quantity":
			return fields.AppendInt(b, l.IncomingQuantity)
		case "available_quantity":
			return fields.AppendInt(b, l.Available())
		case "metadata":
			return fields.AppendRaw(b, l.Metadata)
		case "created_at":
			return fields.AppendTime(b, l.CreatedAt)
		case "updated_at":
			return fields.AppendTime(b, l.UpdatedAt)
		}
		return fields.AppendNull(b)
	},
}

func appendFloat(b []byte, f *float64) []byte {
	if f == nil {
		return fields.AppendNull(b)
	}
	return strconv.AppendFloat(b, *f, 'f', -1, 64)
}

// ItemSpec writes an inventory item with its levels and their totals.
var ItemSpec = &fields.Spec[Item]{
	Scalars: []string{"id", "sku", "title", "description", "thumbnail", "origin_country", "hs_code", "requires_shipping",
		"mid_code", "material", "weight", "length", "height", "width", "metadata", "reserved_quantity", "stocked_quantity",
		"created_at", "updated_at", "deleted_at"},
	Scalar: func(b []byte, it *Item, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, it.ID)
		case "sku":
			return fields.AppendNullString(b, it.SKU)
		case "title":
			return fields.AppendNullString(b, it.Title)
		case "description":
			return fields.AppendNullString(b, it.Description)
		case "thumbnail":
			return fields.AppendNullString(b, it.Thumbnail)
		case "origin_country":
			return fields.AppendNullString(b, it.OriginCountry)
		case "hs_code":
			return fields.AppendNullString(b, it.HSCode)
		case "requires_shipping":
			return fields.AppendBool(b, it.RequiresShipping)
		case "mid_code":
			return fields.AppendNullString(b, it.MIDCode)
		case "material":
			return fields.AppendNullString(b, it.Material)
		case "weight":
			return appendFloat(b, it.Weight)
		case "length":
			return appendFloat(b, it.Length)
		case "height":
			return appendFloat(b, it.Height)
		case "width":
			return appendFloat(b, it.Width)
		case "metadata":
			return fields.AppendRaw(b, it.Metadata)
		case "reserved_quantity", "stocked_quantity":
			var n int64
			for _, l := range it.Levels {
				if name == "reserved_quantity" {
					n += l.ReservedQuantity
				} else {
					n += l.StockedQuantity
				}
			}
			return fields.AppendInt(b, n)
		case "created_at":
			return fields.AppendTime(b, it.CreatedAt)
		case "updated_at":
			return fields.AppendTime(b, it.UpdatedAt)
		case "deleted_at":
			return fields.AppendNullTime(b, it.DeletedAt)
		}
		return fields.AppendNull(b)
	},
	Relations: map[string]fields.Relation[Item]{
		"location_levels": {Unknown: fields.Nested(LevelSpec), AsScalar: true,
			Append: func(b []byte, it *Item, sub *fields.Selection) []byte { return LevelSpec.AppendList(b, it.Levels, sub) }},
	},
}

var itemListQuery = v.Object(append(httpapi.FindParams(20),
	v.F("q", v.Optional(v.String())),
	v.F("id", v.Optional(v.StringOrArray())),
	v.F("sku", v.Optional(v.StringOrArray())),
	v.F("location_levels", v.Optional(v.Object(v.F("location_id", v.Optional(v.StringOrArray()))).Strict())),
)...).Strict()

func itemBodyFields(create bool) []v.Field {
	str := func() v.Schema { return v.Nullish(v.String()) }
	num := func() v.Schema { return v.Nullish(v.Number()) }
	fs := []v.Field{
		v.F("sku", str()), v.F("title", str()), v.F("description", str()), v.F("thumbnail", str()),
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
	levelQtyFields = []v.Field{
		v.F("stocked_quantity", v.Optional(v.Number().Int().Gte(0))),
		v.F("incoming_quantity", v.Optional(v.Number().Int().Gte(0))),
	}
	levelCreateBody = v.Object(append([]v.Field{v.F("location_id", v.String())}, levelQtyFields...)...).Strict()
	levelUpdateBody = v.Object(levelQtyFields...).Strict()
	batchLevel      = v.Object(append([]v.Field{v.F("inventory_item_id", v.String()), v.F("location_id", v.String())}, levelQtyFields...)...).Strict()
	levelBatchBody  = v.Object(
		v.F("create", v.Optional(v.Array(batchLevel))),
		v.F("update", v.Optional(v.Array(batchLevel))),
		v.F("delete", v.Optional(v.Array(v.String()))),
	).Strict()
	levelListQuery = v.Object(append(httpapi.FindParams(50), v.F("location_id", v.Optional(v.StringOrArray())))...).Strict()
)

func (h *Handler) inventoryRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/inventory-items", Summary: "List inventory items", Query: itemListQuery, Response: "inventory_items", Handler: h.listItems},
		{Method: "POST", Path: "/admin/inventory-items", Summary: "Create an inventory item", Query: selectQuery, Body: itemCreateBody, Response: "inventory_item", Handler: h.createItem},
		{Method: "POST", Path: "/admin/inventory-items/location-levels/batch", Summary: "Create, update and delete inventory levels", Body: levelBatchBody, Response: "batch", Handler: h.batchLevels},
		{Method: "GET", Path: "/admin/inventory-items/{id}", Summary: "Retrieve an inventory item", Query: selectQuery, Response: "inventory_item", Handler: h.retrieveItem},
		{Method: "POST", Path: "/admin/inventory-items/{id}", Summary: "Update an inventory item", Query: selectQuery, Body: itemUpdateBody, Response: "inventory_item", Handler: h.updateItem},
		{Method: "DELETE", Path: "/admin/inventory-items/{id}", Summary: "Delete an inventory item", Response: "deleted", Handler: h.deleteItem},
		{Method: "GET", Path: "/admin/inventory-items/{id}/location-levels", Summary: "List an inventory item's levels", Query: levelListQuery, Response: "inventory_levels", Handler: h.listLevels},
		{Method: "POST", Path: "/admin/inventory-items/{id}/location-levels", Summary: "Stock an inventory item at a location", Query: selectQuery, Body: levelCreateBody, Response: "inventory_item", Handler: h.createLevel},
		{Method: "POST", Path: "/admin/inventory-items/{id}/location-levels/{location_id}", Summary: "Change an inventory level", Query: selectQuery, Body: levelUpdateBody, Response: "inventory_item", Handler: h.updateLevel},
		{Method: "DELETE", Path: "/admin/inventory-items/{id}/location-levels/{location_id}", Summary: "Delete an inventory level", Response: "deleted", Handler: h.deleteLevel},
	}
}

func itemSelection(r *http.Request) (*fields.Selection, error) {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return nil, err
	}
	sel := fields.Parse(deref(q.Fields), q.Fields != nil, ItemDefaultFields)
	return sel, ItemSpec.Check(sel)
}

func writeItem(w http.ResponseWriter, it *Item, sel *fields.Selection) error {
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("inventory_item", ItemSpec.Append(nil, it, sel)))
	return nil
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

func (h *Handler) listItems(w http.ResponseWriter, r *http.Request) error {
	var p itemListParams
	if err := httpapi.DecodeQuery(r, itemListQuery, &p); err != nil {
		return err
	}
	sel := fields.Parse(deref(p.Fields), p.Fields != nil, ItemDefaultFields)
	if err := ItemSpec.Check(sel); err != nil {
		return err
	}
	f := ItemFilter{Q: p.Q, IDs: p.ID, SKUs: p.SKU}
	if p.LocationLevels != nil && p.LocationLevels.LocationID != nil {
		f.LocationIDs = p.LocationLevels.LocationID
	}
	items, count, err := h.svc.ListItems(r.Context(), f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("inventory_items", ItemSpec.AppendList(nil, items, sel), count, p.Offset, p.Limit))
	return nil
}

// itemRequest is an item body; Opt tells an absent field from a null one.
type itemRequest struct {
	SKU              v.Opt[*string]         `json:"sku"`
	Title            v.Opt[*string]         `json:"title"`
	Description      v.Opt[*string]         `json:"description"`
	Thumbnail        v.Opt[*string]         `json:"thumbnail"`
	OriginCountry    v.Opt[*string]         `json:"origin_country"`
	HSCode           v.Opt[*string]         `json:"hs_code"`
	MIDCode          v.Opt[*string]         `json:"mid_code"`
	Material         v.Opt[*string]         `json:"material"`
	Weight           v.Opt[*float64]        `json:"weight"`
	Length           v.Opt[*float64]        `json:"length"`
	Height           v.Opt[*float64]        `json:"height"`
	Width            v.Opt[*float64]        `json:"width"`
	RequiresShipping *bool                  `json:"requires_shipping"`
	Metadata         v.Opt[json.RawMessage] `json:"metadata"`
	LocationLevels   []LevelInput           `json:"location_levels"`
}

func (req itemRequest) fields() ItemFields {
	in := ItemFields{RequiresShipping: req.RequiresShipping, Cleared: map[string]bool{}, SetMetadata: req.Metadata.Set}
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
	if req.Metadata.Set && !req.Metadata.Null {
		in.Metadata = nullIfNull(req.Metadata.Value)
	}
	return in
}

func (h *Handler) createItem(w http.ResponseWriter, r *http.Request) error {
	sel, err := itemSelection(r)
	if err != nil {
		return err
	}
	var req itemRequest
	if err := httpapi.DecodeBody(r, itemCreateBody, &req); err != nil {
		return err
	}
	it, err := h.svc.CreateItem(r.Context(), req.fields(), req.LocationLevels)
	if err != nil {
		return err
	}
	return writeItem(w, it, sel)
}

func (h *Handler) retrieveItem(w http.ResponseWriter, r *http.Request) error {
	sel, err := itemSelection(r)
	if err != nil {
		return err
	}
	it, err := h.svc.GetItem(r.Context(), r.PathValue("id"))
	if err != nil {
		return err
	}
	return writeItem(w, it, sel)
}

func (h *Handler) updateItem(w http.ResponseWriter, r *http.Request) error {
	sel, err := itemSelection(r)
	if err != nil {
		return err
	}
	var req itemRequest
	if err := httpapi.DecodeBody(r, itemUpdateBody, &req); err != nil {
		return err
	}
	it, err := h.svc.UpdateItem(r.Context(), r.PathValue("id"), req.fields())
	if err != nil {
		return err
	}
	return writeItem(w, it, sel)
}

func (h *Handler) deleteItem(w http.ResponseWriter, r *http.Request) error {
	itemID := r.PathValue("id")
	if err := h.svc.DeleteItem(r.Context(), itemID); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, httpapi.Deleted{ID: itemID, Object: "inventory_item", Deleted: true})
	return nil
}
