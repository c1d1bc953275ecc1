package stock

import "channeld/internal/platform/fields"

// How stock entities are written as JSON: Medusa's default fields and the specs that write
// locations with their addresses, and inventory items with their levels.

// LocationDefaultFields are Medusa's default stock location fields.
var LocationDefaultFields = []string{"id", "name", "metadata", "created_at", "updated_at",
	"address.id", "address.address_1", "address.address_2", "address.city", "address.country_code",
	"address.phone", "address.province", "address.postal_code", "address.metadata"}

var addressScalars = []string{"id", "address_1", "address_2", "company", "city", "country_code", "phone",
	"province", "postal_code", "metadata", "created_at", "updated_at", "deleted_at"}

// AddressSpec writes a location's address.
var AddressSpec = &fields.Spec[Address]{Scalars: addressScalars, Scalar: fields.Columns[Address](addressScalars, nil)}

var locationScalars = []string{"id", "name", "address_id", "metadata", "created_at", "updated_at", "deleted_at"}

// LocationSpec writes a location with its address; channels embed locations with it.
var LocationSpec = &fields.Spec[Location]{
	Scalars: locationScalars,
	Scalar:  fields.Columns[Location](locationScalars, nil),
	Relations: map[string]fields.Relation[Location]{
		"address": fields.OneOf(AddressSpec, func(l *Location) *Address { return l.Address }),
	},
}

// ItemDefaultFields are Medusa's default inventory item fields.
var ItemDefaultFields = []string{"id", "sku", "title", "description", "thumbnail", "origin_country", "hs_code",
	"requires_shipping", "mid_code", "material", "weight", "length", "height", "width", "metadata",
	"reserved_quantity", "stocked_quantity", "created_at", "updated_at", "location_levels.*"}

var levelScalars = []string{"id", "inventory_item_id", "location_id", "stocked_quantity", "reserved_quantity",
	"incoming_quantity", "available_quantity", "metadata", "created_at", "updated_at", "deleted_at"}

// LevelSpec writes an inventory level; available_quantity is stocked minus reserved.
var LevelSpec = &fields.Spec[Level]{
	Scalars: levelScalars,
	Scalar: fields.Columns(levelScalars, map[string]func([]byte, *Level) []byte{
		"available_quantity": func(b []byte, l *Level) []byte { return fields.AppendInt(b, l.Available()) },
		"deleted_at":         fields.Null[Level],
	}),
}

var itemScalars = []string{"id", "sku", "title", "description", "thumbnail", "origin_country", "hs_code",
	"requires_shipping", "mid_code", "material", "weight", "length", "height", "width", "metadata",
	"reserved_quantity", "stocked_quantity", "created_at", "updated_at", "deleted_at"}

// ItemSpec writes an inventory item with its levels and their totals.
var ItemSpec = &fields.Spec[Item]{
	Scalars: itemScalars,
	// An item's quantities are the totals of its levels.
	Scalar: fields.Columns(itemScalars, map[string]func([]byte, *Item) []byte{
		"reserved_quantity": func(b []byte, it *Item) []byte {
			return fields.AppendInt(b, totalOf(it.Levels, func(l *Level) int64 { return l.ReservedQuantity }))
		},
		"stocked_quantity": func(b []byte, it *Item) []byte {
			return fields.AppendInt(b, totalOf(it.Levels, func(l *Level) int64 { return l.StockedQuantity }))
		},
	}),
	Relations: map[string]fields.Relation[Item]{
		"location_levels": fields.ListOf(LevelSpec, func(it *Item) []*Level { return it.Levels }),
	},
}

// totalOf sums one quantity over levels.
func totalOf(levels []*Level, quantity func(*Level) int64) int64 {
	var n int64
	for _, l := range levels {
		n += quantity(l)
	}
	return n
}
