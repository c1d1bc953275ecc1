package product

import (
	"context"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

const productColumns = `id, title, subtitle, description, handle, status, thumbnail, is_giftcard, discountable,
	weight, length, height, width, hs_code, origin_country, mid_code, material, collection_id, type_id,
	metadata, created_at, updated_at, deleted_at`

// row is what scan functions read from: *sql.Row and *sql.Rows.
type row = sqlq.Scanner

// physicalDest returns the scan destinations of the physical columns, in physicalArgs order.
func physicalDest(p *Physical) []any {
	return []any{&p.Weight, &p.Length, &p.Height, &p.Width, &p.HSCode, &p.OriginCountry, &p.MIDCode, &p.Material}
}

func physicalArgs(p Physical) []any {
	return []any{p.Weight, p.Length, p.Height, p.Width, p.HSCode, p.OriginCountry, p.MIDCode, p.Material}
}

func scanProduct(r row) (*Product, error) {
	var p Product
	dest := []any{&p.ID, &p.Title, &p.Subtitle, &p.Description, &p.Handle, &p.Status, &p.Thumbnail, &p.IsGiftcard, &p.Discountable}
	dest = append(dest, physicalDest(&p.Physical)...)
	dest = append(dest, &p.CollectionID, &p.TypeID, db.JSONDest(&p.Metadata))
	if err := r.Scan(append(dest, db.SoftStamps(&p.CreatedAt, &p.UpdatedAt, &p.DeletedAt)...)...); err != nil {
		return nil, err
	}
	return &p, nil
}

// productList reads pages of whole product rows.
var productList = sqlq.List[*Product]{From: "product", Columns: productColumns, Scan: scanProduct}

// updateArgs returns a row's insert arguments without created_at, the second to last: those
// of the UPDATE that writes every other column.
func updateArgs(insert []any) []any {
	n := len(insert)
	return append(insert[:n-2:n-2], insert[n-1])
}

func productArgs(p *Product) []any {
	args := []any{p.ID, p.Title, p.Subtitle, p.Description, p.Handle, p.Status, p.Thumbnail, p.IsGiftcard, p.Discountable}
	args = append(args, physicalArgs(p.Physical)...)
	return append(args, p.CollectionID, p.TypeID, db.JSON(p.Metadata), db.FormatTime(p.CreatedAt), db.FormatTime(p.UpdatedAt))
}

// errDuplicateHandle is Medusa's message for a handle a live product already has.
func errDuplicateHandle(handle string) error {
	return apperr.New(apperr.Duplicate, "Product with handle: %s, already exists.", handle)
}

func insertProduct(ctx context.Context, tx db.DBTX, p *Product) error {
	return sqlq.ExecUnique(ctx, tx, errDuplicateHandle(p.Handle), "insert product", `INSERT INTO product (`+productColumns+`)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9,
		$10, $11, $12, $13, $14, $15, $16, $17, $18, $19, $20, $21, $22, NULL)`, productArgs(p)...)
}

func updateProduct(ctx context.Context, tx db.DBTX, p *Product) error {
	return sqlq.ExecUnique(ctx, tx, errDuplicateHandle(p.Handle), "update product "+p.ID, `UPDATE product SET title = $2,
		subtitle = $3, description = $4, handle = $5, status = $6, thumbnail = $7, is_giftcard = $8, discountable = $9,
		weight = $10, length = $11, height = $12, width = $13, hs_code = $14, origin_country = $15, mid_code = $16,
		material = $17, collection_id = $18, type_id = $19, metadata = $20, updated_at = $21 WHERE id = $1`,
		updateArgs(productArgs(p))...)
}

// notFound is Medusa's message for a missing product.
const notFound = "Product with id: %s was not found"

// getProduct returns a live product without relations, when the caller may read it: a
// product in none of the caller's readable channels is answered as missing (§5.6 step 3).
func getProduct(ctx context.Context, q db.DBTX, id string) (*Product, error) {
	w := sqlq.NewWhere("")
	w.Eq("id", id)
	w.Add("deleted_at IS NULL")
	visible.RestrictLinked(ctx, w, "product", "id", ChannelLink.Name, ChannelLink.Left)
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+productColumns+` FROM product`+w.SQL(), w.Args()...),
		scanProduct, apperr.NotFoundf(notFound, id), "get product "+id)
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
	w.InFilter("id", f.IDs)
	w.InFilter("handle", f.Handles)
	w.InFilter("title", f.Titles)
	w.InFilter("status", f.Statuses)
	if f.IsGiftcard != nil {
		w.Eq("is_giftcard", *f.IsGiftcard)
	}
	if f.SalesChannelIDs != nil {
		ChannelLink.Filter(w, "id", ChannelLink.Right, f.SalesChannelIDs)
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt},
		sqlq.TimeOp{Field: "deleted_at", Ops: f.DeletedAt}); err != nil {
		return err
	}
	return sqlq.Groups(w, f.And, f.Or, func(sw *sqlq.Where, sf Filter) error { return buildWhere(sw, sf, e) })
}
