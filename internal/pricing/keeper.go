package pricing

import (
	"context"
	"fmt"

	"channeld/internal/audit"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/product"
	"channeld/internal/saleschannel"
)

// Keeper drops the explicit prices and the price inheritance rules that a channel change
// leaves without a place (channel-model.md §1.3): the sales channel module calls it inside
// its changing transaction. Prices go through the product module's PriceBook, which records
// their entries; rules are pricing's own rows.
type Keeper struct {
	prices *product.PriceBook
	audit  *audit.Recorder
}

// The sales channel service drops prices and rules through its PriceKeeper interface.
var _ saleschannel.PriceKeeper = (*Keeper)(nil)

// NewKeeper returns a Keeper deleting prices through prices and recording rule deletions
// with rec.
func NewKeeper(prices *product.PriceBook, rec *audit.Recorder) *Keeper {
	return &Keeper{prices: prices, audit: rec}
}

// CurrenciesRemoved deletes the channel's explicit prices in currencies and its rules for
// them, with cause currency_removed. Rules of other channels reading from the channel in
// those currencies stay: they now find no source price and fall through (§3.2 step 1).
func (k *Keeper) CurrenciesRemoved(ctx context.Context, tx db.DBTX, channelID string, currencies []string) error {
	f := product.PriceFilter{SalesChannelID: &channelID, Currencies: currencies}
	if _, err := k.prices.DeletePrices(ctx, tx, f, audit.CauseCurrencyRemoved); err != nil {
		return err
	}
	w := sqlq.NewWhere("LIKE")
	w.Eq("sales_channel_id", channelID)
	w.In("currency_code", currencies)
	return k.deleteRules(ctx, tx, w, audit.CauseCurrencyRemoved)
}

// ChannelDeleted deletes the channel's explicit prices and every rule it is the target or
// the source of, with cause channel_deleted.
func (k *Keeper) ChannelDeleted(ctx context.Context, tx db.DBTX, channelID string) error {
	f := product.PriceFilter{SalesChannelID: &channelID}
	if _, err := k.prices.DeletePrices(ctx, tx, f, audit.CauseChannelDeleted); err != nil {
		return err
	}
	w := sqlq.NewWhere("LIKE")
	arg := w.Arg(channelID)
	w.Add("(sales_channel_id = " + arg + " OR source_sales_channel_id = " + arg + ")")
	return k.deleteRules(ctx, tx, w, audit.CauseChannelDeleted)
}

// deleteRules deletes the rules w selects and records a price_inheritance.deleted entry for
// each, in the channel of the rule.
func (k *Keeper) deleteRules(ctx context.Context, tx db.DBTX, w *sqlq.Where, cause string) error {
	rules, err := sqlq.Collect(ctx, tx, scanRule, `SELECT `+ruleColumns+` FROM price_inheritance`+w.SQL()+` ORDER BY id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("read price inheritance rules to delete: %w", err)
	}
	if len(rules) == 0 {
		return nil
	}
	ids := make([]string, len(rules))
	entries := make([]audit.Entry, len(rules))
	for i, r := range rules {
		channelID := r.SalesChannelID
		ids[i] = r.ID
		entries[i] = audit.Entry{Action: "price_inheritance.deleted", Resource: "price_inheritance", ResourceID: r.ID,
			SalesChannelID: &channelID, Cause: cause, Before: ruleRecord(r)}
	}
	var args []any
	if err := sqlq.Exec(ctx, tx, "delete price inheritance rules",
		`DELETE FROM price_inheritance WHERE id IN (`+sqlq.In(&args, ids...)+`)`, args...); err != nil {
		return err
	}
	return k.audit.Record(ctx, tx, entries...)
}
