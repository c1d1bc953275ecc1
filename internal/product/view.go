package product

import (
	"channeld/internal/fulfillment"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/money"
	"channeld/internal/saleschannel"
	"channeld/internal/taxonomy"
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

// DefaultAllVariantFields are Medusa's default fields of /admin/product-variants: a product's
// variant fields and the variant's product.
var DefaultAllVariantFields = append(append([]string{}, DefaultVariantFields...), "*product",
	"prices.price_rules.value", "prices.price_rules.attribute")

// The scalar fields of each entity, in the order "*" writes them.
var (
	productScalars = []string{"id", "title", "subtitle", "status", "external_id", "description", "handle",
		"is_giftcard", "discountable", "thumbnail", "collection_id", "type_id", "weight", "length", "height",
		"width", "hs_code", "origin_country", "mid_code", "material", "created_at", "updated_at",
		"deleted_at", "metadata"}
	variantScalars = []string{"id", "title", "sku", "barcode", "ean", "upc", "allow_backorder", "manage_inventory",
		"hs_code", "origin_country", "mid_code", "material", "weight", "length", "height", "width",
		"metadata", "variant_rank", "thumbnail", "product_id", "created_at", "updated_at", "deleted_at"}
	optionScalars = []string{"id", "title", "is_exclusive", "metadata", "created_at", "updated_at", "deleted_at"}
	valueScalars  = []string{"id", "value", "rank", "metadata", "option_id", "created_at", "updated_at", "deleted_at"}
	priceScalars  = []string{"id", "title", "currency_code", "amount", "raw_amount", "min_quantity", "max_quantity",
		"price_list_id", "variant_id", "rules", "created_at", "updated_at", "deleted_at"}
)

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
		Scalars: priceScalars,
		Scalar:  fields.Columns(priceScalars, priceComputed),
		Relations: map[string]fields.Relation[Price]{
			// Medusa reads a price's rules to build its `rules` and answers prices without
			// them: asking for price_rules is valid and adds nothing.
			"price_rules": {AsScalar: true, Unknown: func(*fields.Selection) []string { return nil },
				Omit:   func(*Price) bool { return true },
				Append: func(b []byte, _ *Price, _ *fields.Selection) []byte { return b }},
		},
	}
	OptionSpec = &fields.Spec[Option]{
		Scalars: optionScalars,
		// Options are never shared between products here.
		Scalar: fields.Columns(optionScalars, map[string]func([]byte, *Option) []byte{
			"is_exclusive": func(b []byte, _ *Option) []byte { return fields.AppendBool(b, true) },
		}),
	}
	ValueSpec = &fields.Spec[OptionValue]{
		Scalars: valueScalars,
		Scalar:  fields.Columns[OptionValue](valueScalars, nil),
		Relations: map[string]fields.Relation[OptionValue]{
			"option": fields.OneOf(OptionSpec, func(v *OptionValue) *Option { return v.Option }),
		},
	}
	OptionSpec.Relations = map[string]fields.Relation[Option]{
		"values": fields.ListOf(ValueSpec, func(o *Option) []*OptionValue { return o.Values }),
	}
	VariantSpec = &fields.Spec[Variant]{
		Scalars: variantScalars,
		Scalar:  fields.Columns[Variant](variantScalars, nil),
		Relations: map[string]fields.Relation[Variant]{
			"options": {Unknown: fields.Nested(ValueSpec), AsScalar: true,
				Append: func(b []byte, v *Variant, sub *fields.Selection) []byte {
					// Medusa writes a variant's option values with their option.
					if sub.Has("*") && sub.Rel("option") == nil {
						sub = valueWithOption
					}
					return ValueSpec.AppendList(b, v.Options, sub)
				}},
			"prices": fields.ListOf(PriceSpec, func(v *Variant) []*Price { return v.Prices }),
			"images": noImages,
		},
	}
	Spec = &fields.Spec[Product]{
		Scalars: productScalars,
		Scalar: fields.Columns(productScalars, map[string]func([]byte, *Product) []byte{
			"external_id": fields.Null[Product],
		}),
		Relations: map[string]fields.Relation[Product]{
			"options":  fields.ListOf(OptionSpec, func(p *Product) []*Option { return p.Options }),
			"variants": fields.ListOf(VariantSpec, func(p *Product) []*Variant { return p.Variants }),
			"sales_channels": fields.ListOf(saleschannel.Spec,
				func(p *Product) []*saleschannel.SalesChannel { return p.SalesChannels }),
			"type":             fields.OneOf(taxonomy.TermSpec, func(p *Product) *taxonomy.Term { return p.Type }),
			"collection":       fields.OneOf(taxonomy.CollectionSpec, func(p *Product) *taxonomy.Collection { return p.Collection }),
			"tags":             fields.ListOf(taxonomy.TermSpec, func(p *Product) []*taxonomy.Term { return p.Tags }),
			"images":           fields.ListOf(ImageSpec, func(p *Product) []*Image { return p.Images }),
			"categories":       fields.ListOf(taxonomy.CategorySpec, func(p *Product) []*taxonomy.Category { return p.Categories }),
			"shipping_profile": fields.OneOf(fulfillment.ProfileSpec, func(p *Product) *fulfillment.Profile { return p.ShippingProfile }),
		},
	}
}

var valueWithOption = fields.FromList("*", "option.*")

// noImages is a variant's images: channeld links no image to a single variant, so a variant
// reads as Medusa's variant without variant images.
var noImages = fields.Relation[Variant]{AsScalar: true, Unknown: fields.Nested(ImageSpec),
	Append: func(b []byte, _ *Variant, _ *fields.Selection) []byte { return append(b, "[]"...) }}

// Prices have no title, quantities, price list or deletion time here; Medusa answers them.
var priceComputed = map[string]func([]byte, *Price) []byte{
	"amount": func(b []byte, p *Price) []byte { return money.AppendMajor(b, p.Amount, p.CurrencyCode) },
	"raw_amount": func(b []byte, p *Price) []byte {
		b = append(b, `{"value":"`...)
		b = money.AppendMajor(b, p.Amount, p.CurrencyCode)
		return append(b, `","precision":20}`...)
	},
	// Medusa's price rules: a channel price is the price with a sales_channel_id rule.
	"rules": func(b []byte, p *Price) []byte {
		if p.SalesChannelID == nil {
			return append(b, "{}"...)
		}
		b = append(b, `{"sales_channel_id":`...)
		b = fields.AppendString(b, *p.SalesChannelID)
		return append(b, '}')
	},
	"title": fields.Null[Price], "min_quantity": fields.Null[Price], "max_quantity": fields.Null[Price],
	"price_list_id": fields.Null[Price], "deleted_at": fields.Null[Price],
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
	inc.Collection = relation(sel, "collection") != nil
	inc.Type = relation(sel, "type") != nil
	inc.Tags = relation(sel, "tags") != nil
	inc.Images = relation(sel, "images") != nil
	inc.Categories = relation(sel, "categories") != nil
	inc.ShippingProfile = relation(sel, "shipping_profile") != nil
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
