package pricing

import (
	"context"
	"slices"

	"channeld/internal/platform/db"
)

// TableFilter narrows a channel's effective price table; a nil list does not filter.
type TableFilter struct {
	VariantIDs, ProductIDs, Currencies []string
	// Sources keeps rows whose source is one of these (SourceOverride ... SourceNone).
	Sources       []string
	Offset, Limit int
}

// TableRow is one row of a channel's effective price table (channel-model.md §2.3): what a
// variant costs in the channel in one currency. Price is nil when it has no price there.
type TableRow struct {
	VariantID, ProductID, CurrencyCode string
	Price                              *Resolved
}

// Source is the row's source, SourceNone when it has no price.
func (r TableRow) Source() string {
	if r.Price == nil {
		return SourceNone
	}
	return r.Price.Source
}

// resolveChunk bounds how many variants one Resolve reads, so its IN list stays far below
// either engine's parameter limit.
const resolveChunk = 500

// Table returns a page of channelID's effective price table and how many rows f selects.
// Without a source filter only the page's variants are priced, one chain per currency; a
// source is known only once priced, so with one every selected cell is priced first.
func (s *Service) Table(ctx context.Context, channelID string, f TableFilter) ([]TableRow, int, error) {
	q := s.read()
	ch, err := s.channel(ctx, q, channelID, false)
	if err != nil {
		return nil, 0, err
	}
	if f.Sources == nil {
		cells, count, err := tableCells(ctx, q, ch, f, false)
		if err != nil {
			return nil, 0, err
		}
		rows, err := priceCells(ctx, q, ch.ID, cells)
		return rows, count, err
	}
	cells, _, err := tableCells(ctx, q, ch, f, true)
	if err != nil {
		return nil, 0, err
	}
	rows, err := priceCells(ctx, q, ch.ID, cells)
	if err != nil {
		return nil, 0, err
	}
	rows = slices.DeleteFunc(rows, func(r TableRow) bool { return !slices.Contains(f.Sources, r.Source()) })
	count := len(rows)
	start := min(f.Offset, count)
	return rows[start:min(start+f.Limit, count)], count, nil
}

// priceCells resolves each cell's effective price, in the cells' order.
func priceCells(ctx context.Context, q db.DBTX, channelID string, cells []tableCell) ([]TableRow, error) {
	byCurrency := map[string][]string{}
	for _, c := range cells {
		byCurrency[c.Currency] = append(byCurrency[c.Currency], c.VariantID)
	}
	prices := make(map[string]map[string]Resolved, len(byCurrency))
	for k, variantIDs := range byCurrency {
		got, err := effectivePrices(ctx, q, channelID, k, variantIDs)
		if err != nil {
			return nil, err
		}
		prices[k] = got
	}
	rows := make([]TableRow, len(cells))
	for i, c := range cells {
		rows[i] = TableRow{VariantID: c.VariantID, ProductID: c.ProductID, CurrencyCode: c.Currency}
		if p, ok := prices[c.Currency][c.VariantID]; ok {
			rows[i].Price = &p
		}
	}
	return rows, nil
}

// effectivePrices resolves variantIDs at channelID ("" for the base prices) in currency, in
// chunks, through one chain.
func effectivePrices(ctx context.Context, q db.DBTX, channelID, currency string, variantIDs []string) (map[string]Resolved, error) {
	chain, err := LoadChain(ctx, q, channelID, currency)
	if err != nil {
		return nil, err
	}
	out := make(map[string]Resolved, len(variantIDs))
	for chunk := range slices.Chunk(variantIDs, resolveChunk) {
		got, err := chain.Resolve(ctx, q, chunk)
		if err != nil {
			return nil, err
		}
		for vid, r := range got {
			out[vid] = r
		}
	}
	return out, nil
}
