package fulfillment

import (
	"encoding/json"
	"time"
)

// DefaultProfileID is the shipping profile the migration creates: products that name none
// get it.
const DefaultProfileID = "sp_00000000000000000000000000"

// ManualProviderID is the built-in provider, Medusa's manual fulfillment under the id Medusa
// gives it (identifier "manual", provider "manual").
const ManualProviderID = "manual_manual"

// Id prefixes, as Medusa's fulfillment module has them.
const (
	prefixSet     = "fuset"
	prefixZone    = "serzo"
	prefixGeo     = "fgz"
	prefixOption  = "so"
	prefixType    = "sotype"
	prefixPrice   = "price"
	prefixRule    = "sorul"
	prefixProfile = "sp"
)

// ProviderRow is a fulfillment provider as stored.
type ProviderRow struct {
	ID        string
	IsEnabled bool
}

// Profile is a shipping profile: the kind of goods a shipping option carries.
type Profile struct {
	ID        string
	Name      string
	Type      string
	Metadata  json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time
}

// Set is a fulfillment set at a stock location, with its service zones when loaded.
type Set struct {
	ID              string
	StockLocationID string
	Name            string
	Type            string
	Metadata        json.RawMessage
	CreatedAt       time.Time
	UpdatedAt       time.Time
	DeletedAt       *time.Time
	ServiceZones    []*Zone
}

// Zone is a service zone: the area a fulfillment set serves, made of geo zones, and the
// shipping options offered there.
type Zone struct {
	ID               string
	FulfillmentSetID string
	Name             string
	Metadata         json.RawMessage
	CreatedAt        time.Time
	UpdatedAt        time.Time
	DeletedAt        *time.Time
	GeoZones         []*GeoZone
	ShippingOptions  []*Option
	FulfillmentSet   *Set
}

// Geo zone types, narrowest last; each needs the fields of the one before it.
const (
	GeoCountry  = "country"
	GeoProvince = "province"
	GeoCity     = "city"
	GeoZip      = "zip"
)

// GeoZone is one area of a service zone: a country, or a province, city or postal codes in it.
type GeoZone struct {
	ID               string
	ServiceZoneID    string
	Type             string
	CountryCode      string
	ProvinceCode     *string
	City             *string
	PostalExpression json.RawMessage
	Metadata         json.RawMessage
	CreatedAt        time.Time
	UpdatedAt        time.Time
	DeletedAt        *time.Time
}

// Price types of a shipping option.
const (
	PriceFlat       = "flat"
	PriceCalculated = "calculated"
)

// Option is a shipping option with its relations when loaded.
type Option struct {
	ID                   string
	Name                 string
	PriceType            string
	ServiceZoneID        string
	ShippingProfileID    *string
	ProviderID           *string
	ShippingOptionTypeID string
	Data                 json.RawMessage
	Metadata             json.RawMessage
	// StoreBlock is the attribute of the first rule that keeps the option from storefront
	// carts, empty when none does.
	StoreBlock string
	CreatedAt  time.Time
	UpdatedAt  time.Time
	DeletedAt  *time.Time

	Type            *OptionType
	Prices          []*Price
	Rules           []*Rule
	ServiceZone     *Zone
	ShippingProfile *Profile
	Provider        *ProviderRow
}

// OptionType is the label a shipping option is shown with.
type OptionType struct {
	ID          string
	Label       string
	Description *string
	Code        string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	DeletedAt   *time.Time
}

// Price is one price of a shipping option: in a currency, or for a region (RegionID set,
// CurrencyCode the region's).
type Price struct {
	ID               string
	ShippingOptionID string
	CurrencyCode     string
	RegionID         *string
	Amount           int64
	Rules            json.RawMessage // Medusa's item_total price rules as given; nil when none
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Rule is a shipping option rule: attribute operator value, value a string or a list.
type Rule struct {
	ID               string
	ShippingOptionID string
	Attribute        string
	Operator         string
	Value            json.RawMessage
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}

// itemTotalRules reads a price's item_total rules as given: [{attribute, operator, value}].
func (p *Price) itemTotalRules() []struct{ Attribute, Operator, Value string } {
	var raw []struct {
		Attribute string      `json:"attribute"`
		Operator  string      `json:"operator"`
		Value     json.Number `json:"value"`
	}
	if len(p.Rules) == 0 || json.Unmarshal(p.Rules, &raw) != nil {
		return nil
	}
	out := make([]struct{ Attribute, Operator, Value string }, len(raw))
	for i, r := range raw {
		out[i].Attribute, out[i].Operator, out[i].Value = r.Attribute, r.Operator, r.Value.String()
	}
	return out
}
