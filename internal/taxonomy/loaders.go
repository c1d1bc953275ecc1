package taxonomy

import (
	"context"
	"fmt"

	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/sqlq"
)

// The loaders the product module reads a page's collections, types and tags with: one
// statement each for the whole page, through a primary key or the product_tags key.

// Scalars of each entity, in the order "*" writes them.
var (
	collectionScalars = []string{"id", "title", "handle", "external_id", "created_at", "updated_at", "deleted_at", "metadata"}
	termScalars       = []string{"id", "value", "external_id", "created_at", "updated_at", "deleted_at", "metadata"}
)

// CollectionSpec writes a collection; TermSpec writes a tag or a type.
var (
	CollectionSpec = &fields.Spec[Collection]{Scalars: collectionScalars, Scalar: fields.Columns[Collection](collectionScalars, nil)}
	TermSpec       = &fields.Spec[Term]{Scalars: termScalars, Scalar: fields.Columns[Term](termScalars, nil)}
)

// CollectionsByID returns the live collections among ids, by id.
func CollectionsByID(ctx context.Context, q db.DBTX, ids []string) (map[string]*Collection, error) {
	if len(ids) == 0 {
		return map[string]*Collection{}, nil
	}
	w := sqlq.NewWhere("LIKE")
	w.In("id", ids)
	cs, err := sqlq.Collect(ctx, q, scanCollection, `SELECT `+collectionColumns+` FROM product_collection`+w.SQL()+` AND deleted_at IS NULL`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load collections: %w", err)
	}
	byID, _ := sqlq.Index(cs, func(c *Collection) string { return c.ID })
	return byID, nil
}

// TermsByID returns the live terms of kind k among ids, by id.
func TermsByID(ctx context.Context, q db.DBTX, k Kind, ids []string) (map[string]*Term, error) {
	if len(ids) == 0 {
		return map[string]*Term{}, nil
	}
	w := sqlq.NewWhere("LIKE")
	w.In("id", ids)
	ts, err := sqlq.Collect(ctx, q, scanTerm, `SELECT `+termColumns+` FROM `+k.Table+w.SQL()+` AND deleted_at IS NULL`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load %s: %w", k.Plural, err)
	}
	byID, _ := sqlq.Index(ts, func(t *Term) string { return t.ID })
	return byID, nil
}

// TagsOf returns the live tags of each of productIDs, by product id, each product's in
// value order.
func TagsOf(ctx context.Context, q db.DBTX, productIDs []string) (map[string][]*Term, error) {
	out := map[string][]*Term{}
	if len(productIDs) == 0 {
		return out, nil
	}
	w := sqlq.NewWhere("LIKE")
	w.In("pt.product_id", productIDs)
	type held struct {
		productID string
		tag       *Term
	}
	rows, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (held, error) {
		h := held{tag: &Term{}}
		t := h.tag
		err := r.Scan(&h.productID, &t.ID, &t.Value, &t.ExternalID, db.JSONDest(&t.Metadata),
			db.TimeDest(&t.CreatedAt), db.TimeDest(&t.UpdatedAt), db.NullTimeDest(&t.DeletedAt))
		return h, err
	}, `SELECT pt.product_id, t.id, t.value, t.external_id, t.metadata, t.created_at, t.updated_at, t.deleted_at
		FROM product_tags pt JOIN product_tag t ON t.id = pt.product_tag_id`+w.SQL()+
		` AND t.deleted_at IS NULL ORDER BY pt.product_id, t.value, t.id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load tags: %w", err)
	}
	for _, h := range rows {
		out[h.productID] = append(out[h.productID], h.tag)
	}
	return out, nil
}

// CheckRefs refuses a collection, a type, tags or categories that do not exist, reading
// through the transaction that makes a product name them.
func CheckRefs(ctx context.Context, tx db.DBTX, collectionID, typeID *string, tagIDs, categoryIDs []string) error {
	if collectionID != nil {
		if _, err := getCollection(ctx, tx, *collectionID, ""); err != nil {
			return err
		}
	}
	if typeID != nil {
		if _, err := getTerm(ctx, tx, Types, *typeID, ""); err != nil {
			return err
		}
	}
	found, err := TermsByID(ctx, tx, Tags, tagIDs)
	if err != nil {
		return err
	}
	for _, t := range tagIDs {
		if found[t] == nil {
			return termNotFound(Tags, t)
		}
	}
	if len(categoryIDs) == 0 {
		return nil
	}
	cats, err := categoriesWhere(ctx, tx, "id", categoryIDs, nil)
	if err != nil {
		return err
	}
	byID, _ := sqlq.Index(cats, func(c *Category) string { return c.ID })
	for _, c := range categoryIDs {
		if byID[c] == nil {
			return categoryNotFound(c)
		}
	}
	return nil
}
