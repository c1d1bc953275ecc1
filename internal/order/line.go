package order

import (
	"context"
	"encoding/json"
	"time"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/money"
	"channeld/internal/product"
)

// Line is a cart or order line as Medusa's line items show it. Carts and orders write their
// lines through it, so that both answer the same fields the same way. Without taxes,
// discounts or custom prices every total of a line is its subtotal.
type Line struct {
	ID             string
	CartID         string // empty on an order line
	Title          string
	VariantID      string
	ProductID      string
	ProductTitle   string
	VariantTitle   string
	VariantSKU     *string
	Quantity       int64
	UnitPrice      int64
	IsTaxInclusive bool
	Metadata       json.RawMessage
	CreatedAt      time.Time
	UpdatedAt      time.Time
	Currency       string
	// Product and Variant are loaded by LoadProducts when the selection asks for them; nil
	// when the product is gone or out of the caller's reach.
	Product *product.Product
	Variant *product.Variant
	// variantRels are the variant's relations of other modules (its stock), by name.
	variantRels map[string][]byte
}

func (l *Line) subtotal() int64 { return l.UnitPrice * l.Quantity }

// lineTotals are the totals Medusa computes on a line; all are the subtotal or zero here.
var lineTotals = map[string]bool{"subtotal": true, "total": true, "original_total": true, "original_subtotal": true,
	"item_total": true, "item_subtotal": true, "refundable_total": true}

var lineZeroes = []string{"tax_total", "original_tax_total", "item_tax_total", "discount_total", "discount_subtotal",
	"discount_tax_total"}

var lineScalars = append([]string{"id", "title", "subtitle", "thumbnail", "variant_id", "product_id", "product_title",
	"product_description", "product_subtitle", "product_type", "product_type_id", "product_collection", "product_handle",
	"variant_sku", "variant_barcode", "variant_title", "variant_option_values", "requires_shipping", "is_giftcard",
	"is_discountable", "is_tax_inclusive", "is_custom_price", "compare_at_unit_price", "unit_price", "quantity",
	"metadata", "created_at", "updated_at", "subtotal", "total", "original_total", "original_subtotal", "item_total",
	"item_subtotal", "refundable_total", "refundable_total_per_unit"}, lineZeroes...)

// productFields are the line fields that come from the line's product or variant, which
// LoadProducts reads when one of them is asked for.
var productFields = []string{"thumbnail", "product_description", "product_subtitle", "product_type_id",
	"product_handle", "variant_barcode", "product", "variant"}

func lineScalar(b []byte, l *Line, name string) []byte {
	p, v := l.Product, l.Variant
	major := func(n int64) []byte { return money.AppendMajor(b, n, l.Currency) }
	switch {
	case lineTotals[name]:
		return major(l.subtotal())
	case name == "refundable_total_per_unit":
		return major(l.UnitPrice)
	}
	for _, z := range lineZeroes {
		if z == name {
			return major(0)
		}
	}
	switch name {
	case "id":
		return fields.AppendString(b, l.ID)
	case "cart_id":
		return fields.AppendString(b, l.CartID)
	case "title":
		return fields.AppendString(b, l.Title)
	case "variant_id":
		return fields.AppendString(b, l.VariantID)
	case "product_id":
		return fields.AppendString(b, l.ProductID)
	case "product_title":
		return fields.AppendString(b, l.ProductTitle)
	case "variant_title":
		return fields.AppendString(b, l.VariantTitle)
	case "variant_sku":
		return fields.AppendNullString(b, l.VariantSKU)
	case "quantity":
		return fields.AppendInt(b, l.Quantity)
	case "unit_price":
		return major(l.UnitPrice)
	case "is_tax_inclusive":
		return fields.AppendBool(b, l.IsTaxInclusive)
	case "requires_shipping", "is_discountable":
		return fields.AppendBool(b, true)
	case "is_giftcard":
		return fields.AppendBool(b, p != nil && p.IsGiftcard)
	case "is_custom_price":
		return fields.AppendBool(b, false)
	case "metadata":
		return fields.AppendRaw(b, l.Metadata)
	case "thumbnail":
		if v != nil && v.Thumbnail != nil {
			return fields.AppendString(b, *v.Thumbnail)
		}
		if p != nil {
			return fields.AppendNullString(b, p.Thumbnail)
		}
	case "product_description":
		if p != nil {
			return fields.AppendNullString(b, p.Description)
		}
	case "product_subtitle":
		if p != nil {
			return fields.AppendNullString(b, p.Subtitle)
		}
	case "product_type_id":
		if p != nil {
			return fields.AppendNullString(b, p.TypeID)
		}
	case "product_handle":
		if p != nil {
			return fields.AppendString(b, p.Handle)
		}
	case "variant_barcode":
		if v != nil {
			return fields.AppendNullString(b, v.Barcode)
		}
	}
	return fields.AppendTimestamps(b, name, l.CreatedAt, l.UpdatedAt, nil)
}

