// Package order owns orders: an order is what a completed cart becomes, with its lines and
// unit prices copied and the cart's sales channel kept.
package order

import (
	"channeld/internal/customer"
	"encoding/json"
	"time"

	"channeld/internal/payment"
	"channeld/internal/region"
	"channeld/internal/saleschannel"
)

// EventPlaced is emitted with {id} when a cart is completed into an order.
const EventPlaced = "order.placed"

// Order is one order as stored; amounts are in minor units of its currency.
type Order struct {
	ID             string
	DisplayID      int64
	CartID         *string
	Status         string
	PaymentStatus  string // not_paid, or authorized once a payment session was authorized
	Email          *string
	CurrencyCode   string
	RegionID       *string
	SalesChannelID *string
	SellerID       *string // the seller of the channel when the order was placed
	CustomerID     *string // the logged-in customer the cart belonged to; nil for a guest
	Locale         *string
	ItemTotal      int64
	ShippingTotal  int64
	Total          int64 // ItemTotal + ShippingTotal: no taxes, discounts or credit lines here
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Items          []*Item
	// ShippingAddress and BillingAddress are copied from the cart; nil when it had none.
	ShippingAddress *Address
	BillingAddress  *Address
	ShippingMethods []*ShippingMethod

	rel related // what a selection asked for beyond the order's own rows
}

// related holds the entities of other modules an order is written with.
type related struct {
	lines    []*Line
	payments []*payment.Collection
	customer *customer.Customer
	channel  *saleschannel.SalesChannel
	region   *region.Region
}

// lines returns the order's lines as Line, built once so that products loaded into them stay.
func (o *Order) lines() []*Line {
	if o.rel.lines == nil {
		o.rel.lines = make([]*Line, len(o.Items))
		for i, it := range o.Items {
			o.rel.lines[i] = &Line{ID: it.ID, Title: it.Title, VariantID: it.VariantID, ProductID: it.ProductID,
				ProductTitle: it.ProductTitle, VariantTitle: it.VariantTitle, VariantSKU: it.VariantSKU, Quantity: it.Quantity,
				UnitPrice: it.UnitPrice, CreatedAt: it.CreatedAt, UpdatedAt: it.UpdatedAt, Currency: o.CurrencyCode}
		}
	}
	return o.rel.lines
}

// FulfillmentStatus is every order's: channeld creates no fulfillments yet.
const FulfillmentStatus = "not_fulfilled"

// Address is a postal address as carts and orders keep it, with Medusa's fields; a field the
// shopper left out is nil.
type Address struct {
	ID          string
	FirstName   *string
	LastName    *string
	Company     *string
	Address1    *string
	Address2    *string
	City        *string
	CountryCode *string // lower case ISO 3166-1 alpha-2
	Province    *string
	PostalCode  *string
	Phone       *string
	Metadata    json.RawMessage
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// ShippingMethod is how an order ships: a shipping option's name and price copied from the
// cart's method when the order was placed. Amount is in minor units of the order's currency.
type ShippingMethod struct {
	ID               string
	OrderID          string
	ShippingOptionID *string
	Name             string
	Amount           int64
	IsTaxInclusive   bool
	Data             json.RawMessage
	Metadata         json.RawMessage
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Item is one line of an order.
type Item struct {
	ID           string
	OrderID      string
	VariantID    string
	ProductID    string
	Title        string
	ProductTitle string
	VariantTitle string
	VariantSKU   *string
	Quantity     int64
	UnitPrice    int64
	CreatedAt    time.Time
	UpdatedAt    time.Time
}
