package order

import (
	"channeld/internal/customer"
	"channeld/internal/payment"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/money"
	"channeld/internal/region"
	"channeld/internal/saleschannel"
)

// DefaultFields are the order fields a list answers without a `fields` parameter.
var DefaultFields = []string{"id", "display_id", "status", "payment_status", "email", "currency_code", "region_id", "sales_channel_id",
	"item_total", "subtotal", "total", "created_at", "updated_at", "*items"}

// RetrieveFields are the fields one order answers without a `fields` parameter (and the order
// a completed cart answers): Medusa's order retrieve fields, with channeld's list fields
// (payment_status, sales_channel_id) kept.
var RetrieveFields = []string{"id", "status", "summary", "currency_code", "display_id", "custom_display_id", "region_id",
	"email", "payment_status", "fulfillment_status", "sales_channel_id", "total", "subtotal", "tax_total",
	"discount_total", "discount_subtotal", "discount_tax_total", "original_total", "original_subtotal",
	"original_tax_total", "item_total", "item_subtotal", "item_tax_total", "original_item_total",
	"original_item_subtotal", "original_item_tax_total", "shipping_total", "shipping_subtotal", "shipping_tax_total",
	"original_shipping_tax_total", "original_shipping_subtotal", "original_shipping_total", "credit_line_total",
	"credit_line_subtotal", "credit_line_tax_total", "created_at", "updated_at", "*credit_lines", "*items",
	"*items.tax_lines", "*items.adjustments", "*items.detail", "*items.variant", "*items.variant.product",
	"*shipping_address", "*billing_address", "*shipping_methods", "*shipping_methods.tax_lines",
	"*shipping_methods.adjustments", "*payment_collections"}

// ItemSpec writes an order line.
var ItemSpec = NewLineSpec()

var addressScalars = []string{"id", "customer_id", "company", "first_name", "last_name", "address_1", "address_2", "city",
	"country_code", "province", "postal_code", "phone", "metadata", "created_at", "updated_at"}

// AddressSpec writes a cart's or an order's address.
var AddressSpec = &fields.Spec[Address]{
	Scalars: addressScalars,
	Scalar:  fields.Columns(addressScalars, map[string]func([]byte, *Address) []byte{"customer_id": fields.Null[Address]}),
}

// MethodView is a cart's or an order's shipping method as the API shows it; without taxes
// or discounts each of its totals is its amount.
type MethodView struct {
	*ShippingMethod
	CartID   string // empty on an order's method
	Currency string
}

var methodTotals = map[string]bool{"total": true, "subtotal": true, "original_total": true, "original_subtotal": true}

// NewMethodSpec returns the spec of shipping methods with extra scalars first (cart_id).
func NewMethodSpec(extra ...string) *fields.Spec[MethodView] {
	scalars := append(append([]string{}, extra...), "id", "name", "description", "amount", "is_tax_inclusive",
		"shipping_option_id", "data", "metadata", "created_at", "updated_at", "total", "subtotal", "tax_total",
		"original_total", "original_subtotal", "original_tax_total", "discount_total", "discount_subtotal",
		"discount_tax_total")
	return &fields.Spec[MethodView]{
		Scalars: scalars,
		Scalar: func(b []byte, m *MethodView, name string) []byte {
			switch {
			case name == "amount" || methodTotals[name]:
				return money.AppendMajor(b, m.Amount, m.Currency)
			case name == "tax_total" || name == "original_tax_total" || name == "discount_total" ||
				name == "discount_subtotal" || name == "discount_tax_total":
				return money.AppendMajor(b, 0, m.Currency)
			}
			switch name {
			case "id":
				return fields.AppendString(b, m.ID)
			case "cart_id":
				return fields.AppendString(b, m.CartID)
			case "order_id":
				return fields.AppendString(b, m.OrderID)
			case "name":
				return fields.AppendString(b, m.Name)
			case "is_tax_inclusive":
				return fields.AppendBool(b, m.IsTaxInclusive)
			case "shipping_option_id":
				return fields.AppendNullString(b, m.ShippingOptionID)
			case "data":
				if len(m.Data) == 0 {
					return append(b, "{}"...)
				}
				return fields.AppendRaw(b, m.Data)
			case "metadata":
				return fields.AppendRaw(b, m.Metadata)
			}
			return fields.AppendTimestamps(b, name, m.CreatedAt, m.UpdatedAt, nil)
		},
		Relations: map[string]fields.Relation[MethodView]{"tax_lines": fields.Empty[MethodView](), "adjustments": fields.Empty[MethodView]()},
	}
}

