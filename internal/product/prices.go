package product

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"channeld/internal/audit"
	"channeld/internal/outbox"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/money"
	"channeld/internal/platform/sqlq"
)

// PriceWrite sets one explicit price: the base price of (variant, currency) when
// SalesChannelID is nil, else that channel's price.
type PriceWrite struct {
	VariantID      string
	CurrencyCode   string
	SalesChannelID *string
	Amount         int64
}

// PriceChange is one explicit price a write touched: Before is nil for a created price,
// After is nil for a deleted one.
type PriceChange struct {
	Before, After *Price
}

// PriceFilter selects explicit prices; empty fields do not filter. Channel prices of one
// channel are selected with SalesChannelID, base prices with BaseOnly.
type PriceFilter struct {
	IDs            []string
	VariantIDs     []string
	ProductIDs     []string
	Currencies     []string
	SalesChannelID *string
	BaseOnly       bool
}

func (f PriceFilter) where() *sqlq.Where {
	w := sqlq.NewWhere("LIKE")
	w.Add("deleted_at IS NULL")
	w.InFilter("id", f.IDs)
	w.InFilter("variant_id", f.VariantIDs)
	w.InFilter("currency_code", f.Currencies)
	if f.ProductIDs != nil {
		w.Add("variant_id IN (SELECT id FROM product_variant WHERE product_id IN (" + w.ArgList(f.ProductIDs) + "))")
	}
	switch {
	case f.SalesChannelID != nil:
		w.Eq("sales_channel_id", *f.SalesChannelID)
	case f.BaseOnly:
		w.Add("sales_channel_id IS NULL")
	}
	return w
}

// PriceBook reads and writes explicit prices and records their audit entries. It needs
// only the database, so that modules built before the product service (sales channels drop a
// channel's prices through it) can hold one.
type PriceBook struct {
	now   clock.Clock
	newID id.Source
	audit *audit.Recorder
	store StorePricing
}

// StorePricing is what price writes read of the store, inside their transaction: whether
// automatic price sync is on, and whether base prices in a currency include tax. The shop
// module implements it (shop.PriceSettings).
type StorePricing interface {
	SyncsPrices(ctx context.Context, q db.DBTX) (bool, error)
	BaseTaxInclusive(ctx context.Context, q db.DBTX, currency string) (bool, error)
}

// NewPriceBook returns a PriceBook stamping rows with now and ids from newID, recording
// entries with rec; store says when writes sync (channel-model.md §3.1).
func NewPriceBook(now clock.Clock, newID id.Source, rec *audit.Recorder, store StorePricing) *PriceBook {
	return &PriceBook{now: now, newID: newID, audit: rec, store: store}
}

