// Package stock owns where goods are kept and how many: stock locations (linked to the sales
// channels they serve), inventory items with their levels per location, the link from
// product variants to the items they consume, and the availability of variants in a channel.
package stock

import (
	"encoding/json"
	"time"

	"channeld/internal/platform/link"
)

// The events of stock writes, named as Medusa's inventory and stock location modules name
// theirs.
const (
	EventLocationCreated    = "stock-location.created"
	EventLocationUpdated    = "stock-location.updated"
	EventLocationDeleted    = "stock-location.deleted"
	EventItemCreated        = "inventory-item.created"
	EventItemUpdated        = "inventory-item.updated"
	EventItemDeleted        = "inventory-item.deleted"
	EventLevelCreated       = "inventory-level.created"
	EventLevelUpdated       = "inventory-level.updated"
	EventLevelDeleted       = "inventory-level.deleted"
	EventReservationCreated = "reservation-item.created"
	EventReservationUpdated = "reservation-item.updated"
	EventReservationDeleted = "reservation-item.deleted"
)

// ChannelLink joins sales channels to the stock locations that serve them.
var ChannelLink = link.Table{Name: "sales_channel_stock_location", Left: "sales_channel_id", Right: "stock_location_id"}

// Location is a stock location as stored, with its address when it has one.
type Location struct {
	ID        string
	Name      string
	AddressID *string
	Address   *Address
	Metadata  json.RawMessage // nil means null
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time
}

// Address is a stock location's address.
type Address struct {
	ID          string
	Address1    string
	Address2    *string
	Company     *string
	City        *string
	CountryCode string
	Phone       *string
	Province    *string
	PostalCode  *string
	Metadata    json.RawMessage
	CreatedAt   time.Time
	UpdatedAt   time.Time
	DeletedAt   *time.Time
}

// AddressInput is an address as a request gives it.
type AddressInput struct {
	Address1    string          `json:"address_1"`
	Address2    *string         `json:"address_2"`
	Company     *string         `json:"company"`
	City        *string         `json:"city"`
	CountryCode string          `json:"country_code"`
	Phone       *string         `json:"phone"`
	Province    *string         `json:"province"`
	PostalCode  *string         `json:"postal_code"`
	Metadata    json.RawMessage `json:"metadata"`
}

// LocationInput creates a location.
type LocationInput struct {
	Name     string
	Address  *AddressInput
	Metadata json.RawMessage
}

// LocationUpdate changes the fields that are set.
type LocationUpdate struct {
	Name        *string
	Address     *AddressInput // replaces the address's fields, creating it when there is none
	SetMetadata bool
	Metadata    json.RawMessage
}

// LocationFilter selects locations for a list.
type LocationFilter struct {
	Q          string
	IDs        []string
	Names      []string
	ChannelIDs []string // linked to one of these channels
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
