// Command carts prepares store carts for the cart benchmarks (bench/checkout.sh): it creates
// -n carts in -region through POST /store/carts with the publishable key -key, using
// -concurrency parallel requests, each cart holding -items line items (quantity 1) whose
// variants are taken round-robin from -variants (ids of products in the key's channel; with
// -items 0 the carts are empty). It writes one line per cart, "<cart id> <key>", to stdout,
// and a summary to stderr. It exits non-zero if any cart cannot be created.
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
	"sync"
	"sync/atomic"
	"time"
)

func main() {
	base := flag.String("url", "http://127.0.0.1:9000", "channeld base URL")
	key := flag.String("key", "", "publishable API key")
	region := flag.String("region", "", "region id")
	variants := flag.String("variants", "", "variant ids of the key's channel, separated by spaces")
	n := flag.Int("n", 1000, "number of carts")
	items := flag.Int("items", 1, "line items per cart")
	conc := flag.Int("concurrency", 16, "parallel requests")
	flag.Parse()

	vids := strings.Fields(*variants)
	if *key == "" || *region == "" || (*items > 0 && len(vids) == 0) {
		fmt.Fprintln(os.Stderr, "carts: -key, -region and (with -items > 0) -variants are required")
		os.Exit(2)
	}

	client := &http.Client{Timeout: 60 * time.Second, Transport: &http.Transport{MaxIdleConnsPerHost: *conc}}
	ids := make([]string, *n)
	var next atomic.Int64
	var failed atomic.Int64
	var firstErr sync.Once
	start := time.Now()
	var wg sync.WaitGroup
	for range *conc {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				i := int(next.Add(1)) - 1
				if i >= *n || failed.Load() > 0 {
					return
				}
				body := map[string]any{"region_id": *region, "email": fmt.Sprintf("bench-%d@example.com", i)}
				if *items > 0 {
					lines := make([]any, *items)
					for j := range lines {
						lines[j] = map[string]any{"variant_id": vids[(i+j*7)%len(vids)], "quantity": 1}
					}
					body["items"] = lines
				}
				id, err := create(client, *base, *key, body, *items)
				if err != nil {
					failed.Add(1)
					firstErr.Do(func() { fmt.Fprintln(os.Stderr, "carts:", err) })
					return
				}
				ids[i] = id
			}
		}()
	}
	wg.Wait()
	if failed.Load() > 0 {
		os.Exit(1)
	}
	var out bytes.Buffer
	for _, id := range ids {
		fmt.Fprintf(&out, "%s %s\n", id, *key)
	}
	if _, err := os.Stdout.Write(out.Bytes()); err != nil {
		fmt.Fprintln(os.Stderr, "carts:", err)
		os.Exit(1)
	}
	d := time.Since(start)
	fmt.Fprintf(os.Stderr, "created %d carts with %d item(s) each in %s (%.0f carts/s)\n",
		*n, *items, d.Round(time.Millisecond), float64(*n)/d.Seconds())
}

// create posts one cart and returns its id, checking that it holds the expected line count.
func create(client *http.Client, base, key string, body map[string]any, items int) (string, error) {
	b, err := json.Marshal(body)
	if err != nil {
		return "", err
	}
	req, err := http.NewRequest("POST", base+"/store/carts", bytes.NewReader(b))
	if err != nil {
		return "", err
	}
	req.Header.Set("Content-Type", "application/json")
	req.Header.Set("x-publishable-api-key", key)
	resp, err := client.Do(req)
	if err != nil {
		return "", err
	}
	defer resp.Body.Close()
	raw, err := io.ReadAll(resp.Body)
	if err != nil {
		return "", err
	}
	if resp.StatusCode != http.StatusOK {
		return "", fmt.Errorf("POST /store/carts: %d %s", resp.StatusCode, raw)
	}
	var out struct {
		Cart struct {
			ID    string `json:"id"`
			Items []any  `json:"items"`
		} `json:"cart"`
	}
	if err := json.Unmarshal(raw, &out); err != nil {
		return "", fmt.Errorf("POST /store/carts: %v: %s", err, raw)
	}
	if out.Cart.ID == "" || len(out.Cart.Items) != items {
		return "", fmt.Errorf("POST /store/carts: want a cart with %d item(s), got %s", items, raw)
	}
	return out.Cart.ID, nil
}
