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

// RecordReads makes every read of s go through a recorder and returns the function that
// hands out the statements recorded since it was last called.
func RecordReads(s *Service) func() []dbtest.Statement {
	var taken func() []dbtest.Statement
	s.read, taken = dbtest.RecordStatements(s.read)
	return taken
}
