package auth

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"math"
	"net"
	"net/http"
	"slices"
	"strconv"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
)

// Bucket is a token bucket: Burst failures are allowed at once, then one more every Every.
type Bucket struct {
	Burst int
	Every time.Duration
}

// Limits are the buckets that throttle guessing. A failed password takes a token from the
// email's bucket and from the client address's; a failed secret API key takes one from the
// address's secret-key bucket. With a bucket empty, the attempt is refused with 429 before
// any password is checked, so waiting is the only way on.
type Limits struct {
	PerEmail   Bucket
	PerAddress Bucket
	SecretKeys Bucket
}

// DefaultLimits let a person mistype a password ten times, then try once every 30 seconds;
// one client address may fail 30 times, then once every 5 seconds.
var DefaultLimits = Limits{
	PerEmail:   Bucket{Burst: 10, Every: 30 * time.Second},
	PerAddress: Bucket{Burst: 30, Every: 5 * time.Second},
	SecretKeys: Bucket{Burst: 30, Every: 5 * time.Second},
}

// Throttled is a refused attempt; RetryAfter is when the caller may try again.
type Throttled struct {
	RetryAfter time.Duration
	what       string
}

func (e *Throttled) Error() string { return "throttled: " + e.what }

// apperr renders the refusal in Medusa's error shape.
func (e *Throttled) apperr() *apperr.Error {
	return apperr.New(apperr.TooManyRequests, "Too many failed %s. Try again in %d seconds.", e.what, retrySeconds(e.RetryAfter))
}

func retrySeconds(d time.Duration) int { return max(1, int(math.Ceil(d.Seconds()))) }

// writeThrottled sets Retry-After and returns the error to render.
func writeThrottled(w http.ResponseWriter, t *Throttled) error {
	w.Header().Set("Retry-After", strconv.Itoa(retrySeconds(t.RetryAfter)))
	return t.apperr()
}

// clientAddress is the address the request came from. Headers such as X-Forwarded-For are
// not trusted: a client could send any, and would get a fresh bucket each time.
func clientAddress(r *http.Request) string {
	host, _, err := net.SplitHostPort(r.RemoteAddr)
	if err != nil {
		return r.RemoteAddr
	}
	return host
}

// maxThrottleKey bounds the keys stored in login_throttle; it is far below PostgreSQL's
// limit on a btree entry, about 2,700 bytes.
const maxThrottleKey = 200

// throttleKey names the bucket of value. A longer value (an email of 100,000 characters,
// which is nobody's) is named by its SHA-256 instead, so the row's key stays indexable.
func throttleKey(prefix, value string) string {
	if len(prefix)+len(value) <= maxThrottleKey {
		return prefix + value
	}
	sum := sha256.Sum256([]byte(value))
	return prefix + "sha256:" + hex.EncodeToString(sum[:])
}

// take takes one token from each bucket of keys in one transaction, or none when one of them
// is empty: then it returns a *Throttled saying when the emptiest will have a token again.
func (s *Service) take(ctx context.Context, what string, keys []string, buckets []Bucket) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error { return s.takeIn(ctx, tx, what, keys, buckets, true) })
}

// fail takes one token from each bucket of keys, empty or not: a failure to count after the
// attempt was let through.
func (s *Service) fail(ctx context.Context, keys []string, buckets []Bucket) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error { return s.takeIn(ctx, tx, "", keys, buckets, false) })
}

// refuseEmpty returns a *Throttled when a bucket of keys is empty, and writes nothing.
func (s *Service) refuseEmpty(ctx context.Context, what string, keys []string, buckets []Bucket) error {
	now := s.now().UnixMilli()
	for i, key := range keys {
		milli, err := bucketLevel(ctx, s.db.Read(), "", key, buckets[i], now)
		if err != nil {
			return err
		}
		if milli < 1000 {
			return &Throttled{RetryAfter: untilToken(milli, buckets[i]), what: what}
		}
	}
	return nil
}

// untilToken is how long a bucket holding milli thousandths of a token takes to hold one.
func untilToken(milli int64, b Bucket) time.Duration {
	return time.Duration((1000-milli)*b.Every.Milliseconds()/1000) * time.Millisecond
}

func (s *Service) takeIn(ctx context.Context, tx db.DBTX, what string, keys []string, buckets []Bucket, refuse bool) error {
	now := s.now().UnixMilli()
	left := make([]int64, len(keys))
	var wait time.Duration
	for i, key := range keys {
		milli, err := bucketLevel(ctx, tx, s.db.ForUpdate(), key, buckets[i], now)
		if err != nil {
			return err
		}
		if milli < 1000 {
			wait = max(wait, untilToken(milli, buckets[i]))
		}
		left[i] = max(milli-1000, 0)
	}
	if refuse && wait > 0 {
		return &Throttled{RetryAfter: wait, what: what}
	}
	for i, key := range keys {
		if err := setBucket(ctx, tx, key, left[i], now); err != nil {
			return err
		}
	}
	// Every bucket is full again a day after its last failure at the latest.
	if _, err := tx.ExecContext(ctx, `DELETE FROM login_throttle WHERE updated_ms < $1`, now-forgetAfter.Milliseconds()); err != nil {
		return fmt.Errorf("drop old throttles: %w", err)
	}
	return nil
}

// forgetAfter is longer than any bucket takes to refill.
const forgetAfter = 24 * time.Hour

// give returns the token an attempt that succeeded took from each bucket of keys, and fills
// the buckets of reset. A full bucket's row is dropped, so the table holds only keys that
// failed lately.
func (s *Service) give(ctx context.Context, keys []string, buckets []Bucket, reset ...string) error {
	now := s.now().UnixMilli()
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		for i, key := range keys {
			milli, err := bucketLevel(ctx, tx, s.db.ForUpdate(), key, buckets[i], now)
			if err != nil {
				return err
			}
			milli += 1000
			if milli >= int64(buckets[i].Burst)*1000 || slices.Contains(reset, key) {
				if _, err := tx.ExecContext(ctx, `DELETE FROM login_throttle WHERE key = $1`, key); err != nil {
					return fmt.Errorf("reset throttle %s: %w", key, err)
				}
				continue
			}
			if err := setBucket(ctx, tx, key, milli, now); err != nil {
				return err
			}
		}
		return nil
	})
}

// bucketLevel reads a bucket (full when it has no row) refilled up to now, in thousandths of
// a token, and locks its row.
func bucketLevel(ctx context.Context, tx db.DBTX, lock, key string, b Bucket, now int64) (int64, error) {
	full := int64(b.Burst) * 1000
	var milli, at int64
	err := tx.QueryRowContext(ctx, `SELECT milli, updated_ms FROM login_throttle WHERE key = $1`+lock, key).Scan(&milli, &at)
	if errors.Is(err, sql.ErrNoRows) {
		return full, nil
	}
	if err != nil {
		return 0, fmt.Errorf("read throttle %s: %w", key, err)
	}
	if elapsed := now - at; elapsed > 0 {
		milli += elapsed * 1000 / max(1, b.Every.Milliseconds())
	}
	return min(milli, full), nil
}

func setBucket(ctx context.Context, tx db.DBTX, key string, milli, now int64) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO login_throttle (key, milli, updated_ms) VALUES ($1, $2, $3)
		ON CONFLICT (key) DO UPDATE SET milli = excluded.milli, updated_ms = excluded.updated_ms`, key, milli, now)
	if err != nil {
		return fmt.Errorf("write throttle %s: %w", key, err)
	}
	return nil
}
