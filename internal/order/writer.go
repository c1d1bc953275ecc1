package order

import (
	"context"

	"channeld/internal/payment"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/fields"
	"channeld/internal/product"
	"channeld/internal/region"
	"channeld/internal/saleschannel"
)

// Readers are the services an order is written with when a selection reaches into them: its
// lines' products, its payment collections, its channel and its region.
type Readers struct {
	Products *product.Service
	Payments *payment.Service
	Channels *saleschannel.Service
	Regions  *region.Service
	// Customers writes an order's customer.
	Customers Customers
}

// Write writes orders with sel, loading first what sel asks for beyond the orders' rows, in
// one query per relation for all of them. channelIDs limits the lines' products to those
// channels (a storefront's key); nil leaves them to the caller's own scope.
func (s *Service) Write(ctx context.Context, os []*Order, sel *fields.Selection, channelIDs []string) ([]byte, error) {
	if err := s.load(ctx, os, sel, channelIDs); err != nil {
		return nil, err
	}
	return Spec.AppendList(nil, os, sel), nil
}

// WriteOne is Write for one order, written as an object.
func (s *Service) WriteOne(ctx context.Context, o *Order, sel *fields.Selection, channelIDs []string) ([]byte, error) {
	if err := s.load(ctx, []*Order{o}, sel, channelIDs); err != nil {
		return nil, err
	}
	return Spec.Append(nil, o, sel), nil
}

func (s *Service) load(ctx context.Context, os []*Order, sel *fields.Selection, channelIDs []string) error {
	if len(os) == 0 {
		return nil
	}
	q := s.db.Read()
	AddTotals(sel, TotalNames)
	all := sel.Has("*")
	if all || sel.HasPath("shipping_address") || sel.HasPath("billing_address") {
		if err := loadAddresses(ctx, q, os); err != nil {
			return err
		}
	}
	if all || sel.HasPath("shipping_methods") {
		if err := loadMethods(ctx, q, os); err != nil {
			return err
		}
	}
	if items := relSel(sel, "items"); items != nil && NeedsProducts(items) {
		var lines []*Line
		for _, o := range os {
			lines = append(lines, o.lines()...)
		}
		if err := LoadProducts(ctx, s.rd.Products.GetManyIn, lines, items, channelIDs); err != nil {
			return err
		}
	}
	if sel.HasPath("payment_collections") {
		var carts []string
		for _, o := range os {
			if o.CartID != nil {
				carts = append(carts, *o.CartID)
			}
		}
		cols, err := s.rd.Payments.ForCarts(ctx, carts)
		if err != nil {
			return err
		}
		for _, o := range os {
			o.rel.payments = []*payment.Collection{}
			if c := cols[deref(o.CartID)]; c != nil {
				o.rel.payments = append(o.rel.payments, c)
			}
		}
	}
	if sel.HasPath("sales_channel") {
		if err := s.loadChannels(ctx, os); err != nil {
			return err
		}
	}
	if sub := relSel(sel, "customer"); sub != nil {
		if err := s.loadCustomers(ctx, os, sub); err != nil {
			return err
		}
	}
	if sel.HasPath("region") {
		byID := map[string]*region.Region{}
		for _, o := range os {
			if o.RegionID == nil {
				continue
			}
			r, ok := byID[*o.RegionID]
			if !ok {
				var err error
				r, err = s.rd.Regions.Get(ctx, q, *o.RegionID)
				if apperr.Is(err, apperr.NotFound) {
					r = nil // a deleted region is written as null
				} else if err != nil {
					return err
				}
				byID[*o.RegionID] = r
			}
			o.rel.region = r
		}
	}
	return nil
}

func (s *Service) loadChannels(ctx context.Context, os []*Order) error {
	var ids []string
	seen := map[string]bool{}
	for _, o := range os {
		if o.SalesChannelID != nil && !seen[*o.SalesChannelID] {
			seen[*o.SalesChannelID] = true
			ids = append(ids, *o.SalesChannelID)
		}
	}
	chs, err := s.rd.Channels.ByIDs(ctx, s.db.Read(), ids)
	if err != nil {
		return err
	}
	byID := make(map[string]*saleschannel.SalesChannel, len(chs))
	for _, c := range chs {
		byID[c.ID] = c
	}
	for _, o := range os {
		o.rel.channel = byID[deref(o.SalesChannelID)]
	}
	return nil
}

func deref(s *string) string {
	if s == nil {
		return ""
	}
	return *s
}
