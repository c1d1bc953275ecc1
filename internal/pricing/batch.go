package pricing

import (
	"context"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/money"
	"channeld/internal/product"
)

// PriceBatch writes channel prices of one channel (§2.3). Amounts are the wire's major-unit
// number text.
type PriceBatch struct {
	Create []PriceCreate
	Update []PriceUpdate
	Delete []string
}

// PriceCreate sets the channel price of a variant in a currency, creating it when missing.
type PriceCreate struct {
	VariantID, CurrencyCode, Amount string
}

// PriceUpdate sets the amount of a channel price by id.
type PriceUpdate struct {
	ID, Amount string
}

// BatchResult is what a batch wrote: a create of an existing price is an update.
type BatchResult struct {
	Created, Updated []*product.Price
	Deleted          []string
}

// WriteBatch applies b to channelID's prices in one transaction, all or nothing: ids to
// update or delete must be channelID's prices (E16, the first in request order), created
// prices' variants must be sold by the channel (E17, all of them) in a currency it offers
// (E1). Creates and updates are direct writes, which the store's price sync follows; the
// deletions come last.
func (s *Service) WriteBatch(ctx context.Context, channelID string, b PriceBatch) (*BatchResult, error) {
	for i, c := range b.Create {
		k, err := currencyCode(c.CurrencyCode)
		if err != nil {
			return nil, err
		}
		b.Create[i].CurrencyCode = k
	}
	var res *BatchResult
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		ch, err := s.channel(ctx, tx, channelID, true)
		if err != nil {
			return err
		}
		writes, err := s.batchWrites(ctx, tx, ch, b)
		if err != nil {
			return err
		}
		changes, err := s.prices.WritePrices(ctx, tx, writes, product.WriteOptions{Sync: true, SyncGuard: product.LimitedSync})
		if err != nil {
			return err
		}
		res = &BatchResult{Created: []*product.Price{}, Updated: []*product.Price{}, Deleted: b.Delete}
		for _, c := range changes {
			if !written(writes, c.After) {
				continue // a price sync propagated to, not one the batch names
			}
			if c.Before == nil {
				res.Created = append(res.Created, c.After)
			} else {
				res.Updated = append(res.Updated, c.After)
			}
		}
		if len(b.Delete) > 0 {
			_, err = s.prices.DeletePrices(ctx, tx, product.PriceFilter{IDs: b.Delete, SalesChannelID: &ch.ID}, "")
		}
		return err
	})
	return res, err
}

// batchWrites checks b against ch in tx and returns its creates, then its updates, as price
// writes in minor units.
func (s *Service) batchWrites(ctx context.Context, tx db.DBTX, ch *pricedChannel, b PriceBatch) ([]product.PriceWrite, error) {
	byID, err := s.channelPrices(ctx, tx, ch, b)
	if err != nil {
		return nil, err
	}
	variantIDs := make([]string, len(b.Create))
	for i, c := range b.Create {
		variantIDs[i] = c.VariantID
	}
	missing, err := notSold(ctx, tx, ch.ID, variantIDs)
	if err != nil {
		return nil, err
	}
	if len(missing) > 0 {
		return nil, errNotInChannel(missing, ch.ID)
	}
	writes := make([]product.PriceWrite, 0, len(b.Create)+len(b.Update))
	for _, c := range b.Create {
		if err := ch.requireCurrency(c.CurrencyCode); err != nil {
			return nil, err
		}
		amount, err := money.ToMinor(c.Amount, c.CurrencyCode)
		if err != nil {
			return nil, err
		}
		writes = append(writes, product.PriceWrite{VariantID: c.VariantID, CurrencyCode: c.CurrencyCode, SalesChannelID: &ch.ID, Amount: amount})
	}
	for _, u := range b.Update {
		p := byID[u.ID]
		amount, err := money.ToMinor(u.Amount, p.CurrencyCode)
		if err != nil {
			return nil, err
		}
		writes = append(writes, product.PriceWrite{VariantID: p.VariantID, CurrencyCode: p.CurrencyCode, SalesChannelID: &ch.ID, Amount: amount})
	}
	return writes, nil
}

// channelPrices reads the prices b updates or deletes, by id, refusing the first id in
// request order that is not a live channel price of ch (E16).
func (s *Service) channelPrices(ctx context.Context, tx db.DBTX, ch *pricedChannel, b PriceBatch) (map[string]*product.Price, error) {
	ids := make([]string, 0, len(b.Update)+len(b.Delete))
	for _, u := range b.Update {
		ids = append(ids, u.ID)
	}
	ids = append(ids, b.Delete...)
	byID := map[string]*product.Price{}
	if len(ids) == 0 {
		return byID, nil
	}
	found, err := s.prices.Prices(ctx, tx, product.PriceFilter{IDs: ids, SalesChannelID: &ch.ID})
	if err != nil {
		return nil, err
	}
	for _, p := range found {
		byID[p.ID] = p
	}
	for _, id := range ids {
		if byID[id] == nil {
			return nil, apperr.NotFoundf("Price with id: %s was not found", id)
		}
	}
	return byID, nil
}

// errNotInChannel is E17.
func errNotInChannel(variantIDs []string, channelID string) error {
	return apperr.Invalidf("Product variants with IDs %s are not in sales channel %s", strings.Join(variantIDs, ", "), channelID)
}

// written reports whether p is one of the channel prices writes set.
func written(writes []product.PriceWrite, p *product.Price) bool {
	for _, w := range writes {
		if p != nil && p.SalesChannelID != nil && *p.SalesChannelID == *w.SalesChannelID &&
			p.VariantID == w.VariantID && p.CurrencyCode == w.CurrencyCode {
			return true
		}
	}
	return false
}
