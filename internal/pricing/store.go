package pricing

import (
	"fmt"
	"math/big"

	"channeld/internal/platform/db"
	"channeld/internal/platform/money"
	"channeld/internal/platform/sqlq"
)

// ruleColumns are read by scanRule, in its order.
const ruleColumns = `id, sales_channel_id, currency_code, source_sales_channel_id, source_currency_code, factor,
	rounding_increment, rounding_mode, rounding_offset, created_at, updated_at`

func scanRule(row sqlq.Scanner) (*Rule, error) {
	var r Rule
	var mode string
	if err := row.Scan(append([]any{&r.ID, &r.SalesChannelID, &r.CurrencyCode, &r.SourceChannelID, &r.SourceCurrency,
		&r.Factor, &r.Rounding.Increment, &mode, &r.Rounding.Offset}, db.Stamps(&r.CreatedAt, &r.UpdatedAt)...)...); err != nil {
		return nil, err
	}
	r.Rounding.Mode = money.RoundMode(mode)
	ratio, ok := new(big.Rat).SetString(r.Factor)
	if !ok {
		return nil, fmt.Errorf("price inheritance %s has factor %q, not a decimal", r.ID, r.Factor)
	}
	r.Ratio = ratio
	return &r, nil
}
