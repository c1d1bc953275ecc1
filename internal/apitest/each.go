package apitest

import (
	"testing"

	"channeld/internal/platform/db"
	"channeld/internal/platform/db/dbtest"
)

// Each runs fn once per engine (see dbtest.Each) with a server of its own on a fresh
// database. Nothing but the database is shared between the runs, so each engine's run is a
// parallel subtest.
func Each(t *testing.T, fn func(t *testing.T, s *Server)) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		t.Parallel()
		fn(t, New(t, e))
	})
}

// EachPair is Each with two servers on the same fresh database, as two instances of
// channeld behind one load balancer: what one writes, the other must see.
func EachPair(t *testing.T, fn func(t *testing.T, s, other *Server)) {
	t.Helper()
	dbtest.Each(t, func(t *testing.T, e db.Engine) {
		t.Parallel()
		url := dbtest.URL(t, e)
		fn(t, NewWithURL(t, url), NewWithURL(t, url))
	})
}
