package pricing

import "channeld/internal/platform/db/dbtest"

// RecordReads makes every read of s go through a recorder and returns the function that
// hands out the statements recorded since it was last called.
func RecordReads(s *Service) func() []dbtest.Statement {
	var taken func() []dbtest.Statement
	s.read, taken = dbtest.RecordStatements(s.db.Read)
	return taken
}
