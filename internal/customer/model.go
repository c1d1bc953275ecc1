// Package customer owns storefront customers and their addresses. A customer registered
// through the auth module's emailpass identity has an account (has_account); an admin may
// also create customers without one. A customer's orders stay with the order module, which
// this one asks which customers ordered in a channel: that is how a channel-limited admin
// sees customers, and how admins filter them by channel.
package customer

import (
	"context"
	"encoding/json"
	"time"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Customer is one customer as stored.
type Customer struct {
	ID          string
	Email       *string
	CompanyName *string
	FirstName   *string
	LastName    *string
	Phone       *string
	HasAccount  bool
	Metadata    json.RawMessage // nil means null
	CreatedBy   *string
	CreatedAt   time.Time
	UpdatedAt   time.Time
	DeletedAt   *time.Time

	Addresses []*Address // loaded when a route's fields ask for them
}

// Address is one address of a customer's address book.
type Address struct {
	ID                string
	CustomerID        string
	AddressName       *string
	IsDefaultShipping bool
	IsDefaultBilling  bool
	Company           *string
	FirstName         *string
	LastName          *string
	Address1          *string
	Address2          *string
	City              *string
	CountryCode       *string
	Province          *string
	PostalCode        *string
	Phone             *string
	Metadata          json.RawMessage
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// Events emitted by this module, with payload {id}, as Medusa names them.
const (
	EventCreated = "customer.created"
	EventUpdated = "customer.updated"
	EventDeleted = "customer.deleted"
)

// Profile is the fields of a customer that its creator or the customer may set; each set
// field (Set*) replaces the stored value, a nil value clearing it.
type Profile struct {
	Email       *string
	CompanyName *string
	FirstName   *string
	LastName    *string
	Phone       *string
	Metadata    json.RawMessage

	SetEmail, SetCompanyName, SetFirstName, SetLastName, SetPhone, SetMetadata bool
}

// AddressInput is an address to create or the fields of one to change; each set field
// replaces the stored value.
type AddressInput struct {
	Values map[string]*string // address_name, company, first_name, ... by wire name
	// IsDefaultShipping and IsDefaultBilling, when not nil, set the flags; setting one makes
	// every other address of the customer lose it.
	IsDefaultShipping, IsDefaultBilling *bool
	SetMetadata                         bool
	Metadata                            json.RawMessage
}

// Filter selects customers for an admin list.
type Filter struct {
	Q                                                string
	IDs, Emails, CompanyNames, FirstNames, LastNames []string
	CreatedBy                                        []string
	HasAccount                                       *bool
	// SalesChannelIDs, when not nil, keeps the customers who placed an order in one of them.
	SalesChannelIDs                 []string
	CreatedAt, UpdatedAt, DeletedAt map[string]any
	// And and Or are Medusa's $and and $or groups of the same filters (channels aside).
	And, Or []Filter
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}

// Identities is what this module asks of the auth module, inside its own transactions: to
// give a registered identity its new customer, and to forget a deleted customer's identity.
type Identities interface {
	LinkCustomer(ctx context.Context, tx db.DBTX, identityID, customerID string) error
	ForgetCustomer(ctx context.Context, tx db.DBTX, customerID string) error
}

// Orders is what this module asks of the order module: the condition that the customer id in
// col placed an order in one of the channels, added to a query of this module, and the
// channels a customer ordered in, read through q.
type Orders interface {
	RestrictOrderedIn(w *sqlq.Where, col string, channelIDs []string)
	ChannelsOrderedIn(ctx context.Context, q db.DBTX, customerID string) ([]string, error)
}
