package storefront

import (
	"sync/atomic"

	"channeld/internal/platform/db/dbtest"
)

// CountReads makes every read of s go through a counter and returns it.
func CountReads(s *Service) *atomic.Int64 {
	var n *atomic.Int64
	s.read, n = dbtest.CountStatements(s.read)
	return n
}
