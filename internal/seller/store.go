package seller

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

const columns = `id, name, email, metadata, created_at, updated_at, deleted_at`

// notFound is the message of a seller that does not exist or was deleted.
const notFound = "Seller with id: %s was not found"

func scan(row sqlq.Scanner) (*Seller, error) {
	var s Seller
	var email sql.NullString
	var meta db.JSON
	var created, updated db.Time
	var deleted db.NullTime
	if err := row.Scan(&s.ID, &s.Name, &email, &meta, &created, &updated, &deleted); err != nil {
		return nil, err
	}
	if email.Valid {
		s.Email = &email.String
	}
	if meta != nil {
		s.Metadata = []byte(meta)
	}
	s.CreatedAt, s.UpdatedAt = created.Time, updated.Time
	if deleted.Valid {
		t := deleted.Time
		s.DeletedAt = &t
	}
	return &s, nil
}

func nullJSON(raw []byte) any {
	if raw == nil {
		return nil
	}
	return string(raw)
}

func insert(ctx context.Context, tx db.DBTX, s *Seller) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO seller (`+columns+`) VALUES ($1, $2, $3, $4, $5, $6, NULL)`,
		s.ID, s.Name, s.Email, nullJSON(s.Metadata), db.FormatTime(s.CreatedAt), db.FormatTime(s.UpdatedAt))
	if err != nil {
		return fmt.Errorf("insert seller: %w", err)
	}
	return nil
}

func update(ctx context.Context, tx db.DBTX, s *Seller) error {
	_, err := tx.ExecContext(ctx, `UPDATE seller SET name = $2, email = $3, metadata = $4, updated_at = $5 WHERE id = $1`,
		s.ID, s.Name, s.Email, nullJSON(s.Metadata), db.FormatTime(s.UpdatedAt))
	if err != nil {
		return fmt.Errorf("update seller %s: %w", s.ID, err)
	}
	return nil
}

// get returns a live seller; lock is "" or " FOR UPDATE" where the engine has it.
func get(ctx context.Context, q db.DBTX, id, lock string) (*Seller, error) {
	s, err := scan(q.QueryRowContext(ctx, `SELECT `+columns+` FROM seller WHERE id = $1 AND deleted_at IS NULL`+lock, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf(notFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("get seller %s: %w", id, err)
	}
	return s, nil
}

var orderColumns = map[string]string{
	"id": "id", "name": "name", "email": "email", "created_at": "created_at", "updated_at": "updated_at",
}

func list(ctx context.Context, q db.DBTX, ilike string, f Filter, p Page) ([]*Seller, int, error) {
	w := sqlq.NewWhere(ilike)
	if f.Q != "" {
		w.Search(f.Q, "name", "email")
	}
	if f.IDs != nil {
		w.In("id", f.IDs)
	}
	if f.Names != nil {
		w.In("name", f.Names)
	}
	for _, op := range []struct {
		column string
		m      map[string]any
	}{{"created_at", f.CreatedAt}, {"updated_at", f.UpdatedAt}} {
		if op.m == nil {
			continue
		}
		if err := w.Op(op.column, op.column, sqlq.OpMap(op.m), sqlq.TimeValue); err != nil {
			return nil, 0, err
		}
	}
	w.Add("deleted_at IS NULL")
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Seller]{From: "seller", Columns: columns, Scan: scan}.Run(ctx, q, "sellers", w, order, p.Limit, p.Offset)
}
