package taxonomy

import (
	"context"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

const categoryColumns = `id, name, description, handle, parent_category_id, rank, is_active, is_internal, external_id,
	metadata, created_at, updated_at, deleted_at`

var scanCategory = sqlq.Into(func(c *Category) []any {
	return append([]any{&c.ID, &c.Name, &c.Description, &c.Handle, &c.ParentCategoryID, &c.Rank, &c.IsActive, &c.IsInternal,
		&c.ExternalID, db.JSONDest(&c.Metadata)}, db.SoftStamps(&c.CreatedAt, &c.UpdatedAt, &c.DeletedAt)...)
})

// categoryNotFound is Medusa's message for a category it does not have (or does not show).
func categoryNotFound(id string) error {
	return apperr.NotFoundf("Product category with id: %s was not found", id)
}

func categoryDuplicate(c *Category) error {
	return apperr.Invalidf("Product category with handle: %s, already exists.", c.Handle)
}

func insertCategory(ctx context.Context, tx db.DBTX, c *Category) error {
	return sqlq.ExecUnique(ctx, tx, categoryDuplicate(c), "insert category",
		`INSERT INTO product_category (`+categoryColumns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, NULL)`,
		c.ID, c.Name, c.Description, c.Handle, c.ParentCategoryID, c.Rank, c.IsActive, c.IsInternal, c.ExternalID,
		db.JSON(c.Metadata), db.FormatTime(c.CreatedAt), db.FormatTime(c.UpdatedAt))
}

func updateCategory(ctx context.Context, tx db.DBTX, c *Category) error {
	return sqlq.ExecUnique(ctx, tx, categoryDuplicate(c), "update category "+c.ID,
		`UPDATE product_category SET name = $2, description = $3, handle = $4, parent_category_id = $5, rank = $6,
		is_active = $7, is_internal = $8, external_id = $9, metadata = $10, updated_at = $11 WHERE id = $1`,
		c.ID, c.Name, c.Description, c.Handle, c.ParentCategoryID, c.Rank, c.IsActive, c.IsInternal, c.ExternalID,
		db.JSON(c.Metadata), db.FormatTime(c.UpdatedAt))
}

func getCategory(ctx context.Context, q db.DBTX, id, lock string) (*Category, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+categoryColumns+` FROM product_category WHERE id = $1 AND deleted_at IS NULL`+lock, id),
		scanCategory, categoryNotFound(id), "get category "+id)
}

var categoryOrder = map[string]string{"id": "id", "name": "name", "handle": "handle", "rank": "rank",
	"created_at": "created_at", "updated_at": "updated_at"}

// visibleIn adds to w what a storefront of channelIDs sees of a category (alias
// product_category): active, public, and holding a product listed in one of the channels.
func visibleIn(w *sqlq.Where, channelIDs []string) {
	w.Add("is_active = " + w.Arg(true) + " AND is_internal = " + w.Arg(false))
	w.Add(`EXISTS (SELECT 1 FROM product_category_product cp JOIN product_listing l ON l.product_id = cp.product_id
		WHERE cp.product_category_id = product_category.id
		AND l.sales_channel_id IN (` + w.ArgList(channelIDs) + `) AND l.listed)`)
}

func categoryWhere(ilike string, f CategoryFilter) (*sqlq.Where, error) {
	w, err := where(ilike, f.Filter, "name", "name", "handle", "description")
	if err != nil {
		return nil, err
	}
	w.InFilter("parent_category_id", f.ParentIDs)
	w.InFilter("description", f.Descriptions)
	if f.IsActive != nil {
		w.Eq("is_active", *f.IsActive)
	}
	if f.IsInternal != nil {
		w.Eq("is_internal", *f.IsInternal)
	}
	if f.Store != nil {
		visibleIn(w, f.Store)
	}
	return w, nil
}

func listCategories(ctx context.Context, q db.DBTX, ilike string, f CategoryFilter, p Page) ([]*Category, int, error) {
	w, err := categoryWhere(ilike, f)
	if err != nil {
		return nil, 0, err
	}
	order, err := sqlq.OrderBy(p.Order, categoryOrder, "id")
	if err != nil {
		return nil, 0, err
	}
	cs, n, err := sqlq.List[*Category]{From: "product_category", Columns: categoryColumns, Scan: scanCategory}.
		Run(ctx, q, "categories", w, order, p.Limit, p.Offset)
	if cs == nil {
		cs = []*Category{}
	}
	return cs, n, err
}

// categoriesWhere reads the categories matching one condition on col, with the store's
// visibility when store is not nil, in rank order: one statement.
func categoriesWhere(ctx context.Context, q db.DBTX, col string, ids, store []string) ([]*Category, error) {
	w := sqlq.NewWhere("LIKE")
	w.In(col, ids)
	w.Add("deleted_at IS NULL")
	if store != nil {
		visibleIn(w, store)
	}
	cs, err := sqlq.Collect(ctx, q, scanCategory, `SELECT `+categoryColumns+` FROM product_category`+w.SQL()+` ORDER BY rank, id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load categories: %w", err)
	}
	return cs, nil
}

