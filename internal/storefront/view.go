package storefront

import (
	"strings"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/money"
	"channeld/internal/product"
)

// DefaultFields are Medusa's default store product fields: no status, metadata or channels.
var DefaultFields = []string{"id", "title", "subtitle", "description", "handle", "is_giftcard", "discountable",
	"thumbnail", "collection_id", "type_id", "weight", "length", "height", "width", "hs_code", "origin_country",
	"mid_code", "material", "created_at", "updated_at", "*type", "*collection", "*options", "*options.values",
	"*tags", "*images", "*variants", "*variants.options"}

// storeProduct is a product as written to a storefront: its variants carry their price in the
// request's currency.
type storeProduct struct {
	*product.Product
	variants []*storeVariant
}

type storeVariant struct {
	*product.Variant
	price *Price // nil: no price in the currency, or none asked for
	// stock is inventory_quantity; nil when not asked for or the variant's inventory is not
	// managed, and then the key is absent, as in Medusa.
	stock *int64
}

// view pairs each variant of ps with its calculated price from prices and its availability
// from stock (nil maps: not asked for).
func view(ps []*product.Product, prices map[string]Price, stock map[string]int64) []*storeProduct {
	out := make([]*storeProduct, len(ps))
	for i, p := range ps {
		sp := &storeProduct{Product: p, variants: make([]*storeVariant, len(p.Variants))}
		for j, v := range p.Variants {
			sv := &storeVariant{Variant: v}
			if pr, ok := prices[v.ID]; ok {
				sv.price = &pr
			}
			if n, ok := stock[v.ID]; ok && v.ManageInventory {
				sv.stock = &n
			}
			sp.variants[j] = sv
		}
		out[i] = sp
	}
	return out
}

// wrap returns a spec for U that writes the T inside it as spec does.
func wrap[T, U any](spec *fields.Spec[T], inner func(*U) *T) *fields.Spec[U] {
	out := &fields.Spec[U]{
		Scalars:   spec.Scalars,
		Scalar:    func(b []byte, e *U, name string) []byte { return spec.Scalar(b, inner(e), name) },
		Relations: make(map[string]fields.Relation[U], len(spec.Relations)+1),
	}
	for name, r := range spec.Relations {
		out.Relations[name] = fields.Relation[U]{Unknown: r.Unknown, AsScalar: r.AsScalar,
			Append: func(b []byte, e *U, sub *fields.Selection) []byte { return r.Append(b, inner(e), sub) }}
	}
	return out
}

var (
	variantSpec = func() *fields.Spec[storeVariant] {
		s := wrap(product.VariantSpec, func(v *storeVariant) *product.Variant { return v.Variant })
		s.Relations["calculated_price"] = fields.Relation[storeVariant]{AsScalar: true,
			Unknown: func(*fields.Selection) []string { return nil },
			Append:  func(b []byte, v *storeVariant, _ *fields.Selection) []byte { return appendCalculated(b, v.price) }}
		return s
	}()
	productSpec = func() *fields.Spec[storeProduct] {
		s := wrap(product.Spec, func(p *storeProduct) *product.Product { return p.Product })
		s.Relations["variants"] = fields.Relation[storeProduct]{AsScalar: true, Unknown: fields.Nested(variantSpec),
			Append: func(b []byte, p *storeProduct, sub *fields.Selection) []byte {
				b = append(b, '[')
				for i, v := range p.variants {
					if i > 0 {
						b = append(b, ',')
					}
					b = appendVariant(b, v, sub)
				}
				return append(b, ']')
			}}
		return s
	}()
)

// appendVariant writes v with the fields of sel and, last, its inventory_quantity when it has
// one. The field is not part of the selection (see stripStock), since Medusa leaves the key
// out for a variant whose inventory is not managed.
func appendVariant(b []byte, v *storeVariant, sel *fields.Selection) []byte {
	b = variantSpec.Append(b, v, sel)
	if v.stock == nil {
		return b
	}
	b = b[:len(b)-1] // the closing brace
	if b[len(b)-1] != '{' {
		b = append(b, ',')
	}
	b = append(b, `"inventory_quantity":`...)
	b = fields.AppendInt(b, *v.stock)
	return append(b, '}')
}

// stockField is the field that asks for variants' inventory_quantity.
const stockField = "variants.inventory_quantity"

// stripStock removes stockField from a fields parameter and says whether it was there, as
// Medusa takes it out of the query and computes it afterwards. A piece naming it keeps the
// variants in the selection (as variants.id), so that they are written with their quantity.
func stripStock(param string) (string, bool) {
	if !strings.Contains(param, stockField) {
		return param, false
	}
	pieces := strings.Split(param, ",")
	for i, p := range pieces {
		if strings.Contains(p, stockField) {
			if rest, star := strings.CutPrefix(strings.TrimSpace(p), "*"); star {
				p = "+" + rest // still a modifier, as *x was
			}
			pieces[i] = strings.Replace(p, stockField, "variants.id", 1)
		}
	}
	return strings.Join(pieces, ","), true
}

// appendCalculated writes Medusa's calculated_price: no price lists and no taxes, so the
// calculated and the original price are the same. The chosen price row stands in for
// Medusa's price set, whose id channeld does not have.
func appendCalculated(b []byte, p *Price) []byte {
	if p == nil {
		return fields.AppendNull(b)
	}
	amount := func(b []byte, key string) []byte {
		b = append(b, `,"`+key+`_amount":`...)
		b = money.AppendMajor(b, p.Amount, p.Currency)
		b = append(b, `,"raw_`+key+`_amount":{"value":"`...)
		b = money.AppendMajor(b, p.Amount, p.Currency)
		return append(b, `","precision":20}`...)
	}
	ref := func(b []byte, key string) []byte {
		b = append(b, `,"`+key+`":{"id":`...)
		b = fields.AppendString(b, p.ID)
		return append(b, `,"price_list_id":null,"price_list_type":null,"min_quantity":null,"max_quantity":null}`...)
	}
	taxInclusive := func(b []byte, key string) []byte {
		b = append(b, `,"is_`+key+`_price_price_list":false,"is_`+key+`_price_tax_inclusive":`...)
		return fields.AppendBool(b, p.TaxInclusive)
	}
	b = append(b, `{"id":`...)
	b = fields.AppendString(b, p.ID)
	b = taxInclusive(b, "calculated")
	b = amount(b, "calculated")
	b = taxInclusive(b, "original")
	b = amount(b, "original")
	b = append(b, `,"currency_code":`...)
	b = fields.AppendString(b, p.Currency)
	b = ref(b, "calculated_price")
	b = ref(b, "original_price")
	return append(b, '}')
}
