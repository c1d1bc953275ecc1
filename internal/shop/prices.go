package shop

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"channeld/internal/platform/db"
	"channeld/internal/pricepref"
)

// PriceSettings reads the store settings that price writes follow, inside the writing
// transaction. It needs only the handle it is given, so the product module's price book,
// built before the store service, holds one (it implements product.StorePricing).
type PriceSettings struct{}

// SyncsPrices tells whether the store has automatic price sync on; a missing store has not.
func (PriceSettings) SyncsPrices(ctx context.Context, q db.DBTX) (bool, error) {
	var on bool
	err := q.QueryRowContext(ctx, `SELECT sync_prices_across_channels FROM store LIMIT 1`).Scan(&on)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read the store's price sync setting: %w", err)
	}
	return on, nil
}

// BaseTaxInclusive tells whether base prices in currency include tax: the store's flag for
// the currency (its currency_code price preference), false when the store does not list it
// (channel-model.md §1.4).
func (PriceSettings) BaseTaxInclusive(ctx context.Context, q db.DBTX, currency string) (bool, error) {
	var inclusive bool
	err := q.QueryRowContext(ctx, `SELECT `+pricepref.TaxInclusiveSQL("currency_code")+` FROM store_currency
		WHERE currency_code = $1 ORDER BY id LIMIT 1`, currency).Scan(&inclusive)
	if errors.Is(err, sql.ErrNoRows) {
		return false, nil
	}
	if err != nil {
		return false, fmt.Errorf("read the store's tax inclusivity of %s: %w", currency, err)
	}
	return inclusive, nil
}
