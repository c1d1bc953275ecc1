package fulfillment

import (
	"strings"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/money"
)

// How fulfillment entities are written as JSON. Relations nest one way only, so the specs
// are plain values: a set writes its zones, a zone its geo zones and options, an option its
// zone through zoneBrief (without options) and that zone's set through setBrief.

var providerScalars = []string{"id", "is_enabled"}

// ProviderSpec writes a fulfillment provider.
var ProviderSpec = &fields.Spec[ProviderRow]{Scalars: providerScalars, Scalar: fields.Columns[ProviderRow](providerScalars, nil)}

var profileScalars = []string{"id", "name", "type", "metadata", "created_at", "updated_at", "deleted_at"}

// ProfileSpec writes a shipping profile; products embed theirs with it.
var ProfileSpec = &fields.Spec[Profile]{Scalars: profileScalars, Scalar: fields.Columns[Profile](profileScalars, nil)}

var geoScalars = []string{"id", "type", "country_code", "province_code", "city", "postal_expression", "service_zone_id",
	"metadata", "created_at", "updated_at", "deleted_at"}

var geoSpec = &fields.Spec[GeoZone]{Scalars: geoScalars, Scalar: fields.Columns[GeoZone](geoScalars, nil)}

var typeScalars = []string{"id", "label", "description", "code", "created_at", "updated_at", "deleted_at"}

var typeSpec = &fields.Spec[OptionType]{Scalars: typeScalars, Scalar: fields.Columns[OptionType](typeScalars, nil)}

var ruleScalars = []string{"id", "attribute", "operator", "value", "shipping_option_id", "created_at", "updated_at", "deleted_at"}

var ruleSpec = &fields.Spec[Rule]{Scalars: ruleScalars,
	Scalar: fields.Columns(ruleScalars, map[string]func([]byte, *Rule) []byte{"deleted_at": fields.Null[Rule]})}

// priceRule is one rule of a price as Medusa's pricing module shows it: a region price has
// region_id eq its region, and item_total rules are as given.
type priceRule struct {
	ID        string
	Attribute string
	Operator  string
	Value     string
}

var priceRuleScalars = []string{"id", "attribute", "operator", "value"}

var priceRuleSpec = &fields.Spec[priceRule]{Scalars: priceRuleScalars, Scalar: fields.Columns[priceRule](priceRuleScalars, nil)}

var priceScalars = []string{"id", "currency_code", "amount", "min_quantity", "max_quantity", "rules_count",
	"created_at", "updated_at", "deleted_at"}

var priceSpec = &fields.Spec[Price]{
	Scalars: priceScalars,
	Scalar: fields.Columns(priceScalars, map[string]func([]byte, *Price) []byte{
		"amount":       func(b []byte, p *Price) []byte { return money.AppendMajor(b, p.Amount, p.CurrencyCode) },
		"min_quantity": fields.Null[Price],
		"max_quantity": fields.Null[Price],
		"rules_count":  func(b []byte, p *Price) []byte { return fields.AppendInt(b, int64(len(p.priceRules()))) },
		"deleted_at":   fields.Null[Price],
	}),
	Relations: map[string]fields.Relation[Price]{
		"price_rules": fields.ListOf(priceRuleSpec, func(p *Price) []*priceRule { return p.priceRules() }),
	},
}

// priceRules returns a price's rules as Medusa's pricing module holds them.
func (p *Price) priceRules() []*priceRule {
	var out []*priceRule
	suffix := strings.TrimPrefix(p.ID, prefixPrice+"_")
	if p.RegionID != nil {
		out = append(out, &priceRule{ID: "prule_" + suffix + "_region", Attribute: "region_id", Operator: "eq", Value: *p.RegionID})
	}
	for i, r := range p.itemTotalRules() {
		out = append(out, &priceRule{ID: "prule_" + suffix + "_" + string(rune('a'+i)), Attribute: r.Attribute, Operator: r.Operator, Value: r.Value})
	}
	return out
}

var setScalars = []string{"id", "name", "type", "metadata", "created_at", "updated_at", "deleted_at"}

var setBrief = &fields.Spec[Set]{Scalars: setScalars, Scalar: fields.Columns[Set](setScalars, nil)}

var zoneScalars = []string{"id", "name", "fulfillment_set_id", "metadata", "created_at", "updated_at", "deleted_at"}

// zoneRelations are a zone's relations other than its options.
func zoneRelations() map[string]fields.Relation[Zone] {
	return map[string]fields.Relation[Zone]{
		"geo_zones":       fields.ListOf(geoSpec, func(z *Zone) []*GeoZone { return z.GeoZones }),
		"fulfillment_set": fields.OneOf(setBrief, func(z *Zone) *Set { return z.FulfillmentSet }),
	}
}

var zoneBrief = &fields.Spec[Zone]{Scalars: zoneScalars, Scalar: fields.Columns[Zone](zoneScalars, nil), Relations: zoneRelations()}

var optionScalars = []string{"id", "name", "price_type", "service_zone_id", "shipping_profile_id", "provider_id",
	"shipping_option_type_id", "data", "metadata", "created_at", "updated_at", "deleted_at"}

// OptionSpec writes a shipping option with its relations.
var OptionSpec = &fields.Spec[Option]{
	Scalars: optionScalars,
	Scalar:  fields.Columns[Option](optionScalars, nil),
	Relations: map[string]fields.Relation[Option]{
		"type":             fields.OneOf(typeSpec, func(o *Option) *OptionType { return o.Type }),
		"prices":           fields.ListOf(priceSpec, func(o *Option) []*Price { return o.Prices }),
		"rules":            fields.ListOf(ruleSpec, func(o *Option) []*Rule { return o.Rules }),
		"service_zone":     fields.OneOf(zoneBrief, func(o *Option) *Zone { return o.ServiceZone }),
		"shipping_profile": fields.OneOf(ProfileSpec, func(o *Option) *Profile { return o.ShippingProfile }),
		"provider":         fields.OneOf(ProviderSpec, func(o *Option) *ProviderRow { return o.Provider }),
	},
}

// ZoneSpec writes a service zone with its geo zones and options.
var ZoneSpec = func() *fields.Spec[Zone] {
	rels := zoneRelations()
	rels["shipping_options"] = fields.ListOf(OptionSpec, func(z *Zone) []*Option { return z.ShippingOptions })
	return &fields.Spec[Zone]{Scalars: zoneScalars, Scalar: fields.Columns[Zone](zoneScalars, nil), Relations: rels}
}()

// SetSpec writes a fulfillment set with its zones.
var SetSpec = &fields.Spec[Set]{
	Scalars: setScalars,
	Scalar:  fields.Columns[Set](setScalars, nil),
	Relations: map[string]fields.Relation[Set]{
		"service_zones": fields.ListOf(ZoneSpec, func(s *Set) []*Zone { return s.ServiceZones }),
	},
}

// Medusa's default fields.
var (
	setDefaults     = []string{"id", "name", "type", "created_at", "updated_at", "deleted_at", "*service_zones", "*service_zones.geo_zones"}
	zoneDefaults    = []string{"id", "name", "created_at", "updated_at", "deleted_at", "*geo_zones"}
	optionDefaults  = []string{"id", "name", "price_type", "data", "provider_id", "metadata", "created_at", "updated_at", "*rules", "*type", "*prices", "*prices.price_rules", "*service_zone", "*shipping_profile", "*provider"}
	profileDefaults = []string{"id", "name", "type", "metadata", "created_at", "updated_at"}
)