var methodSpec = NewMethodSpec("order_id")

// Totals are the sums a cart or an order is made of, in minor units. Without taxes,
// discounts, gift cards or credit lines, each total Medusa names is the lines', the shipping's,
// their sum, or zero.
type Totals struct{ Items, Shipping, Total int64 }

// Named answers the total Medusa calls name, and false for a name that is not a total.
func (t Totals) Named(name string) (int64, bool) {
	switch name {
	case "item_total", "item_subtotal", "original_item_total", "original_item_subtotal":
		return t.Items, true
	case "shipping_total", "shipping_subtotal", "original_shipping_total", "original_shipping_subtotal":
		return t.Shipping, true
	case "total", "subtotal", "original_total", "original_subtotal":
		return t.Total, true
	case "tax_total", "discount_total", "discount_subtotal", "discount_tax_total", "original_tax_total",
		"item_tax_total", "item_discount_total", "original_item_tax_total", "shipping_tax_total",
		"shipping_discount_total", "original_shipping_tax_total", "credit_line_total", "credit_line_subtotal",
		"credit_line_tax_total", "gift_card_total", "gift_card_tax_total":
		return 0, true
	}
	return 0, false
}

// TotalNames are the totals Medusa computes on a cart or an order.
var TotalNames = []string{"total", "subtotal", "tax_total", "discount_total", "discount_subtotal", "discount_tax_total",
	"original_total", "original_subtotal", "original_tax_total", "item_total", "item_subtotal", "item_tax_total",
	"item_discount_total", "original_item_total", "original_item_subtotal", "original_item_tax_total", "shipping_total",
	"shipping_subtotal", "shipping_tax_total", "shipping_discount_total", "original_shipping_tax_total",
	"original_shipping_subtotal", "original_shipping_total", "credit_line_total", "credit_line_subtotal",
	"credit_line_tax_total", "gift_card_total", "gift_card_tax_total"}

