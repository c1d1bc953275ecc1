// Package product owns the catalogue: products with their options, option values, variants
// and base prices, and which sales channels sell each product. A product is soft-deleted so
// orders keep pointing at it; its handle and its variants' SKUs are unique among live rows.
package product

import (
	"encoding/json"
	"time"

	"channeld/internal/fulfillment"
	"channeld/internal/saleschannel"
	"channeld/internal/taxonomy"
)

// Product is one product as stored, with the relations a read asked for.
type Product struct {
	ID            string
	Title         string
	Subtitle      *string
	Description   *string
	Handle        string
	Status        string
	Thumbnail     *string
	IsGiftcard    bool
	Discountable  bool
	Physical      Physical
	CollectionID  *string
	TypeID        *string
	Metadata      json.RawMessage // nil means null
	CreatedAt     time.Time
	UpdatedAt     time.Time
	DeletedAt     *time.Time
	Options       []*Option
	Variants      []*Variant
	SalesChannels []*saleschannel.SalesChannel
	// Collection, Type, Tags and Images are loaded when a read asks for them.
	Collection *taxonomy.Collection
	Type       *taxonomy.Term
	Tags       []*taxonomy.Term
	Images     []*Image
	Categories []*taxonomy.Category
	// ShippingProfile is the product's shipping profile (fulfillment module), nil when it
	// has none.
	ShippingProfile *fulfillment.Profile
}

// Physical holds the shipping and customs attributes products and variants share.
type Physical struct {
	Weight, Length, Height, Width            *float64
	HSCode, OriginCountry, MIDCode, Material *string
}

// Option is a dimension a product varies in ("Size"), with its values.
type Option struct {
	ID        string
	ProductID string
	Title     string
	Metadata  json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time
	Values    []*OptionValue
}

// OptionValue is one value of an option ("M"); Option is set when read through a variant.
type OptionValue struct {
	ID        string
	OptionID  string
	Value     string
	Rank      *int64
	Metadata  json.RawMessage
	CreatedAt time.Time
	UpdatedAt time.Time
	DeletedAt *time.Time
	Option    *Option
}

// Variant is a sellable version of a product, one value per option.
type Variant struct {
	ID              string
	ProductID       string
	Title           string
	SKU             *string
	Barcode         *string
	EAN             *string
	UPC             *string
	AllowBackorder  bool
	ManageInventory bool
	VariantRank     int64
	Physical        Physical
	Thumbnail       *string
	Metadata        json.RawMessage
	CreatedAt       time.Time
	UpdatedAt       time.Time
	DeletedAt       *time.Time
	Options         []*OptionValue
	Prices          []*Price
	Product         *Product // loaded by the storefront's variant reads
}

// AdminVariantFilter selects variants for an admin list (Medusa's AdminGetProductVariantsParams); nil
// lists do not filter.
type AdminVariantFilter struct {
	ProductID                       string // empty: the variants of every product the caller may read
	Q                               string
	IDs, SKUs, EANs, UPCs, Barcodes []string
	ManageInventory, AllowBackorder *bool
	CreatedAt, UpdatedAt, DeletedAt map[string]any
	And, Or                         []AdminVariantFilter
}

// Price is an explicit price of a variant in one currency, in minor units: a base price, or
// a channel price when SalesChannelID is set (Medusa's price with a sales_channel_id rule).
type Price struct {
	ID             string
	VariantID      string
	CurrencyCode   string
	Amount         int64
	SalesChannelID *string
	CreatedAt      time.Time
	UpdatedAt      time.Time
}

// Statuses a product can have; only published products reach the storefront.
const (
	StatusDraft     = "draft"
	StatusProposed  = "proposed"
	StatusPublished = "published"
	StatusRejected  = "rejected"
)

// Events emitted by this module, with payload {id}.
const (
	EventCreated        = "product.created"
	EventUpdated        = "product.updated"
	EventDeleted        = "product.deleted"
	EventVariantCreated = "product-variant.created"
	EventVariantUpdated = "product-variant.updated"
	EventVariantDeleted = "product-variant.deleted"
)

// Patch is one field of a partial update: Set says whether to change it; Value may be the
// zero value to clear it.
type Patch[T any] struct {
	Set   bool
	Value T
}

// OptionInput is a new option with its values.
type OptionInput struct {
	Title  string
	Values []string
}

// PriceInput is a price as the wire gives it: an amount in major units, and Medusa's price
// rules, of which channeld supports sales_channel_id alone (a channel price).
type PriceInput struct {
	Amount       string // "" on a variant update with ID: the price's own
	CurrencyCode string // "" on a variant update with ID: the price's own
	// ID, on a variant update, names the variant's price the entry rewrites.
	ID string
	// Rules nil is absent: a base price, or on an update with ID the price's own channel.
	Rules map[string]string
}

