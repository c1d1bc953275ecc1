package order

import (
	"context"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/auth"
	"channeld/internal/customer"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Customers is what the order handler asks of the customer module: the customers of orders,
// as the caller may read them.
type Customers interface {
	ByIDs(ctx context.Context, ids []string, withAddresses bool) (map[string]*customer.Customer, error)
}

// CustomerRoutes are the store routes of the logged-in customer, behind
// auth.RequireCustomer.
func (h *Handler) CustomerRoutes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/store/orders", Summary: "List the logged-in customer's orders", Query: storeListQuery, Response: "orders",
			Serve: httpapi.Page(storeOrders, h.storeList)},
	}
}

// storeListDefaults are Medusa's default fields of GET /store/orders that orders have.
var storeListDefaults = func() []string {
	var out []string
	for _, f := range []string{"id", "status", "summary", "display_id", "custom_display_id", "total", "currency_code", "metadata",
		"created_at", "updated_at"} {
		if len(Spec.Unknown(fields.FromList(f))) == 0 {
			out = append(out, f)
		}
	}
	return out
}()

var storeOrders = fields.Selector{Defaults: storeListDefaults, Check: Spec.Check}

var storeListQuery = v.Object(slices.Concat(httpapi.FindParams(50), httpapi.MatchFilters("id", "status"))...).Strict()

type storeListParams struct {
	httpapi.Paging
	ID     []string `json:"id"`
	Status []string `json:"status"`
}

// keyChannels are the channels of the request's publishable key; a key with none reaches no
// order.
func keyChannels(ctx context.Context) []string {
	sc, _ := apikey.ScopeFrom(ctx)
	if sc.ChannelIDs == nil {
		return []string{}
	}
	return sc.ChannelIDs
}

// storeList answers the logged-in customer's orders placed in the key's channels.
func (h *Handler) storeList(ctx context.Context, in *httpapi.Input[storeListParams, httpapi.NoBody]) ([]byte, int, error) {
	c, _ := auth.CustomerFrom(ctx)
	p := in.Query
	os, n, err := h.svc.List(ctx, Filter{IDs: p.ID, Statuses: p.Status, CustomerIDs: []string{c.CustomerID},
		SalesChannelIDs: keyChannels(ctx)}, p.Order, p.Limit, p.Offset)
	if err != nil {
		return nil, 0, err
	}
	if err := h.loadCustomers(ctx, os, in.Fields); err != nil {
		return nil, 0, err
	}
	return Spec.AppendList(nil, os, in.Fields), n, nil
}

// loadCustomers fills the customers of os when sel asks for them.
func (h *Handler) loadCustomers(ctx context.Context, os []*Order, sel *fields.Selection) error {
	sub := sel.Rel("customer")
	if h.customers == nil || (sub == nil && !sel.Has("customer")) {
		return nil
	}
	var ids []string
	for _, o := range os {
		if o.CustomerID != nil && !slices.Contains(ids, *o.CustomerID) {
			ids = append(ids, *o.CustomerID)
		}
	}
	cs, err := h.customers.ByIDs(ctx, ids, sub.Rel("addresses") != nil || sub.Has("addresses"))
	if err != nil {
		return err
	}
	for _, o := range os {
		if o.CustomerID != nil {
			o.Customer = cs[*o.CustomerID]
		}
	}
	return nil
}

// maxCustomerOrders bounds the orders a customer's `orders` relation embeds, newest first.
const maxCustomerOrders = httpapi.MaxLimit

// CustomerOrdersRelation is the `orders` relation of a customer on the storefront: the
// customer's orders placed in the key's channels, newest first.
func (h *Handler) CustomerOrdersRelation() customer.Relation {
	return customer.Relation{
		Unknown: fields.Nested(Spec),
		Load: func(ctx context.Context, customerIDs []string, sub *fields.Selection) (map[string][]byte, error) {
			os, _, err := h.svc.List(ctx, Filter{CustomerIDs: customerIDs, SalesChannelIDs: keyChannels(ctx)}, "-created_at", maxCustomerOrders, 0)
			if err != nil {
				return nil, err
			}
			if err := h.loadCustomers(ctx, os, sub); err != nil {
				return nil, err
			}
			byCustomer := map[string][]*Order{}
			for _, o := range os {
				byCustomer[*o.CustomerID] = append(byCustomer[*o.CustomerID], o)
			}
			out := make(map[string][]byte, len(byCustomer))
			for id, list := range byCustomer {
				out[id] = Spec.AppendList(nil, list, sub)
			}
			return out, nil
		},
	}
}
