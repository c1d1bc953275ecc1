package seller

import (
	"context"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

const columns = `id, name, email, metadata, created_at, updated_at, deleted_at`

// notFound is the message of a seller that does not exist or was deleted.
const notFound = "Seller with id: %s was not found"

var scan = sqlq.Into(func(s *Seller) []any {
	return append([]any{&s.ID, &s.Name, &s.Email, db.JSONDest(&s.Metadata)},
		db.SoftStamps(&s.CreatedAt, &s.UpdatedAt, &s.DeletedAt)...)
})

func insert(ctx context.Context, tx db.DBTX, s *Seller) error {
	return sqlq.Exec(ctx, tx, "insert seller", `INSERT INTO seller (`+columns+`) VALUES ($1, $2, $3, $4, $5, $6, NULL)`,
		s.ID, s.Name, s.Email, db.JSON(s.Metadata), db.FormatTime(s.CreatedAt), db.FormatTime(s.UpdatedAt))
}

func update(ctx context.Context, tx db.DBTX, s *Seller) error {
	return sqlq.Exec(ctx, tx, "update seller "+s.ID, `UPDATE seller SET name = $2, email = $3, metadata = $4, updated_at = $5 WHERE id = $1`,
		s.ID, s.Name, s.Email, db.JSON(s.Metadata), db.FormatTime(s.UpdatedAt))
}

// get returns a live seller; lock is "" or db.ForUpdate() when the caller writes it or
// depends on it staying live.
// A seller the admin caller may not read is answered as missing (§5.6).
func get(ctx context.Context, q db.DBTX, id, lock string) (*Seller, error) {
	w := sqlq.NewWhere("")
	w.Eq("id", id)
	w.Add("deleted_at IS NULL")
	restrictReadable(ctx, w)
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+columns+` FROM seller`+w.SQL()+lock, w.Args()...),
		scan, apperr.NotFoundf(notFound, id), "get seller "+id)
}

// restrictReadable limits w to the sellers a channel-limited caller may read (§5.6): the
// sellers of channels where it holds seller:read.
func restrictReadable(ctx context.Context, w *sqlq.Where) {
	all, ids := visible.Readable(ctx, "seller")
	if all {
		return
	}
	if len(ids) == 0 {
		w.Add("1 = 0")
		return
	}
	w.Add("id IN (SELECT seller_id FROM sales_channel WHERE deleted_at IS NULL AND id IN (" + w.ArgList(ids) + "))")
}

// channelsOf returns the ids of the live channels of a seller, read through q.
func channelsOf(ctx context.Context, q db.DBTX, sellerID string) ([]string, error) {
	rows, err := q.QueryContext(ctx, `SELECT id FROM sales_channel WHERE seller_id = $1 AND deleted_at IS NULL ORDER BY id`, sellerID)
	if err != nil {
		return nil, fmt.Errorf("read the channels of seller %s: %w", sellerID, err)
	}
	defer rows.Close()
	var ids []string
	for rows.Next() {
		var c string
		if err := rows.Scan(&c); err != nil {
			return nil, fmt.Errorf("read the channels of seller %s: %w", sellerID, err)
		}
		ids = append(ids, c)
	}
	return ids, rows.Err()
}

var orderColumns = map[string]string{
	"id": "id", "name": "name", "email": "email", "created_at": "created_at", "updated_at": "updated_at",
}

func list(ctx context.Context, q db.DBTX, ilike string, f Filter, p Page) ([]*Seller, int, error) {
	w := sqlq.NewWhere(ilike)
	w.Search(f.Q, "name", "email")
	w.InFilter("id", f.IDs)
	w.InFilter("name", f.Names)
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt}); err != nil {
		return nil, 0, err
	}
	w.Add("deleted_at IS NULL")
	restrictReadable(ctx, w)
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Seller]{From: "seller", Columns: columns, Scan: scan}.Run(ctx, q, "sellers", w, order, p.Limit, p.Offset)
}
