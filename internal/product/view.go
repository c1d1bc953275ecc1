package product

import (
	"strconv"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/money"
	"channeld/internal/saleschannel"
)

// DefaultFields are Medusa's default admin product fields.
var DefaultFields = []string{"id", "title", "subtitle", "status", "external_id", "description", "handle",
	"is_giftcard", "discountable", "thumbnail", "collection_id", "type_id", "weight", "length", "height",
	"width", "hs_code", "origin_country", "mid_code", "material", "created_at", "updated_at", "deleted_at",
	"metadata", "*type", "*collection", "*options", "*options.values", "*tags", "*images", "*variants",
	"*variants.prices", "*variants.options", "*sales_channels"}

// DefaultVariantFields are Medusa's default admin variant fields.
var DefaultVariantFields = []string{"id", "product_id", "thumbnail", "title", "sku", "allow_backorder",
	"manage_inventory", "hs_code", "origin_country", "mid_code", "material", "weight", "length", "height",
	"width", "created_at", "updated_at", "deleted_at", "metadata", "variant_rank", "ean", "upc", "barcode",
	"*prices", "*options"}

// The specs reference one another (a value's option, an option's values), so they are
// built in init.
var (
	// Spec writes a product; the storefront read path writes its products with it too.
	Spec *fields.Spec[Product]
	// VariantSpec writes a variant.
	VariantSpec *fields.Spec[Variant]
	// OptionSpec writes an option with its values.
	OptionSpec *fields.Spec[Option]
	// ValueSpec writes an option value, with its option when read through a variant.
	ValueSpec *fields.Spec[OptionValue]
	// PriceSpec writes a price, amounts in major units.
	PriceSpec *fields.Spec[Price]
)

func init() {
	PriceSpec = &fields.Spec[Price]{
		Scalars: []string{"id", "title", "currency_code", "amount", "raw_amount", "min_quantity", "max_quantity",
			"price_list_id", "variant_id", "created_at", "updated_at", "deleted_at"},
		Scalar: appendPrice,
	}
	OptionSpec = &fields.Spec[Option]{
		Scalars: []string{"id", "title", "is_exclusive", "metadata", "created_at", "updated_at", "deleted_at"},
		Scalar:  appendOption,
	}
	ValueSpec = &fields.Spec[OptionValue]{
		Scalars: []string{"id", "value", "rank", "metadata", "option_id", "created_at", "updated_at", "deleted_at"},
		Scalar:  appendValue,
		Relations: map[string]fields.Relation[OptionValue]{
			"option": {Unknown: fields.Nested(OptionSpec), AsScalar: true,
				Append: func(b []byte, v *OptionValue, sub *fields.Selection) []byte {
					if v.Option == nil {
						return fields.AppendNull(b)
					}
					return OptionSpec.Append(b, v.Option, sub)
				}},
		},
	}
	OptionSpec.Relations = map[string]fields.Relation[Option]{
		"values": {Unknown: fields.Nested(ValueSpec), AsScalar: true,
			Append: func(b []byte, o *Option, sub *fields.Selection) []byte {
				return ValueSpec.AppendList(b, o.Values, sub)
			}},
	}
	VariantSpec = &fields.Spec[Variant]{
		Scalars: []string{"id", "title", "sku", "barcode", "ean", "upc", "allow_backorder", "manage_inventory",
			"hs_code", "origin_country", "mid_code", "material", "weight", "length", "height", "width",
			"metadata", "variant_rank", "thumbnail", "product_id", "created_at", "updated_at", "deleted_at"},
		Scalar: appendVariant,
		Relations: map[string]fields.Relation[Variant]{
			"options": {Unknown: fields.Nested(ValueSpec), AsScalar: true,
				Append: func(b []byte, v *Variant, sub *fields.Selection) []byte {
					// Medusa writes a variant's option values with their option.
					if sub.Has("*") && sub.Rel("option") == nil {
						sub = valueWithOption
					}
					return ValueSpec.AppendList(b, v.Options, sub)
				}},
			"prices": {Unknown: fields.Nested(PriceSpec), AsScalar: true,
				Append: func(b []byte, v *Variant, sub *fields.Selection) []byte {
					return PriceSpec.AppendList(b, v.Prices, sub)
				}},
		},
	}
	Spec = &fields.Spec[Product]{
		Scalars: []string{"id", "title", "subtitle", "status", "external_id", "description", "handle",
			"is_giftcard", "discountable", "thumbnail", "collection_id", "type_id", "weight", "length", "height",
			"width", "hs_code", "origin_country", "mid_code", "material", "created_at", "updated_at",
			"deleted_at", "metadata"},
		Scalar: appendProduct,
		Relations: map[string]fields.Relation[Product]{
			"options": {Unknown: fields.Nested(OptionSpec), AsScalar: true,
				Append: func(b []byte, p *Product, sub *fields.Selection) []byte {
					return OptionSpec.AppendList(b, p.Options, sub)
				}},
			"variants": {Unknown: fields.Nested(VariantSpec), AsScalar: true,
				Append: func(b []byte, p *Product, sub *fields.Selection) []byte {
					return VariantSpec.AppendList(b, p.Variants, sub)
				}},
			"sales_channels": {Unknown: fields.Nested(saleschannel.Spec), AsScalar: true,
				Append: func(b []byte, p *Product, sub *fields.Selection) []byte {
					return saleschannel.Spec.AppendList(b, p.SalesChannels, sub)
				}},
			// Types, collections, tags and images are not modelled yet: they read as empty.
			"type":       constant("null"),
			"collection": constant("null"),
			"tags":       constant("[]"),
			"images":     constant("[]"),
		},
	}
}

