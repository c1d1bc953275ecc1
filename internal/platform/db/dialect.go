package db

// The dialect seam: SQL fragments where the engines force a difference. Everything else,
// placeholders ($1..$N) included, is written once.

// ILike returns the case-insensitive LIKE operator: ILIKE on PostgreSQL, LIKE on SQLite,
// where LIKE already ignores case for ASCII letters.
func (d *DB) ILike() string {
	if d.Engine == Postgres {
		return "ILIKE"
	}
	return "LIKE"
}

// ForUpdate returns the clause that locks selected rows until the transaction ends:
// " FOR UPDATE" on PostgreSQL, nothing on SQLite, whose single writer already serialises
// write transactions.
func (d *DB) ForUpdate() string {
	if d.Engine == Postgres {
		return " FOR UPDATE"
	}
	return ""
}

// SkipLocked returns the clause that claims rows no other transaction holds, for work
// queues such as the outbox: " FOR UPDATE SKIP LOCKED" on PostgreSQL, nothing on SQLite.
func (d *DB) SkipLocked() string {
	if d.Engine == Postgres {
		return " FOR UPDATE SKIP LOCKED"
	}
	return ""
}
