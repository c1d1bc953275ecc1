package apikey

import (
	"context"
	"crypto/rand"
	"crypto/sha256"
	"crypto/subtle"
	"encoding/hex"
	"fmt"
	"sync"

	"golang.org/x/crypto/scrypt"
)

// Secret tokens are stored as Medusa stores them: scrypt with Node's default cost (N=16384,
// r=8, p=1), a 64-byte key in hex, and the 16-byte salt's hex text as the salt. One hash
// costs tens of milliseconds, too much for every admin request, so a token is hashed once per
// process and remembered (see secretCache); only the key's liveness is read each time.
const (
	scryptN, scryptR, scryptP, scryptKeyLen = 16384, 8, 1, 64
)

// hashSecret returns the stored form of a secret token and its salt.
func hashSecret(token string) (hash, salt string, err error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", "", fmt.Errorf("make salt: %w", err)
	}
	salt = hex.EncodeToString(b)
	hash, err = scryptHex(token, salt)
	return hash, salt, err
}

func scryptHex(token, salt string) (string, error) {
	key, err := scrypt.Key([]byte(token), []byte(salt), scryptN, scryptR, scryptP, scryptKeyLen)
	if err != nil {
		return "", fmt.Errorf("hash secret key: %w", err)
	}
	return hex.EncodeToString(key), nil
}

// VerifySecret returns the id of the live secret key whose token this is. An unknown or
// revoked token is not an error: ok is false. It has the shape of auth.SecretKeyVerifier.
func (s *Service) VerifySecret(ctx context.Context, token string) (keyID string, ok bool, err error) {
	now := s.now()
	digest := sha256.Sum256([]byte(token))
	if keyID, found := s.secrets.get(digest); found {
		live, err := secretLive(ctx, s.db.Read(), keyID, now)
		return keyID, live, err
	}
	candidates, err := activeSecrets(ctx, s.db.Read(), now)
	if err != nil {
		return "", false, err
	}
	for _, c := range candidates {
		h, err := scryptHex(token, c.salt)
		if err != nil {
			return "", false, err
		}
		if subtle.ConstantTimeCompare([]byte(h), []byte(c.hash)) == 1 {
			s.secrets.put(digest, c.id)
			return c.id, true, nil
		}
	}
	return "", false, nil
}

// secretCache maps the SHA-256 of a secret token already proven by scrypt to its key id. The
// mapping never goes stale (a key's token does not change); whether the key is still live is
// checked in the database on every use.
type secretCache struct {
	mu sync.Mutex
	m  map[[32]byte]string
}

// maxSecretEntries bounds the cache; only tokens that matched a real key enter it.
const maxSecretEntries = 1024

func newSecretCache() *secretCache { return &secretCache{m: map[[32]byte]string{}} }

func (c *secretCache) get(d [32]byte) (string, bool) {
	c.mu.Lock()
	defer c.mu.Unlock()
	id, ok := c.m[d]
	return id, ok
}

func (c *secretCache) put(d [32]byte, keyID string) {
	c.mu.Lock()
	defer c.mu.Unlock()
	if len(c.m) >= maxSecretEntries {
		c.m = map[[32]byte]string{}
	}
	c.m[d] = keyID
}

func (c *secretCache) clear() {
	c.mu.Lock()
	defer c.mu.Unlock()
	c.m = map[[32]byte]string{}
}
