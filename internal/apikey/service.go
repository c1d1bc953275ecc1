package apikey

import (
	"context"
	"fmt"
	"slices"
	"sync/atomic"
	"time"

	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/link"
	"channeld/internal/rbac"
	"channeld/internal/saleschannel"
)

// Service is the API key use cases; each write is one transaction with its api-key.* event,
// named as Medusa's API key module names its own.
type Service struct {
	db       *db.DB
	now      clock.Clock
	newID    id.Source
	channels *saleschannel.Service
	scopes   *scopeCache
	secrets  *secretCache
	// remote counts the key changes other instances announced (Forget).
	remote atomic.Uint64
}

// KeysChanged is the notification channel of key and key ↔ channel changes, which every
// instance on the database listens to (app.RunWorkers) to forget what it cached.
const KeysChanged = "channeld_keys"

// Forgotten counts the Forget calls, so that tests can wait for a notification to arrive.
func (s *Service) Forgotten() uint64 { return s.remote.Load() }

// Forget drops every cached key resolution and verified secret: another instance changed
// keys or their channels.
func (s *Service) Forget() {
	s.remote.Add(1)
	s.secrets.clear()
}

// NewService returns a service on d; channels checks the channels that keys link to.
func NewService(d *db.DB, now clock.Clock, newID id.Source, channels *saleschannel.Service) *Service {
	return &Service{db: d, now: now, newID: newID, channels: channels, scopes: newScopeCache(), secrets: newSecretCache()}
}

// Create makes a key for the actor, linked in the same transaction to channelIDs (channeld's
// sales_channel_ids; publishable keys only). The key returned carries the raw token, the
// only time it is shown.
func (s *Service) Create(ctx context.Context, title, typ, createdBy string, channelIDs []string) (*APIKey, error) {
	// A channel-limited caller creates publishable keys in its channels (§5.6): a secret
	// key belongs to no channel, and a publishable one must name channels where it may
	// create keys (E35, E24), whether or not they exist.
	if typ == Secret {
		if err := rbac.CheckWrite(ctx, keyCreate, "api_key", "create", nil); err != nil {
			return nil, err
		}
	} else if err := rbac.CheckCreateIn(ctx, keyCreate, "api_key", "create", channelIDs); err != nil {
		return nil, err
	}
	if typ == Secret && len(channelIDs) > 0 {
		return nil, errNotPublishable
	}
	prefix := "pk"
	if typ == Secret {
		prefix = "sk"
	}
	token, err := id.Token(prefix)
	if err != nil {
		return nil, fmt.Errorf("make api key token: %w", err)
	}
	stored, salt := token, ""
	if typ == Secret {
		if stored, salt, err = hashSecret(token); err != nil {
			return nil, err
		}
	}
	now := s.now()
	k := &APIKey{
		ID: s.newID(id.APIKey), Token: token, Redacted: redact(token), Title: title, Type: typ,
		CreatedBy: createdBy, CreatedAt: now, UpdatedAt: now,
	}
	err = s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := s.channels.CheckLive(ctx, tx, channelIDs); err != nil {
			return err
		}
		if err := insert(ctx, tx, k, stored, salt); err != nil {
			return err
		}
		if err := outbox.Append(ctx, tx, now, outbox.IDEvent(EventCreated, k.ID)); err != nil {
			return err
		}
		if len(channelIDs) == 0 {
			return nil
		}
		if err := ChannelLink.Add(ctx, tx, k.ID, channelIDs, now); err != nil {
			return err
		}
		return s.channels.RecordLinks(ctx, tx, saleschannel.LinkAPIKey, k.ID, nil, channelIDs, nil)
	})
	if err != nil {
		return nil, err
	}
	return k, nil
}

// redact keeps the first 6 and last 3 characters of a token, as Medusa shows keys.
func redact(token string) string { return token[:6] + "***" + token[len(token)-3:] }

// Get returns a key.
func (s *Service) Get(ctx context.Context, keyID string) (*APIKey, error) {
	return get(ctx, s.db.Read(), keyID)
}