// Prices returns the explicit prices f selects, ordered by variant, currency, base first.
func (s *PriceBook) Prices(ctx context.Context, q db.DBTX, f PriceFilter) ([]*Price, error) {
	w := f.where()
	ps, err := sqlq.Collect(ctx, q, scanPrice, `SELECT `+priceColumns+` FROM price`+w.SQL()+
		` ORDER BY variant_id, currency_code, sales_channel_id IS NOT NULL, sales_channel_id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("read prices: %w", err)
	}
	return ps, nil
}

// WriteOptions say why prices are written and whether the write propagates.
type WriteOptions struct {
	// Cause is the audit cause; "" for a change the caller asked for directly.
	Cause string
	// Sync applies the store's automatic price sync (channel-model.md §3.1) when the store
	// has it on: direct writes through the variant and channel price routes set it; copies
	// and deletions implied by other changes do not.
	Sync bool
	// SyncGuard, when set, is asked before sync changes prices of the channels it names
	// (ascending; base prices name none) and refuses with its error. It is the seam for
	// channel-limited writers (E36), who may not reach channels they cannot update; nil lets
	// sync reach every channel.
	SyncGuard func(ctx context.Context, channelIDs []string) error
}

// WritePrices sets each explicit price in writes on tx, creating the row when (variant,
// currency, channel) has none, and records an audit entry per price whose amount changed.
// A write that keeps the amount is still returned, as an update whose Before equals After.
// Currencies must be normalized by the caller.
func (s *PriceBook) WritePrices(ctx context.Context, tx db.DBTX, writes []PriceWrite, opts WriteOptions) ([]PriceChange, error) {
	cause := opts.Cause
	now := s.now()
	out := make([]PriceChange, 0, len(writes))
	for _, pw := range writes {
		f := PriceFilter{VariantIDs: []string{pw.VariantID}, Currencies: []string{pw.CurrencyCode},
			SalesChannelID: pw.SalesChannelID, BaseOnly: pw.SalesChannelID == nil}
		found, err := s.Prices(ctx, tx, f)
		if err != nil {
			return nil, err
		}
		if len(found) == 0 {
			p := &Price{ID: s.newID(id.Price), VariantID: pw.VariantID, CurrencyCode: pw.CurrencyCode, Amount: pw.Amount,
				SalesChannelID: pw.SalesChannelID, CreatedAt: now, UpdatedAt: now}
			if err := insertPrice(ctx, tx, p); err != nil {
				return nil, err
			}
			out = append(out, PriceChange{After: p})
			continue
		}
		c, err := setAmount(ctx, tx, found[0], pw.Amount, now)
		if err != nil {
			return nil, err
		}
		out = append(out, c)
	}
	if err := s.auditPrices(ctx, tx, out, cause); err != nil {
		return nil, err
	}
	if opts.Sync {
		if err := s.syncPrices(ctx, tx, out, opts.SyncGuard); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// setAmount changes an explicit price's amount on tx when it differs, and returns the change.
func setAmount(ctx context.Context, tx db.DBTX, before *Price, amount int64, now time.Time) (PriceChange, error) {
	after := *before
	if before.Amount != amount {
		after.Amount, after.UpdatedAt = amount, now
		if err := sqlq.Exec(ctx, tx, "update price", `UPDATE price SET amount = $1, updated_at = $2 WHERE id = $3`,
			after.Amount, db.Time{Time: now}, after.ID); err != nil {
			return PriceChange{}, err
		}
	}
	return PriceChange{Before: before, After: &after}, nil
}

// DeletePrices deletes the explicit prices f selects on tx and records an audit entry for
// each, with cause. It returns the deleted prices.
func (s *PriceBook) DeletePrices(ctx context.Context, tx db.DBTX, f PriceFilter, cause string) ([]*Price, error) {
	gone, err := s.Prices(ctx, tx, f)
	if err != nil || len(gone) == 0 {
		return gone, err
	}
	ids := make([]string, len(gone))
	changes := make([]PriceChange, len(gone))
	for i, p := range gone {
		ids[i], changes[i] = p.ID, PriceChange{Before: p}
	}
	var args []any
	if err := sqlq.Exec(ctx, tx, "delete prices", `DELETE FROM price WHERE id IN (`+sqlq.In(&args, ids...)+`)`, args...); err != nil {
		return nil, err
	}
	return gone, s.auditPrices(ctx, tx, changes, cause)
}

// auditPrices records price.created, price.updated (only when the amount changed) and
// price.deleted entries for changes, and emits the events of the same names.
func (s *PriceBook) auditPrices(ctx context.Context, tx db.DBTX, changes []PriceChange, cause string) error {
	entries := make([]audit.Entry, 0, len(changes))
	events := make([]outbox.Event, 0, len(changes))
	for _, c := range changes {
		e := audit.Entry{Resource: "price", Cause: cause}
		switch {
		case c.Before == nil:
			e.Action, e.ResourceID, e.SalesChannelID = "price.created", c.After.ID, c.After.SalesChannelID
		case c.After == nil:
			e.Action, e.ResourceID, e.SalesChannelID = "price.deleted", c.Before.ID, c.Before.SalesChannelID
		case c.Before.Amount != c.After.Amount:
			e.Action, e.ResourceID, e.SalesChannelID = "price.updated", c.After.ID, c.After.SalesChannelID
		default:
			continue
		}
		e.Before, e.After = auditPrice(c.Before), auditPrice(c.After)
		entries = append(entries, e)
		events = append(events, outbox.IDEvent(e.Action, e.ResourceID))
	}
	if err := outbox.Append(ctx, tx, s.now(), events...); err != nil {
		return err
	}
	return s.audit.Record(ctx, tx, entries...)
}

// auditPrice is a price as an audit entry shows it: amount in major units, as the API does.
func auditPrice(p *Price) any {
	if p == nil {
		return nil
	}
	return struct {
		VariantID    string          `json:"variant_id"`
		CurrencyCode string          `json:"currency_code"`
		Amount       json.RawMessage `json:"amount"`
	}{p.VariantID, p.CurrencyCode, money.AppendMajor(nil, p.Amount, p.CurrencyCode)}
}
