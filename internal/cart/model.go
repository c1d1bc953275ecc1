// Package cart owns storefront carts: a cart belongs to at most one sales channel, prices its
// lines in one currency and only takes variants that its channel sells and stocks.
package cart

import (
	"encoding/json"
	"time"

	"channeld/internal/apikey"
	"channeld/internal/order"
	"channeld/internal/payment"
)

// Cart is one cart as stored, with its lines in the order they were added.
type Cart struct {
	ID             string
	RegionID       *string
	SalesChannelID *string
	// KeyID is the publishable key the cart was created with; nil for carts older than that
	// record, or whose key was deleted.
	KeyID *string
	// CustomerID is the logged-in customer the cart belongs to; nil for a guest's cart.
	CustomerID   *string
	CurrencyCode string
	Email        *string
	Locale       *string
	Metadata     json.RawMessage // nil means null
	CompletedAt  *time.Time
	CreatedAt    time.Time
	UpdatedAt    time.Time
	Items        []*LineItem
	Payment      *payment.Collection // nil until the shopper starts paying
	// ShippingAddress and BillingAddress are nil until the shopper gives them.
	ShippingAddress *order.Address
	BillingAddress  *order.Address
	ShippingMethods []*ShippingMethod

	hasPayment bool  // read with the cart: whether Payment needs loading
	version    int64 // raised by every change to the cart or its lines
}

// ItemTotal is what the cart's lines cost in minor units of its currency.
func (c *Cart) ItemTotal() int64 {
	var sum int64
	for _, li := range c.Items {
		sum += li.UnitPrice * li.Quantity
	}
	return sum
}

// ShippingTotal is what the cart's shipping methods cost.
func (c *Cart) ShippingTotal() int64 {
	var sum int64
	for _, m := range c.ShippingMethods {
		sum += m.Amount
	}
	return sum
}

// Total is what the cart costs: its lines and its shipping (no taxes or discounts here).
func (c *Cart) Total() int64 { return c.ItemTotal() + c.ShippingTotal() }

// ShippingMethod is a shipping option chosen for a cart, priced when it was added. Amount is
// in minor units of the cart's currency; ShippingProfileID is the option's profile, which a
// new method of the same profile replaces.
type ShippingMethod struct {
	ID                string
	CartID            string
	ShippingOptionID  string
	ShippingProfileID *string
	Name              string
	Amount            int64
	IsTaxInclusive    bool
	Data              json.RawMessage
	Metadata          json.RawMessage
	CreatedAt         time.Time
	UpdatedAt         time.Time
}

// clone copies the cart and its lines, so that changing the copy leaves c as it was.
func (c *Cart) clone() *Cart {
	out := *c
	out.Items = make([]*LineItem, len(c.Items))
	for i, li := range c.Items {
		cp := *li
		out.Items[i] = &cp
	}
	return &out
}

// LineItem is one line of a cart; UnitPrice is in minor units of the cart's currency.
type LineItem struct {
	ID           string
	CartID       string
	VariantID    string
	ProductID    string
	Title        string
	ProductTitle string
	VariantTitle string
	VariantSKU   *string
	Quantity     int64
	UnitPrice    int64
	// IsTaxInclusive is the channel's is_tax_inclusive for the cart's currency when the line
	// was priced.
	IsTaxInclusive bool
	Metadata       json.RawMessage
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Events emitted by this module, with payload {id}.
const (
	EventCreated = "cart.created"
	EventUpdated = "cart.updated"
)

// ItemInput is a variant to put in a cart.
type ItemInput struct {
	VariantID string
	Quantity  int64
	Metadata  json.RawMessage
}

// Opt is an optional value that may be set to null.
type Opt[T any] struct {
	Set, Null bool
	Value     T
}

// CreateInput is a new cart. Key is the publishable key used, which the cart remembers.
type CreateInput struct {
	Key apikey.Scope
	// CustomerID is the logged-in customer creating the cart, if any: the cart is theirs,
	// with their email unless one is given.
	CustomerID      *string
	RegionID        *string
	SalesChannelID  Opt[string]
	CurrencyCode    *string
	Email           *string
	Locale          *string
	Metadata        json.RawMessage
	Items           []ItemInput
	ShippingAddress *AddressInput
	BillingAddress  *AddressInput
	PromoCodes      []string
}

// UpdateInput changes the fields that are set.
type UpdateInput struct {
	RegionID        *string
	Email           Opt[string]
	Locale          Opt[string]
	SalesChannelID  Opt[string]
	Metadata        Opt[json.RawMessage]
	ShippingAddress *AddressInput
	BillingAddress  *AddressInput
	PromoCodes      []string
}

// AddressInput is an address as the shopper gives it: every field may be left out, and the
// whole address replaces the one the cart had, which keeps its id. ID is accepted, as Medusa
// accepts it, and changes nothing.
type AddressInput struct {
	ID          *string
	FirstName   *string
	LastName    *string
	Company     *string
	Address1    *string
	Address2    *string
	City        *string
	CountryCode *string
	Province    *string
	PostalCode  *string
	Phone       *string
	Metadata    json.RawMessage
}

// MultiError is Medusa's request "errors" body: the handler is not run and the client gets
// every collected message.
type MultiError struct{ Messages []string }

func (e *MultiError) Error() string { return "request body contains errors" }
