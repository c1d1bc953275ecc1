package order

import (
	"context"
	"fmt"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/auth"
	"channeld/internal/customer"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/sqlq"
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
	chans := keyChannels(ctx)
	os, n, err := h.svc.List(ctx, Filter{IDs: p.ID, Statuses: p.Status, CustomerIDs: []string{c.CustomerID},
		SalesChannelIDs: chans}, p.Order, p.Limit, p.Offset)
	if err != nil {
		return nil, 0, err
	}
	body, err := h.svc.Write(ctx, os, in.Fields, chans)
	return body, n, err
}

// loadCustomers fills the customers of os, as the caller may read them.
func (s *Service) loadCustomers(ctx context.Context, os []*Order, sub *fields.Selection) error {
	var ids []string
	for _, o := range os {
		if o.CustomerID != nil && !slices.Contains(ids, *o.CustomerID) {
			ids = append(ids, *o.CustomerID)
		}
	}
	cs, err := s.rd.Customers.ByIDs(ctx, ids, sub.HasPath("addresses"))
	if err != nil {
		return err
	}
	for _, o := range os {
		if o.CustomerID != nil {
			o.rel.customer = cs[*o.CustomerID]
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
			chans := keyChannels(ctx)
			os, _, err := h.svc.List(ctx, Filter{CustomerIDs: customerIDs, SalesChannelIDs: chans}, "-created_at", maxCustomerOrders, 0)
			if err != nil {
				return nil, err
			}
			byCustomer := map[string][]*Order{}
			for _, o := range os {
				byCustomer[*o.CustomerID] = append(byCustomer[*o.CustomerID], o)
			}
			out := make(map[string][]byte, len(byCustomer))
			for id, list := range byCustomer {
				body, err := h.svc.Write(ctx, list, sub, chans)
				if err != nil {
					return nil, err
				}
				out[id] = body
			}
			return out, nil
		},
	}
}

// CustomerOrders is the part of the module the customer module asks before the order service
// exists (the order service writes customers): which customers ordered in which channels.
type CustomerOrders struct{}

// RestrictOrderedIn adds to w, a query of the customer module, the condition that the
// customer id in col placed an order in one of channelIDs (not empty).
func (CustomerOrders) RestrictOrderedIn(w *sqlq.Where, col string, channelIDs []string) {
	w.Add(col + ` IN (SELECT customer_id FROM "order" WHERE customer_id IS NOT NULL AND deleted_at IS NULL
		AND sales_channel_id IN (` + w.ArgList(channelIDs) + `))`)
}

// ChannelsOrderedIn returns the channels a customer placed orders in, ascending, read
// through q.
func (CustomerOrders) ChannelsOrderedIn(ctx context.Context, q db.DBTX, customerID string) ([]string, error) {
	ids, err := sqlq.Collect(ctx, q, sqlq.String, `SELECT DISTINCT sales_channel_id FROM "order"
		WHERE customer_id = $1 AND sales_channel_id IS NOT NULL AND deleted_at IS NULL ORDER BY sales_channel_id`, customerID)
	if err != nil {
		return nil, fmt.Errorf("read the channels customer %s ordered in: %w", customerID, err)
	}
	return ids, nil
}
