// Command chanprices turns the catalogue bench/seed wrote into the priced-listing catalogue
// of issue 13's item 8: every product in every channel, every channel selling eur (default),
// usd and gbp, every variant priced per channel in all three, except that channel 0 has no
// usd prices of its own and inherits channel 1's usd prices × 0.9 instead.
//
// Everything goes through the admin API of the running server, as a merchant makes it:
// channel settings, links, the channels' price batch routes (1,000 prices a request) and the
// price inheritance route.
package main

import (
	"bytes"
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"net/http"
	"os"
	"strings"
	"time"
)

var currencies = []string{"eur", "usd", "gbp"}

func main() {
	base := flag.String("url", "http://127.0.0.1:9000", "channeld base URL")
	channels := flag.String("channels", "", "the seed's channel ids, space-separated, channel 0 first")
	email := flag.String("email", "admin@example.com", "admin email")
	password := flag.String("password", "supersecret", "admin password")
	flag.Parse()
	chans := strings.Fields(*channels)
	if len(chans) < 2 {
		fail(fmt.Errorf("need at least two -channels"))
	}
	c := &client{base: *base, http: &http.Client{Timeout: 120 * time.Second}}
	login, err := c.do("POST", "/auth/user/emailpass", map[string]string{"email": *email, "password": *password})
	fail(err)
	c.token, _ = login["token"].(string)
	start := time.Now()
	variants, err := c.configure(chans)
	fail(err)
	fail(c.writePrices(chans, variants))
	fmt.Fprintf(os.Stderr, "channel prices for %d channels in %s\n", len(chans), time.Since(start).Round(time.Millisecond))
}

func fail(err error) {
	if err != nil {
		fmt.Fprintln(os.Stderr, "chanprices:", err)
		os.Exit(1)
	}
}

// configure gives every channel its currencies and links every product to every channel; it
// returns the ids of the catalogue's variants.
func (c *client) configure(chans []string) (variants []string, err error) {
	var ids []string
	for offset := 0; ; offset += 500 {
		page, err := c.do("GET", fmt.Sprintf("/admin/products?fields=id,variants.id&limit=500&offset=%d", offset), nil)
		if err != nil {
			return nil, err
		}
		list, _ := page["products"].([]any)
		for _, p := range list {
			id, _ := p.(map[string]any)["id"].(string)
			ids = append(ids, id)
			vs, _ := p.(map[string]any)["variants"].([]any)
			for _, v := range vs {
				vid, _ := v.(map[string]any)["id"].(string)
				variants = append(variants, vid)
			}
		}
		if len(list) < 500 {
			break
		}
	}
	for _, ch := range chans {
		if _, err := c.do("POST", "/admin/sales-channels/"+ch, map[string]any{"supported_currencies": []any{
			map[string]any{"currency_code": "eur", "is_default": true}, map[string]any{"currency_code": "usd"},
			map[string]any{"currency_code": "gbp", "is_tax_inclusive": true}}}); err != nil {
			return nil, err
		}
		for from := 0; from < len(ids); from += 250 {
			to := min(from+250, len(ids))
			if _, err := c.do("POST", "/admin/sales-channels/"+ch+"/products", map[string]any{"add": ids[from:to]}); err != nil {
				return nil, err
			}
		}
	}
	return variants, nil
}

// writePrices gives every variant a price in every channel and currency, 10 plus a step per
// channel and currency, except channel 0's usd prices, which it inherits from channel 1's × 0.9
// rounded to 0.05.
func (c *client) writePrices(chans, variants []string) error {
	for ci, ch := range chans {
		var create []any
		for ki, cur := range currencies {
			if ci == 0 && cur == "usd" {
				continue // inherited
			}
			for _, v := range variants {
				create = append(create, map[string]any{"variant_id": v, "currency_code": cur, "amount": 10 + ci + ki})
			}
		}
		for from := 0; from < len(create); from += 1000 {
			to := min(from+1000, len(create))
			if _, err := c.do("POST", "/admin/sales-channels/"+ch+"/prices/batch", map[string]any{"create": create[from:to]}); err != nil {
				return err
			}
		}
	}
	_, err := c.do("POST", "/admin/sales-channels/"+chans[0]+"/price-inheritance", map[string]any{"currency_code": "usd",
		"source_sales_channel_id": chans[1], "source_currency_code": "usd", "factor": 0.9, "rounding": map[string]any{"increment": 0.05}})
	return err
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