// lineVariant is a line's variant with its product, as *items.variant.product reads it.
type lineVariant struct {
	*product.Variant
	product *product.Product
	// rels are the variant's relations other modules provide, loaded when asked for.
	rels map[string][]byte
}

// lineProductSpec is product.Spec without the product's channels: a line shows its product,
// not where else it is sold.
var lineProductSpec = without(product.Spec, "sales_channels")

var lineVariantSpec = func() *fields.Spec[lineVariant] {
	inner := without(product.VariantSpec, "prices")
	s := &fields.Spec[lineVariant]{
		Scalars:   inner.Scalars,
		Scalar:    func(b []byte, v *lineVariant, name string) []byte { return inner.Scalar(b, v.Variant, name) },
		Relations: map[string]fields.Relation[lineVariant]{},
	}
	for name, r := range inner.Relations {
		s.Relations[name] = fields.Relation[lineVariant]{Unknown: r.Unknown, AsScalar: r.AsScalar,
			Append: func(b []byte, v *lineVariant, sub *fields.Selection) []byte { return r.Append(b, v.Variant, sub) }}
	}
	s.Relations["product"] = fields.OneOf(lineProductSpec, func(v *lineVariant) *product.Product { return v.product })
	return s
}()

// without returns a spec writing what spec writes, less the named relations.
func without[T any](spec *fields.Spec[T], names ...string) *fields.Spec[T] {
	out := &fields.Spec[T]{Scalars: spec.Scalars, Scalar: spec.Scalar, Relations: map[string]fields.Relation[T]{}}
	for name, r := range spec.Relations {
		out.Relations[name] = r
	}
	for _, n := range names {
		delete(out.Relations, n)
	}
	return out
}

// NewLineSpec returns the spec of lines with extra scalars first (a cart line's cart_id).
func NewLineSpec(extra ...string) *fields.Spec[Line] {
	return &fields.Spec[Line]{
		Scalars: append(append([]string{}, extra...), lineScalars...),
		Scalar:  lineScalar,
		Relations: map[string]fields.Relation[Line]{
			"product": fields.OneOf(lineProductSpec, func(l *Line) *product.Product { return l.Product }),
			"variant": fields.OneOf(lineVariantSpec, func(l *Line) *lineVariant {
				if l.Variant == nil {
					return nil
				}
				return &lineVariant{Variant: l.Variant, product: l.Product}
			}),
			"tax_lines":   fields.Empty[Line](),
			"adjustments": fields.Empty[Line](),
			"detail": {AsScalar: true, Unknown: func(*fields.Selection) []string { return nil },
				Append: appendDetail},
		},
	}
}

// appendDetail writes Medusa's order item detail: the quantities of a line nothing has been
// fulfilled, shipped or returned from yet.
func appendDetail(b []byte, l *Line, _ *fields.Selection) []byte {
	b = append(b, `{"id":`...)
	b = fields.AppendString(b, l.ID)
	b = append(b, `,"item_id":`...)
	b = fields.AppendString(b, l.ID)
	b = append(b, `,"quantity":`...)
	b = fields.AppendInt(b, l.Quantity)
	for _, k := range []string{"fulfilled_quantity", "delivered_quantity", "shipped_quantity", "return_requested_quantity",
		"return_received_quantity", "return_dismissed_quantity", "written_off_quantity"} {
		b = append(b, `,"`+k+`":0`...)
	}
	b = append(b, `,"metadata":null,"created_at":`...)
	b = fields.AppendTime(b, l.CreatedAt)
	b = append(b, `,"updated_at":`...)
	b = fields.AppendTime(b, l.UpdatedAt)
	return append(b, '}')
}

