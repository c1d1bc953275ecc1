// Command scaleseed writes a benchmark catalogue into a channeld database through channeld's
// own services, a batch of products per transaction, as a bulk import would: minutes for
// 100,000 products where the admin API takes hours. Give it an empty database (a SQLite file
// path or a postgres:// URL), or -reset to empty it, and no running server: the services
// migrate it first.
//
// The catalogue: one EUR region; -channels sales channels; one stock location per
// -per-location channels, linked to them; -keys publishable keys, key k on channel
// k×channels/keys; -products published products, each in a run of consecutive channels
// (-min-channels to -max-channels of them, from a random channel, or round-robin when both
// are 1) with a Size option and -min-variants to -max-variants variants, each with a EUR base
// price and its inventory item stocked at the locations of the product's channels. Titles and
// descriptions draw words from a fixed vocabulary, so `q` has something to find.
//
// It prints shell variables for the wrk scripts: REGION_ID, KEY_n, CHANNEL_n and QTERMS (words
// of the vocabulary that products hold).
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"os"
	"runtime/pprof"
	"strings"
	"time"

	"channeld/internal/app"
	"channeld/internal/outbox"
	"channeld/internal/platform/db"
	"channeld/internal/region"
	"channeld/internal/saleschannel"
	"channeld/internal/stock"
)

// shape is the catalogue to write.
type shape struct {
	products, channels, keys, perLocation int
	minChannels, maxChannels              int
	minVariants, maxVariants              int
	batch, workers                        int
	stock                                 int64
}

func main() {
	var sh shape
	url := flag.String("database-url", "", "SQLite file path or postgres:// URL of an empty database")
	flag.IntVar(&sh.products, "products", 1000, "number of products")
	flag.IntVar(&sh.channels, "channels", 5, "number of sales channels")
	flag.IntVar(&sh.keys, "keys", 5, "number of publishable keys, one channel each")
	flag.IntVar(&sh.perLocation, "per-location", 1, "channels served by one stock location")
	flag.IntVar(&sh.minChannels, "min-channels", 1, "fewest channels a product is in")
	flag.IntVar(&sh.maxChannels, "max-channels", 1, "most channels a product is in")
	flag.IntVar(&sh.minVariants, "min-variants", 2, "fewest variants of a product")
	flag.IntVar(&sh.maxVariants, "max-variants", 2, "most variants of a product")
	flag.IntVar(&sh.batch, "batch", 500, "products per transaction")
	flag.IntVar(&sh.workers, "workers", 1, "transactions written at once (keep 1 on SQLite, whose writer is single)")
	flag.Int64Var(&sh.stock, "stock", 1_000_000, "stocked quantity of every item at each of its locations")
	profile := flag.String("cpuprofile", "", "write a CPU profile of the seeding to this file")
	fresh := flag.Bool("reset", false, "empty the database first (SQLite: remove the file; PostgreSQL: drop and create the schema named by search_path)")
	flag.Parse()
	if *url == "" || sh.channels < 1 || sh.keys > sh.channels || sh.minChannels < 1 || sh.maxChannels < sh.minChannels ||
		sh.maxChannels > sh.channels || sh.minVariants < 1 || sh.maxVariants < sh.minVariants || sh.maxVariants > len(sizes) {
		fmt.Fprintln(os.Stderr, "scaleseed: bad flags; see -help")
		os.Exit(2)
	}
	if *profile != "" {
		f, err := os.Create(*profile)
		if err == nil {
			err = pprof.StartCPUProfile(f)
		}
		if err != nil {
			fmt.Fprintln(os.Stderr, "scaleseed:", err)
			os.Exit(1)
		}
		defer pprof.StopCPUProfile()
	}
	if *fresh {
		if err := reset(context.Background(), *url); err != nil {
			fmt.Fprintln(os.Stderr, "scaleseed:", err)
			os.Exit(1)
		}
	}
	if err := seed(context.Background(), *url, sh, os.Stdout); err != nil {
		fmt.Fprintln(os.Stderr, "scaleseed:", err)
		os.Exit(1)
	}
}

// seed builds the app on url and writes the catalogue.
func seed(ctx context.Context, url string, sh shape, out io.Writer) error {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	a, err := app.Build(ctx, app.Config{DatabaseURL: url, RelayInterval: time.Second}, log, app.Options{})
	if err != nil {
		return err
	}
	defer a.Close()
	var existing int
	if err := a.DB.Read().QueryRowContext(ctx, `SELECT count(*) FROM product`).Scan(&existing); err != nil {
		return err
	}
	if existing > 0 {
		return fmt.Errorf("the database already holds %d products; give an empty one, or -reset", existing)
	}
	start := time.Now()
	reg, err := a.Regions.Create(ctx, region.CreateInput{Name: "Bench EUR", CurrencyCode: "eur", PaymentProviders: []string{"pp_system_default"}})
	if err != nil {
		return err
	}
	w, err := newWorld(ctx, a, sh)
	if err != nil {
		return err
	}
	if err := bulk(ctx, a, true); err != nil {
		return err
	}
	if err := w.products(ctx); err != nil {
		return err
	}
	if err := bulk(ctx, a, false); err != nil {
		return err
	}
	// The seed's own events (product.created and the like) describe no change anyone waits
	// for; they are marked delivered here so a server started on the catalogue does not spend
	// its benchmark relaying them.
	relay := &outbox.Relay{DB: a.DB, Publisher: discard{}, Log: log, BatchSize: 20_000, Now: time.Now}
	for {
		n, err := relay.Flush(ctx)
		if err != nil {
			return err
		}
		if n == 0 {
			break
		}
	}
	// PostgreSQL's autovacuum would vacuum and analyze the new rows within minutes; done
	// here, the benchmark does not see plans change as it runs, and the visibility map lets
	// counts and walks answer from indexes alone. SQLite is left as channeld leaves it,
	// without statistics: with them its planner re-prepares statements whose bound values
	// might change the plan, on every new binding.
	if a.DB.Engine == db.Postgres {
		if _, err := a.DB.Write().ExecContext(ctx, "VACUUM ANALYZE"); err != nil {
			return fmt.Errorf("vacuum analyze: %w", err)
		}
	} else {
		// A bulk load leaves the trigram index in thousands of segments that every search
		// walks; merged into one, `q` answers about 1.4 times as fast at 100,000 products.
		if _, err := a.DB.Write().ExecContext(ctx, "INSERT INTO product_search_fts (product_search_fts) VALUES ('optimize')"); err != nil {
			return fmt.Errorf("merge the search index: %w", err)
		}
	}
	fmt.Fprintf(os.Stderr, "seeded %d products over %d channels in %s\n", sh.products, sh.channels, time.Since(start).Round(time.Second))
	fmt.Fprintf(out, "REGION_ID=%s\n", reg.ID)
	for k, key := range w.keys {
		fmt.Fprintf(out, "KEY_%d=%s\nCHANNEL_%d=%s\n", k, key, k, w.keyChannels[k])
	}
	fmt.Fprintf(out, "QTERMS=%q\n", strings.Join(vocabulary[:40], " "))
	return nil
}

