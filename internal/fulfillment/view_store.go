package fulfillment

import (
	"encoding/json"
	"strings"

	"channeld/internal/platform/money"
)

// storeOption is a shipping option as GET /store/shipping-options answers it for a cart:
// Medusa's default store fields, the fields its workflow always adds, and the price for the
// cart as calculated_price and amount (major units of the cart's currency).
type storeOption struct {
	ID                   string          `json:"id"`
	Name                 string          `json:"name"`
	PriceType            string          `json:"price_type"`
	ServiceZoneID        string          `json:"service_zone_id"`
	ShippingProfileID    *string         `json:"shipping_profile_id"`
	ProviderID           *string         `json:"provider_id"`
	ShippingOptionTypeID string          `json:"shipping_option_type_id"`
	Metadata             json.RawMessage `json:"metadata"`
	Data                 json.RawMessage `json:"data"`
	ServiceZone          storeZone       `json:"service_zone"`
	Type                 storeType       `json:"type"`
	Provider             *storeProvider  `json:"provider"`
	CalculatedPrice      storePrice      `json:"calculated_price"`
	Amount               json.Number     `json:"amount"`
	IsTaxInclusive       bool            `json:"is_tax_inclusive"`
}

type storeZone struct {
	FulfillmentSetID string   `json:"fulfillment_set_id"`
	FulfillmentSet   storeSet `json:"fulfillment_set"`
}

type storeSet struct {
	Type     string        `json:"type"`
	Location storeLocation `json:"location"`
}

type storeLocation struct {
	ID      string        `json:"id"`
	Address *quoteAddress `json:"address"`
}

type storeType struct {
	ID          string  `json:"id"`
	Label       string  `json:"label"`
	Description *string `json:"description"`
	Code        string  `json:"code"`
}

type storeProvider struct {
	ID        string `json:"id"`
	IsEnabled bool   `json:"is_enabled"`
}

// storePrice is Medusa's calculated price of a shipping option; channeld has no price lists
// and no tax-inclusive shipping prices, so original and calculated are the same price.
type storePrice struct {
	ID                            *string         `json:"id"`
	IsCalculatedPricePriceList    bool            `json:"is_calculated_price_price_list"`
	IsCalculatedPriceTaxInclusive bool            `json:"is_calculated_price_tax_inclusive"`
	CalculatedAmount              json.Number     `json:"calculated_amount"`
	IsOriginalPricePriceList      bool            `json:"is_original_price_price_list"`
	IsOriginalPriceTaxInclusive   bool            `json:"is_original_price_tax_inclusive"`
	OriginalAmount                json.Number     `json:"original_amount"`
	CurrencyCode                  string          `json:"currency_code"`
	CalculatedPrice               storePriceEntry `json:"calculated_price"`
	OriginalPrice                 storePriceEntry `json:"original_price"`
}

type storePriceEntry struct {
	ID            *string `json:"id"`
	PriceListID   *string `json:"price_list_id"`
	PriceListType *string `json:"price_list_type"`
	MinQuantity   *int    `json:"min_quantity"`
	MaxQuantity   *int    `json:"max_quantity"`
}

// storeView writes the storefront view of a quoted option priced at amount (minor units).
func storeView(r *quoted, d Destination, amount int64, priceID string) (json.RawMessage, error) {
	o := &r.o
	cur := strings.ToLower(d.CurrencyCode)
	major := json.Number(money.Major(amount, cur))
	var pid *string
	if priceID != "" {
		pid = &priceID
	}
	v := storeOption{ID: o.ID, Name: o.Name, PriceType: o.PriceType, ServiceZoneID: o.ServiceZoneID,
		ShippingProfileID: o.ShippingProfileID, ProviderID: o.ProviderID, ShippingOptionTypeID: o.ShippingOptionTypeID,
		Metadata: jsonOrNull(o.Metadata), Data: jsonOrNull(o.Data),
		ServiceZone: storeZone{FulfillmentSetID: r.setID, FulfillmentSet: storeSet{Type: r.setType,
			Location: storeLocation{ID: r.locationID, Address: r.address}}},
		Type:   storeType{ID: r.typ.ID, Label: r.typ.Label, Description: r.typ.Description, Code: r.typ.Code},
		Amount: major,
		CalculatedPrice: storePrice{ID: pid, CalculatedAmount: major, OriginalAmount: major, CurrencyCode: cur,
			CalculatedPrice: storePriceEntry{ID: pid}, OriginalPrice: storePriceEntry{ID: pid}},
	}
	if o.ProviderID != nil {
		v.Provider = &storeProvider{ID: *o.ProviderID, IsEnabled: r.enabled.Bool}
	}
	return json.Marshal(v)
}

func jsonOrNull(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 {
		return json.RawMessage("null")
	}
	return raw
}
