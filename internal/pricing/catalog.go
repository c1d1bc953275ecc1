package pricing

import (
	"context"
	"fmt"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Pricing reads which variants a channel sells from the product module's tables
// (product_variant, product, product_sales_channel) as a read model: a channel prices the
// live variants of the live products linked to it, and the queries below are the only
// place pricing knows those tables.

// linkedVariants joins the live variants of the live products linked to the channel whose
// placeholder is %[1]s; callers add "WHERE v.deleted_at IS NULL".
const linkedVariants = `product_variant v
	JOIN product p ON p.id = v.product_id AND p.deleted_at IS NULL
	JOIN product_sales_channel l ON l.product_id = v.product_id AND l.sales_channel_id = %[1]s`

// channelVariant is a variant a channel sells.
type channelVariant struct{ ID, ProductID string }

// channelVariants returns the variants channelID sells, ordered by id; variantIDs, when not
// nil, narrows them to those ids.
func channelVariants(ctx context.Context, q db.DBTX, channelID string, variantIDs []string) ([]channelVariant, error) {
	w := sqlq.NewWhere("LIKE")
	from := fmt.Sprintf(linkedVariants, w.Arg(channelID))
	w.Add("v.deleted_at IS NULL")
	w.InFilter("v.id", variantIDs)
	vs, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (channelVariant, error) {
		var v channelVariant
		err := r.Scan(&v.ID, &v.ProductID)
		return v, err
	}, `SELECT v.id, v.product_id FROM `+from+w.SQL()+` ORDER BY v.id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("read the variants of %s: %w", channelID, err)
	}
	return vs, nil
}

// notSold returns, in request order and once each, the ids among variantIDs that channelID
// does not sell (E17's list).
func notSold(ctx context.Context, q db.DBTX, channelID string, variantIDs []string) ([]string, error) {
	if len(variantIDs) == 0 {
		return nil, nil
	}
	sold, err := channelVariants(ctx, q, channelID, variantIDs)
	if err != nil {
		return nil, err
	}
	ok := make(map[string]bool, len(sold))
	for _, v := range sold {
		ok[v.ID] = true
	}
	var out []string
	for _, vid := range variantIDs {
		if !ok[vid] {
			ok[vid] = true // listed once
			out = append(out, vid)
		}
	}
	return out, nil
}

// tableCell is one (variant, currency) of a channel's effective price table, before its
// price is resolved.
type tableCell struct{ VariantID, ProductID, Currency string }

// cellScope is the FROM of the effective table's cells of ch narrowed by f, with its
// arguments in w. A configured channel's cells are its variants × its currencies; another's
// are each variant's currencies with a base price or a channel price of ch, and the
// currencies ch has a rule for. Filters go inside each branch so that a narrow request
// reads few rows.
func cellScope(w *sqlq.Where, ch *pricedChannel, f TableFilter) string {
	c := w.Arg(ch.ID)
	linked := fmt.Sprintf(linkedVariants, c)
	branch := func(currencyCol, join string) string {
		b := w.Sub()
		b.Add("v.deleted_at IS NULL")
		b.InFilter("v.id", f.VariantIDs)
		b.InFilter("v.product_id", f.ProductIDs)
		b.InFilter(currencyCol, f.Currencies)
		return `SELECT v.id AS variant_id, v.product_id AS product_id, ` + currencyCol + ` AS currency_code FROM ` +
			linked + join + b.SQL()
	}
	if ch.configured() {
		return "(" + branch("k.currency_code", ` JOIN sales_channel_currency k ON k.sales_channel_id = `+c) + ") s"
	}
	return "(" + branch("pr.currency_code", ` JOIN price pr ON pr.variant_id = v.id AND pr.deleted_at IS NULL
		AND (pr.sales_channel_id IS NULL OR pr.sales_channel_id = `+c+`)`) +
		" UNION " + branch("r.currency_code", ` JOIN price_inheritance r ON r.sales_channel_id = `+c) + ") s"
}

// tableCells returns the count of ch's cells that f selects and, unless all is false and
// the window is empty, the cells themselves: the page f.Offset, f.Limit when all is false,
// every cell when it is true. Cells are ordered by variant, then currency.
func tableCells(ctx context.Context, q db.DBTX, ch *pricedChannel, f TableFilter, all bool) ([]tableCell, int, error) {
	w := sqlq.NewWhere("LIKE")
	from := cellScope(w, ch, f)
	list := sqlq.List[tableCell]{From: from, Columns: "variant_id, product_id, currency_code",
		Scan: func(r sqlq.Scanner) (tableCell, error) {
			var c tableCell
			err := r.Scan(&c.VariantID, &c.ProductID, &c.Currency)
			return c, err
		}}
	const order = " ORDER BY variant_id, currency_code"
	if all {
		cells, err := sqlq.Collect(ctx, q, list.Scan, `SELECT `+list.Columns+` FROM `+from+order, w.Args()...)
		if err != nil {
			return nil, 0, fmt.Errorf("read the price table of %s: %w", ch.ID, err)
		}
		return cells, len(cells), nil
	}
	// w holds only arguments: the branches carry the conditions.
	return list.Run(ctx, q, "the price table of "+ch.ID, w, order, f.Limit, f.Offset)
}
