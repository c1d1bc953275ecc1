// Package region owns regions, Medusa's pricing context: a region fixes the currency a
// storefront prices in and lists the countries it serves, each country in at most one region.
package region

import (
	"encoding/json"
	"time"
)

// Region is one region as stored, with its countries and payment providers.
type Region struct {
	ID               string
	Name             string
	CurrencyCode     string
	AutomaticTaxes   bool
	Metadata         json.RawMessage // nil means null
	CreatedAt        time.Time
	UpdatedAt        time.Time
	DeletedAt        *time.Time
	Countries        []*Country
	PaymentProviders []string
}

// Country is a country assigned to a region, by its lower-case ISO 3166-1 alpha-2 code.
type Country struct {
	ISO2      string
	RegionID  string
	CreatedAt time.Time
}

// Events emitted by this module, with payload {id}.
const (
	EventCreated = "region.created"
	EventUpdated = "region.updated"
	EventDeleted = "region.deleted"
)

// CreateInput is a new region; CurrencyCode and Countries are checked by the service.
type CreateInput struct {
	Name             string
	CurrencyCode     string
	Countries        []string
	AutomaticTaxes   *bool // nil: true, as in Medusa
	PaymentProviders []string
	Metadata         json.RawMessage
	// IsTaxInclusive is the region's price preference (nil: false).
	IsTaxInclusive *bool
}

// UpdateInput changes the fields that are set; Countries and PaymentProviders replace the
// whole set when not nil.
type UpdateInput struct {
	Name             *string
	CurrencyCode     *string
	Countries        []string
	SetCountries     bool
	AutomaticTaxes   *bool
	PaymentProviders []string
	SetProviders     bool
	SetMetadata      bool
	Metadata         json.RawMessage
	// IsTaxInclusive, when set, changes the region's price preference.
	IsTaxInclusive *bool
}

// Filter selects regions for a list.
type Filter struct {
	Q             string
	IDs           []string
	Names         []string
	CurrencyCodes []string
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}
