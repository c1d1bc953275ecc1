package pricing

import (
	"context"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// The SQL of the price_inheritance table as the rule routes write it. Names carry
// "inheritance" so that other files of the package can hold their own rule queries.

// ruleNotFound is the rule routes' 404.
const ruleNotFound = "Price inheritance with id: %s was not found"

// readInheritanceRule returns channelID's rule ruleID read through q (lock appended: the
// engine's FOR UPDATE when the caller rewrites it), or the 404.
func readInheritanceRule(ctx context.Context, q db.DBTX, channelID, ruleID, lock string) (*Rule, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+ruleColumns+` FROM price_inheritance
		WHERE id = $1 AND sales_channel_id = $2`+lock, ruleID, channelID),
		scanRule, apperr.NotFoundf(ruleNotFound, ruleID), "read price inheritance "+ruleID)
}

// listInheritanceRules returns a page of channelID's rules ordered by currency, and their
// count.
func listInheritanceRules(ctx context.Context, q db.DBTX, channelID string, offset, limit int) ([]*Rule, int, error) {
	w := sqlq.NewWhere("LIKE")
	w.Eq("sales_channel_id", channelID)
	return sqlq.List[*Rule]{From: "price_inheritance", Columns: ruleColumns, Scan: scanRule}.
		Run(ctx, q, "price inheritance rules", w, " ORDER BY currency_code", limit, offset)
}

// allInheritanceRules returns every rule, to check a written rule's chain: there is at most
// one rule per channel and currency, so the table stays small.
func allInheritanceRules(ctx context.Context, q db.DBTX) ([]*Rule, error) {
	rules, err := sqlq.Collect(ctx, q, scanRule, `SELECT `+ruleColumns+` FROM price_inheritance ORDER BY id`)
	if err != nil {
		return nil, fmt.Errorf("read price inheritance rules: %w", err)
	}
	return rules, nil
}

// hasInheritanceRule reports whether channelID has a rule for currency.
func hasInheritanceRule(ctx context.Context, q db.DBTX, channelID, currency string) (bool, error) {
	var n int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM price_inheritance WHERE sales_channel_id = $1 AND currency_code = $2`,
		channelID, currency).Scan(&n); err != nil {
		return false, fmt.Errorf("read the %s rule of %s: %w", currency, channelID, err)
	}
	return n > 0, nil
}

// saveInheritanceRule inserts r, or rewrites it when update is set; a second rule for the
// same channel and currency is E19.
func saveInheritanceRule(ctx context.Context, tx db.DBTX, r *Rule, update bool) error {
	if update {
		return sqlq.Exec(ctx, tx, "update price inheritance "+r.ID, `UPDATE price_inheritance SET source_sales_channel_id = $2,
			source_currency_code = $3, factor = $4, rounding_increment = $5, rounding_mode = $6, rounding_offset = $7,
			updated_at = $8 WHERE id = $1`, r.ID, r.SourceChannelID, r.SourceCurrency, r.Factor,
			r.Rounding.Increment, string(r.Rounding.Mode), r.Rounding.Offset, db.Time{Time: r.UpdatedAt})
	}
	return sqlq.ExecUnique(ctx, tx, errAlreadyInherits(r.SalesChannelID, r.CurrencyCode), "insert price inheritance "+r.ID,
		`INSERT INTO price_inheritance (`+ruleColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
		r.ID, r.SalesChannelID, r.CurrencyCode, r.SourceChannelID, r.SourceCurrency, r.Factor,
		r.Rounding.Increment, string(r.Rounding.Mode), r.Rounding.Offset, db.Time{Time: r.CreatedAt}, db.Time{Time: r.UpdatedAt})
}

// deleteInheritanceRule deletes rule ruleID.
func deleteInheritanceRule(ctx context.Context, tx db.DBTX, ruleID string) error {
	return sqlq.Exec(ctx, tx, "delete price inheritance "+ruleID, `DELETE FROM price_inheritance WHERE id = $1`, ruleID)
}

func errAlreadyInherits(channelID, currency string) error {
	return apperr.Invalidf("Sales channel %s already inherits %s prices", channelID, currency)
}
