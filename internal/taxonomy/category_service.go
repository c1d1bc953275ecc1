package taxonomy

import (
	"context"
	"fmt"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/handle"
	"channeld/internal/platform/sqlq"
	"channeld/internal/rbac"
)

// Categories returns a page of live categories matching f with the relations sel asks for,
// and the total count.
func (s *Service) Categories(ctx context.Context, f CategoryFilter, p Page, sel *fields.Selection) ([]*Category, int, error) {
	q := s.db.Read()
	cs, n, err := listCategories(ctx, q, s.db.ILike(), f, p)
	if err != nil {
		return nil, 0, err
	}
	return cs, n, loadCategoryRelations(ctx, q, cs, sel, f.Store)
}

// Category returns a live category with the relations sel asks for; with store, only one a
// storefront of those channels sees.
func (s *Service) Category(ctx context.Context, categoryID string, sel *fields.Selection, store []string) (*Category, error) {
	cs, _, err := s.Categories(ctx, CategoryFilter{Filter: Filter{IDs: []string{categoryID}}, Store: store}, Page{Limit: 1}, sel)
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, categoryNotFound(categoryID)
	}
	return cs[0], nil
}

// CreateCategory makes a category, last among its siblings unless a rank is given.
func (s *Service) CreateCategory(ctx context.Context, in CategoryInput) (*Category, error) {
	now := s.now()
	c := &Category{ID: s.newID("pcat"), Name: *in.Name, Handle: handle.From(*in.Name), ParentCategoryID: in.ParentID,
		ExternalID: in.ExternalID, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	applyCategory(c, in)
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := checkParent(ctx, tx, c.ID, c.ParentCategoryID); err != nil {
			return err
		}
		if in.Rank == nil {
			n, err := siblings(ctx, tx, c.ParentCategoryID)
			if err != nil {
				return err
			}
			c.Rank = n
		}
		if err := insertCategory(ctx, tx, c); err != nil {
			return err
		}
		return s.record(ctx, tx, "product-category", "created", c.ID, nil, categoryFields(c))
	})
	return c, err
}

// UpdateCategory changes the fields in sets; a category cannot move under itself.
func (s *Service) UpdateCategory(ctx context.Context, categoryID string, in CategoryInput) (*Category, error) {
	var c *Category
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if c, err = getCategory(ctx, tx, categoryID, s.db.ForUpdate()); err != nil {
			return err
		}
		before := categoryFields(c)
		set(&c.Name, in.Name)
		applyCategory(c, in)
		if in.SetParent {
			if err := checkParent(ctx, tx, c.ID, in.ParentID); err != nil {
				return err
			}
			c.ParentCategoryID = in.ParentID
		}
		if in.SetExternal {
			c.ExternalID = in.ExternalID
		}
		if in.SetMetadata {
			c.Metadata = in.Metadata
		}
		c.UpdatedAt = s.now()
		if err := updateCategory(ctx, tx, c); err != nil {
			return err
		}
		return s.record(ctx, tx, "product-category", "updated", c.ID, before, categoryFields(c))
	})
	return c, err
}

// LinkCategoryProducts adds the live products of add to the category and removes those of
// remove (an id in both ends removed), as Medusa's batch link. Each product changes in every
// channel it is in: a channel-limited caller names only products of its channels (E24
// otherwise, whether or not they exist).
func (s *Service) LinkCategoryProducts(ctx context.Context, categoryID string, add, remove []string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		c, err := getCategory(ctx, tx, categoryID, s.db.ForUpdate())
		if err != nil {
			return err
		}
		named := append(append([]string{}, add...), remove...)
		if err := s.products.CheckProducts(ctx, tx, categoryUpdate, "product_category", "update", named); err != nil {
			return err
		}
		if err := checkProducts(ctx, tx, named); err != nil {
			return err
		}
		for _, p := range add {
			if err := sqlq.Exec(ctx, tx, "add product "+p+" to category "+categoryID, `INSERT INTO product_category_product
				(product_id, product_category_id) VALUES ($1, $2) ON CONFLICT DO NOTHING`, p, categoryID); err != nil {
				return err
			}
		}
		if len(remove) > 0 {
			w := sqlq.NewWhere("")
			w.Eq("product_category_id", categoryID)
			w.In("product_id", remove)
			if err := sqlq.Exec(ctx, tx, "remove products from category "+categoryID, `DELETE FROM product_category_product`+w.SQL(), w.Args()...); err != nil {
				return err
			}
		}
		if err := s.listing.Products(ctx, tx, named); err != nil {
			return err
		}
		return s.record(ctx, tx, "product-category", "products_linked", c.ID, nil, audit.Fields{"add": add, "remove": remove})
	})
}

