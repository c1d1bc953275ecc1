// Package fulfillment owns how orders leave a stock location: fulfillment providers, shipping
// profiles, fulfillment sets with their service zones and geo zones, and shipping options with
// their prices and rules. A cart reaches shipping options only through the stock locations of
// its sales channel.
package fulfillment

import (
	"context"

	"channeld/internal/platform/db"
)

// Destination is what decides which shipping options a cart may use: the channel it sells
// through, the region and currency it pays in, and the address it ships to.
type Destination struct {
	SalesChannelID string // empty: the cart has no channel and no option serves it
	RegionID       string
	CurrencyCode   string // lower case ISO 4217
	CountryCode    string // lower case ISO 3166-1 alpha-2; empty until the cart has an address
	Province       string
	City           string
	PostalCode     string
}

// Offer is one shipping option priced for a destination.
type Offer struct {
	OptionID       string
	Name           string
	PriceType      string // "flat" or "calculated"
	Amount         int64  // minor units of the destination's currency
	IsTaxInclusive bool
	ProviderID     string
	// ShippingProfileID is the option's profile: a cart's new method replaces its methods of
	// the same profile. Empty for an option without one.
	ShippingProfileID string
	Data              map[string]any // the provider's data, copied onto the shipping method
	// View is the option as GET /store/shipping-options shows it (Medusa's store cart
	// shipping option shape, with calculated_price and amount for the destination).
	View any
}

// Quoter is what carts need from this module.
type Quoter interface {
	// OffersFor lists every option a destination may use, each priced in its currency: the
	// options of service zones covering the address, in fulfillment sets of stock locations
	// linked to the channel, enabled in store, not for returns, with a price in the currency.
	OffersFor(ctx context.Context, q db.DBTX, d Destination) ([]Offer, error)
	// Quote prices one option for a destination. An option that does not exist answers
	// not_found; one that exists but cannot serve the destination answers invalid_data with a
	// message naming why (not at a location of the channel, address outside its zones, no price
	// in the currency, return option, disabled in store).
	Quote(ctx context.Context, q db.DBTX, optionID string, d Destination) (Offer, error)
}
