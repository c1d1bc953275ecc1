// Package order owns orders: an order is what a completed cart becomes, with its lines and
// unit prices copied and the cart's sales channel kept.
package order

import (
	"encoding/json"
	"time"

	"channeld/internal/customer"
	"channeld/internal/platform/db"
	"channeld/internal/platform/money"
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
	ItemTotal      int64
	Total          int64
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Items          []*Item

	Customer *customer.Customer // loaded when a route's fields ask for it
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

	currency string // the order's, for writing amounts
}

// ItemView is an order line as the API shows it.
type ItemView struct {
	ID           string          `json:"id"`
	Title        string          `json:"title"`
	ProductTitle string          `json:"product_title"`
	VariantTitle string          `json:"variant_title"`
	VariantID    string          `json:"variant_id"`
	ProductID    string          `json:"product_id"`
	VariantSKU   *string         `json:"variant_sku"`
	Quantity     int64           `json:"quantity"`
	UnitPrice    json.RawMessage `json:"unit_price"`
	Subtotal     json.RawMessage `json:"subtotal"`
	Total        json.RawMessage `json:"total"`
}

// View is an order as the API shows it.
type View struct {
	ID             string          `json:"id"`
	DisplayID      int64           `json:"display_id"`
	Status         string          `json:"status"`
	PaymentStatus  string          `json:"payment_status"`
	Email          *string         `json:"email"`
	CurrencyCode   string          `json:"currency_code"`
	RegionID       *string         `json:"region_id"`
	SalesChannelID *string         `json:"sales_channel_id"`
	Items          []ItemView      `json:"items"`
	ItemTotal      json.RawMessage `json:"item_total"`
	Subtotal       json.RawMessage `json:"subtotal"`
	Total          json.RawMessage `json:"total"`
	CreatedAt      string          `json:"created_at"`
	UpdatedAt      string          `json:"updated_at"`
}

// ToView renders an order with amounts in major units.
func ToView(o *Order) View {
	cur := o.CurrencyCode
	major := func(n int64) json.RawMessage { return money.AppendMajor(nil, n, cur) }
	v := View{ID: o.ID, DisplayID: o.DisplayID, Status: o.Status, PaymentStatus: o.PaymentStatus, Email: o.Email, CurrencyCode: cur, RegionID: o.RegionID,
		SalesChannelID: o.SalesChannelID, Items: []ItemView{}, ItemTotal: major(o.ItemTotal), Subtotal: major(o.ItemTotal),
		Total: major(o.Total), CreatedAt: db.FormatTime(o.CreatedAt), UpdatedAt: db.FormatTime(o.UpdatedAt)}
	for _, it := range o.Items {
		line := it.UnitPrice * it.Quantity
		v.Items = append(v.Items, ItemView{ID: it.ID, Title: it.Title, ProductTitle: it.ProductTitle, VariantTitle: it.VariantTitle,
			VariantID: it.VariantID, ProductID: it.ProductID, VariantSKU: it.VariantSKU, Quantity: it.Quantity,
			UnitPrice: major(it.UnitPrice), Subtotal: major(line), Total: major(line)})
	}
	return v
}