// categoryUpdate is the declaration of POST /admin/product-categories/{id}/products.
var categoryUpdate = rbac.Policies{"product_category:update"}

// DeleteCategory soft-deletes a category without children and unlinks its products; an
// unknown category is not an error.
func (s *Service) DeleteCategory(ctx context.Context, categoryID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		c, err := getCategory(ctx, tx, categoryID, s.db.ForUpdate())
		if apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if n, err := siblings(ctx, tx, &categoryID); err != nil {
			return err
		} else if n > 0 {
			return apperr.NotAllowedf("Deleting ProductCategory (%s) with category children is not allowed", categoryID)
		}
		if err := sqlq.Exec(ctx, tx, "unlink category "+categoryID, `DELETE FROM product_category_product WHERE product_category_id = $1`, categoryID); err != nil {
			return err
		}
		if _, err := sqlq.SoftDelete(ctx, tx, "product_category", categoryID, s.now()); err != nil {
			return fmt.Errorf("delete category %s: %w", categoryID, err)
		}
		return s.record(ctx, tx, "product-category", "deleted", c.ID, categoryFields(c), nil)
	})
}

func applyCategory(c *Category, in CategoryInput) {
	set(&c.Description, in.Description)
	set(&c.Handle, in.Handle)
	set(&c.IsActive, in.IsActive)
	set(&c.IsInternal, in.IsInternal)
	set(&c.Rank, in.Rank)
}

// checkParent refuses a parent that does not exist or that is the category or one of its
// descendants.
func checkParent(ctx context.Context, tx db.DBTX, categoryID string, parentID *string) error {
	for at := parentID; at != nil; {
		if *at == categoryID {
			return apperr.Invalidf("Product category %s cannot be a descendant of itself", categoryID)
		}
		p, err := getCategory(ctx, tx, *at, "")
		if err != nil {
			return err
		}
		at = p.ParentCategoryID
	}
	return nil
}

// siblings counts the live children of parentID (the roots when nil).
func siblings(ctx context.Context, tx db.DBTX, parentID *string) (int64, error) {
	var n int64
	var err error
	if parentID == nil {
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM product_category WHERE parent_category_id IS NULL AND deleted_at IS NULL`).Scan(&n)
	} else {
		err = tx.QueryRowContext(ctx, `SELECT count(*) FROM product_category WHERE parent_category_id = $1 AND deleted_at IS NULL`, *parentID).Scan(&n)
	}
	if err != nil {
		return 0, fmt.Errorf("count categories: %w", err)
	}
	return n, nil
}

func categoryFields(c *Category) audit.Fields {
	return audit.Fields{"name": c.Name, "description": c.Description, "handle": c.Handle, "parent_category_id": c.ParentCategoryID,
		"rank": c.Rank, "is_active": c.IsActive, "is_internal": c.IsInternal, "external_id": c.ExternalID, "metadata": c.Metadata}
}

// CategoriesOf returns the live categories of each of productIDs, by product id: one
// statement.
func CategoriesOf(ctx context.Context, q db.DBTX, productIDs []string) (map[string][]*Category, error) {
	out := map[string][]*Category{}
	if len(productIDs) == 0 {
		return out, nil
	}
	w := sqlq.NewWhere("LIKE")
	w.In("cp.product_id", productIDs)
	type held struct {
		productID string
		c         *Category
	}
	rows, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (held, error) {
		h := held{}
		var err error
		h.c, err = scanCategory(prefixed{r, &h.productID})
		return h, err
	}, `SELECT cp.product_id, c.id, c.name, c.description, c.handle, c.parent_category_id, c.rank, c.is_active, c.is_internal,
		c.external_id, c.metadata, c.created_at, c.updated_at, c.deleted_at
		FROM product_category_product cp JOIN product_category c ON c.id = cp.product_category_id`+w.SQL()+
		` AND c.deleted_at IS NULL ORDER BY cp.product_id, c.rank, c.id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load product categories: %w", err)
	}
	for _, h := range rows {
		out[h.productID] = append(out[h.productID], h.c)
	}
	return out, nil
}

// prefixed scans one leading column into first, then the rest with the wrapped scanner's
// destinations.
type prefixed struct {
	r     sqlq.Scanner
	first *string
}

func (p prefixed) Scan(dest ...any) error { return p.r.Scan(append([]any{p.first}, dest...)...) }
