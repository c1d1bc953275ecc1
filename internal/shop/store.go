package shop

import (
	"context"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/pricepref"
)

const storeColumns = `id, name, default_sales_channel_id, default_region_id, default_location_id, metadata,
	sync_prices_across_channels, created_at, updated_at`

var scanStore = sqlq.Into(func(s *Store) []any {
	return append([]any{&s.ID, &s.Name, &s.DefaultSalesChannelID, &s.DefaultRegionID, &s.DefaultLocationID,
		db.JSONDest(&s.Metadata), &s.SyncPricesAcrossChannels}, db.Stamps(&s.CreatedAt, &s.UpdatedAt)...)
})

func getStore(ctx context.Context, q db.DBTX, id string) (*Store, error) {
	s, err := sqlq.One(q.QueryRowContext(ctx, `SELECT `+storeColumns+` FROM store WHERE id = $1`, id),
		scanStore, apperr.NotFoundf("Store with id: %s was not found", id), "get store "+id)
	if err != nil {
		return nil, err
	}
	if s.Currencies, err = currencies(ctx, q, s.ID); err != nil {
		return nil, err
	}
	s.Locales, err = storeLocales(ctx, q, s.ID)
	return s, err
}

func currencies(ctx context.Context, q db.DBTX, storeID string) ([]Currency, error) {
	out, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (Currency, error) {
		var c Currency
		err := r.Scan(append([]any{&c.ID, &c.Code, &c.IsDefault, &c.IsTaxInclusive}, db.Stamps(&c.CreatedAt, &c.UpdatedAt)...)...)
		return c, err
	}, `SELECT id, currency_code, is_default, `+pricepref.TaxInclusiveSQL("store_currency.currency_code")+`, created_at, updated_at
		FROM store_currency WHERE store_id = $1 ORDER BY id`, storeID)
	if err != nil {
		return nil, fmt.Errorf("list store currencies: %w", err)
	}
	return out, nil
}
