package cart

import (
	"channeld/internal/customer"
	"context"

	"channeld/internal/apikey"
	"channeld/internal/order"
	"channeld/internal/payment"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/money"
	"channeld/internal/region"
)

// DefaultFields are Medusa's default store cart fields, less the addresses' region_code,
// which its address model does not have.
var DefaultFields = []string{"id", "currency_code", "email", "locale", "region_id", "created_at", "updated_at",
	"completed_at", "total", "subtotal", "tax_total", "discount_total", "discount_subtotal", "discount_tax_total",
	"original_total", "original_tax_total", "item_total", "item_subtotal", "item_tax_total", "item_discount_total",
	"original_item_total", "original_item_subtotal", "original_item_tax_total", "shipping_total", "shipping_subtotal",
	"shipping_tax_total", "shipping_discount_total", "original_shipping_tax_total", "original_shipping_subtotal",
	"original_shipping_total", "credit_line_subtotal", "credit_line_tax_total", "credit_line_total", "metadata",
	"sales_channel_id", "promotions.id", "promotions.code", "promotions.is_automatic", "promotions.is_tax_inclusive",
	"promotions.application_method.value", "promotions.application_method.type",
	"promotions.application_method.currency_code", "items.id", "items.thumbnail", "items.product", "items.product.id",
	"items.variant", "items.variant_id", "items.product_id", "items.is_giftcard", "items.product.categories.id",
	"items.product.tags.id", "items.product.collection_id", "items.product.type_id", "items.product_type_id",
	"items.product_title", "items.product_description", "items.product_subtitle", "items.product_type",
	"items.product_collection", "items.product_handle", "items.variant_sku", "items.variant_barcode",
	"items.variant_title", "items.requires_shipping", "items.metadata", "items.created_at", "items.updated_at",
	"items.title", "items.quantity", "items.unit_price", "items.compare_at_unit_price", "items.is_tax_inclusive",
	"items.tax_lines.id", "items.tax_lines.description", "items.tax_lines.code", "items.tax_lines.rate",
	"items.tax_lines.provider_id", "items.tax_lines.data", "items.tax_lines.metadata", "items.adjustments.id",
	"items.adjustments.code", "items.adjustments.promotion_id", "items.adjustments.amount",
	"items.adjustments.is_tax_inclusive", "customer.id", "customer.email", "customer.groups.id",
	"shipping_methods.tax_lines.id", "shipping_methods.tax_lines.description", "shipping_methods.tax_lines.code",
	"shipping_methods.tax_lines.rate", "shipping_methods.tax_lines.provider_id", "shipping_methods.tax_lines.data",
	"shipping_methods.tax_lines.metadata", "shipping_methods.amount", "shipping_methods.is_tax_inclusive",
	"shipping_methods.adjustments.id", "shipping_methods.adjustments.code", "shipping_methods.adjustments.amount",
	"shipping_methods.shipping_option_id", "shipping_address_id", "shipping_address.id", "shipping_address.first_name",
	"shipping_address.last_name", "shipping_address.company", "shipping_address.address_1",
	"shipping_address.address_2", "shipping_address.city", "shipping_address.postal_code",
	"shipping_address.country_code", "shipping_address.province", "shipping_address.phone", "billing_address_id",
	"billing_address.id", "billing_address.first_name", "billing_address.last_name", "billing_address.company",
	"billing_address.address_1", "billing_address.address_2", "billing_address.city", "billing_address.postal_code",
	"billing_address.country_code", "billing_address.province", "billing_address.phone", "region.id", "region.name",
	"region.currency_code", "region.automatic_taxes", "*region.countries", "*payment_collection",
	"*payment_collection.payment_sessions", "*credit_lines"}

// view is a cart with what its answer reads from other modules.
type view struct {
	*Cart
	lines    []*order.Line
	region   *region.Region
	customer *customer.Customer
}

var (
	itemSpec   = order.NewLineSpec("cart_id")
	methodSpec = order.NewMethodSpec("cart_id")
)