// LineTotals are the totals Medusa adds to every line, and MethodTotals to every shipping
// method, of an answer that asks for any total of the cart or order.
var (
	LineTotals = []string{"subtotal", "total", "original_subtotal", "original_total", "discount_subtotal",
		"discount_tax_total", "discount_total", "tax_total", "original_tax_total"}
	MethodTotals = []string{"subtotal", "total", "original_subtotal", "original_total", "discount_subtotal",
		"discount_tax_total", "discount_total", "tax_total", "original_tax_total"}
)

// AddTotals makes a selection that asks for any of totals also ask for the lines' and the
// shipping methods' totals, as Medusa computes them all together.
func AddTotals(sel *fields.Selection, totals []string) {
	asked := false
	for _, t := range totals {
		if sel.Has(t) {
			asked = true
			break
		}
	}
	if !asked {
		return
	}
	if items := sel.Rel("items"); items != nil {
		for _, t := range LineTotals {
			items.AddScalar(t)
		}
	}
	if ms := sel.Rel("shipping_methods"); ms != nil {
		for _, t := range MethodTotals {
			ms.AddScalar(t)
		}
	}
}

// NeedsProducts reports whether a selection of lines asks for anything LoadProducts reads.
func NeedsProducts(sel *fields.Selection) bool {
	if sel == nil {
		return false
	}
	if sel.Has("*") {
		return true
	}
	for _, f := range productFields {
		if sel.HasPath(f) {
			return true
		}
	}
	return false
}

// ProductReader reads products by id, limited to channels (nil: no limit); the product
// service's GetManyIn.
type ProductReader func(ctx context.Context, ids, channelIDs []string, inc product.Include) ([]*product.Product, error)

// LoadProducts sets the product and variant of each line whose product read reaches: the
// products of channelIDs (nil: every product the caller may read).
func LoadProducts(ctx context.Context, read ProductReader, lines []*Line, sel *fields.Selection, channelIDs []string) error {
	if len(lines) == 0 || !NeedsProducts(sel) {
		return nil
	}
	inc := product.IncludeFor(relSel(sel, "product"))
	if vs := relSel(sel, "variant"); vs != nil {
		if vs.HasPath("options") {
			inc.VariantOptions = true
		}
		if p := vs.Rel("product"); p != nil {
			pinc := product.IncludeFor(p)
			inc.Options, inc.OptionValues, inc.Tags, inc.Images = inc.Options || pinc.Options,
				inc.OptionValues || pinc.OptionValues, inc.Tags || pinc.Tags, inc.Images || pinc.Images
			inc.Collection, inc.Type, inc.Categories = inc.Collection || pinc.Collection, inc.Type || pinc.Type,
				inc.Categories || pinc.Categories
		}
	}
	inc.Variants, inc.SalesChannels, inc.VariantPrices = true, false, false
	seen := map[string]bool{}
	var ids []string
	for _, l := range lines {
		if !seen[l.ProductID] {
			seen[l.ProductID] = true
			ids = append(ids, l.ProductID)
		}
	}
	ps, err := read(ctx, ids, channelIDs, inc)
	if err != nil {
		return err
	}
	byID := make(map[string]*product.Product, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	for _, l := range lines {
		p := byID[l.ProductID]
		if p == nil {
			continue
		}
		l.Product = p
		for _, v := range p.Variants {
			if v.ID == l.VariantID {
				l.Variant = v
			}
		}
	}
	return nil
}

// relSel is the selection of a relation asked for as "rel.x", "*rel" or a plain "rel".
func relSel(sel *fields.Selection, name string) *fields.Selection {
	if r := sel.Rel(name); r != nil {
		return r
	}
	if sel.Has(name) && !sel.Has("*") {
		return fields.FromList("*")
	}
	return nil
}