// List returns a page of keys matching f and the total count.
func (s *Service) List(ctx context.Context, f Filter, p Page) ([]*APIKey, int, error) {
	return list(ctx, s.db.Read(), s.db.ILike(), f, p)
}

// ByIDs returns the keys among ids, in id order.
func (s *Service) ByIDs(ctx context.Context, ids []string) ([]*APIKey, error) {
	if len(ids) == 0 {
		return []*APIKey{}, nil
	}
	out, _, err := list(ctx, s.db.Read(), s.db.ILike(), Filter{IDs: ids}, Page{Limit: len(ids)})
	return out, err
}

// Update changes a key's title, the only field Medusa lets change.
func (s *Service) Update(ctx context.Context, keyID, title string) (*APIKey, error) {
	var k *APIKey
	if err := s.write(ctx, func(tx db.DBTX) error {
		var err error
		if k, err = get(ctx, tx, keyID); err != nil {
			return err
		}
		if err := checkKeyWrite(ctx, tx, keyID, "update"); err != nil {
			return err
		}
		k.Title, k.UpdatedAt = title, s.now()
		if err := exec(ctx, tx, "update api key "+keyID, `UPDATE api_key SET title = $2, updated_at = $3 WHERE id = $1`,
			k.ID, k.Title, db.FormatTime(k.UpdatedAt)); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, k.UpdatedAt, outbox.IDEvent(EventUpdated, k.ID))
	}); err != nil {
		return nil, err
	}
	return k, nil
}

// Revoke makes a key stop working after revokeIn (at once when revokeIn ≤ 0). A secret key
// can be revoked once; a publishable key again, which moves its revocation time.
func (s *Service) Revoke(ctx context.Context, keyID string, revokeIn time.Duration, revokedBy string) (*APIKey, error) {
	var k *APIKey
	if err := s.write(ctx, func(tx db.DBTX) error {
		var err error
		if k, err = get(ctx, tx, keyID); err != nil {
			return err
		}
		if err := checkKeyWrite(ctx, tx, keyID, "update"); err != nil {
			return err
		}
		if k.Type == Secret && k.RevokedAt != nil {
			return apperr.Invalidf("There are 1 secret keys that are already revoked.")
		}
		now := s.now()
		at := now
		if revokeIn > 0 {
			at = now.Add(revokeIn)
		}
		k.RevokedAt, k.RevokedBy, k.UpdatedAt = &at, &revokedBy, now
		if err := exec(ctx, tx, "revoke api key "+keyID, `UPDATE api_key SET revoked_at = $2, revoked_by = $3, updated_at = $4 WHERE id = $1`,
			k.ID, db.FormatTime(at), revokedBy, db.FormatTime(now)); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventUpdated, k.ID))
	}); err != nil {
		return nil, err
	}
	return k, nil
}

// Delete hard-deletes a revoked key and its channel links. Deleting an unknown key succeeds
// and changes nothing, as in Medusa.
func (s *Service) Delete(ctx context.Context, keyID string) error {
	return s.write(ctx, func(tx db.DBTX) error {
		k, err := get(ctx, tx, keyID)
		if apperr.Is(err, apperr.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := checkKeyWrite(ctx, tx, keyID, "delete"); err != nil {
			return err
		}
		if k.Live(s.now()) {
			return apperr.NotAllowedf("Cannot delete api keys that are not revoked - %s", keyID)
		}
		if err := link.DropAll(ctx, tx, []link.Table{ChannelLink}, ChannelLink.Left, keyID); err != nil {
			return err
		}
		if err := exec(ctx, tx, "delete api key "+keyID, `DELETE FROM api_key WHERE id = $1`, keyID); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, s.now(), outbox.IDEvent(EventDeleted, keyID))
	})
}