// Spec writes a cart with its relations.
var Spec = &fields.Spec[view]{
	Scalars: append([]string{"id", "region_id", "customer_id", "sales_channel_id", "email", "currency_code", "locale",
		"metadata", "completed_at", "shipping_address_id", "billing_address_id", "created_at", "updated_at"}, order.TotalNames...),
	Scalar: func(b []byte, v *view, name string) []byte {
		c := v.Cart
		if n, ok := (order.Totals{Items: c.ItemTotal(), Shipping: c.ShippingTotal(), Total: c.Total()}).Named(name); ok {
			return money.AppendMajor(b, n, c.CurrencyCode)
		}
		switch name {
		case "id":
			return fields.AppendString(b, c.ID)
		case "region_id":
			return fields.AppendNullString(b, c.RegionID)
		case "sales_channel_id":
			return fields.AppendNullString(b, c.SalesChannelID)
		case "customer_id":
			return fields.AppendNullString(b, c.CustomerID)
		case "email":
			return fields.AppendNullString(b, c.Email)
		case "currency_code":
			return fields.AppendString(b, c.CurrencyCode)
		case "locale":
			return fields.AppendNullString(b, c.Locale)
		case "metadata":
			return fields.AppendRaw(b, c.Metadata)
		case "completed_at":
			return fields.AppendNullTime(b, c.CompletedAt)
		case "shipping_address_id":
			return fields.AppendNullString(b, addressID(c.ShippingAddress))
		case "billing_address_id":
			return fields.AppendNullString(b, addressID(c.BillingAddress))
		}
		return fields.AppendTimestamps(b, name, c.CreatedAt, c.UpdatedAt, nil)
	},
	Relations: map[string]fields.Relation[view]{
		"items": {Unknown: fields.Nested(itemSpec), AsScalar: true,
			Append: func(b []byte, v *view, sub *fields.Selection) []byte { return itemSpec.AppendList(b, v.lines, sub) }},
		"region":           fields.OneOf(region.Spec, func(v *view) *region.Region { return v.region }),
		"shipping_address": fields.OneOf(order.AddressSpec, func(v *view) *order.Address { return v.ShippingAddress }),
		"billing_address":  fields.OneOf(order.AddressSpec, func(v *view) *order.Address { return v.BillingAddress }),
		"shipping_methods": {Unknown: fields.Nested(methodSpec), AsScalar: true,
			Append: func(b []byte, v *view, sub *fields.Selection) []byte {
				return methodSpec.AppendList(b, methodViews(v.Cart), sub)
			}},
		"payment_collection": fields.OneOf(payment.CollectionSpec, func(v *view) *payment.Collection { return v.Payment }),
		// channeld has no promotions: every code is refused.
		"promotions":   fields.Empty[view](),
		"credit_lines": fields.Empty[view](),
		"customer":     fields.OneOf(customer.Spec, func(v *view) *customer.Customer { return v.customer }),
	},
}

var check = fields.Selector{Defaults: DefaultFields, Check: Spec.Check}

// methodViews are the cart's shipping methods as order.MethodView writes them.
func methodViews(c *Cart) []*order.MethodView {
	out := make([]*order.MethodView, len(c.ShippingMethods))
	for i, m := range c.ShippingMethods {
		opt := m.ShippingOptionID
		out[i] = &order.MethodView{ShippingMethod: &order.ShippingMethod{ID: m.ID, ShippingOptionID: &opt, Name: m.Name,
			Amount: m.Amount, IsTaxInclusive: m.IsTaxInclusive, Data: m.Data, Metadata: m.Metadata, CreatedAt: m.CreatedAt,
			UpdatedAt: m.UpdatedAt}, CartID: c.ID, Currency: c.CurrencyCode}
	}
	return out
}

// Write writes c with sel, reading first what sel asks for from other modules: the lines'
// products (those of the cart's channel, or of the key's channels for a cart without one),
// the region.
func (s *Service) Write(ctx context.Context, c *Cart, sel *fields.Selection, key apikey.Scope) ([]byte, error) {
	v := &view{Cart: c, lines: make([]*order.Line, len(c.Items))}
	for i, li := range c.Items {
		v.lines[i] = &order.Line{ID: li.ID, CartID: c.ID, Title: li.Title, VariantID: li.VariantID, ProductID: li.ProductID,
			ProductTitle: li.ProductTitle, VariantTitle: li.VariantTitle, VariantSKU: li.VariantSKU, Quantity: li.Quantity,
			UnitPrice: li.UnitPrice, IsTaxInclusive: li.IsTaxInclusive, Metadata: li.Metadata, CreatedAt: li.CreatedAt,
			UpdatedAt: li.UpdatedAt, Currency: c.CurrencyCode}
	}
	order.AddTotals(sel, order.TotalNames)
	channels := key.ChannelIDs
	if c.SalesChannelID != nil {
		channels = []string{*c.SalesChannelID}
	}
	if items := itemsSel(sel); items != nil {
		if err := order.LoadProducts(ctx, s.Products.GetManyIn, v.lines, items, channels); err != nil {
			return nil, err
		}
	}
	if sel.HasPath("region") {
		r, err := s.cartRegion(ctx, s.db.Read(), c)
		if err != nil {
			return nil, err
		}
		v.region = r
	}
	if c.CustomerID != nil && sel.HasPath("customer") {
		cs, err := s.Customers.ByIDs(ctx, []string{*c.CustomerID}, sel.HasPath("customer.addresses"))
		if err != nil {
			return nil, err
		}
		v.customer = cs[*c.CustomerID]
	}
	if c.hasPayment && c.Payment == nil && sel.HasPath("payment_collection") {
		var err error
		if c.Payment, err = s.Payments.ForCart(ctx, s.db.Read(), c.ID); err != nil {
			return nil, err
		}
	}
	return Spec.Append(nil, v, sel), nil
}

func itemsSel(sel *fields.Selection) *fields.Selection {
	if r := sel.Rel("items"); r != nil {
		return r
	}
	if sel.Has("items") {
		return fields.FromList("*")
	}
	return nil
}