var valueWithOption = fields.FromList("*", "option.*")

func constant(v string) fields.Relation[Product] {
	return fields.Relation[Product]{AsScalar: true, Unknown: func(*fields.Selection) []string { return nil },
		Append: func(b []byte, _ *Product, _ *fields.Selection) []byte { return append(b, v...) }}
}

func appendFloat(b []byte, f *float64) []byte {
	if f == nil {
		return fields.AppendNull(b)
	}
	return strconv.AppendFloat(b, *f, 'f', -1, 64)
}

func appendPhysical(b []byte, p *Physical, name string) ([]byte, bool) {
	switch name {
	case "weight":
		return appendFloat(b, p.Weight), true
	case "length":
		return appendFloat(b, p.Length), true
	case "height":
		return appendFloat(b, p.Height), true
	case "width":
		return appendFloat(b, p.Width), true
	case "hs_code":
		return fields.AppendNullString(b, p.HSCode), true
	case "origin_country":
		return fields.AppendNullString(b, p.OriginCountry), true
	case "mid_code":
		return fields.AppendNullString(b, p.MIDCode), true
	case "material":
		return fields.AppendNullString(b, p.Material), true
	}
	return b, false
}

func appendProduct(b []byte, p *Product, name string) []byte {
	if out, ok := appendPhysical(b, &p.Physical, name); ok {
		return out
	}
	switch name {
	case "id":
		return fields.AppendString(b, p.ID)
	case "title":
		return fields.AppendString(b, p.Title)
	case "subtitle":
		return fields.AppendNullString(b, p.Subtitle)
	case "status":
		return fields.AppendString(b, p.Status)
	case "description":
		return fields.AppendNullString(b, p.Description)
	case "handle":
		return fields.AppendString(b, p.Handle)
	case "is_giftcard":
		return fields.AppendBool(b, p.IsGiftcard)
	case "discountable":
		return fields.AppendBool(b, p.Discountable)
	case "thumbnail":
		return fields.AppendNullString(b, p.Thumbnail)
	case "collection_id":
		return fields.AppendNullString(b, p.CollectionID)
	case "type_id":
		return fields.AppendNullString(b, p.TypeID)
	case "metadata":
		return fields.AppendRaw(b, p.Metadata)
	}
	return fields.AppendTimestamps(b, name, p.CreatedAt, p.UpdatedAt, p.DeletedAt) // external_id
}

