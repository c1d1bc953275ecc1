package apikey

import (
	"context"
	"fmt"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

const columns = `id, token, redacted, title, type, last_used_at, created_by, revoked_by, revoked_at, created_at, updated_at`

const notFound = "API Key with id: %s was not found"

// scan reads one key; a secret key's stored token is a hash and never leaves the store.
func scan(row sqlq.Scanner) (*APIKey, error) {
	var k APIKey
	if err := row.Scan(&k.ID, &k.Token, &k.Redacted, &k.Title, &k.Type, db.NullTimeDest(&k.LastUsedAt), &k.CreatedBy,
		&k.RevokedBy, db.NullTimeDest(&k.RevokedAt), db.TimeDest(&k.CreatedAt), db.TimeDest(&k.UpdatedAt)); err != nil {
		return nil, err
	}
	if k.Type == Secret {
		k.Token = ""
	}
	return &k, nil
}

// insert stores k with the token as stored (raw or hashed) and its salt.
func insert(ctx context.Context, tx db.DBTX, k *APIKey, storedToken, salt string) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO api_key (`+columns+`, salt)
		VALUES ($1, $2, $3, $4, $5, NULL, $6, NULL, NULL, $7, $7, $8)`,
		k.ID, storedToken, k.Redacted, k.Title, k.Type, k.CreatedBy, db.FormatTime(k.CreatedAt), salt)
	if err != nil {
		return fmt.Errorf("insert api key: %w", err)
	}
	return nil
}

// get returns a key the caller may read (restrictReadable) or Medusa's not-found error.
func get(ctx context.Context, q db.DBTX, id string) (*APIKey, error) {
	w := sqlq.NewWhere("")
	w.Eq("id", id)
	restrictReadable(ctx, w)
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+columns+` FROM api_key`+w.SQL(), w.Args()...),
		scan, apperr.NotFoundf(notFound, id), "get api key "+id)
}

// restrictReadable limits w to the keys a channel-limited caller may read (§5.6): the
// publishable keys linked to a channel where it holds api_key:read. A secret key is linked to
// no channel, so only a store-wide reader sees it.
func restrictReadable(ctx context.Context, w *sqlq.Where) {
	visible.RestrictLinked(ctx, w, "api_key", "id", ChannelLink.Name, ChannelLink.Left)
}

// secretCandidate is a live secret key's stored hash, for verifying a presented token.
type secretCandidate struct{ id, hash, salt string }

// activeSecrets returns the stored hashes of the secret keys live at now; there is at most
// one unless keys were revoked with a future date.
func activeSecrets(ctx context.Context, q db.DBTX, now time.Time) ([]secretCandidate, error) {
	out, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (secretCandidate, error) {
		var c secretCandidate
		err := r.Scan(&c.id, &c.hash, &c.salt)
		return c, err
	}, `SELECT id, token, salt FROM api_key
		WHERE type = 'secret' AND (revoked_at IS NULL OR revoked_at > $1) ORDER BY id`, db.FormatTime(now))
	if err != nil {
		return nil, fmt.Errorf("read secret keys: %w", err)
	}
	return out, nil
}

// secretLive reports whether the secret key id exists and is live at now.
func secretLive(ctx context.Context, q db.DBTX, id string, now time.Time) (bool, error) {
	var live bool
	err := q.QueryRowContext(ctx, `SELECT EXISTS (SELECT 1 FROM api_key WHERE id = $1 AND type = 'secret'
		AND (revoked_at IS NULL OR revoked_at > $2))`, id, db.FormatTime(now)).Scan(&live)
	return live, err
}

// publishableByToken returns the id and revocation time of the publishable key with token,
// whether or not it is revoked.
func publishableByToken(ctx context.Context, q db.DBTX, token string) (id string, revokedAt *time.Time, err error) {
	err = q.QueryRowContext(ctx, `SELECT id, revoked_at FROM api_key WHERE token = $1 AND type = 'publishable'`, token).
		Scan(&id, db.NullTimeDest(&revokedAt))
	if err != nil {
		return "", nil, err
	}
	return id, revokedAt, nil
}

var orderColumns = map[string]string{
	"id": "id", "title": "title", "token": "token", "redacted": "redacted", "type": "type",
	"last_used_at": "last_used_at", "created_by": "created_by", "revoked_by": "revoked_by",
	"revoked_at": "revoked_at", "created_at": "created_at", "updated_at": "updated_at",
}

// noDeletedAt stands for the deleted_at column keys do not have: always null.
const noDeletedAt = "CAST(NULL AS TEXT)"

func buildWhere(w *sqlq.Where, f Filter) error {
	w.Search(f.Q, "title", "redacted")
	w.InFilter("id", f.IDs)
	w.InFilter("title", f.Titles)
	w.InFilter("token", f.Tokens)
	if f.Type != "" {
		w.Eq("type", f.Type)
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt},
		sqlq.TimeOp{Field: "deleted_at", Column: noDeletedAt, Ops: f.DeletedAt},
		sqlq.TimeOp{Field: "revoked_at", Ops: f.RevokedAt}); err != nil {
		return err
	}
	return sqlq.Groups(w, f.And, f.Or, func(sw *sqlq.Where, sf Filter) error { return buildWhere(sw, sf) })
}

func list(ctx context.Context, q db.DBTX, ilike string, f Filter, p Page) ([]*APIKey, int, error) {
	w := sqlq.NewWhere(ilike)
	if err := buildWhere(w, f); err != nil {
		return nil, 0, err
	}
	restrictReadable(ctx, w)
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*APIKey]{From: "api_key", Columns: columns, Scan: scan}.
		Run(ctx, q, "api keys", w, order, p.Limit, p.Offset)
}
