package product

import (
	"context"
	"encoding/json"
	"fmt"
	"time"

	"channeld/internal/fulfillment"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/sqlq"
	"channeld/internal/taxonomy"
)

// Image is one image of a product, in rank order among the product's.
type Image struct {
	ID        string
	ProductID string
	URL       string
	Rank      int64
	Metadata  json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time
}

// ImageInput is an image of a create or an update: on an update, an ID keeps that image of
// the product (at its new rank, with the given URL).
type ImageInput struct {
	ID  string
	URL string
}

var imageScalars = []string{"id", "url", "rank", "metadata", "product_id", "created_at", "updated_at", "deleted_at"}

// ImageSpec writes an image.
var ImageSpec = &fields.Spec[Image]{Scalars: imageScalars, Scalar: fields.Columns[Image](imageScalars, nil),
	Relations: map[string]fields.Relation[Image]{
		// The variants an image is linked to: channeld links images to products alone (the
		// dashboard's variant page asks for images.variants.id).
		"variants": fields.Empty[Image](),
	}}

const imageColumns = `id, product_id, url, rank, metadata, created_at, updated_at, deleted_at`

var scanImage = sqlq.Into(func(i *Image) []any {
	return append([]any{&i.ID, &i.ProductID, &i.URL, &i.Rank, db.JSONDest(&i.Metadata)},
		db.SoftStamps(&i.CreatedAt, &i.UpdatedAt, &i.DeletedAt)...)
})

// loadCatalogue fills the collection, type, tags and images inc asks for: one statement
// each for the whole page.
func loadCatalogue(ctx context.Context, q db.DBTX, ps []*Product, inc Include) error {
	if inc.Collection {
		byID, err := taxonomy.CollectionsByID(ctx, q, refs(ps, func(p *Product) *string { return p.CollectionID }))
		if err != nil {
			return err
		}
		for _, p := range ps {
			p.Collection = lookup(byID, p.CollectionID)
		}
	}
	if inc.Type {
		byID, err := taxonomy.TermsByID(ctx, q, taxonomy.Types, refs(ps, func(p *Product) *string { return p.TypeID }))
		if err != nil {
			return err
		}
		for _, p := range ps {
			p.Type = lookup(byID, p.TypeID)
		}
	}
	_, ids := sqlq.Index(ps, (*Product).key)
	if inc.Tags {
		tags, err := taxonomy.TagsOf(ctx, q, ids)
		if err != nil {
			return err
		}
		for _, p := range ps {
			p.Tags = append([]*taxonomy.Term{}, tags[p.ID]...)
		}
	}
	if inc.Categories {
		cats, err := taxonomy.CategoriesOf(ctx, q, ids)
		if err != nil {
			return err
		}
		for _, p := range ps {
			p.Categories = append([]*taxonomy.Category{}, cats[p.ID]...)
		}
	}
	if inc.ShippingProfile {
		profiles, err := fulfillment.ProfilesOfProducts(ctx, q, ids)
		if err != nil {
			return err
		}
		for _, p := range ps {
			p.ShippingProfile = profiles[p.ID]
		}
	}
	if inc.Images {
		return loadImages(ctx, q, ps, ids)
	}
	return nil
}