// trigramIndexes are the GIN indexes the seed writes into on PostgreSQL.
var trigramIndexes = []string{"idx_product_search_doc", "idx_inventory_item_search_doc"}

// bulk prepares PostgreSQL's trigram indexes for a bulk load (on) or returns them to how
// channeld keeps them (off). channeld writes them through (fastupdate off), so that searches
// read no pending list; written through, a batch of 1,000 products spent over a minute
// inserting its search rows, and the 100,000-product seed ran at about 35 products a second
// instead of 100. During the load new entries queue in a pending list of up to 256 MB,
// merged in one pass at the end, before the server ever searches.
func bulk(ctx context.Context, a *app.App, on bool) error {
	if a.DB.Engine != db.Postgres {
		return nil
	}
	for _, idx := range trigramIndexes {
		qs := []string{`ALTER INDEX ` + idx + ` SET (fastupdate = on, gin_pending_list_limit = 262144)`}
		if !on {
			qs = []string{`ALTER INDEX ` + idx + ` SET (fastupdate = off)`, `ALTER INDEX ` + idx + ` RESET (gin_pending_list_limit)`,
				`SELECT gin_clean_pending_list('` + idx + `'::regclass)`}
		}
		for _, q := range qs {
			if _, err := a.DB.Write().ExecContext(ctx, q); err != nil {
				return fmt.Errorf("%s: %w", q, err)
			}
		}
	}
	return nil
}

// discard is a publisher that delivers nowhere.
type discard struct{}

func (discard) Publish(context.Context, []outbox.Message) error { return nil }

// world is what the products are written into.
type world struct {
	a           *app.App
	sh          shape
	channels    []string
	locations   []string // locations[i / perLocation] serves channels[i]
	keys        []string
	keyChannels []string
}

// newWorld creates the channels, their locations and the keys.
func newWorld(ctx context.Context, a *app.App, sh shape) (*world, error) {
	w := &world{a: a, sh: sh}
	for i := range sh.channels {
		c, err := a.Channels.Create(ctx, saleschannel.CreateInput{Name: fmt.Sprintf("Bench channel %d", i)})
		if err != nil {
			return nil, err
		}
		w.channels = append(w.channels, c.ID)
	}
	for from := 0; from < sh.channels; from += sh.perLocation {
		l, err := a.Stock.CreateLocation(ctx, stock.LocationInput{Name: fmt.Sprintf("Bench location %d", len(w.locations))})
		if err != nil {
			return nil, err
		}
		if err := a.Stock.LinkChannels(ctx, l.ID, w.channels[from:min(from+sh.perLocation, sh.channels)], nil); err != nil {
			return nil, err
		}
		w.locations = append(w.locations, l.ID)
	}
	for k := range sh.keys {
		key, err := a.APIKeys.Create(ctx, fmt.Sprintf("Bench key %d", k), "publishable", "", nil)
		if err != nil {
			return nil, err
		}
		c := w.channels[k*sh.channels/sh.keys]
		if err := a.APIKeys.LinkChannels(ctx, key.ID, []string{c}, nil); err != nil {
			return nil, err
		}
		w.keys, w.keyChannels = append(w.keys, key.Token), append(w.keyChannels, c)
	}
	return w, nil
}

// products writes the products in batches, sh.workers transactions at a time, and reports
// progress on stderr.
func (w *world) products(ctx context.Context) error {
	batches := make(chan int)
	errs := make(chan error, w.sh.workers)
	for range w.sh.workers {
		go func() {
			for from := range batches {
				if err := w.batch(ctx, from, min(from+w.sh.batch, w.sh.products)); err != nil {
					errs <- err
					for range batches {
					}
					return
				}
			}
			errs <- nil
		}()
	}
	start := time.Now()
	for from := 0; from < w.sh.products; from += w.sh.batch {
		batches <- from
		if from > 0 && from%(20*w.sh.batch) == 0 {
			fmt.Fprintf(os.Stderr, "  %d products, %s\n", from, time.Since(start).Round(time.Second))
		}
	}
	close(batches)
	var first error
	for range w.sh.workers {
		if err := <-errs; err != nil && first == nil {
			first = err
		}
	}
	return first
}
