package stock

import (
	"encoding/json"
	"time"
)

// Item is an inventory item: a stock-keeping unit that variants consume.
type Item struct {
	ID               string
	SKU              *string
	Title            *string
	Description      *string
	Thumbnail        *string
	OriginCountry    *string
	HSCode           *string
	MIDCode          *string
	Material         *string
	Weight           *float64
	Length           *float64
	Height           *float64
	Width            *float64
	RequiresShipping bool
	Metadata         json.RawMessage
	CreatedAt        time.Time
	UpdatedAt        time.Time
	DeletedAt        *time.Time
	Levels           []*Level // loaded for responses, in location id order
}

// Level is an item's stock at one location.
type Level struct {
	ID               string
	InventoryItemID  string
	LocationID       string
	StockedQuantity  int64
	ReservedQuantity int64
	IncomingQuantity int64
	Metadata         json.RawMessage
	CreatedAt        time.Time
	UpdatedAt        time.Time
}

// Available is what can still be sold from the level.
func (l *Level) Available() int64 { return l.StockedQuantity - l.ReservedQuantity }

// ItemFields are an item's writable fields as a request gives them; a nil pointer is
// absent (create: null; update: unchanged), and the Set flags mark nulls on update.
type ItemFields struct {
	SKU, Title, Description, Thumbnail, OriginCountry, HSCode, MIDCode, Material *string
	Weight, Length, Height, Width                                                *float64
	RequiresShipping                                                             *bool
	Metadata                                                                     json.RawMessage
	// Cleared names the nullable fields an update sets to null.
	Cleared     map[string]bool
	SetMetadata bool
}

// LevelInput creates or changes a level.
type LevelInput struct {
	InventoryItemID  string `json:"inventory_item_id"`
	LocationID       string `json:"location_id"`
	StockedQuantity  *int64 `json:"stocked_quantity"`
	IncomingQuantity *int64 `json:"incoming_quantity"`
}

// ItemFilter selects items for a list.
type ItemFilter struct {
	Q           string
	IDs         []string
	SKUs        []string
	LocationIDs []string // having a level at one of these locations
}

// VariantItem links a variant to an item it consumes.
type VariantItem struct {
	ID               string
	VariantID        string
	InventoryItemID  string
	RequiredQuantity int64
	CreatedAt        time.Time
	UpdatedAt        time.Time
	Item             *Item
}