// LinkChannels links a publishable key to the channels in add and unlinks those in remove,
// in that order, in one transaction. Every channel in add must be a live channel, or nothing
// is linked.
func (s *Service) LinkChannels(ctx context.Context, keyID string, add, remove []string) error {
	return s.write(ctx, func(tx db.DBTX) error {
		k, err := get(ctx, tx, keyID)
		if err != nil {
			return err
		}
		// A limited caller links and unlinks only channels where it may update keys (§5.6).
		if named := slices.Concat(add, remove); len(named) > 0 {
			if err := rbac.CheckWrite(ctx, keyUpdate, "api_key", "update", named); err != nil {
				return err
			}
		}
		if k.Type != Publishable {
			return errNotPublishable
		}
		if err := s.channels.CheckLive(ctx, tx, add); err != nil {
			return err
		}
		before, err := ChannelLink.RightsOf(ctx, tx, []string{keyID})
		if err != nil {
			return err
		}
		if err := ChannelLink.Add(ctx, tx, keyID, add, s.now()); err != nil {
			return err
		}
		if err := ChannelLink.Remove(ctx, tx, keyID, remove); err != nil {
			return err
		}
		return s.channels.RecordLinks(ctx, tx, saleschannel.LinkAPIKey, keyID, before[keyID], add, remove)
	})
}

// ChannelsOf returns, per key id, the live channels linked to it, in id order: one query for
// the links and one for the channels, whatever the number of keys.
func (s *Service) ChannelsOf(ctx context.Context, keyIDs []string) (map[string][]*saleschannel.SalesChannel, error) {
	links, err := ChannelLink.RightsOf(ctx, s.db.Read(), keyIDs)
	if err != nil {
		return nil, err
	}
	return s.channels.Linked(ctx, links)
}

// KeysOfChannels returns, per channel id, the keys linked to it, in id order.
func (s *Service) KeysOfChannels(ctx context.Context, channelIDs []string) (map[string][]*APIKey, error) {
	links, err := ChannelLink.LeftsOf(ctx, s.db.Read(), channelIDs)
	if err != nil {
		return nil, err
	}
	return link.Resolve(links, func(ids []string) ([]*APIKey, error) { return s.ByIDs(ctx, ids) },
		func(k *APIKey) string { return k.ID })
}

// write runs fn in one transaction and, once it has committed, forgets the verified secret
// tokens, which the change may have made stale.
func (s *Service) write(ctx context.Context, fn func(tx db.DBTX) error) error {
	if err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := fn(tx); err != nil {
			return err
		}
		return s.db.Notify(ctx, tx, KeysChanged)
	}); err != nil {
		return err
	}
	s.invalidate()
	return nil
}

// exec runs one statement of a write, its error wrapped with what the write was doing.
func exec(ctx context.Context, tx db.DBTX, doing, query string, args ...any) error {
	if _, err := tx.ExecContext(ctx, query, args...); err != nil {
		return fmt.Errorf("%s: %w", doing, err)
	}
	return nil
}

// invalidate forgets every verified secret token, after a committed change to keys. Cached
// publishable key scopes need no call: any commit makes them stale (see Resolve).
func (s *Service) invalidate() { s.secrets.clear() }

// keyCreate and keyUpdate are the declarations of the key writes the channel write check
// names.
var (
	keyCreate = rbac.Policies{"api_key:create"}
	keyUpdate = rbac.Policies{"api_key:update"}
)

// errNotPublishable is Medusa's refusal of channels for a secret key.
var errNotPublishable = apperr.Invalidf("Sales channels can only be associated with publishable API keys")

// checkKeyWrite is the channel write check of a key write (§5.6 step 4): api_key:<op> in
// every channel the key is linked to; a key in no channel (every secret key) needs it
// store-wide.
func checkKeyWrite(ctx context.Context, q db.DBTX, keyID, op string) error {
	linked, err := ChannelLink.RightsOf(ctx, q, []string{keyID})
	if err != nil {
		return err
	}
	return rbac.CheckWrite(ctx, rbac.Policies{"api_key:" + op}, "api_key", op, linked[keyID])
}
