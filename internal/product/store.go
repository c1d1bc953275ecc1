package product

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

const productColumns = `id, title, subtitle, description, handle, status, thumbnail, is_giftcard, discountable,
	weight, length, height, width, hs_code, origin_country, mid_code, material, collection_id, type_id,
	metadata, created_at, updated_at, deleted_at`

// row is what scan functions read from: *sql.Row and *sql.Rows.
type row = sqlq.Scanner

// nullable column readers, turned into pointers after the scan.
type physicalCols struct {
	weight, length, height, width            sql.NullFloat64
	hsCode, originCountry, midCode, material sql.NullString
}

func (c *physicalCols) dest() []any {
	return []any{&c.weight, &c.length, &c.height, &c.width, &c.hsCode, &c.originCountry, &c.midCode, &c.material}
}

func (c *physicalCols) value() Physical {
	return Physical{Weight: nfloat(c.weight), Length: nfloat(c.length), Height: nfloat(c.height), Width: nfloat(c.width),
		HSCode: nstr(c.hsCode), OriginCountry: nstr(c.originCountry), MIDCode: nstr(c.midCode), Material: nstr(c.material)}
}

func physicalArgs(p Physical) []any {
	return []any{p.Weight, p.Length, p.Height, p.Width, p.HSCode, p.OriginCountry, p.MIDCode, p.Material}
}

func nstr(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

func nfloat(f sql.NullFloat64) *float64 {
	if !f.Valid {
		return nil
	}
	return &f.Float64
}

func nullJSON(raw []byte) any {
	if raw == nil {
		return nil
	}
	return string(raw)
}

func scanProduct(r row) (*Product, error) {
	var p Product
	var subtitle, desc, thumb, coll, typ sql.NullString
	var phys physicalCols
	var meta db.JSON
	var created, updated db.Time
	var deleted db.NullTime
	dest := []any{&p.ID, &p.Title, &subtitle, &desc, &p.Handle, &p.Status, &thumb, &p.IsGiftcard, &p.Discountable}
	dest = append(dest, phys.dest()...)
	dest = append(dest, &coll, &typ, &meta, &created, &updated, &deleted)
	if err := r.Scan(dest...); err != nil {
		return nil, err
	}
	p.Subtitle, p.Description, p.Thumbnail, p.CollectionID, p.TypeID = nstr(subtitle), nstr(desc), nstr(thumb), nstr(coll), nstr(typ)
	p.Physical = phys.value()
	if meta != nil {
		p.Metadata = []byte(meta)
	}
	p.CreatedAt, p.UpdatedAt = created.Time, updated.Time
	if deleted.Valid {
		t := deleted.Time
		p.DeletedAt = &t
	}
	return &p, nil
}

func productArgs(p *Product) []any {
	args := []any{p.ID, p.Title, p.Subtitle, p.Description, p.Handle, p.Status, p.Thumbnail, p.IsGiftcard, p.Discountable}
	args = append(args, physicalArgs(p.Physical)...)
	return append(args, p.CollectionID, p.TypeID, nullJSON(p.Metadata), db.FormatTime(p.CreatedAt), db.FormatTime(p.UpdatedAt))
}

// errDuplicateHandle is Medusa's message for a handle a live product already has.
func errDuplicateHandle(handle string) error {
	return apperr.New(apperr.Duplicate, "Product with handle: %s, already exists.", handle)
}

func insertProduct(ctx context.Context, tx db.DBTX, p *Product) error {
	_, err := tx.ExecContext(ctx, `INSERT INTO product (`+productColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
		$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, NULL)`, productArgs(p)...)
	if db.IsUniqueViolation(err) {
		return errDuplicateHandle(p.Handle)
	}
	if err != nil {
		return fmt.Errorf("insert product: %w", err)
	}
	return nil
}

func updateProduct(ctx context.Context, tx db.DBTX, p *Product) error {
	args := productArgs(p)
	args = append(args[:20:20], args[21]) // every column but created_at
	_, err := tx.ExecContext(ctx, `UPDATE product SET title = $2, subtitle = $3, description = $4, handle = $5,
		status = $6, thumbnail = $7, is_giftcard = $8, discountable = $9, weight = $10, length = $11, height = $12,
		width = $13, hs_code = $14, origin_country = $15, mid_code = $16, material = $17, collection_id = $18,
		type_id = $19, metadata = $20, updated_at = $21 WHERE id = $1`, args...)
	if db.IsUniqueViolation(err) {
		return errDuplicateHandle(p.Handle)
	}
	if err != nil {
		return fmt.Errorf("update product %s: %w", p.ID, err)
	}
	return nil
}

// notFound is Medusa's message for a missing product.
const notFound = "Product with id: %s was not found"

// getProduct returns a live product without relations.
func getProduct(ctx context.Context, q db.DBTX, id string) (*Product, error) {
	p, err := scanProduct(q.QueryRowContext(ctx, `SELECT `+productColumns+` FROM product WHERE id = $1 AND deleted_at IS NULL`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf(notFound, id)
	}
	if err != nil {
		return nil, fmt.Errorf("get product %s: %w", id, err)
	}
	return p, nil
}

var orderColumns = map[string]string{
	"id": "id", "title": "title", "subtitle": "subtitle", "handle": "handle", "status": "status",
	"is_giftcard": "is_giftcard", "discountable": "discountable",
	"created_at": "created_at", "updated_at": "updated_at", "deleted_at": "deleted_at",
}

// buildWhere adds the conditions of f on the product table, named without a prefix.
func buildWhere(w *sqlq.Where, f Filter, e db.Engine) error {
	if f.Q != "" {
		addSearch(w, e, f.Q)
	}
	if f.IDs != nil {
		w.In("id", f.IDs)
	}
	if f.Handles != nil {
		w.In("handle", f.Handles)
	}
	if f.Titles != nil {
		w.In("title", f.Titles)
	}
	if f.Statuses != nil {
		w.In("status", f.Statuses)
	}
	if f.IsGiftcard != nil {
		w.Eq("is_giftcard", *f.IsGiftcard)
	}
	if f.SalesChannelIDs != nil {
		if len(f.SalesChannelIDs) == 0 {
			w.Add("1 = 0")
		} else {
			w.Add("id IN (" + ChannelLink.Subquery("sales_channel_id", w.ArgList(f.SalesChannelIDs)) + ")")
		}
	}
	for _, op := range []struct {
		field string
		m     map[string]any
	}{{"created_at", f.CreatedAt}, {"updated_at", f.UpdatedAt}, {"deleted_at", f.DeletedAt}} {
		if op.m != nil {
			if err := w.Op(op.field, op.field, sqlq.OpMap(op.m), sqlq.TimeValue); err != nil {
				return err
			}
		}
	}
	return sqlq.Groups(w, f.And, f.Or, func(sw *sqlq.Where, sf Filter) error { return buildWhere(sw, sf, e) })
}

func namesDeletedAt(f Filter) bool {
	if f.DeletedAt != nil {
		return true
	}
	for _, s := range append(append([]Filter(nil), f.And...), f.Or...) {
		if namesDeletedAt(s) {
			return true
		}
	}
	return false
}
