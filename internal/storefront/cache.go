package storefront

import (
	"sort"
	"strings"
	"sync"
	"time"
)

// pageCache keeps rendered storefront responses, because every visitor of a storefront asks
// for the same few pages. An entry is served only while no write transaction has committed
// in this process since it was filled (so a change made here shows on the very next request)
// and for at most ttl (so a change made by another instance on the same database shows
// within that time). It holds at most max pages and maxBytes of them, whichever comes first:
// storefronts that ask many different pages would otherwise fill it with thousands of large
// bodies, and a garbage-collected heap holds about twice what is live.
type pageCache struct {
	mu       sync.Mutex
	entries  map[string]cacheEntry
	bytes    int
	commits  func() uint64
	now      func() time.Time
	ttl      time.Duration
	max      int
	maxBytes int
}

type cacheEntry struct {
	body    []byte
	commits uint64
	at      time.Time
}

func newPageCache(commits func() uint64, ttl time.Duration) *pageCache {
	return &pageCache{entries: map[string]cacheEntry{}, commits: commits, now: time.Now, ttl: ttl, max: 4096, maxBytes: 32 << 20}
}

// key identifies a response: the channels the key reaches and the query as sent.
func cacheKey(path string, channelIDs []string, rawQuery string) string {
	ids := append([]string(nil), channelIDs...)
	sort.Strings(ids)
	return path + "\x00" + strings.Join(ids, ",") + "\x00" + rawQuery
}

// get returns a fresh body for key. commits is the counter read before the caller queries,
// which it passes back to put.
func (c *pageCache) get(key string) (body []byte, commits uint64, ok bool) {
	commits = c.commits()
	c.mu.Lock()
	e, found := c.entries[key]
	c.mu.Unlock()
	if found && e.commits == commits && c.now().Sub(e.at) < c.ttl {
		return e.body, commits, true
	}
	return nil, commits, false
}

// put stores body as the answer for key as of commits.
func (c *pageCache) put(key string, commits uint64, body []byte) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= c.max || c.bytes+len(body) > c.maxBytes {
		clear(c.entries) // bounded memory; the hot pages refill at once
		c.bytes = 0
	}
	if old, ok := c.entries[key]; ok {
		c.bytes -= len(old.body)
	}
	c.entries[key] = cacheEntry{body: body, commits: commits, at: c.now()}
	c.bytes += len(body)
}