func appendVariant(b []byte, v *Variant, name string) []byte {
	if out, ok := appendPhysical(b, &v.Physical, name); ok {
		return out
	}
	switch name {
	case "id":
		return fields.AppendString(b, v.ID)
	case "title":
		return fields.AppendString(b, v.Title)
	case "sku":
		return fields.AppendNullString(b, v.SKU)
	case "barcode":
		return fields.AppendNullString(b, v.Barcode)
	case "ean":
		return fields.AppendNullString(b, v.EAN)
	case "upc":
		return fields.AppendNullString(b, v.UPC)
	case "allow_backorder":
		return fields.AppendBool(b, v.AllowBackorder)
	case "manage_inventory":
		return fields.AppendBool(b, v.ManageInventory)
	case "variant_rank":
		return fields.AppendInt(b, v.VariantRank)
	case "thumbnail":
		return fields.AppendNullString(b, v.Thumbnail)
	case "product_id":
		return fields.AppendString(b, v.ProductID)
	case "metadata":
		return fields.AppendRaw(b, v.Metadata)
	}
	return fields.AppendTimestamps(b, name, v.CreatedAt, v.UpdatedAt, v.DeletedAt)
}

func appendOption(b []byte, o *Option, name string) []byte {
	switch name {
	case "id":
		return fields.AppendString(b, o.ID)
	case "title":
		return fields.AppendString(b, o.Title)
	case "is_exclusive": // options are never shared between products here
		return fields.AppendBool(b, true)
	case "metadata":
		return fields.AppendRaw(b, o.Metadata)
	}
	return fields.AppendTimestamps(b, name, o.CreatedAt, o.UpdatedAt, o.DeletedAt)
}

func appendValue(b []byte, v *OptionValue, name string) []byte {
	switch name {
	case "id":
		return fields.AppendString(b, v.ID)
	case "value":
		return fields.AppendString(b, v.Value)
	case "rank":
		return fields.AppendNullInt(b, v.Rank)
	case "metadata":
		return fields.AppendRaw(b, v.Metadata)
	case "option_id":
		return fields.AppendString(b, v.OptionID)
	}
	return fields.AppendTimestamps(b, name, v.CreatedAt, v.UpdatedAt, v.DeletedAt)
}

func appendPrice(b []byte, p *Price, name string) []byte {
	switch name {
	case "id":
		return fields.AppendString(b, p.ID)
	case "currency_code":
		return fields.AppendString(b, p.CurrencyCode)
	case "amount":
		return money.AppendMajor(b, p.Amount, p.CurrencyCode)
	case "raw_amount":
		b = append(b, `{"value":"`...)
		b = money.AppendMajor(b, p.Amount, p.CurrencyCode)
		return append(b, `","precision":20}`...)
	case "variant_id":
		return fields.AppendString(b, p.VariantID)
	}
	return fields.AppendTimestamps(b, name, p.CreatedAt, p.UpdatedAt, nil) // title, quantities, price list, deleted_at
}

// include turns a selection into the relations to load.
func include(sel *fields.Selection) Include {
	var inc Include
	if o := relation(sel, "options"); o != nil {
		inc.Options = true
		inc.OptionValues = relation(o, "values") != nil
	}
	if v := relation(sel, "variants"); v != nil {
		inc.Variants = true
		inc.VariantOptions = relation(v, "options") != nil
		inc.VariantPrices = relation(v, "prices") != nil
	}
	inc.SalesChannels = relation(sel, "sales_channels") != nil
	return inc
}

// variantInclude is include for a selection of variants.
func variantInclude(sel *fields.Selection) Include {
	return Include{VariantOptions: relation(sel, "options") != nil, VariantPrices: relation(sel, "prices") != nil}
}

// relation returns the selection of a relation asked for as "rel.x" or "*rel", or as a
// plain field name (all of it), or nil.
func relation(sel *fields.Selection, name string) *fields.Selection {
	if r := sel.Rel(name); r != nil {
		return r
	}
	if sel.Has(name) && !sel.Has("*") {
		return fields.FromList("*")
	}
	return nil
}
