// Package pricepref owns price preferences, Medusa's pricing-module rows that say whether the
// prices of a currency (attribute "currency_code") or of a region (attribute "region_id")
// include tax. The store's currencies keep their tax flag here, as Medusa's store workflow
// does; channeld computes no tax, so a preference is a flag that prices and cart lines
// carry, never an amount (docs/decisions.md, "Price preferences").
//
// It is a leaf module, apart from internal/pricing, so that the store module, which writes
// the flags of its currencies in its own transaction, can call it without an import cycle.
package pricepref

import "time"

// Preference is one price preference as stored.
type Preference struct {
	ID             string
	Attribute      string
	Value          *string
	IsTaxInclusive bool
	CreatedAt      time.Time
	UpdatedAt      time.Time
	DeletedAt      *time.Time
}

// The attributes of the preferences other modules write: a currency's prices (the store's
// currencies) and a region's.
const (
	CurrencyAttribute = "currency_code"
	RegionAttribute   = "region_id"
)

// CreateInput is a new preference.
type CreateInput struct {
	Attribute      string
	Value          string
	IsTaxInclusive *bool // nil: false
}

// UpdateInput changes the set fields.
type UpdateInput struct {
	Attribute      *string
	Value          *string
	IsTaxInclusive *bool
}

// Filter selects preferences for a list; And and Or are Medusa's $and and $or groups.
type Filter struct {
	Q          string
	IDs        []string
	Attributes []string
	Values     []string
	And, Or    []Filter
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}