// Spec writes an order with its relations, loaded by the handler's writer.
var Spec = &fields.Spec[Order]{
	Scalars: append([]string{"id", "display_id", "custom_display_id", "status", "version", "summary", "locale", "region_id",
		"customer_id", "sales_channel_id", "email", "currency_code", "payment_status", "fulfillment_status",
		"is_draft_order", "no_notification", "metadata", "canceled_at", "shipping_address_id", "billing_address_id",
		"created_at", "updated_at", "deleted_at"}, TotalNames...),
	Scalar: func(b []byte, o *Order, name string) []byte {
		if n, ok := (Totals{Items: o.ItemTotal, Shipping: o.ShippingTotal, Total: o.Total}).Named(name); ok {
			return money.AppendMajor(b, n, o.CurrencyCode)
		}
		switch name {
		case "id":
			return fields.AppendString(b, o.ID)
		case "display_id":
			return fields.AppendInt(b, o.DisplayID)
		case "version":
			return fields.AppendInt(b, 1)
		case "status":
			return fields.AppendString(b, o.Status)
		case "payment_status":
			return fields.AppendString(b, o.PaymentStatus)
		case "fulfillment_status":
			return fields.AppendString(b, FulfillmentStatus)
		case "email":
			return fields.AppendNullString(b, o.Email)
		case "currency_code":
			return fields.AppendString(b, o.CurrencyCode)
		case "region_id":
			return fields.AppendNullString(b, o.RegionID)
		case "sales_channel_id":
			return fields.AppendNullString(b, o.SalesChannelID)
		case "customer_id":
			return fields.AppendNullString(b, o.CustomerID)
		case "locale":
			return fields.AppendNullString(b, o.Locale)
		case "is_draft_order", "no_notification":
			return fields.AppendBool(b, false)
		case "shipping_address_id":
			return fields.AppendNullString(b, addressID(o.ShippingAddress))
		case "billing_address_id":
			return fields.AppendNullString(b, addressID(o.BillingAddress))
		case "summary":
			return appendSummary(b, o)
		}
		return fields.AppendTimestamps(b, name, o.CreatedAt, o.UpdatedAt, nil)
	},
	Relations: map[string]fields.Relation[Order]{
		// channeld's own field, answered when asked (fields=+seller_id), as Medusa has none.
		"seller_id": fields.OptIn(func(b []byte, o *Order) []byte { return fields.AppendNullString(b, o.SellerID) }),
		"items": {Unknown: fields.Nested(ItemSpec), AsScalar: true,
			Append: func(b []byte, o *Order, sub *fields.Selection) []byte { return ItemSpec.AppendList(b, o.lines(), sub) }},
		"shipping_address": fields.OneOf(AddressSpec, func(o *Order) *Address { return o.ShippingAddress }),
		"billing_address":  fields.OneOf(AddressSpec, func(o *Order) *Address { return o.BillingAddress }),
		"shipping_methods": {Unknown: fields.Nested(methodSpec), AsScalar: true,
			Append: func(b []byte, o *Order, sub *fields.Selection) []byte {
				ms := make([]*MethodView, len(o.ShippingMethods))
				for i, m := range o.ShippingMethods {
					ms[i] = &MethodView{ShippingMethod: m, Currency: o.CurrencyCode}
				}
				return methodSpec.AppendList(b, ms, sub)
			}},
		"payment_collections": fields.ListOf(payment.CollectionSpec, func(o *Order) []*payment.Collection {
			if o.rel.payments == nil {
				return []*payment.Collection{}
			}
			return o.rel.payments
		}),
		"sales_channel": fields.OneOf(saleschannel.Spec, func(o *Order) *saleschannel.SalesChannel { return o.rel.channel }),
		"region":        fields.OneOf(region.Spec, func(o *Order) *region.Region { return o.rel.region }),
		// The customer who placed the order; null for a guest's order, or for a customer the
		// caller may not read.
		"customer":     fields.OneOf(customer.Spec, func(o *Order) *customer.Customer { return o.rel.customer }),
		"credit_lines": fields.Empty[Order](),
		"promotions":   fields.Empty[Order](),
		"fulfillments": fields.Empty[Order](),
		// The order change in progress (an edit, a claim, a return); channeld makes none.
		"order_change": fields.Absent[Order](),
		// What may still be refunded: only captured payments can be, and channeld captures
		// none yet. Answered when asked, as the dashboard's order page asks.
		"refundable_total": fields.OptIn(func(b []byte, o *Order) []byte { return money.AppendMajor(b, 0, o.CurrencyCode) }),
	},
}

// appendSummary writes Medusa's order summary: nothing captured or refunded yet, so the whole
// total is pending.
func appendSummary(b []byte, o *Order) []byte {
	major := func(key string, n int64) {
		b = append(b, `"`+key+`":`...)
		b = money.AppendMajor(b, n, o.CurrencyCode)
	}
	b = append(b, '{')
	major("pending_difference", o.Total)
	b = append(b, ',')
	major("current_order_total", o.Total)
	b = append(b, ',')
	major("original_order_total", o.Total)
	b = append(b, ',')
	major("transaction_total", 0)
	b = append(b, ',')
	major("paid_total", 0)
	b = append(b, ',')
	major("refunded_total", 0)
	b = append(b, ',')
	major("credit_line_total", 0)
	b = append(b, ',')
	major("accounting_total", o.Total)
	return append(b, '}')
}
