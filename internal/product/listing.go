package product

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/saleschannel"
)

// Listing keeps the catalogue's read model in step with the products, their channel links
// and the channels' state, inside the transaction of every change that moves it, so a page
// is read from indexes instead of being computed from the catalogue:
//
//   - product_listing: one row per channel link of a live product, listed when a storefront
//     of that channel sells it (published product, live and enabled channel), with the
//     columns pages sort by;
//   - product_count: the counts pages show ("all", "linked:<channel>", "listed:<channel>");
//   - product_search: the text `q` searches, under a trigram index.
//
// The product service rewrites the rows of the products a use case touched, and the sales
// channel service tells it when a channel is enabled, disabled or deleted (ChannelChanged).
// Listing needs only the database, so the channel service, built before the product
// service, gets one too.
type Listing struct{ db *db.DB }

// The sales channel service keeps the listing in step through its Listings interface.
var _ saleschannel.Listings = (*Listing)(nil)

// NewListing returns the read model keeper on d.
func NewListing(d *db.DB) *Listing { return &Listing{db: d} }

// searchSep joins the fields of a search row. A search term never holds it, so a term
// matches inside one field, as ILIKE on each field would.
const searchSep = "\x1f"

// The rows of a set of products, rewritten whole. The inserts read the products, links and
// channels as they are in the transaction, so whatever changed before the call is what the
// rows show. RETURNING gives the rows that went and came, from which the counts move.
const (
	listingDelete = `DELETE FROM product_listing WHERE product_id IN (%s) RETURNING product_id, sales_channel_id, listed`
	listingInsert = `INSERT INTO product_listing (sales_channel_id, product_id, listed, created_at, title)
		SELECT psc.sales_channel_id, p.id, p.status = 'published' AND NOT sc.is_disabled, p.created_at, p.title
		FROM product_sales_channel psc
		JOIN product p ON p.id = psc.product_id AND p.deleted_at IS NULL
		JOIN sales_channel sc ON sc.id = psc.sales_channel_id AND sc.deleted_at IS NULL
		WHERE psc.product_id IN (%s)
		RETURNING product_id, sales_channel_id, listed`
)

// On PostgreSQL a refresh first locks what its rows depend on, in id order: the products
// (so two refreshes of one product run one after the other, the second seeing the first's
// rows) and, shared, their channels, those they are linked to now and those their listing
// rows still name (so a channel being disabled or deleted, or a channel set being
// registered, waits for the refresh, or the refresh waits for it and then reads its new
// state). SQLite's single writer already serialises them.
const (
	lockProducts = `SELECT id FROM product WHERE id IN (%s) ORDER BY id FOR UPDATE`
	lockChannels = `SELECT id FROM sales_channel WHERE id IN
		(SELECT sales_channel_id FROM product_sales_channel WHERE product_id IN (%[1]s)
		UNION SELECT sales_channel_id FROM product_listing WHERE product_id IN (%[1]s)) ORDER BY id FOR SHARE`
)

// Products rewrites the read model rows of the products ids, as they stand in tx: their
// listing rows, their search rows and the counts. Call it in the transaction that changed
// them, after the change: created, updated, deleted, linked or unlinked products, and
// products whose variants changed.
func (l *Listing) Products(ctx context.Context, tx db.DBTX, ids []string) error {
	ids = uniqueSorted(ids)
	if len(ids) == 0 {
		return nil
	}
	var args []any
	in := sqlq.In(&args, ids...)
	if l.db.Engine == db.Postgres {
		for _, q := range []string{lockProducts, lockChannels} {
			if err := drain(ctx, tx, fmt.Sprintf(q, in), args); err != nil {
				return fmt.Errorf("lock the listing of products: %w", err)
			}
		}
	}
	counts := countDeltas{}
	before, err := counts.collect(ctx, tx, fmt.Sprintf(listingDelete, in), args, -1)
	if err != nil {
		return fmt.Errorf("clear the listing of products: %w", err)
	}
	after, err := counts.collect(ctx, tx, fmt.Sprintf(listingInsert, in), args, 1)
	if err != nil {
		return fmt.Errorf("list products: %w", err)
	}
	if err := counts.moveSets(ctx, tx, before, after); err != nil {
		return err
	}
	live, err := l.search(ctx, tx, ids)
	if err != nil {
		return err
	}
	counts["all"] += live
	return counts.apply(ctx, tx)
}

