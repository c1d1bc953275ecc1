// Package shop owns the store: the one merchant shop an installation serves, its name, the
// currencies and languages it supports and its default sales channel, which carts fall back to. The store
// and its default channel are created on first start.
package shop

import (
	"encoding/json"
	"time"
)

// Store is the installation's shop (Medusa's Store).
type Store struct {
	ID                    string
	Name                  string
	Currencies            []Currency
	Locales               []Locale // the languages it serves; none means any
	DefaultSalesChannelID *string
	DefaultRegionID       *string
	DefaultLocationID     *string
	Metadata              json.RawMessage
	// SyncPricesAcrossChannels makes a direct write of a variant's price set its other
	// explicit prices in that currency (channel-model.md §3.1).
	SyncPricesAcrossChannels bool
	CreatedAt, UpdatedAt     time.Time
}

// Currency is one supported currency of the store.
type Currency struct {
	ID             string
	Code           string
	IsDefault      bool
	IsTaxInclusive bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Locale is one language the store serves (Medusa's StoreLocale). When the store has any,
// a channel serves only some of them.
type Locale struct {
	Code      string // BCP 47, as locale.Canonical writes it
	CreatedAt time.Time
	UpdatedAt time.Time
}

// UpdateInput changes the set fields of the store.
type UpdateInput struct {
	Name                     *string
	Currencies               []CurrencyInput // nil leaves them; a list replaces them
	Locales                  *[]string       // nil leaves them; a list replaces them
	SetDefaultSalesChannelID bool
	DefaultSalesChannelID    *string
	SetDefaultRegionID       bool
	DefaultRegionID          *string
	SetDefaultLocationID     bool
	DefaultLocationID        *string
	SetMetadata              bool
	Metadata                 json.RawMessage
	SyncPricesAcrossChannels *bool
}

// CurrencyInput is one supported currency in an update. IsTaxInclusive nil keeps the
// currency's flag (false for a currency new to the store), as Medusa's store workflow does.
type CurrencyInput struct {
	Code           string `json:"currency_code"`
	IsDefault      bool   `json:"is_default"`
	IsTaxInclusive *bool  `json:"is_tax_inclusive"`
}

// DefaultName is the name of a new store, as Medusa names it.
const DefaultName = "Medusa Store"

// DefaultChannelName is the name of the channel created with the store.
const DefaultChannelName = "Default Sales Channel"
