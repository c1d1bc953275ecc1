package taxonomy

import (
	"encoding/json"
	"time"

	"channeld/internal/platform/fields"
)

// Category is a node of the category tree; Parent, Children and Products are loaded when a
// read's fields ask for them.
type Category struct {
	ID               string
	Name             string
	Description      string
	Handle           string
	ParentCategoryID *string
	Rank             int64
	IsActive         bool
	IsInternal       bool
	ExternalID       *string
	Metadata         json.RawMessage
	CreatedAt        time.Time
	UpdatedAt        time.Time
	DeletedAt        *time.Time

	Parent   *Category
	Children []*Category
	Products []*CategoryProduct
}

// CategoryProduct is a product as a category writes it: the product module depends on this
// one, so a category carries the product's own scalar fields only.
type CategoryProduct struct {
	ID          string
	Title       string
	Subtitle    *string
	Description *string
	Handle      string
	Status      string
	Thumbnail   *string
	CreatedAt   time.Time
	UpdatedAt   time.Time
}

// CategoryInput is a new category, or with the Set flags a change to one.
type CategoryInput struct {
	Name        *string
	Description *string
	Handle      *string
	IsActive    *bool
	IsInternal  *bool
	Rank        *int64
	SetParent   bool
	ParentID    *string
	SetExternal bool
	ExternalID  *string
	SetMetadata bool
	Metadata    json.RawMessage
}

// CategoryFilter selects categories for a list.
type CategoryFilter struct {
	Filter
	ParentIDs    []string
	Descriptions []string
	IsActive     *bool
	IsInternal   *bool
	// Store limits the list to active, public categories holding a product listed in these
	// channels.
	Store []string
}

var (
	categoryScalars = []string{"id", "name", "description", "handle", "mpath", "is_active", "is_internal", "rank",
		"parent_category_id", "external_id", "created_at", "updated_at", "deleted_at", "metadata"}
	categoryProductScalars = []string{"id", "title", "subtitle", "description", "handle", "status", "thumbnail", "created_at", "updated_at"}
)

// CategorySpec writes a category with its parent, children and products; CategoryProductSpec
// writes a category's product.
var (
	CategorySpec        = newCategorySpec()
	CategoryProductSpec = &fields.Spec[CategoryProduct]{Scalars: categoryProductScalars,
		Scalar: fields.Columns[CategoryProduct](categoryProductScalars, nil)}
)

// newCategorySpec builds the category spec, whose relations refer to itself; a function, not
// init, so that package variables built from the spec (the selectors) see it.
func newCategorySpec() *fields.Spec[Category] {
	spec := &fields.Spec[Category]{
		Scalars: categoryScalars,
		Scalar: fields.Columns(categoryScalars, map[string]func([]byte, *Category) []byte{
			// channeld keeps the tree in parent_category_id alone; mpath is Medusa's
			// materialised path, which no client reads.
			"mpath": fields.Null[Category],
		}),
	}
	spec.Relations = map[string]fields.Relation[Category]{
		"parent_category":   fields.OneOf(spec, func(c *Category) *Category { return c.Parent }),
		"category_children": fields.ListOf(spec, func(c *Category) []*Category { return c.Children }),
		"products":          fields.ListOf(CategoryProductSpec, func(c *Category) []*CategoryProduct { return c.Products }),
	}
	return spec
}
