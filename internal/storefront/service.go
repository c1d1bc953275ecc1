// Package storefront serves the catalogue to storefronts: /store/products scoped by the
// caller's publishable key. A key sees the published products of its channels that are
// enabled, priced per channel and currency when asked (pricing.go). The page, its count and
// each relation are one query each, so a page costs the same whatever the catalogue's size.
package storefront

import (
	"context"
	"slices"

	"channeld/internal/apikey"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/pricing"
	"channeld/internal/product"
)

// Medusa's exact errors for channel scoping and pricing context.
var (
	errChannelNotInKey  = apperr.Invalidf("Requested sales channel is not part of the publishable key")
	errKeyHasNoChannels = apperr.Invalidf("Publishable key needs to have a sales channel configured")
	errNoRegion         = apperr.Invalidf("Missing required pricing context to calculate prices - region_id")
	errStockChannel     = apperr.Invalidf("Inventory availability cannot be calculated in the given context. " +
		"Either provide a single sales channel id or configure a single sales channel in the publishable key")
)

// Stock tells, per variant, the units a channel can sell, in one statement on q; the stock
// module implements it (stock.Service.Available).
type Stock interface {
	Available(ctx context.Context, q db.DBTX, channelID string, variantIDs []string) (map[string]int64, error)
}

// Service reads products as a storefront sees them.
type Service struct {
	products *product.Service
	stock    Stock
	langs    Languages
	// read returns the handle reads go through; tests wrap it to count queries.
	read func() db.DBTX
}

// NewService returns a storefront reading through d's page pool (db.DB.Pages); stock gives
// variants their inventory_quantity, langs the languages products are read in. Prices come
// from the pricing engine (see pricingContext).
func NewService(d *db.DB, products *product.Service, stock Stock, langs Languages) *Service {
	return &Service{products: products, stock: stock, langs: langs, read: d.Pages}
}

// Query is what a storefront read asks for beyond paging.
type Query struct {
	// Channels are the sales_channel_id values given; nil when the parameter was absent.
	Channels []string
	Filter   product.StoreFilter
	Include  product.Include
	// RegionID and Currency (currency_code) choose the currency of calculated prices;
	// Priced says they were asked for.
	RegionID, Currency string
	Priced             bool
	// Stocked says variants.inventory_quantity was asked for.
	Stocked bool
	// Locale is the locale asked for, as sent; "" when none was (see locale.go).
	Locale string
	// kept, when set, keeps channels' locales and pricing contexts between reads (the
	// handler's, see kept.go).
	kept *keptReads
}

// Page is the products of one read with their variants' calculated prices.
type Page struct {
	Products []*product.Product
	Count    int
	// Prices is the calculated price per variant id of those that have one; nil when prices
	// were not asked for.
	Prices map[string]Price
	// Stock is inventory_quantity per variant id of the page's inventory-managed variants;
	// nil when not asked for.
	Stock map[string]int64
}

// channels returns the channels a read is scoped to: the requested ones, each of which must
// be one of the key's, or else all of the key's. Disabled channels stay in the scope here;
// the query drops them, so that a product of a disabled channel is not sold through it.
func channels(scope apikey.Scope, requested []string) ([]string, error) {
	if len(requested) > 0 {
		for _, c := range requested {
			if !slices.Contains(scope.ChannelIDs, c) {
				return nil, errChannelNotInKey
			}
		}
		return requested, nil
	}
	if len(scope.ChannelIDs) == 0 {
		return nil, errKeyHasNoChannels
	}
	return scope.ChannelIDs, nil
}

// stockChannel returns the one channel whose stock inventory_quantity counts: the key's, if it
// has exactly one, or else the single requested one (Medusa ≥2.1, §9).
func stockChannel(scope apikey.Scope, requested []string) (string, error) {
	if len(scope.ChannelIDs) == 1 {
		return scope.ChannelIDs[0], nil
	}
	if len(requested) == 1 {
		return requested[0], nil
	}
	return "", errStockChannel
}

// availability returns the availability of the inventory-managed variants of ps in channel,
// with one statement for the whole page.
func (s *Service) availability(ctx context.Context, q db.DBTX, channel string, ps []*product.Product) (map[string]int64, error) {
	var ids []string
	for _, p := range ps {
		for _, v := range p.Variants {
			if v.ManageInventory {
				ids = append(ids, v.ID)
			}
		}
	}
	return s.stock.Available(ctx, q, channel, ids)
}

// prepare checks a read's scope and contexts and returns its channels, its pricing context
// (nil when unpriced) and the channel its stock is counted in ("" when not asked for).
func (s *Service) prepare(ctx context.Context, q db.DBTX, scope apikey.Scope, query *Query) (chans []string, pc *pricing.StoreContext, stockIn string, err error) {
	if chans, err = channels(scope, query.Channels); err != nil {
		return nil, nil, "", err
	}
	if pc, err = s.pricingContext(ctx, q, scope, query); err != nil {
		return nil, nil, "", err
	}
	if query.Stocked {
		if stockIn, err = stockChannel(scope, query.Channels); err != nil {
			return nil, nil, "", err
		}
		query.Include.Variants = true
	}
	return chans, pc, stockIn, nil
}

// List returns a page of the products the caller's key may see.
func (s *Service) List(ctx context.Context, scope apikey.Scope, query Query, p product.Page) (Page, error) {
	q := s.read()
	chans, pc, stockIn, err := s.prepare(ctx, q, scope, &query)
	if err != nil {
		return Page{}, err
	}
	ps, count, err := s.products.ListInScope(ctx, q, chans, query.Filter, p, query.Include)
	if err != nil {
		return Page{}, err
	}
	hideForeignPrices(ps, chans)
	if ps, err = s.translate(ctx, q, scope, query, ps); err != nil {
		return Page{}, err
	}
	page := Page{Products: ps, Count: count}
	if page.Prices, err = prices(ctx, q, pc, ps); err != nil {
		return Page{}, err
	}
	if stockIn != "" {
		if page.Stock, err = s.availability(ctx, q, stockIn, ps); err != nil {
			return Page{}, err
		}
	}
	return page, nil
}

// Get returns one product the caller's key may see.
func (s *Service) Get(ctx context.Context, scope apikey.Scope, productID string, query Query) (Page, error) {
	q := s.read()
	chans, pc, stockIn, err := s.prepare(ctx, q, scope, &query)
	if err != nil {
		return Page{}, err
	}
	p, err := s.products.GetInScope(ctx, q, chans, productID, query.Include)
	if err != nil {
		return Page{}, err
	}
	hideForeignPrices([]*product.Product{p}, chans)
	ps, err := s.translate(ctx, q, scope, query, []*product.Product{p})
	if err != nil {
		return Page{}, err
	}
	page := Page{Products: ps, Count: 1}
	if page.Prices, err = prices(ctx, q, pc, ps); err != nil {
		return Page{}, err
	}
	if stockIn != "" {
		if page.Stock, err = s.availability(ctx, q, stockIn, page.Products); err != nil {
			return Page{}, err
		}
	}
	return page, nil
}
