// Command seed builds the benchmark data set of shared/bench/medusa-anchor.md through
// channeld's admin API, as a merchant would: one EUR region, 5 sales channels with one
// publishable key each, 5 stock locations (one per channel, linked) and 1,000 published
// products spread round-robin over the channels, each with a Size option (S/M) and two
// variants priced in EUR. Stock is set where the inventory routes exist. It prints shell
// variables (keys, region id, and VARIANTS_n: up to -variants variant ids of channel n) for
// the wrk scripts.
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

type client struct {
	base, token string
	http        *http.Client
}

func (c *client) do(method, path string, body any) (map[string]any, int, error) {
	var rd io.Reader
	if body != nil {
		b, err := json.Marshal(body)
		if err != nil {
			return nil, 0, err
		}
		rd = bytes.NewReader(b)
	}
	req, err := http.NewRequest(method, c.base+path, rd)
	if err != nil {
		return nil, 0, err
	}
	req.Header.Set("Content-Type", "application/json")
	if c.token != "" {
		req.Header.Set("Authorization", "Bearer "+c.token)
	}
	resp, err := c.http.Do(req)
	if err != nil {
		return nil, 0, err
	}
	defer resp.Body.Close()
	var out map[string]any
	raw, _ := io.ReadAll(resp.Body)
	_ = json.Unmarshal(raw, &out)
	if resp.StatusCode >= 300 {
		return out, resp.StatusCode, fmt.Errorf("%s %s: %d %s", method, path, resp.StatusCode, raw)
	}
	return out, resp.StatusCode, nil
}

func (c *client) must(method, path string, body any) map[string]any {
	out, _, err := c.do(method, path, body)
	if err != nil {
		fmt.Fprintln(os.Stderr, "seed:", err)
		os.Exit(1)
	}
	return out
}

func field(m map[string]any, key, sub string) string {
	obj, _ := m[key].(map[string]any)
	s, _ := obj[sub].(string)
	return s
}

func main() {
	base := flag.String("url", "http://127.0.0.1:9000", "channeld base URL")
	email := flag.String("email", "admin@example.com", "admin email")
	password := flag.String("password", "supersecret", "admin password")
	products := flag.Int("products", 1000, "number of products")
	perChannel := flag.Int("variants", 50, "variant ids to print per channel (VARIANTS_n), for the cart benchmarks")
	channels := flag.Int("channels", 5, "number of sales channels")
	stock := flag.Int("stock", 1000000, "stocked quantity per variant at its channel's location")
	flag.Parse()

	c := &client{base: *base, http: &http.Client{Timeout: 60 * time.Second}}
	login := c.must("POST", "/auth/user/emailpass", map[string]string{"email": *email, "password": *password})
	c.token, _ = login["token"].(string)
	start := time.Now()

	region := c.must("POST", "/admin/regions", map[string]any{"name": "Bench EUR", "currency_code": "eur", "payment_providers": []string{"pp_system_default"}})
	regionID := field(region, "region", "id")

	chanIDs, keys, locIDs := c.channels(*channels)

	variantIDs := make([][]string, *channels)
	const batch = 50
	for done := 0; done < *products; done += batch {
		var create []any
		for i := done; i < done+batch && i < *products; i++ {
			ch := i % *channels
			title := fmt.Sprintf("Bench product %04d", i)
			create = append(create, map[string]any{
				"title": title, "status": "published",
				"options": []any{map[string]any{"title": "Size", "values": []string{"S", "M"}}},
				"variants": []any{
					map[string]any{"title": title + " S", "sku": fmt.Sprintf("BENCH-%04d-S", i), "manage_inventory": true,
						"options": map[string]string{"Size": "S"}, "prices": []any{map[string]any{"amount": 10 + i%90, "currency_code": "eur"}}},
					map[string]any{"title": title + " M", "sku": fmt.Sprintf("BENCH-%04d-M", i), "manage_inventory": true,
						"options": map[string]string{"Size": "M"}, "prices": []any{map[string]any{"amount": 12 + i%90, "currency_code": "eur"}}},
				},
				"sales_channels": []any{map[string]string{"id": chanIDs[ch]}},
			})
		}
		out := c.must("POST", "/admin/products/batch", map[string]any{"create": create})
		created, _ := out["created"].([]any)
		for j, p := range created {
			ch := (done + j) % *channels
			for _, v := range asList(p.(map[string]any)["variants"]) {
				if vid, _ := v.(map[string]any)["id"].(string); vid != "" && len(variantIDs[ch]) < *perChannel {
					variantIDs[ch] = append(variantIDs[ch], vid)
				}
			}
		}
		c.stockBatch(created, done, locIDs, *stock)
	}

	fmt.Fprintf(os.Stderr, "seeded %d products over %d channels in %s\n", *products, *channels, time.Since(start).Round(time.Millisecond))
	fmt.Printf("REGION_ID=%s\n", regionID)
	for i, k := range keys {
		fmt.Printf("KEY_%d=%s\n", i, k)
		fmt.Printf("CHANNEL_%d=%s\n", i, chanIDs[i])
	}
	for i, ids := range variantIDs {
		fmt.Printf("VARIANTS_%d=\"%s\"\n", i, strings.Join(ids, " "))
	}
}

func asList(v any) []any {
	l, _ := v.([]any)
	return l
}

// channels creates n channels, each with a publishable key and a stock location linked to it.
func (c *client) channels(n int) (chanIDs, keys, locIDs []string) {
	chanIDs, keys, locIDs = make([]string, n), make([]string, n), make([]string, n)
	for i := range chanIDs {
		sc := c.must("POST", "/admin/sales-channels", map[string]any{"name": fmt.Sprintf("Bench channel %d", i)})
		chanIDs[i] = field(sc, "sales_channel", "id")
		key := c.must("POST", "/admin/api-keys", map[string]any{"title": fmt.Sprintf("Bench key %d", i), "type": "publishable"})
		keys[i] = field(key, "api_key", "token")
		c.must("POST", "/admin/api-keys/"+field(key, "api_key", "id")+"/sales-channels", map[string]any{"add": []string{chanIDs[i]}})
		loc := c.must("POST", "/admin/stock-locations", map[string]any{"name": fmt.Sprintf("Bench location %d", i)})
		locIDs[i] = field(loc, "stock_location", "id")
		c.must("POST", "/admin/stock-locations/"+locIDs[i]+"/sales-channels", map[string]any{"add": []string{chanIDs[i]}})
	}
	return chanIDs, keys, locIDs
}

// stockBatch stocks every inventory item of the created products (the batch starting at
// product number done) at the location of the product's channel.
func (c *client) stockBatch(created []any, done int, locIDs []string, stock int) {
	var levels []any
	for j, p := range created {
		ch := (done + j) % len(locIDs)
		variants, _ := p.(map[string]any)["variants"].([]any)
		for _, v := range variants {
			vid, _ := v.(map[string]any)["id"].(string)
			items, _, err := c.do("GET", "/admin/products/"+p.(map[string]any)["id"].(string)+"/variants/"+vid+"/inventory-items", nil)
			if err != nil {
				continue
			}
			variant, _ := items["variant"].(map[string]any)
			for _, it := range asList(variant["inventory_items"]) {
				iid, _ := it.(map[string]any)["inventory_item_id"].(string)
				levels = append(levels, map[string]any{"inventory_item_id": iid, "location_id": locIDs[ch], "stocked_quantity": stock})
			}
		}
	}
	if len(levels) > 0 {
		c.must("POST", "/admin/inventory-items/location-levels/batch", map[string]any{"create": levels})
	}
}