// loadCategoryRelations fills the parents, children and products sel asks for, one
// statement per relation and level, recursing into the parents' and children's selections.
func loadCategoryRelations(ctx context.Context, q db.DBTX, cs []*Category, sel *fields.Selection, store []string) error {
	if len(cs) == 0 || sel == nil {
		return nil
	}
	if sub := rel(sel, "parent_category"); sub != nil {
		var ids []string
		for _, c := range cs {
			if c.ParentCategoryID != nil {
				ids = append(ids, *c.ParentCategoryID)
			}
		}
		parents, err := categoriesWhere(ctx, q, "id", ids, nil)
		if err != nil {
			return err
		}
		byID, _ := sqlq.Index(parents, func(c *Category) string { return c.ID })
		for _, c := range cs {
			if c.ParentCategoryID != nil {
				c.Parent = byID[*c.ParentCategoryID]
			}
		}
		if err := loadCategoryRelations(ctx, q, parents, sub, store); err != nil {
			return err
		}
	}
	byID, ids := sqlq.Index(cs, func(c *Category) string { return c.ID })
	if sub := rel(sel, "category_children"); sub != nil {
		children, err := categoriesWhere(ctx, q, "parent_category_id", ids, store)
		if err != nil {
			return err
		}
		for _, c := range cs {
			c.Children = []*Category{}
		}
		for _, ch := range children {
			byID[*ch.ParentCategoryID].Children = append(byID[*ch.ParentCategoryID].Children, ch)
		}
		if err := loadCategoryRelations(ctx, q, children, sub, store); err != nil {
			return err
		}
	}
	if rel(sel, "products") != nil {
		return loadCategoryProducts(ctx, q, byID, ids, store)
	}
	return nil
}

// loadCategoryProducts fills the categories' live products, only those listed in store's
// channels when store is not nil (published, in an enabled channel of the key), else only
// those an admin caller may read (a channel-limited admin sees its channels' products).
func loadCategoryProducts(ctx context.Context, q db.DBTX, byID map[string]*Category, ids, store []string) error {
	w := sqlq.NewWhere("LIKE")
	w.In("cp.product_category_id", ids)
	w.Add("p.deleted_at IS NULL")
	if store != nil {
		w.Add(`EXISTS (SELECT 1 FROM product_listing l WHERE l.product_id = p.id
			AND l.sales_channel_id IN (` + w.ArgList(store) + `) AND l.listed)`)
	} else {
		visible.RestrictLinked(ctx, w, "product", "p.id", "product_sales_channel", "product_id")
	}
	type held struct {
		categoryID string
		p          *CategoryProduct
	}
	rows, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (held, error) {
		h := held{p: &CategoryProduct{}}
		p := h.p
		err := r.Scan(&h.categoryID, &p.ID, &p.Title, &p.Subtitle, &p.Description, &p.Handle, &p.Status, &p.Thumbnail,
			db.TimeDest(&p.CreatedAt), db.TimeDest(&p.UpdatedAt))
		return h, err
	}, `SELECT cp.product_category_id, p.id, p.title, p.subtitle, p.description, p.handle, p.status, p.thumbnail,
		p.created_at, p.updated_at FROM product_category_product cp JOIN product p ON p.id = cp.product_id`+w.SQL()+
		` ORDER BY cp.product_category_id, p.id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load category products: %w", err)
	}
	for _, c := range byID {
		c.Products = []*CategoryProduct{}
	}
	for _, h := range rows {
		byID[h.categoryID].Products = append(byID[h.categoryID].Products, h.p)
	}
	return nil
}

// rel returns the selection of a relation asked for as "rel.x", "*rel" or a plain name.
func rel(sel *fields.Selection, name string) *fields.Selection {
	if r := sel.Rel(name); r != nil {
		return r
	}
	if sel.Has(name) && !sel.Has("*") {
		return fields.FromList("*")
	}
	return nil
}
