package storefront

import (
	"net/url"
	"strings"
	"time"

	"channeld/internal/platform/fields"
)

// A listing page nobody asked in the last second still mostly shows products that recent
// pages showed: the next offset, another limit, the same catalogue in another order. The
// product cache keeps each product as written for one render context (the path, the key's
// channels and every query parameter but the paging ones, which decide which products a page
// holds, never how one is written), under the page cache's rules: an entry serves only while
// no write has committed in this process since it was filled, and for at most a second, so a
// change made by another instance shows within that time. A page then reads its ids and
// count from the listing index, its product rows, and the relations of the products no
// recent page held.

// newProductCache returns the cache of written products: many more, smaller entries than
// the page cache.
func newProductCache(commits func() uint64, ttl time.Duration) *pageCache {
	c := newPageCache(commits, ttl)
	c.max, c.maxBytes = 50_000, 64<<20
	return c
}

// pagingParams are the query parameters that choose a page's products, not how each is written.
var pagingParams = map[string]bool{"limit": true, "offset": true, "order": true}

// renderKey identifies how a listing writes its products: the page key without its paging.
func renderKey(path string, channelIDs []string, rawQuery string) string {
	kept := make([]string, 0, 8)
	for _, part := range strings.Split(rawQuery, "&") {
		name, _, _ := strings.Cut(part, "=")
		if name, err := url.QueryUnescape(name); err == nil && pagingParams[name] {
			continue
		}
		kept = append(kept, part)
	}
	return cacheKey(path, channelIDs, strings.Join(kept, "&"))
}

// productHolder is one page's view of the product cache: what has answers for the products it
// finds written, and appendList writes the page from them and from the loaded products.
type productHolder struct {
	cache   *pageCache
	context string
	held    map[string][]byte
}

func (c *pageCache) holder(context string) *productHolder {
	return &productHolder{cache: c, context: context + "\x00", held: map[string][]byte{}}
}

// has reports whether the product is held written out, and keeps the body it found: the
// entry may be dropped before the page is written, and has answers the same for the page
// however often it is asked.
func (h *productHolder) has(productID string) bool {
	if _, ok := h.held[productID]; ok {
		return true
	}
	body, _, ok := h.cache.get(h.context + productID)
	if ok {
		h.held[productID] = body
	}
	return ok
}

// unheldSize is what size counts for a product it does not hold: about a product of two
// variants as the default fields write it.
const unheldSize = 3 << 10

// size is about the bytes appendList writes for ps, so that a page is written into one
// buffer of the right size instead of one grown and copied as it fills: the pages are tens
// of kilobytes.
func (h *productHolder) size(ps []*storeProduct) int {
	n := 2
	for _, p := range ps {
		if body, ok := h.held[p.ID]; ok {
			n += len(body) + 1
		} else {
			n += unheldSize
		}
	}
	return n
}

// appendList writes ps as a JSON array: held products as found, the others through
// productSpec, each of which it keeps as of commits.
func (h *productHolder) appendList(b []byte, ps []*storeProduct, sel *fields.Selection, commits uint64) []byte {
	b = append(b, '[')
	for i, p := range ps {
		if i > 0 {
			b = append(b, ',')
		}
		if body, ok := h.held[p.ID]; ok {
			b = append(b, body...)
			continue
		}
		start := len(b)
		b = productSpec.Append(b, p, sel)
		h.cache.put(h.context+p.ID, commits, append([]byte(nil), b[start:]...))
	}
	return append(b, ']')
}
