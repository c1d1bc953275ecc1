package storefront

import (
	"context"
	"sync"
	"time"

	"channeld/internal/platform/db"
	"channeld/internal/saleschannel"
)

// Every listing page asks which locales its channel offers, to choose the one it is written
// in: a statement of its own on each page nobody asked in the last second. The handler keeps the answer per
// channel under the page cache's rules: an entry serves only while no write has committed in
// this process since it was read, and for at most ttl, so a change to a channel's languages
// made here shows on the next request and one made by another instance within the ttl.

// localeCache keeps the offered locales of channels.
type localeCache struct {
	mu      sync.Mutex
	entries map[string]localeEntry
	commits func() uint64
	now     func() time.Time
	ttl     time.Duration
}

type localeEntry struct {
	locales []saleschannel.Locale
	commits uint64
	at      time.Time
}

// maxLocaleEntries bounds the cache; a store has a few hundred channels at most, and past
// the bound the cache starts over.
const maxLocaleEntries = 10_000

func newLocaleCache(commits func() uint64, ttl time.Duration) *localeCache {
	return &localeCache{entries: map[string]localeEntry{}, commits: commits, now: time.Now, ttl: ttl}
}

// locales returns the locales channelID offers, from the cache while fresh, else read
// through from and kept. The slice is shared: callers must not modify it.
func (c *localeCache) locales(ctx context.Context, q db.DBTX, from ChannelLocales, channelID string) ([]saleschannel.Locale, error) {
	// Read before the database: a write committing meanwhile makes the entry stale at once.
	commits := c.commits()
	c.mu.Lock()
	e, found := c.entries[channelID]
	c.mu.Unlock()
	if found && e.commits == commits && c.now().Sub(e.at) < c.ttl {
		return e.locales, nil
	}
	read, err := from.Locales(ctx, q, channelID)
	if err != nil {
		return nil, err
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.entries) >= maxLocaleEntries {
		clear(c.entries)
	}
	c.entries[channelID] = localeEntry{locales: read, commits: commits, at: c.now()}
	return read, nil
}
