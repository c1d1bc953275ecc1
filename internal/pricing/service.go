package pricing

import (
	"context"
	"slices"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/money"
	"channeld/internal/platform/visible"
	"channeld/internal/product"
	"channeld/internal/rbac"
	"channeld/internal/saleschannel"
)

// Channels is what pricing asks of the sales channel module: which ids are not live
// channels. saleschannel.Service implements it.
type Channels interface {
	Missing(ctx context.Context, q db.DBTX, ids []string) ([]string, error)
}

var _ Channels = (*saleschannel.Service)(nil)

// Service is the admin's use cases on a channel's prices: the effective price table, channel
// price batches, price inheritance rules and one-off copies. Every write is one transaction
// with its audit entries; explicit prices are written through the product module's PriceBook.
type Service struct {
	db *db.DB
	// read hands out the handle reads go through: db.Read, or a recorder in tests.
	read     func() db.DBTX
	now      clock.Clock
	newID    id.Source
	audit    *audit.Recorder
	prices   *product.PriceBook
	channels Channels
}

// NewService returns the pricing service on d. Prices are written through prices, rules'
// audit entries through rec, and channels say which channels exist.
func NewService(d *db.DB, now clock.Clock, newID id.Source, rec *audit.Recorder, prices *product.PriceBook, channels Channels) *Service {
	return &Service{db: d, read: d.Read, now: now, newID: newID, audit: rec, prices: prices, channels: channels}
}

// channelNotFound is the sales channel routes' own 404 (saleschannel's GET message), so a
// missing channel reads the same under /prices as under the channel itself.
const channelNotFound = "Sales channel with id: %s not found"

// pricedChannel is a live channel as pricing sees it: its currencies, ascending; none when
// the channel is not currency-configured.
type pricedChannel struct {
	ID         string
	Currencies []string
}

// configured reports whether the channel limits its currencies.
func (c *pricedChannel) configured() bool { return len(c.Currencies) > 0 }

// requireCurrency refuses a currency a configured channel does not offer (E1).
func (c *pricedChannel) requireCurrency(k string) error {
	if c.configured() && !slices.Contains(c.Currencies, k) {
		return saleschannel.ErrCurrencyNotOffered(k, c.ID)
	}
	return nil
}

// priceUpdate is the declaration of the channel price writes (§5.6), which the channel write
// check names.
var priceUpdate = rbac.Policies{"price:update"}

// channel returns the live channel channelID read through q, or the channel routes' 404,
// also for a channel where the admin caller may not read prices (§5.6 step 3); for a write,
// a caller who may not update prices there gets E24 (step 4).
func (s *Service) channel(ctx context.Context, q db.DBTX, channelID string, write bool) (*pricedChannel, error) {
	missing, err := s.channels.Missing(ctx, q, []string{channelID})
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 || !priceReadable(ctx, channelID) {
		return nil, apperr.NotFoundf(channelNotFound, channelID)
	}
	if write {
		if err := rbac.CheckWrite(ctx, priceUpdate, "price", "update", []string{channelID}); err != nil {
			return nil, err
		}
	}
	curs, err := saleschannel.CurrenciesOf(ctx, q, []string{channelID})
	if err != nil {
		return nil, err
	}
	c := &pricedChannel{ID: channelID}
	for _, k := range curs[channelID] {
		c.Currencies = append(c.Currencies, k.Code)
	}
	return c, nil
}

// requireSource refuses a source channel that is not live (E14); nil is the base prices.
func (s *Service) requireSource(ctx context.Context, q db.DBTX, source *string) error {
	if source == nil {
		return nil
	}
	missing, err := s.channels.Missing(ctx, q, []string{*source})
	if err != nil {
		return err
	}
	// A source whose prices the caller may not read is answered as a missing channel.
	if len(missing) > 0 || !priceReadable(ctx, *source) {
		return saleschannel.ErrMissing([]string{*source})
	}
	return nil
}

// priceReadable reports whether the admin caller may read the channel's prices.
func priceReadable(ctx context.Context, channelID string) bool {
	all, ids := visible.Readable(ctx, "price")
	return all || slices.Contains(ids, channelID)
}

// currencyCode normalizes a currency code from a request, refusing codes that are not ISO
// 4217 currencies with the channel settings' wording (E3).
func currencyCode(code string) (string, error) {
	k, err := money.Normalize(code)
	if err != nil {
		return "", apperr.Invalidf("Currency code %s is not a known ISO 4217 currency", code)
	}
	return k, nil
}
