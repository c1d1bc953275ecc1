// Package taxonomy owns how products are grouped: collections, tags and types, as Medusa's
// product module has them. A product names its collection and its type (product.collection_id,
// product.type_id) and holds its tags through the product_tags link; the product module reads
// these through the loaders here, one statement per page of products.
package taxonomy

import (
	"encoding/json"
	"time"
)

// Collection is a named, handled group of products ("Summer 2026").
type Collection struct {
	ID         string
	Title      string
	Handle     string
	ExternalID *string
	Metadata   json.RawMessage // nil means null
	CreatedAt  time.Time
	UpdatedAt  time.Time
	DeletedAt  *time.Time
}

// Term is a tag or a type: a value products are labelled with. Both have the same shape in
// Medusa; Kind says which one a term is.
type Term struct {
	ID         string
	Value      string
	ExternalID *string
	Metadata   json.RawMessage // nil means null
	CreatedAt  time.Time
	UpdatedAt  time.Time
	DeletedAt  *time.Time
}

// Kind describes one of the two term tables: where it lives and how Medusa names it.
type Kind struct {
	Table  string // product_tag
	Object string // the response key of one term and the object of its deletion
	Plural string // the response key of a list
	Name   string // "Product tag", as Medusa's messages name it
	Prefix string // the id prefix
	Path   string // the admin route
	Limit  int    // the default page size of the admin list
	// Detach is the statement that drops a deleted term from the products that hold it.
	Detach string
}

// Tags and Types are the two kinds of term.
var (
	Tags = Kind{Table: "product_tag", Object: "product_tag", Plural: "product_tags", Name: "Product tag", Prefix: "ptag",
		Path: "/admin/product-tags", Limit: 20, Detach: `DELETE FROM product_tags WHERE product_tag_id = $1`}
	Types = Kind{Table: "product_type", Object: "product_type", Plural: "product_types", Name: "Product type", Prefix: "ptyp",
		Path: "/admin/product-types", Limit: 10, Detach: `UPDATE product SET type_id = NULL WHERE type_id = $1`}
)

// CollectionInput is a new collection, or with the Set flags a change to one.
type CollectionInput struct {
	Title       *string
	Handle      *string
	SetExternal bool
	ExternalID  *string
	SetMetadata bool
	Metadata    json.RawMessage
}

// TermInput is a new term, or with the Set flags a change to one.
type TermInput struct {
	Value       *string
	SetExternal bool
	ExternalID  *string
	SetMetadata bool
	Metadata    json.RawMessage
}

// Filter selects collections or terms for a list; Values matches a term's value or a
// collection's title.
type Filter struct {
	Q           string
	IDs         []string
	Values      []string
	Handles     []string
	ExternalIDs []string
	CreatedAt   map[string]any
	UpdatedAt   map[string]any
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}
