// Package translation owns translations: what a product or a variant is called in another
// language (Medusa's translation module). A translation holds the translated fields of one
// entity in one locale; a storefront reading in that locale shows them in place of the
// originals, and the originals where a field has none.
package translation

import (
	"encoding/json"
	"time"
)

// Translation is the translated fields of one entity in one locale.
type Translation struct {
	ID           string
	Reference    string // what is translated: "product" or "product_variant"
	ReferenceID  string // its id
	LocaleCode   string // BCP 47, as locale.Canonical writes it
	Translations json.RawMessage
	CreatedAt    time.Time
	UpdatedAt    time.Time
}

// Fields are the fields a translation may replace. A variant has only a title; a product
// its title, subtitle and description. Nil is a field with no translation.
type Fields struct {
	Title       *string `json:"title,omitempty"`
	Subtitle    *string `json:"subtitle,omitempty"`
	Description *string `json:"description,omitempty"`
}

// document returns the fields that are set as a JSON object with sorted keys, as the
// database gives documents back, so a write answers what a later read does.
func (f Fields) document() (json.RawMessage, error) {
	m := map[string]string{}
	for name, v := range map[string]*string{"title": f.Title, "subtitle": f.Subtitle, "description": f.Description} {
		if v != nil {
			m[name] = *v
		}
	}
	return json.Marshal(m)
}

// What a translation can refer to, each the name of its table as Medusa names the reference.
const (
	Product = "product"
	Variant = "product_variant"
)

// idPrefix is Medusa's prefix of translation ids.
const idPrefix = "trans"

// Events emitted by this module, with payload {id}, as Medusa's translation workflows do.
const (
	EventCreated = "translation.created"
	EventUpdated = "translation.updated"
	EventDeleted = "translation.deleted"
)

// CreateInput is a new translation.
type CreateInput struct {
	ReferenceID string
	Reference   string
	LocaleCode  string
	Fields      Fields
}

// UpdateInput replaces a translation's fields; nil Fields changes only updated_at.
type UpdateInput struct {
	ID     string
	Fields *Fields
}

// BatchInput is one batch: deletions, updates and creations, in one transaction.
type BatchInput struct {
	Create []CreateInput
	Update []UpdateInput
	Delete []string
}

// BatchResult is what a batch wrote, in request order.
type BatchResult struct {
	Created []*Translation
	Updated []*Translation
	Deleted []string // the ids asked for, as Medusa answers them
}

// Filter selects translations for a list.
type Filter struct {
	Q            string
	IDs          []string
	ReferenceIDs []string
	Reference    string
	LocaleCode   string
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}

// Ref names a translated entity.
type Ref struct{ Reference, ID string }
