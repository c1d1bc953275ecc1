package order

import (
	"channeld/internal/customer"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/money"
)

// DefaultFields are the order fields answered without a `fields` parameter.
var DefaultFields = []string{"id", "display_id", "status", "payment_status", "email", "currency_code", "region_id", "sales_channel_id",
	"item_total", "subtotal", "total", "created_at", "updated_at", "*items"}

// ItemSpec writes an order line with amounts in major units.
var ItemSpec = &fields.Spec[Item]{
	Scalars: []string{"id", "title", "product_title", "variant_title", "variant_id", "product_id", "variant_sku", "quantity",
		"unit_price", "subtotal", "total", "created_at", "updated_at"},
	Scalar: func(b []byte, it *Item, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, it.ID)
		case "title":
			return fields.AppendString(b, it.Title)
		case "product_title":
			return fields.AppendString(b, it.ProductTitle)
		case "variant_title":
			return fields.AppendString(b, it.VariantTitle)
		case "variant_id":
			return fields.AppendString(b, it.VariantID)
		case "product_id":
			return fields.AppendString(b, it.ProductID)
		case "variant_sku":
			return fields.AppendNullString(b, it.VariantSKU)
		case "quantity":
			return fields.AppendInt(b, it.Quantity)
		case "unit_price":
			return money.AppendMajor(b, it.UnitPrice, it.currency)
		case "subtotal", "total":
			return money.AppendMajor(b, it.UnitPrice*it.Quantity, it.currency)
		}
		return fields.AppendTimestamps(b, name, it.CreatedAt, it.UpdatedAt, nil)
	},
}

// Spec writes an order with its lines.
var Spec = &fields.Spec[Order]{
	Scalars: []string{"id", "display_id", "status", "payment_status", "email", "currency_code", "region_id", "sales_channel_id",
		"customer_id", "item_total", "subtotal", "total", "created_at", "updated_at"},
	Scalar: func(b []byte, o *Order, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, o.ID)
		case "display_id":
			return fields.AppendInt(b, o.DisplayID)
		case "status":
			return fields.AppendString(b, o.Status)
		case "payment_status":
			return fields.AppendString(b, o.PaymentStatus)
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
		case "item_total", "subtotal":
			return money.AppendMajor(b, o.ItemTotal, o.CurrencyCode)
		case "total":
			return money.AppendMajor(b, o.Total, o.CurrencyCode)
		}
		return fields.AppendTimestamps(b, name, o.CreatedAt, o.UpdatedAt, nil)
	},
	Relations: map[string]fields.Relation[Order]{
		// channeld's own field, answered when asked (fields=+seller_id), as Medusa has none.
		"seller_id": fields.OptIn(func(b []byte, o *Order) []byte { return fields.AppendNullString(b, o.SellerID) }),
		// The customer who placed the order, loaded by the handler (loadCustomers); null for
		// a guest's order, or a customer the caller may not read.
		"customer": {
			Unknown: fields.Nested(customer.Spec), AsScalar: true,
			Append: func(b []byte, o *Order, sub *fields.Selection) []byte {
				if o.Customer == nil {
					return fields.AppendNull(b)
				}
				return customer.Spec.Append(b, o.Customer, sub)
			},
		},
		"items": {
			Unknown: fields.Nested(ItemSpec), AsScalar: true,
			Append: func(b []byte, o *Order, sub *fields.Selection) []byte {
				for _, it := range o.Items {
					it.currency = o.CurrencyCode
				}
				return ItemSpec.AppendList(b, o.Items, sub)
			},
		},
	},
}
