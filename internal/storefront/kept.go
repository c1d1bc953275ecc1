package storefront

import (
	"sync"
	"time"

	"channeld/internal/pricing"
	"channeld/internal/saleschannel"
)

// Every listing page asks which locales its channel offers, to choose the one it is written
// in, and every priced page reads its pricing context (the currency its region or channel
// picks, and the channel's inheritance chain in it): a statement each on every page nobody
// asked in the last second, whatever the page holds. The handler keeps both under the page
// cache's rules: an entry serves only while no write has committed in this process since it
// was read, and for at most ttl, so a change made here shows on the next request and one
// made by another instance within the ttl.

// keptReads are the reads a handler keeps between pages; a Query without them reads each
// time.
type keptReads struct {
	locales  *kept[[]saleschannel.Locale] // by channel id
	contexts *kept[pricing.StoreContext]  // by pricing.StoreQuery
}

func newKeptReads(commits func() uint64, ttl time.Duration) *keptReads {
	return &keptReads{locales: newKept[[]saleschannel.Locale](commits, ttl), contexts: newKept[pricing.StoreContext](commits, ttl)}
}

// kept keeps values by key, each as read at one commit count.
type kept[V any] struct {
	mu      sync.Mutex
	entries map[string]keptEntry[V]
	commits func() uint64
	now     func() time.Time
	ttl     time.Duration
}

type keptEntry[V any] struct {
	value   V
	commits uint64
	at      time.Time
}

// maxKeptEntries bounds a cache; past the bound it starts over. Keys are channels, and
// channels times regions and currencies: a store has a few hundred of each at most.
const maxKeptEntries = 10_000

func newKept[V any](commits func() uint64, ttl time.Duration) *kept[V] {
	return &kept[V]{entries: map[string]keptEntry[V]{}, commits: commits, now: time.Now, ttl: ttl}
}

// get returns the value kept under key while fresh, else what read returns, which it keeps
// unless read fails. Values are shared between requests: callers must not modify them.
func (c *kept[V]) get(key string, read func() (V, error)) (V, error) {
	// Read before the database: a write committing meanwhile makes the entry stale at once.
	commits := c.commits()
	c.mu.Lock()
	e, found := c.entries[key]
	c.mu.Unlock()
	if found && e.commits == commits && c.now().Sub(e.at) < c.ttl {
		return e.value, nil
	}
	v, err := read()
	if err != nil {
		return v, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxKeptEntries {
		clear(c.entries)
	}
	c.entries[key] = keptEntry[V]{value: v, commits: commits, at: c.now()}
	return v, nil
}
