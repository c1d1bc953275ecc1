package taxonomy

import (
	"context"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

const collectionColumns = `id, title, handle, external_id, metadata, created_at, updated_at, deleted_at`

const termColumns = `id, value, external_id, metadata, created_at, updated_at, deleted_at`

var scanCollection = sqlq.Into(func(c *Collection) []any {
	return append([]any{&c.ID, &c.Title, &c.Handle, &c.ExternalID, db.JSONDest(&c.Metadata)},
		db.SoftStamps(&c.CreatedAt, &c.UpdatedAt, &c.DeletedAt)...)
})

var scanTerm = sqlq.Into(func(t *Term) []any {
	return append([]any{&t.ID, &t.Value, &t.ExternalID, db.JSONDest(&t.Metadata)},
		db.SoftStamps(&t.CreatedAt, &t.UpdatedAt, &t.DeletedAt)...)
})

// collectionNotFound is Medusa's message for a collection that does not exist.
func collectionNotFound(id string) error {
	return apperr.NotFoundf(`Collection with id "%s" not found`, id)
}

func termNotFound(k Kind, id string) error {
	return apperr.NotFoundf(`%s with id "%s" not found`, k.Name, id)
}

func insertCollection(ctx context.Context, tx db.DBTX, c *Collection) error {
	return sqlq.ExecUnique(ctx, tx, apperr.Invalidf("Product collection with handle: %s, already exists.", c.Handle), "insert collection",
		`INSERT INTO product_collection (`+collectionColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)`,
		c.ID, c.Title, c.Handle, c.ExternalID, db.JSON(c.Metadata), db.FormatTime(c.CreatedAt), db.FormatTime(c.UpdatedAt))
}

func updateCollection(ctx context.Context, tx db.DBTX, c *Collection) error {
	return sqlq.ExecUnique(ctx, tx, apperr.Invalidf("Product collection with handle: %s, already exists.", c.Handle), "update collection "+c.ID,
		`UPDATE product_collection SET title = $2, handle = $3, external_id = $4, metadata = $5, updated_at = $6 WHERE id = $1`,
		c.ID, c.Title, c.Handle, c.ExternalID, db.JSON(c.Metadata), db.FormatTime(c.UpdatedAt))
}

// getCollection returns a live collection; lock is "" or db.ForUpdate().
func getCollection(ctx context.Context, q db.DBTX, id, lock string) (*Collection, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+collectionColumns+` FROM product_collection WHERE id = $1 AND deleted_at IS NULL`+lock, id),
		scanCollection, collectionNotFound(id), "get collection "+id)
}

func insertTerm(ctx context.Context, tx db.DBTX, k Kind, t *Term) error {
	return sqlq.ExecUnique(ctx, tx, apperr.Invalidf("%s with value: %s, already exists.", k.Name, t.Value), "insert "+k.Table,
		`INSERT INTO `+k.Table+` (`+termColumns+`) VALUES ($1, $2, $3, $4, $5, $6, NULL)`,
		t.ID, t.Value, t.ExternalID, db.JSON(t.Metadata), db.FormatTime(t.CreatedAt), db.FormatTime(t.UpdatedAt))
}

func updateTerm(ctx context.Context, tx db.DBTX, k Kind, t *Term) error {
	return sqlq.ExecUnique(ctx, tx, apperr.Invalidf("%s with value: %s, already exists.", k.Name, t.Value), "update "+k.Table+" "+t.ID,
		`UPDATE `+k.Table+` SET value = $2, external_id = $3, metadata = $4, updated_at = $5 WHERE id = $1`,
		t.ID, t.Value, t.ExternalID, db.JSON(t.Metadata), db.FormatTime(t.UpdatedAt))
}

// getTerm returns a live term of kind k; lock is "" or db.ForUpdate().
func getTerm(ctx context.Context, q db.DBTX, k Kind, id, lock string) (*Term, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+termColumns+` FROM `+k.Table+` WHERE id = $1 AND deleted_at IS NULL`+lock, id),
		scanTerm, termNotFound(k, id), "get "+k.Table+" "+id)
}

var collectionOrder = map[string]string{"id": "id", "title": "title", "handle": "handle", "created_at": "created_at", "updated_at": "updated_at"}

var termOrder = map[string]string{"id": "id", "value": "value", "created_at": "created_at", "updated_at": "updated_at"}

// where builds the conditions of f shared by collections and terms; value is the column
// Values matches.
func where(ilike string, f Filter, value string, search ...string) (*sqlq.Where, error) {
	w := sqlq.NewWhere(ilike)
	w.Search(f.Q, search...)
	w.InFilter("id", f.IDs)
	w.InFilter(value, f.Values)
	w.InFilter("handle", f.Handles)
	w.InFilter("external_id", f.ExternalIDs)
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt}); err != nil {
		return nil, err
	}
	w.Add("deleted_at IS NULL")
	return w, nil
}

func listCollections(ctx context.Context, q db.DBTX, ilike string, f Filter, p Page) ([]*Collection, int, error) {
	w, err := where(ilike, f, "title", "title", "handle")
	if err != nil {
		return nil, 0, err
	}
	order, err := sqlq.OrderBy(p.Order, collectionOrder, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Collection]{From: "product_collection", Columns: collectionColumns, Scan: scanCollection}.
		Run(ctx, q, "collections", w, order, p.Limit, p.Offset)
}

func listTerms(ctx context.Context, q db.DBTX, ilike string, k Kind, f Filter, p Page) ([]*Term, int, error) {
	w, err := where(ilike, f, "value", "value")
	if err != nil {
		return nil, 0, err
	}
	order, err := sqlq.OrderBy(p.Order, termOrder, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Term]{From: k.Table, Columns: termColumns, Scan: scanTerm}.Run(ctx, q, k.Plural, w, order, p.Limit, p.Offset)
}