// VariantInput is a new variant; Options maps option titles to values of the product.
type VariantInput struct {
	Title           string
	SKU             *string
	Barcode         *string
	EAN             *string
	UPC             *string
	AllowBackorder  bool
	ManageInventory *bool // nil: true, as in Medusa
	VariantRank     int64
	Physical        Physical
	Thumbnail       *string
	Metadata        json.RawMessage
	Options         map[string]string
	Prices          []PriceInput
	// InventoryItems are existing items a variant that manages inventory consumes; without
	// them it gets an item of its own.
	InventoryItems []ItemLink
}

// ItemLink is an inventory item a variant consumes, RequiredQuantity units per variant.
type ItemLink struct {
	InventoryItemID  string `json:"inventory_item_id"`
	RequiredQuantity int64  `json:"required_quantity"`
}

// VariantUpdate changes the variant fields that are set; Prices, when set, replaces the
// variant's whole set of explicit prices, base and channel prices.
type VariantUpdate struct {
	Title           *string
	SKU             Patch[*string]
	Barcode         Patch[*string]
	EAN             Patch[*string]
	UPC             Patch[*string]
	AllowBackorder  *bool
	ManageInventory *bool
	VariantRank     *int64
	Physical        PhysicalPatch
	Thumbnail       Patch[*string]
	Metadata        Patch[json.RawMessage]
	Options         map[string]string // nil: unchanged
	Prices          Patch[[]PriceInput]
}

// PhysicalPatch changes the physical attributes that are set.
type PhysicalPatch struct {
	Weight, Length, Height, Width            Patch[*float64]
	HSCode, OriginCountry, MIDCode, Material Patch[*string]
}

// CreateInput is a new product. SalesChannels are channel ids to link.
type CreateInput struct {
	Title         string
	Subtitle      *string
	Description   *string
	Handle        *string // nil: derived from the title
	Status        string  // empty: draft
	Thumbnail     *string
	IsGiftcard    bool
	Discountable  *bool // nil: true
	Physical      Physical
	CollectionID  *string
	TypeID        *string
	Metadata      json.RawMessage
	Options       []OptionInput
	Variants      []VariantInput
	SalesChannels []string
	Tags          []string // tag ids
	Images        []ImageInput
	Categories    []string // category ids
	// ShippingProfileID names the product's shipping profile; nil gives it the default one.
	ShippingProfileID *string
}

// UpdateInput changes the product fields that are set. SalesChannels, when set, replaces
// the product's channels (an empty list unlinks them all).
type UpdateInput struct {
	Title         *string
	Subtitle      Patch[*string]
	Description   Patch[*string]
	Handle        *string
	Status        *string
	Thumbnail     Patch[*string]
	IsGiftcard    *bool
	Discountable  *bool
	Physical      PhysicalPatch
	CollectionID  Patch[*string]
	TypeID        Patch[*string]
	Metadata      Patch[json.RawMessage]
	SalesChannels Patch[[]string]
	Options       Patch[[]OptionUpsert]  // when set, the product's options become these
	Variants      Patch[[]VariantUpsert] // when set, the product's live variants become these
	Tags          Patch[[]string]        // when set, the product's tags become these tag ids
	Images        Patch[[]ImageInput]    // when set, the product's images become these, in order
	Categories    Patch[[]string]        // when set, the product's categories become these ids
	// ShippingProfileID, when set, names the product's profile; null leaves it without one.
	ShippingProfileID Patch[*string]
}

// OptionUpsert is one option of a product update: with an ID it updates that option,
// without one it updates the option of the same title or creates it. Values replace the
// option's values; values kept by text keep their ids.
type OptionUpsert struct {
	ID     string
	Title  string
	Values []string
}

// VariantUpsert is one variant of a product update: with an ID, Update applies to that
// variant of the product; without one, Create makes a new variant.
type VariantUpsert struct {
	ID     string
	Update VariantUpdate
	Create VariantInput
}

// Filter selects products for a list.
type Filter struct {
	Q               string
	IDs             []string
	Handles         []string
	Titles          []string
	Statuses        []string
	SalesChannelIDs []string
	IsGiftcard      *bool
	CreatedAt       map[string]any
	UpdatedAt       map[string]any
	DeletedAt       map[string]any // naming deleted_at also shows soft-deleted products
	And, Or         []Filter
}

// Page is an offset window and an order.
type Page struct {
	Offset, Limit int
	Order         string
}

// Include says which relations a read loads; each is one batched query for the whole page.
type Include struct {
	Options        bool
	OptionValues   bool
	Variants       bool
	VariantOptions bool
	VariantPrices  bool
	SalesChannels  bool
	Collection     bool
	Type           bool
	Tags           bool
	Images         bool
	Categories     bool
	// ShippingProfile loads each product's shipping profile.
	ShippingProfile bool
	// Visible, when not nil, limits the sales_channels relation to these channels, enabled
	// ones only: the channels of the caller's scope. A storefront never learns of another key's
	// channels, or of a disabled one, through a product.
	Visible []string
	// Rendered, when set, names the products whose answer the caller already holds written
	// out: a listing reads only their ids, neither their rows nor their relations.
	Rendered func(productID string) bool
}
