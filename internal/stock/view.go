package stock

import (
	"strconv"

	"channeld/internal/platform/fields"
)

// How stock entities are written as JSON: Medusa's default fields and the specs that write
// locations with their addresses, and inventory items with their levels.

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
		}
		return fields.AppendTimestamps(b, name, a.CreatedAt, a.UpdatedAt, a.DeletedAt)
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
	}
	return fields.AppendTimestamps(b, name, l.CreatedAt, l.UpdatedAt, l.DeletedAt)
}

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
		}
		return fields.AppendTimestamps(b, name, l.CreatedAt, l.UpdatedAt, nil)
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
		}
		return fields.AppendTimestamps(b, name, it.CreatedAt, it.UpdatedAt, it.DeletedAt)
	},
	Relations: map[string]fields.Relation[Item]{
		"location_levels": {Unknown: fields.Nested(LevelSpec), AsScalar: true,
			Append: func(b []byte, it *Item, sub *fields.Selection) []byte { return LevelSpec.AppendList(b, it.Levels, sub) }},
	},
}
