// Command chanprices turns the catalogue bench/seed wrote into the priced-listing catalogue
// of issue 13's item 8: every product in every channel, every channel selling eur (default),
// usd and gbp, every variant priced per channel in all three, except that channel 0 has no
// usd prices of its own and inherits channel 1's usd prices × 0.9 instead.
//
// Channel settings and links go through the admin API of the running server, as a merchant
// makes them. Channel prices and the inheritance rule are written straight into its database
// (-database-url), one set-based statement per channel and currency: the admin routes that
// write them are not part of this build. The server's page cache may hold pages of before for
// up to a second; the command waits that long before it returns.
package main

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"

	"channeld/internal/platform/db"
)

var currencies = []string{"eur", "usd", "gbp"}

func main() {
	base := flag.String("url", "http://127.0.0.1:9000", "channeld base URL")
	url := flag.String("database-url", "", "the server's database: SQLite file path or postgres:// URL")
	channels := flag.String("channels", "", "the seed's channel ids, space-separated, channel 0 first")
	email := flag.String("email", "admin@example.com", "admin email")
	password := flag.String("password", "supersecret", "admin password")
	flag.Parse()
	chans := strings.Fields(*channels)
	if *url == "" || len(chans) < 2 {
		fail(fmt.Errorf("need -database-url and at least two -channels"))
	}
	c := &client{base: *base, http: &http.Client{Timeout: 120 * time.Second}}
	login, err := c.do("POST", "/auth/user/emailpass", map[string]string{"email": *email, "password": *password})
	fail(err)
	c.token, _ = login["token"].(string)
	start := time.Now()
	fail(c.configure(chans))
	fail(writePrices(context.Background(), *url, chans))
	time.Sleep(1100 * time.Millisecond) // the page cache's time to live
	fmt.Fprintf(os.Stderr, "channel prices for %d channels in %s\n", len(chans), time.Since(start).Round(time.Millisecond))
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "chanprices:", err)
		os.Exit(1)
	}
}

// configure gives every channel its currencies and links every product to every channel.
func (c *client) configure(chans []string) error {
	var ids []string
	for offset := 0; ; offset += 500 {
		page, err := c.do("GET", fmt.Sprintf("/admin/products?fields=id&limit=500&offset=%d", offset), nil)
		if err != nil {
			return err
		}
		list, _ := page["products"].([]any)
		for _, p := range list {
			id, _ := p.(map[string]any)["id"].(string)
			ids = append(ids, id)
		}
		if len(list) < 500 {
			break
		}
	}
	for _, ch := range chans {
		if _, err := c.do("POST", "/admin/sales-channels/"+ch, map[string]any{"supported_currencies": []any{
			map[string]any{"currency_code": "eur", "is_default": true}, map[string]any{"currency_code": "usd"},
			map[string]any{"currency_code": "gbp", "is_tax_inclusive": true}}}); err != nil {
			return err
		}
		for from := 0; from < len(ids); from += 250 {
			to := min(from+250, len(ids))
			if _, err := c.do("POST", "/admin/sales-channels/"+ch+"/products", map[string]any{"add": ids[from:to]}); err != nil {
				return err
			}
		}
	}
	return nil
}

// writePrices writes the channel prices, each variant's base eur amount plus a step per
// channel and currency, and channel 0's rule, in one transaction.
func writePrices(ctx context.Context, url string, chans []string) error {
	d, err := db.Open(ctx, url)
	if err != nil {
		return err
	}
	defer d.Close()
	now := db.Time{Time: time.Now().UTC()}
	return d.Tx(ctx, func(tx db.DBTX) error {
		for ci, ch := range chans {
			for ki, cur := range currencies {
				if ci == 0 && cur == "usd" {
					continue // inherited
				}
				if _, err := tx.ExecContext(ctx, `INSERT INTO price (id, variant_id, currency_code, amount, sales_channel_id, created_at, updated_at)
					SELECT 'price_bench_' || $1 || '_' || v.id, v.id, $2, b.amount + $3, $4, $5, $5
					FROM product_variant v JOIN price b ON b.variant_id = v.id AND b.sales_channel_id IS NULL
						AND b.currency_code = 'eur' AND b.deleted_at IS NULL
					WHERE v.deleted_at IS NULL`, fmt.Sprintf("%d%s", ci, cur), cur, int64(100*ci+10*ki), ch, now); err != nil {
					return fmt.Errorf("price channel %s in %s: %w", ch, cur, err)
				}
			}
		}
		_, err := tx.ExecContext(ctx, `INSERT INTO price_inheritance (id, sales_channel_id, currency_code, source_sales_channel_id,
			source_currency_code, factor, rounding_increment, rounding_mode, rounding_offset, created_at, updated_at)
			VALUES ('pinh_bench', $1, 'usd', $2, 'usd', '0.9', 5, 'half_up', 0, $3, $3)`, chans[0], chans[1], now)
		return err
	})
}

type client struct {
	base, token string
	http        *http.Client
}

func (c *client) do(method, path string, body any) (map[string]any, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return nil, err
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, err
	}
	defer resp.Body.Close()
	raw, _ := io.ReadAll(resp.Body)
	var out map[string]any
	_ = json.Unmarshal(raw, &out)
	if resp.StatusCode >= 300 {
		return out, fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	return out, nil
}
