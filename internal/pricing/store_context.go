package pricing

import (
	"context"
	"database/sql"
	"fmt"
	"math/big"
	"time"

	"channeld/internal/platform/db"
	"channeld/internal/platform/money"
	"channeld/internal/platform/sqlq"
	"channeld/internal/saleschannel"
)

// A store read or a cart prices in one channel and one currency (channel-model.md §2.4).
// Everything needed to choose the currency and to price in it — the region's currency, the
// channel's currency settings, the store's default region's currency and the inheritance
// chain of the chosen currency — comes from one statement, so that a priced page costs no
// more statements than an unpriced one plus this and Chain.Resolve.

// StoreQuery is what a store request brings to pricing. Empty strings are absent values.
type StoreQuery struct {
	ChannelID string // the pricing channel; "" for none (base prices only)
	RegionID  string
	Currency  string // lower-case; the request's currency_code or a cart's currency
}

// StoreContext is what StoreQuery finds: the candidates for the currency and, for the
// currency chosen by the first of them that is set, the channel's settings and chain.
type StoreContext struct {
	// RegionCurrency is the region's currency; "" when no region was given or it is missing.
	RegionCurrency string
	// ChannelDefault is the channel's default currency; "" when it is not currency-configured.
	ChannelDefault string
	// StoreCurrency is the currency of the store's default region; "" when it has none.
	StoreCurrency string
	// Currency is the first of StoreQuery.Currency, RegionCurrency, ChannelDefault and
	// StoreCurrency that is set; "" when none is.
	Currency string
	// Configured says the channel has supported currencies; Offered that Currency is one of
	// them, and TaxInclusive is its is_tax_inclusive.
	Configured, Offered, TaxInclusive bool
	// Chain prices in Currency for the channel (the base prices when there is none).
	Chain Chain
}

// ErrCurrencyNotOffered is E1: a currency-configured channel does not sell in currency.
var ErrCurrencyNotOffered = saleschannel.ErrCurrencyNotOffered

// storeContextQuery reads the currency candidates ($1 channel, $2 region, $3 currency), picks
// the currency and follows its inheritance chain; one row per rule in chain order, or one row
// with NULL rule columns when there is no rule. The chain part is chainQuery's.
const storeContextQuery = `WITH RECURSIVE candidates AS (
	SELECT
		(SELECT LOWER(currency_code) FROM region WHERE id = $2 AND deleted_at IS NULL) AS region_currency,
		(SELECT currency_code FROM sales_channel_currency WHERE sales_channel_id = $1 AND is_default) AS channel_default,
		(SELECT LOWER(r.currency_code) FROM store s JOIN region r ON r.id = s.default_region_id AND r.deleted_at IS NULL) AS store_currency,
		(SELECT count(*) FROM sales_channel_currency WHERE sales_channel_id = $1) AS channel_currencies
), picked AS (
	SELECT c.*, COALESCE(NULLIF($3, ''), c.region_currency, c.channel_default, c.store_currency) AS currency_code FROM candidates c
), chain (depth, id, sales_channel_id, currency_code, source_sales_channel_id,
	source_currency_code, factor, rounding_increment, rounding_mode, rounding_offset, created_at, updated_at) AS (
	SELECT 0, ` + ruleColumns + ` FROM price_inheritance
	WHERE sales_channel_id = $1 AND currency_code = (SELECT currency_code FROM picked)
	UNION ALL
	SELECT c.depth + 1, r.id, r.sales_channel_id, r.currency_code, r.source_sales_channel_id, r.source_currency_code,
		r.factor, r.rounding_increment, r.rounding_mode, r.rounding_offset, r.created_at, r.updated_at
	FROM price_inheritance r JOIN chain c ON r.sales_channel_id = c.source_sales_channel_id
		AND r.currency_code = c.source_currency_code
	WHERE c.depth < 5)
SELECT p.region_currency, p.channel_default, p.store_currency, p.channel_currencies, p.currency_code,
	(SELECT x.is_tax_inclusive FROM sales_channel_currency x WHERE x.sales_channel_id = $1 AND x.currency_code = p.currency_code),
	ch.id, ch.sales_channel_id, ch.currency_code, ch.source_sales_channel_id, ch.source_currency_code, ch.factor,
	ch.rounding_increment, ch.rounding_mode, ch.rounding_offset, ch.created_at, ch.updated_at
FROM picked p LEFT JOIN chain ch ON 1 = 1 ORDER BY ch.depth`

// LoadStoreContext reads the pricing context of sq in one statement on q.
func LoadStoreContext(ctx context.Context, q db.DBTX, sq StoreQuery) (StoreContext, error) {
	rows, err := sqlq.Collect(ctx, q, scanContextRow, storeContextQuery, sq.ChannelID, sq.RegionID, sq.Currency)
	if err != nil {
		return StoreContext{}, fmt.Errorf("read the pricing context of channel %q: %w", sq.ChannelID, err)
	}
	if len(rows) == 0 {
		return StoreContext{}, fmt.Errorf("read the pricing context of channel %q: no row", sq.ChannelID)
	}
	out := rows[0].StoreContext
	out.Chain = Chain{Start: Node{Currency: out.Currency}}
	if sq.ChannelID == "" {
		return out, nil
	}
	out.Chain.Start.Channel = &sq.ChannelID
	for _, r := range rows {
		if r.rule != nil {
			out.Chain.Rules = append(out.Chain.Rules, r.rule)
		}
	}
	return out, nil
}

// contextRow is one row of storeContextQuery: the context, repeated, and a rule or nil.
type contextRow struct {
	StoreContext
	rule *Rule
}

func scanContextRow(row sqlq.Scanner) (contextRow, error) {
	var region, def, store, cur, id, channel, currency, source, srcCur, factor, mode sql.NullString
	var count int64
	var taxInclusive sql.NullBool
	var increment, offset sql.NullInt64
	var created, updated *time.Time
	if err := row.Scan(&region, &def, &store, &count, &cur, &taxInclusive, &id, &channel, &currency, &source,
		&srcCur, &factor, &increment, &mode, &offset, db.NullTimeDest(&created), db.NullTimeDest(&updated)); err != nil {
		return contextRow{}, err
	}
	out := contextRow{StoreContext: StoreContext{RegionCurrency: region.String, ChannelDefault: def.String,
		StoreCurrency: store.String, Currency: cur.String, Configured: count > 0, Offered: taxInclusive.Valid,
		TaxInclusive: taxInclusive.Bool}}
	if !id.Valid {
		return out, nil
	}
	r := &Rule{ID: id.String, SalesChannelID: channel.String, CurrencyCode: currency.String, SourceCurrency: srcCur.String,
		Factor: factor.String, Rounding: money.Rounding{Increment: increment.Int64, Offset: offset.Int64, Mode: money.RoundMode(mode.String)}}
	if source.Valid {
		r.SourceChannelID = &source.String
	}
	if created != nil && updated != nil {
		r.CreatedAt, r.UpdatedAt = *created, *updated
	}
	ratio, ok := new(big.Rat).SetString(r.Factor)
	if !ok {
		return contextRow{}, fmt.Errorf("price inheritance %s has factor %q, not a decimal", r.ID, r.Factor)
	}
	r.Ratio = ratio
	out.rule = r
	return out, nil
}
