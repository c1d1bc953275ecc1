package saleschannel

import (
	"context"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// loadSettings fills the currencies and locales of cs, one read each.
func loadSettings(ctx context.Context, q db.DBTX, cs []*SalesChannel) error {
	if len(cs) == 0 {
		return nil
	}
	byID := make(map[string]*SalesChannel, len(cs))
	ids := make([]string, len(cs))
	for i, c := range cs {
		byID[c.ID], ids[i] = c, c.ID
		c.Currencies, c.Locales = []Currency{}, []Locale{}
	}
	var args []any
	in := sqlq.In(&args, ids...)
	rows, err := q.QueryContext(ctx, `SELECT sales_channel_id, currency_code, is_default, is_tax_inclusive
		FROM sales_channel_currency WHERE sales_channel_id IN (`+in+`) ORDER BY sales_channel_id, currency_code`, args...)
	if err != nil {
		return fmt.Errorf("read channel currencies: %w", err)
	}
	defer rows.Close()
	for rows.Next() {
		var channelID string
		var cur Currency
		if err := rows.Scan(&channelID, &cur.Code, &cur.IsDefault, &cur.IsTaxInclusive); err != nil {
			return fmt.Errorf("read channel currencies: %w", err)
		}
		byID[channelID].Currencies = append(byID[channelID].Currencies, cur)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	lrows, err := q.QueryContext(ctx, `SELECT sales_channel_id, locale_code, is_default
		FROM sales_channel_locale WHERE sales_channel_id IN (`+in+`) ORDER BY sales_channel_id, locale_code`, args...)
	if err != nil {
		return fmt.Errorf("read channel locales: %w", err)
	}
	defer lrows.Close()
	for lrows.Next() {
		var channelID string
		var l Locale
		if err := lrows.Scan(&channelID, &l.Code, &l.IsDefault); err != nil {
			return fmt.Errorf("read channel locales: %w", err)
		}
		byID[channelID].Locales = append(byID[channelID].Locales, l)
	}
	return lrows.Err()
}

// writeSettings replaces the currencies and locales of c with its own, inside tx.
func writeSettings(ctx context.Context, tx db.DBTX, c *SalesChannel) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM sales_channel_currency WHERE sales_channel_id = $1`, c.ID); err != nil {
		return fmt.Errorf("clear the currencies of %s: %w", c.ID, err)
	}
	for _, cur := range c.Currencies {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sales_channel_currency (sales_channel_id, currency_code, is_default, is_tax_inclusive)
			VALUES ($1, $2, $3, $4)`, c.ID, cur.Code, cur.IsDefault, cur.IsTaxInclusive); err != nil {
			return fmt.Errorf("add currency %s to %s: %w", cur.Code, c.ID, err)
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM sales_channel_locale WHERE sales_channel_id = $1`, c.ID); err != nil {
		return fmt.Errorf("clear the locales of %s: %w", c.ID, err)
	}
	for _, l := range c.Locales {
		if _, err := tx.ExecContext(ctx, `INSERT INTO sales_channel_locale (sales_channel_id, locale_code, is_default)
			VALUES ($1, $2, $3)`, c.ID, l.Code, l.IsDefault); err != nil {
			return fmt.Errorf("add locale %s to %s: %w", l.Code, c.ID, err)
		}
	}
	return nil
}

// OfSellers returns, read through q, the live channels of each of sellerIDs, ordered by id.
func (s *Service) OfSellers(ctx context.Context, q db.DBTX, sellerIDs []string) (map[string][]*SalesChannel, error) {
	out := map[string][]*SalesChannel{}
	if len(sellerIDs) == 0 {
		return out, nil
	}
	var args []any
	rows, err := q.QueryContext(ctx, `SELECT `+columns+` FROM sales_channel WHERE seller_id IN (`+sqlq.In(&args, sellerIDs...)+`)
		AND deleted_at IS NULL ORDER BY id`, args...)
	if err != nil {
		return nil, fmt.Errorf("read the channels of sellers: %w", err)
	}
	defer rows.Close()
	var chans []*SalesChannel
	for rows.Next() {
		c, err := scan(rows)
		if err != nil {
			return nil, fmt.Errorf("read the channels of sellers: %w", err)
		}
		chans = append(chans, c)
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	for _, c := range chans {
		out[*c.SellerID] = append(out[*c.SellerID], c)
	}
	return out, nil
}

// applySettings sets on c the settings in sends and the seller when setSeller, refusing in
// the spec's order: currencies, locales (bounded by the store's, read only when locales are
// sent), then a seller that does not exist.
func (s *Service) applySettings(ctx context.Context, tx db.DBTX, c *SalesChannel, in SettingsInput, setSeller bool, sellerID *string) error {
	var err error
	if c.Currencies, _, err = in.currencies(c.Currencies); err != nil {
		return err
	}
	var storeLocales []string
	if in.Locales != nil || in.DefaultLocale != nil {
		if storeLocales, err = s.store.StoreLocaleCodes(ctx, tx); err != nil {
			return err
		}
	}
	if c.Locales, _, err = in.locales(c.Locales, storeLocales); err != nil {
		return err
	}
	if !setSeller {
		return nil
	}
	if sellerID != nil {
		ok, err := s.sellers.Exists(ctx, tx, *sellerID)
		if err != nil {
			return err
		}
		if !ok {
			return apperr.Invalidf("Seller with id: %s was not found", *sellerID)
		}
	}
	c.SellerID = sellerID
	return nil
}

// Locales returns, read through q, the locales of a live channel ordered by code; none for a
// channel that is not language-configured or does not exist (a storefront then falls back to
// what was asked for, never to an error).
func (s *Service) Locales(ctx context.Context, q db.DBTX, channelID string) ([]Locale, error) {
	out, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (Locale, error) {
		var l Locale
		err := r.Scan(&l.Code, &l.IsDefault)
		return l, err
	}, `SELECT locale_code, is_default FROM sales_channel_locale WHERE sales_channel_id = $1 ORDER BY locale_code`, channelID)
	if err != nil {
		return nil, fmt.Errorf("read the locales of %s: %w", channelID, err)
	}
	return out, nil
}