// loadImages fills the live images of ps, in rank order, in one statement.
func loadImages(ctx context.Context, q db.DBTX, ps []*Product, ids []string) error {
	byID, _ := sqlq.Index(ps, (*Product).key)
	for _, p := range ps {
		p.Images = []*Image{}
	}
	w := inWhere("product_id", ids)
	images, err := sqlq.Collect(ctx, q, scanImage, `SELECT `+imageColumns+` FROM product_image`+w.SQL()+
		` AND deleted_at IS NULL ORDER BY product_id, rank, id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load images: %w", err)
	}
	for _, i := range images {
		byID[i.ProductID].Images = append(byID[i.ProductID].Images, i)
	}
	return nil
}

// refs returns the distinct ids ref gives for ps, skipping nils.
func refs(ps []*Product, ref func(*Product) *string) []string {
	seen := map[string]bool{}
	var out []string
	for _, p := range ps {
		if r := ref(p); r != nil && !seen[*r] {
			seen[*r] = true
			out = append(out, *r)
		}
	}
	return out
}

func lookup[T any](byID map[string]*T, ref *string) *T {
	if ref == nil {
		return nil
	}
	return byID[*ref]
}

// The product's links to tags and to categories, each replaced whole by a write that sets it.
var (
	tagLinks      = linkTable{table: "product_tags", other: "product_tag_id"}
	categoryLinks = linkTable{table: "product_category_product", other: "product_category_id"}
)

// linkTable is a (product_id, other) link table.
type linkTable struct{ table, other string }

// set makes the product's links exactly ids.
func (l linkTable) set(ctx context.Context, tx db.DBTX, productID string, ids []string) error {
	if err := sqlq.Exec(ctx, tx, "clear "+l.table+" of "+productID, `DELETE FROM `+l.table+` WHERE product_id = $1`, productID); err != nil {
		return err
	}
	seen := map[string]bool{}
	for _, id := range ids {
		if seen[id] {
			continue
		}
		seen[id] = true
		if err := sqlq.Exec(ctx, tx, "link "+productID, `INSERT INTO `+l.table+` (product_id, `+l.other+`) VALUES ($1, $2)`, productID, id); err != nil {
			return err
		}
	}
	return nil
}

// setImages makes the product's live images exactly images, ranked in their order: an image
// named by id among the product's is kept and rewritten, the others are deleted, new ones made.
func (s *Service) setImages(ctx context.Context, tx db.DBTX, productID string, images []ImageInput, now time.Time) error {
	stamp := db.FormatTime(now)
	keep := sqlq.NewWhere("LIKE")
	keep.Eq("product_id", productID)
	keep.Add("deleted_at IS NULL")
	var kept []string
	for _, img := range images {
		if img.ID != "" {
			kept = append(kept, img.ID)
		}
	}
	keep.NotIn("id", kept)
	del := `UPDATE product_image SET deleted_at = ` + keep.Arg(stamp) + `, updated_at = ` + keep.Arg(stamp)
	if err := sqlq.Exec(ctx, tx, "drop images of "+productID, del+keep.SQL(), keep.Args()...); err != nil {
		return err
	}
	for rank, img := range images {
		if img.ID != "" {
			res, err := tx.ExecContext(ctx, `UPDATE product_image SET url = $3, rank = $4, updated_at = $5
				WHERE id = $1 AND product_id = $2 AND deleted_at IS NULL`, img.ID, productID, img.URL, rank, stamp)
			if err != nil {
				return fmt.Errorf("update image %s: %w", img.ID, err)
			}
			if n, err := res.RowsAffected(); err != nil || n > 0 {
				continue
			}
		}
		if err := sqlq.Exec(ctx, tx, "insert image of "+productID, `INSERT INTO product_image (`+imageColumns+`)
			VALUES ($1, $2, $3, $4, NULL, $5, $5, NULL)`, s.newID("img"), productID, img.URL, rank, stamp); err != nil {
			return err
		}
	}
	return nil
}

// updateCatalogueTx checks the collection, type and tags an update names and writes the
// tags and images it sets.
func (s *Service) updateCatalogueTx(ctx context.Context, tx db.DBTX, p *Product, in UpdateInput, now time.Time) error {
	var collectionID, typeID *string
	if in.CollectionID.Set {
		collectionID = in.CollectionID.Value
	}
	if in.TypeID.Set {
		typeID = in.TypeID.Value
	}
	if err := taxonomy.CheckRefs(ctx, tx, collectionID, typeID, in.Tags.Value, in.Categories.Value); err != nil {
		return err
	}
	if in.Tags.Set {
		if err := tagLinks.set(ctx, tx, p.ID, in.Tags.Value); err != nil {
			return err
		}
	}
	if in.Categories.Set {
		if err := categoryLinks.set(ctx, tx, p.ID, in.Categories.Value); err != nil {
			return err
		}
	}
	if in.Images.Set {
		return s.setImages(ctx, tx, p.ID, in.Images.Value, now)
	}
	return nil
}
