package product

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

// Counts of channel sets. A page read through several channels at once (a publishable key
// with several, an admin limited to several) shows how many distinct products those channels
// hold; counting them costs what the channels hold. Instead, the first page a set asks for
// registers it: its members go into product_count_member and its count into product_count,
// under a scope of its own, counted that once. From then on Listing.Products moves the count
// in the transaction of every change to a member channel's listing rows, as it moves the
// counts of single channels, and ChannelChanged counts the set again when a member channel is
// enabled, disabled or deleted. Every set a refresh finds among its products' channels costs
// it a few map lookups, so the sets are capped: past maxCountSets, a new set is counted from
// the listing rows on each read, as before.

// maxCountSets is the most channel sets product_count keeps.
const maxCountSets = 1000

// The scope prefixes of set counts: listed products (storefronts) and linked ones (admin).
const (
	listedSet = "listed-set:"
	linkedSet = "linked-set:"
)

// setScope returns the product_count scope of the channels chans (sorted, unique) under sc.
func setScope(sc listingScope) string {
	sum := sha256.Sum256([]byte(strings.Join(sc.chans, ",")))
	prefix := linkedSet
	if sc.listed {
		prefix = listedSet
	}
	return prefix + hex.EncodeToString(sum[:16])
}

// setCount returns the count of a scope of several channels: its row of product_count, or,
// the first time, the count taken while registering the set.
func (s *Service) setCount(ctx context.Context, q db.DBTX, sc listingScope) (int, error) {
	scope := setScope(sc)
	var n int
	err := q.QueryRowContext(ctx, `SELECT n FROM product_count WHERE scope = $1`, scope).Scan(&n)
	if !errors.Is(err, sql.ErrNoRows) {
		return n, err
	}
	return s.listing.registerSet(ctx, scope, sc)
}

// registerSet records the set sc under scope and counts it, in a transaction of its own:
// the read that asked for it holds no transaction. The count it writes is what a read would
// count, so cached pages stay valid (CacheNeutral). On PostgreSQL it first locks the member
// channels for update: a refresh of their products (which locks them for share) either
// committed before the count is taken, so the count sees it, or waits and then finds the set
// among the members, so it moves the count.
func (l *Listing) registerSet(ctx context.Context, scope string, sc listingScope) (int, error) {
	var n int
	err := l.db.Tx(db.CacheNeutral(ctx), func(tx db.DBTX) error {
		var args []any
		in := sqlq.In(&args, sc.chans...)
		if l.db.Engine == db.Postgres {
			if err := drain(ctx, tx, `SELECT id FROM sales_channel WHERE id IN (`+in+`) ORDER BY id FOR UPDATE`, args); err != nil {
				return fmt.Errorf("lock channels: %w", err)
			}
		}
		count := `SELECT count(DISTINCT product_id) FROM product_listing WHERE sales_channel_id IN (` + in + `)` + sc.cond()
		var sets int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM product_count WHERE scope >= $1 AND scope < $2`,
			scope[:len(listedSet)-1], scope[:len(listedSet)-1]+";").Scan(&sets); err != nil {
			return fmt.Errorf("count channel sets: %w", err)
		}
		if sets >= maxCountSets {
			return tx.QueryRowContext(ctx, count, args...).Scan(&n)
		}
		var members []any
		values := make([]string, len(sc.chans))
		for i, c := range sc.chans {
			values[i] = "(" + sqlq.In(&members, scope, c) + ")"
		}
		if _, err := tx.ExecContext(ctx, `INSERT INTO product_count_member (scope, sales_channel_id) VALUES `+
			strings.Join(values, ", ")+` ON CONFLICT DO NOTHING`, members...); err != nil {
			return fmt.Errorf("record channel set: %w", err)
		}
		if err := tx.QueryRowContext(ctx, count, args...).Scan(&n); err != nil {
			return err
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO product_count (scope, n) VALUES ($1, $2)
			ON CONFLICT (scope) DO UPDATE SET n = excluded.n`, scope, n)
		return err
	})
	if err != nil {
		return 0, fmt.Errorf("register channel set: %w", err)
	}
	return n, nil
}

// listingRow is a listing row a refresh removed or wrote.
type listingRow struct {
	product, channel string
	listed           bool
}

// moveSets adds to c how the counts of the registered sets move when the listing rows of
// some products go from before to after (all their rows, both ways).
func (c countDeltas) moveSets(ctx context.Context, tx db.DBTX, before, after []listingRow) error {
	touched := map[string]bool{}
	for _, r := range append(append([]listingRow(nil), before...), after...) {
		touched[r.channel] = true
	}
	if len(touched) == 0 {
		return nil
	}
	chans := make([]string, 0, len(touched))
	for ch := range touched {
		chans = append(chans, ch)
	}
	var args []any
	rows, err := tx.QueryContext(ctx, `SELECT scope, sales_channel_id FROM product_count_member
		WHERE sales_channel_id IN (`+sqlq.In(&args, chans...)+`)`, args...)
	if err != nil {
		return fmt.Errorf("read channel sets: %w", err)
	}
	defer rows.Close()
	members := map[string]map[string]bool{} // scope → its channels among the touched ones
	for rows.Next() {
		var scope, ch string
		if err := rows.Scan(&scope, &ch); err != nil {
			return fmt.Errorf("read channel sets: %w", err)
		}
		if members[scope] == nil {
			members[scope] = map[string]bool{}
		}
		members[scope][ch] = true
	}
	if err := rows.Err(); err != nil || len(members) == 0 {
		return err
	}
	// in reports, per product, whether rows put it in the set.
	in := func(rows []listingRow, scope string) map[string]bool {
		out := map[string]bool{}
		listedOnly := strings.HasPrefix(scope, listedSet)
		for _, r := range rows {
			if members[scope][r.channel] && (r.listed || !listedOnly) {
				out[r.product] = true
			}
		}
		return out
	}
	for scope := range members {
		was, is := in(before, scope), in(after, scope)
		c[scope] += int64(len(is))
		c[scope] -= int64(len(was))
	}
	return nil
}

// recountSets counts again the listed sets holding channelID, after it was enabled or
// disabled: a cost in the sets' size, paid by the rare change.
func recountSets(ctx context.Context, tx db.DBTX, channelID string) error {
	if _, err := tx.ExecContext(ctx, `UPDATE product_count SET n = (SELECT count(DISTINCT l.product_id) FROM product_listing l
			WHERE l.listed AND l.sales_channel_id IN (SELECT m.sales_channel_id FROM product_count_member m WHERE m.scope = product_count.scope))
		WHERE scope IN (SELECT scope FROM product_count_member WHERE sales_channel_id = $1) AND scope >= $2 AND scope < $3`,
		channelID, listedSet, strings.TrimSuffix(listedSet, ":")+";"); err != nil {
		return fmt.Errorf("count the channel sets of %s: %w", channelID, err)
	}
	return nil
}

// dropSets forgets the sets holding channelID, after it was deleted; a page that asks for
// one again registers it again.
func dropSets(ctx context.Context, tx db.DBTX, channelID string) error {
	for _, q := range []string{
		`DELETE FROM product_count WHERE scope IN (SELECT scope FROM product_count_member WHERE sales_channel_id = $1)`,
		`DELETE FROM product_count_member WHERE scope IN (SELECT scope FROM product_count_member WHERE sales_channel_id = $1)`,
	} {
		if _, err := tx.ExecContext(ctx, q, channelID); err != nil {
			return fmt.Errorf("forget the channel sets of %s: %w", channelID, err)
		}
	}
	return nil
}
