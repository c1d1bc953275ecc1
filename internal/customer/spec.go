package customer

import (
	"context"

	"channeld/internal/platform/fields"
)

// addressScalars are an address's fields, in Medusa's default order.
var addressScalars = []string{"id", "address_name", "company", "customer_id", "first_name", "last_name", "address_1",
	"address_2", "city", "province", "postal_code", "country_code", "phone", "metadata", "is_default_shipping",
	"is_default_billing", "created_at", "updated_at"}

// AddressSpec writes an address.
var AddressSpec = &fields.Spec[Address]{Scalars: addressScalars, Scalar: fields.Columns[Address](addressScalars, nil)}

// adminScalars are a customer's fields as admins read them, in Medusa's default order.
var adminScalars = []string{"id", "company_name", "first_name", "last_name", "email", "phone", "metadata", "has_account",
	"created_by", "created_at", "updated_at", "deleted_at"}

// storeScalars are the fields a customer reads of itself: Medusa's store defaults, which do
// not tell who created it.
var storeScalars = []string{"id", "email", "company_name", "first_name", "last_name", "phone", "metadata", "has_account",
	"deleted_at", "created_at", "updated_at"}

// Relation is a relation of customers that another module provides, such as their orders.
type Relation struct {
	Unknown func(sub *fields.Selection) []string
	// Load returns, per customer id, the JSON value to embed (an array).
	Load func(ctx context.Context, customerIDs []string, sub *fields.Selection) (map[string][]byte, error)
}

// view is a customer with the relations other modules loaded for it.
type view struct {
	*Customer
	rels map[string][]byte
}

// newSpec writes customers with scalars, their addresses and the relations given.
func newSpec(scalars []string, relations map[string]Relation) *fields.Spec[view] {
	scalar := fields.Columns[Customer](scalars, nil)
	spec := &fields.Spec[view]{
		Scalars: scalars,
		Scalar:  func(b []byte, e *view, name string) []byte { return scalar(b, e.Customer, name) },
		Relations: map[string]fields.Relation[view]{
			"addresses": fields.ListOf(AddressSpec, func(e *view) []*Address { return e.Addresses }),
		},
	}
	for name, r := range relations {
		spec.Relations[name] = fields.Relation[view]{Unknown: r.Unknown, AsScalar: true,
			Append: func(b []byte, e *view, _ *fields.Selection) []byte {
				if raw, ok := e.rels[name]; ok {
					return append(b, raw...)
				}
				return append(b, "[]"...)
			}}
	}
	return spec
}

// Spec writes a customer as admins read it, with its addresses; other modules embed
// customers with it (an order's customer).
var Spec = &fields.Spec[Customer]{
	Scalars: adminScalars,
	Scalar:  fields.Columns[Customer](adminScalars, nil),
	Relations: map[string]fields.Relation[Customer]{
		"addresses": fields.ListOf(AddressSpec, func(c *Customer) []*Address {
			if c.Addresses == nil {
				return []*Address{}
			}
			return c.Addresses
		}),
		// Customer groups are not modelled: every customer is in none (carts' default fields
		// ask for customer.groups.id).
		"groups": fields.Empty[Customer](),
	},
}

// writer writes customers with a spec, loading first what the selection asks for.
type writer struct {
	svc       *Service
	spec      *fields.Spec[view]
	relations map[string]Relation
}

func (w *writer) Check(sel *fields.Selection) error { return w.spec.Check(sel) }

// One writes c with the fields of sel.
func (w *writer) One(ctx context.Context, c *Customer, sel *fields.Selection) ([]byte, error) {
	vs, err := w.load(ctx, []*Customer{c}, sel)
	if err != nil {
		return nil, err
	}
	return w.spec.Append(nil, vs[0], sel), nil
}

// List writes cs as a JSON array with the fields of sel.
func (w *writer) List(ctx context.Context, cs []*Customer, sel *fields.Selection) ([]byte, error) {
	vs, err := w.load(ctx, cs, sel)
	if err != nil {
		return nil, err
	}
	return w.spec.AppendList(nil, vs, sel), nil
}

func (w *writer) load(ctx context.Context, cs []*Customer, sel *fields.Selection) ([]*view, error) {
	vs := make([]*view, len(cs))
	ids := make([]string, len(cs))
	for i, c := range cs {
		vs[i], ids[i] = &view{Customer: c, rels: map[string][]byte{}}, c.ID
	}
	if asked(sel, "addresses") {
		if err := loadAddresses(ctx, w.svc.db.Read(), cs); err != nil {
			return nil, err
		}
	}
	for name, r := range w.relations {
		if !asked(sel, name) {
			continue
		}
		sub := sel.Rel(name)
		if sub == nil { // asked as a plain field: all of it
			sub = fields.FromList("*")
		}
		byID, err := r.Load(ctx, ids, sub)
		if err != nil {
			return nil, err
		}
		for i, v := range vs {
			if raw, ok := byID[ids[i]]; ok {
				v.rels[name] = raw
			}
		}
	}
	return vs, nil
}

func asked(sel *fields.Selection, name string) bool { return sel.Rel(name) != nil || sel.Has(name) }
