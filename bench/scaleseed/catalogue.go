package main

import (
	"context"
	"fmt"
	"math/rand/v2"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/product"
	"channeld/internal/stock"
)

// sizes are the values of every product's Size option, one per variant.
var sizes = []string{"S", "M", "L", "XL", "XXL"}

// vocabulary is the words titles and descriptions are made of: 5,000 made-up words of five
// to eight letters, consonants and vowels in turn, the same on every run. A word is rarely
// part of another, so a search for one finds the products that hold it: on 100,000 products
// (12 words each, counting their variants' titles) a word is in about a hundred of them.
var vocabulary = func() []string {
	const consonants, vowels = "bcdfghjklmnprstvwz", "aeiou"
	rng := rand.New(rand.NewPCG(42, 42))
	seen := map[string]bool{}
	var out []string
	for len(out) < 5000 {
		var b strings.Builder
		for i := range 5 + rng.IntN(4) {
			letters := consonants
			if i%2 == 1 {
				letters = vowels
			}
			b.WriteByte(letters[rng.IntN(len(letters))])
		}
		if w := b.String(); !seen[w] {
			seen[w] = true
			out = append(out, w)
		}
	}
	return out
}()

// productInput is product number i: its words, channels and variants drawn from a generator
// seeded with i, so the catalogue is the same on every run and every engine.
func (w *world) productInput(i int) (product.CreateInput, []int) {
	rng := rand.New(rand.NewPCG(uint64(i), 7))
	word := func() string { return vocabulary[rng.IntN(len(vocabulary))] }
	first := word()
	title := fmt.Sprintf("%s %s %d", strings.ToUpper(first[:1])+first[1:], word(), i)
	desc := fmt.Sprintf("The %s %s for every %s.", word(), word(), word())
	in := product.CreateInput{Title: title, Description: &desc, Status: product.StatusPublished,
		Options: []product.OptionInput{{Title: "Size"}}}
	start, n := i%w.sh.channels, 1
	if w.sh.maxChannels > 1 {
		start, n = rng.IntN(w.sh.channels), w.sh.minChannels+rng.IntN(w.sh.maxChannels-w.sh.minChannels+1)
	}
	chans := make([]int, n)
	for j := range chans {
		chans[j] = (start + j) % w.sh.channels
		in.SalesChannels = append(in.SalesChannels, w.channels[chans[j]])
	}
	manage := true
	for v := range w.sh.minVariants + rng.IntN(w.sh.maxVariants-w.sh.minVariants+1) {
		sku := fmt.Sprintf("BENCH-%06d-%s", i, sizes[v])
		in.Options[0].Values = append(in.Options[0].Values, sizes[v])
		in.Variants = append(in.Variants, product.VariantInput{Title: title + " " + sizes[v], SKU: &sku,
			ManageInventory: &manage, Options: map[string]string{"Size": sizes[v]},
			Prices: []product.PriceInput{{Amount: fmt.Sprint(10 + (i+v)%90), CurrencyCode: "eur"}}})
	}
	return in, chans
}

// batch writes products [from, to) in one transaction of the product service, then stocks
// their inventory items in one transaction of the stock service.
func (w *world) batch(ctx context.Context, from, to int) error {
	in := product.BatchInput{}
	chans := map[int][]int{}
	for i := from; i < to; i++ {
		p, c := w.productInput(i)
		in.Create = append(in.Create, p)
		chans[i] = c
	}
	res, err := w.a.Products.Batch(ctx, in)
	if err != nil {
		return fmt.Errorf("create products %d to %d: %w", from, to, err)
	}
	items, err := w.items(ctx, res.Created)
	if err != nil {
		return err
	}
	var levels []stock.LevelInput
	for j, productID := range res.Created {
		locs := map[int]bool{}
		for _, c := range chans[from+j] {
			locs[c/w.sh.perLocation] = true
		}
		for _, item := range items[productID] {
			for l := range locs {
				qty := w.sh.stock
				levels = append(levels, stock.LevelInput{InventoryItemID: item, LocationID: w.locations[l], StockedQuantity: &qty})
			}
		}
	}
	if _, err := w.a.Stock.BatchLevels(ctx, levels, nil, nil); err != nil {
		return fmt.Errorf("stock products %d to %d: %w", from, to, err)
	}
	// PostgreSQL plans the next batch's statements from statistics that autovacuum keeps as
	// tables grow; where it is off (as on test servers), they are taken here instead, each
	// time the catalogue has doubled.
	if n := to / w.sh.batch; w.a.DB.Engine == db.Postgres && n&(n-1) == 0 {
		if _, err := w.a.DB.Write().ExecContext(ctx, "ANALYZE"); err != nil {
			return fmt.Errorf("analyze: %w", err)
		}
	}
	return nil
}

// items returns the inventory items the stock service gave each product's variants. It is
// the one read the seed makes itself: the services answer it one variant at a time.
func (w *world) items(ctx context.Context, productIDs []string) (map[string][]string, error) {
	var args []any
	rows, err := w.a.DB.Read().QueryContext(ctx, `SELECT v.product_id, vi.inventory_item_id FROM product_variant v
		JOIN product_variant_inventory_item vi ON vi.variant_id = v.id WHERE v.product_id IN (`+sqlq.In(&args, productIDs...)+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("read inventory items: %w", err)
	}
	defer rows.Close()
	out := map[string][]string{}
	for rows.Next() {
		var p, item string
		if err := rows.Scan(&p, &item); err != nil {
			return nil, fmt.Errorf("read inventory items: %w", err)
		}
		out[p] = append(out[p], item)
	}
	return out, rows.Err()
}
