package apikey

import (
	"context"
	"database/sql"
	"errors"
	"net/http"
	"strings"
	"sync"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/validate"
)

// Header is the storefront's key header; net/http matches header names case-insensitively.
const Header = "x-publishable-api-key"

// Medusa's exact errors for a missing and an invalid publishable key.
var (
	errKeyRequired = apperr.NotAllowedf("Publishable API key required in the request header: x-publishable-api-key. You can manage your keys in settings in the dashboard.")
	errKeyInvalid  = apperr.NotAllowedf("A valid publishable key is required to proceed with the request")
)

// RequirePublishable lets a storefront request through only with a live publishable key, and
// puts the key's Scope in the request context. A header sent twice arrives joined as "a, b",
// as in Medusa, and matches no key.
func (s *Service) RequirePublishable(next httpapi.HandlerFunc) httpapi.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		token := strings.Join(r.Header.Values(Header), ", ")
		if token == "" {
			return errKeyRequired
		}
		scope, ok, err := s.Resolve(r.Context(), token)
		if err != nil {
			return err
		}
		if !ok {
			return errKeyInvalid
		}
		return next(w, r.WithContext(WithScope(r.Context(), scope)))
	}
}

// scopeTTL is how long a resolution is trusted, which bounds how late this instance sees a
// change made through another instance.
const scopeTTL = time.Second

// Resolve returns the scope of a live publishable key token. Resolutions are cached for
// scopeTTL, and only while this process commits no write (db.DB.Commits) and hears of no key
// change from another instance (Forget): a key revoked or relinked here or there, or a channel
// deleted here, is seen on the very next request. Cart and
// payment writes do not count (db.CacheNeutral), so checkout traffic keeps the cache warm. The
// scope's ChannelIDs are shared with the cache: callers must not modify them.
func (s *Service) Resolve(ctx context.Context, token string) (Scope, bool, error) {
	if validate.Unstorable(token) != "" {
		// No key holds a NUL or invalid UTF-8, and PostgreSQL cannot even look such a token up.
		return Scope{}, false, nil
	}
	now := s.now()
	// Read before the database: a write committing meanwhile makes this entry stale at once.
	commits := s.db.Commits() + s.remote.Load()<<40
	if e, found := s.scopes.get(token, now, commits); found {
		return e.result(now)
	}
	e := scopeEntry{expires: now.Add(scopeTTL), commits: commits}
	keyID, revokedAt, err := publishableByToken(ctx, s.db.Read(), token)
	switch {
	case errors.Is(err, sql.ErrNoRows):
	case err != nil:
		return Scope{}, false, err
	default:
		chans, err := s.ChannelsOf(ctx, []string{keyID})
		if err != nil {
			return Scope{}, false, err
		}
		ids := make([]string, 0, len(chans[keyID]))
		for _, c := range chans[keyID] {
			ids = append(ids, c.ID)
		}
		e.found, e.revokedAt = true, revokedAt
		e.scope = Scope{KeyID: keyID, Token: token, ChannelIDs: ids}
	}
	s.scopes.put(token, e)
	return e.result(now)
}

// scopeEntry is one cached resolution: a key (with when it stops working) or no key.
type scopeEntry struct {
	found     bool
	scope     Scope
	revokedAt *time.Time
	expires   time.Time
	commits   uint64 // db.DB.Commits when the entry was read, plus the remote changes seen (<<40)
}

func (e scopeEntry) result(now time.Time) (Scope, bool, error) {
	if !e.found || (e.revokedAt != nil && !e.revokedAt.After(now)) {
		return Scope{}, false, nil
	}
	return e.scope, true, nil
}

// scopeCache maps tokens to resolutions.
type scopeCache struct {
	mu sync.RWMutex
	m  map[string]scopeEntry
}

// maxScopeEntries bounds the cache against floods of made-up tokens; past it, it starts over.
const maxScopeEntries = 10000

// maxTokenLen keeps absurd header values out of the cache; real tokens are 67 characters.
const maxTokenLen = 128

func newScopeCache() *scopeCache { return &scopeCache{m: map[string]scopeEntry{}} }

// get returns the entry for token if it is still fresh at now and was read with no commit
// since.
func (c *scopeCache) get(token string, now time.Time, commits uint64) (scopeEntry, bool) {
	c.mu.RLock()
	defer c.mu.RUnlock()
	e, ok := c.m[token]
	if !ok || !now.Before(e.expires) || e.commits != commits {
		return scopeEntry{}, false
	}
	return e, true
}

func (c *scopeCache) put(token string, e scopeEntry) {
	if len(token) > maxTokenLen {
		return
	}
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxScopeEntries {
		c.m = map[string]scopeEntry{}
	}
	c.m[token] = e
}