// ChannelChanged brings the listing of one channel in line with its state after it was
// enabled, disabled or deleted, in the transaction that changed it; the sales channel service
// calls it. A deleted channel's rows and counts go (its links went with it); otherwise its
// rows are listed or not by the channel's state and their products' status, and its listed
// count is counted again: a cost in the channel's size, paid by the rare change, never by
// reads.
func (l *Listing) ChannelChanged(ctx context.Context, tx db.DBTX, channelID string) error {
	var sellable bool
	err := tx.QueryRowContext(ctx, `SELECT NOT is_disabled FROM sales_channel WHERE id = $1 AND deleted_at IS NULL`,
		channelID).Scan(&sellable)
	if errors.Is(err, sql.ErrNoRows) {
		if _, err := tx.ExecContext(ctx, `DELETE FROM product_listing WHERE sales_channel_id = $1`, channelID); err != nil {
			return fmt.Errorf("clear the listing of channel %s: %w", channelID, err)
		}
		if _, err := tx.ExecContext(ctx, `DELETE FROM product_count WHERE scope IN ($1, $2)`,
			"linked:"+channelID, "listed:"+channelID); err != nil {
			return fmt.Errorf("clear the counts of channel %s: %w", channelID, err)
		}
		return dropSets(ctx, tx, channelID)
	}
	if err != nil {
		return fmt.Errorf("read channel %s: %w", channelID, err)
	}
	if _, err := tx.ExecContext(ctx, `UPDATE product_listing SET listed = $2 AND EXISTS
		(SELECT 1 FROM product p WHERE p.id = product_listing.product_id AND p.status = 'published')
		WHERE sales_channel_id = $1`, channelID, sellable); err != nil {
		return fmt.Errorf("list the products of channel %s: %w", channelID, err)
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO product_count (scope, n)
		SELECT CAST($1 AS TEXT), count(*) FROM product_listing WHERE sales_channel_id = $2 AND listed
		ON CONFLICT (scope) DO UPDATE SET n = excluded.n`, "listed:"+channelID, channelID); err != nil {
		return fmt.Errorf("count the products of channel %s: %w", channelID, err)
	}
	return recountSets(ctx, tx, channelID)
}

// countDeltas is how much each count moves.
type countDeltas map[string]int64

// collect runs a statement returning (product_id, sales_channel_id, listed) rows, moves the
// channel's counts by sign for each and returns them.
func (c countDeltas) collect(ctx context.Context, tx db.DBTX, query string, args []any, sign int64) ([]listingRow, error) {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []listingRow
	for rows.Next() {
		var r listingRow
		if err := rows.Scan(&r.product, &r.channel, &r.listed); err != nil {
			return nil, err
		}
		c["linked:"+r.channel] += sign
		if r.listed {
			c["listed:"+r.channel] += sign
		}
		out = append(out, r)
	}
	return out, rows.Err()
}

// apply adds the deltas to the counts in one statement, in scope order, so that concurrent
// transactions on PostgreSQL take the count rows' locks in one order.
func (c countDeltas) apply(ctx context.Context, tx db.DBTX) error {
	scopes := make([]string, 0, len(c))
	for s, n := range c {
		if n != 0 {
			scopes = append(scopes, s)
		}
	}
	if len(scopes) == 0 {
		return nil
	}
	sort.Strings(scopes)
	args := make([]any, 0, 2*len(scopes))
	values := ""
	for i, s := range scopes {
		if i > 0 {
			values += ", "
		}
		args = append(args, s, c[s])
		values += fmt.Sprintf("($%d, $%d)", len(args)-1, len(args))
	}
	if _, err := tx.ExecContext(ctx, `INSERT INTO product_count (scope, n) VALUES `+values+`
		ON CONFLICT (scope) DO UPDATE SET n = product_count.n + excluded.n`, args...); err != nil {
		return fmt.Errorf("count products: %w", err)
	}
	return nil
}

// drain runs a query for its side effects (row locks) and discards the rows.
func drain(ctx context.Context, tx db.DBTX, query string, args []any) error {
	rows, err := tx.QueryContext(ctx, query, args...)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
	}
	return rows.Err()
}

func uniqueSorted(ids []string) []string {
	out := append([]string(nil), ids...)
	sort.Strings(out)
	n := 0
	for i, id := range out {
		if i == 0 || id != out[n-1] {
			out[n] = id
			n++
		}
	}
	return out[:n]
}
