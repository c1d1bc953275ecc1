package product

import (
	"encoding/json"
	"math"
	"slices"

	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// The request schemas of the admin product routes, with Medusa's field names and messages.

var statusEnum = v.Enum(StatusDraft, StatusProposed, StatusPublished, StatusRejected)

func physicalFields() []v.Field {
	return []v.Field{
		v.F("weight", v.Nullish(v.Number())),
		v.F("length", v.Nullish(v.Number())),
		v.F("height", v.Nullish(v.Number())),
		v.F("width", v.Nullish(v.Number())),
		v.F("hs_code", v.Nullish(v.String())),
		v.F("origin_country", v.Nullish(v.String())),
		v.F("mid_code", v.Nullish(v.String())),
		v.F("material", v.Nullish(v.String())),
	}
}

// priceBody is Medusa's AdminCreateVariantPrice; priceUpdateBody its AdminUpdateVariantPrice,
// whose entries may name the price they rewrite. Quantities are accepted and not stored:
// channeld has no tiered prices.
var (
	priceBody = v.Object(
		v.F("currency_code", v.String()),
		v.F("amount", v.Number()),
		v.F("min_quantity", v.Nullish(v.Number())),
		v.F("max_quantity", v.Nullish(v.Number())),
		v.F("rules", v.Optional(v.RecordOf(v.String()))),
	).Strict()
	priceUpdateBody = v.Object(
		v.F("id", v.Optional(v.String())),
		v.F("currency_code", v.Optional(v.String())),
		v.F("amount", v.Optional(v.Number())),
		v.F("min_quantity", v.Nullish(v.Number())),
		v.F("max_quantity", v.Nullish(v.Number())),
		v.F("rules", v.Optional(v.RecordOf(v.String()))),
	).Strict()
)

func variantFields(create bool) []v.Field {
	title, prices := v.Schema(v.String()), v.Schema(v.Array(priceBody))
	if !create {
		title, prices = v.Optional(title), v.Optional(v.Array(priceUpdateBody))
	}
	fs := []v.Field{
		v.F("title", title),
		v.F("sku", v.Nullish(v.String().Max(v.MaxIndexed))),
		v.F("ean", v.Nullish(v.String())),
		v.F("upc", v.Nullish(v.String())),
		v.F("barcode", v.Nullish(v.String())),
		v.F("allow_backorder", v.Optional(v.Bool())),
		v.F("manage_inventory", v.Optional(v.Bool())),
		// variant_rank is an INTEGER column.
		v.F("variant_rank", v.Optional(v.Number().Int().Gte(math.MinInt32).Lte(math.MaxInt32))),
		v.F("thumbnail", v.Nullish(v.String())),
		v.F("metadata", v.Nullish(v.Record())),
		v.F("options", v.Optional(v.Record())),
		v.F("prices", prices),
	}
	if create {
		// Existing inventory items the variant consumes, instead of an item of its own (Medusa
		// 2.21 takes them on creation only).
		fs = append(fs, v.F("inventory_items", v.Optional(v.Array(v.Object(
			v.F("inventory_item_id", v.String()),
			v.F("required_quantity", v.Number().Int().Gt(0).Lte(math.MaxInt32)), // an INTEGER column
		).Strict()))))
	}
	return append(fs, physicalFields()...)
}

var (
	variantCreateBody = v.Object(variantFields(true)...).Strict()
	variantUpdateBody = v.Object(variantFields(false)...).Strict()
)

var optionBody = v.Object(
	v.F("title", v.String()),
	v.F("values", v.Array(v.String())),
).Strict()

var channelRef = v.Object(v.F("id", v.String())).Strict()

func productFields(create bool) []v.Field {
	// The handle is indexed, and without one it is made from the title.
	title := v.Schema(v.String().Max(v.MaxIndexed))
	if !create {
		title = v.Optional(title)
	}
	fs := []v.Field{
		v.F("title", title),
		v.F("subtitle", v.Nullish(v.String())),
		v.F("description", v.Nullish(v.String())),
		v.F("is_giftcard", v.Optional(v.Bool())),
		v.F("discountable", v.Optional(v.Bool())),
		v.F("thumbnail", v.Nullish(v.String())),
		v.F("handle", v.Optional(v.String().Max(v.MaxIndexed))),
		v.F("status", v.Optional(statusEnum)),
		v.F("type_id", v.Nullish(v.String())),
		v.F("collection_id", v.Nullish(v.String())),
		v.F("sales_channels", v.Optional(v.Array(channelRef))),
		v.F("tags", v.Optional(v.Array(channelRef))),
		v.F("categories", v.Optional(v.Array(channelRef))),
		v.F("metadata", v.Nullish(v.Record())),
	}
	// Medusa takes a profile on create and a profile or null (none) on update.
	if create {
		fs = append(fs, v.F("shipping_profile_id", v.Optional(v.String())))
	} else {
		fs = append(fs, v.F("shipping_profile_id", v.Nullish(v.String())))
	}
	image := v.Object(v.F("url", v.String()))
	if !create {
		image = image.Extend(v.F("id", v.Optional(v.String())))
	}
	fs = append(fs, v.F("images", v.Optional(v.Array(image))))
	if create {
		fs = append(fs,
			v.F("options", v.Optional(v.Array(optionBody))),
			v.F("variants", v.Optional(v.Array(variantCreateBody))))
	} else {
		// An update upserts its children: an id names the one to change.
		fs = append(fs,
			v.F("options", v.Optional(v.Array(optionBody.Extend(v.F("id", v.Optional(v.String())))))),
			v.F("variants", v.Optional(v.Array(variantUpdateBody.Extend(v.F("id", v.Optional(v.String())))))))
	}
	return append(fs, physicalFields()...)
}

var (
	createBody = v.Object(productFields(true)...).Strict()
	updateBody = v.Object(productFields(false)...).Strict()
	batchBody  = v.Object(
		v.F("create", v.Optional(v.Array(createBody))),
		v.F("update", v.Optional(v.Array(updateBody.Extend(v.F("id", v.String()))))),
		v.F("delete", v.Optional(v.Array(v.String()))),
	).Strict()
	linkBody = v.Object(httpapi.LinkParams()...).Strict()
)

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

func filterFields() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()},
		httpapi.MatchFilters("id", "handle", "title", "status", "sales_channel_id"),
		[]v.Field{v.F("is_giftcard", v.Optional(v.BoolString()))},
		httpapi.DateFilters("created_at", "updated_at", "deleted_at"))
}

// listQuery is not strict: Medusa's admin product query ends in a transform, which drops
// unknown parameters instead of refusing them.
var listQuery = v.Object(httpapi.FilterParams(50, filterFields)...)

// variantFilterFields are Medusa's AdminGetProductVariantsParamsFields, which both variant
// lists take.
func variantFilterFields() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()},
		httpapi.MatchFilters("id"),
		[]v.Field{v.F("manage_inventory", v.Optional(v.BoolString())), v.F("allow_backorder", v.Optional(v.BoolString()))},
		httpapi.MatchFilters("sku", "ean", "upc", "barcode"),
		httpapi.DateFilters("created_at", "updated_at", "deleted_at"))
}

var variantListQuery = v.Object(httpapi.FilterParams(50, variantFilterFields)...).Strict()

type variantFilterParams struct {
	Q               string   `json:"q"`
	ID              []string `json:"id"`
	ManageInventory *bool    `json:"manage_inventory"`
	AllowBackorder  *bool    `json:"allow_backorder"`
	SKU             []string `json:"sku"`
	EAN             []string `json:"ean"`
	UPC             []string `json:"upc"`
	Barcode         []string `json:"barcode"`
	httpapi.DateParams
}

func (p variantFilterParams) filter() AdminVariantFilter {
	return AdminVariantFilter{Q: p.Q, IDs: p.ID, SKUs: p.SKU, EANs: p.EAN, UPCs: p.UPC, Barcodes: p.Barcode,
		ManageInventory: p.ManageInventory, AllowBackorder: p.AllowBackorder,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, DeletedAt: p.DeletedAt}
}

type variantListParams struct {
	httpapi.Paging
	variantFilterParams
	httpapi.Groups[variantFilterParams]
}

// Decoded requests.

type physicalReq struct {
	Weight        v.Opt[*float64] `json:"weight"`
	Length        v.Opt[*float64] `json:"length"`
	Height        v.Opt[*float64] `json:"height"`
	Width         v.Opt[*float64] `json:"width"`
	HSCode        v.Opt[*string]  `json:"hs_code"`
	OriginCountry v.Opt[*string]  `json:"origin_country"`
	MIDCode       v.Opt[*string]  `json:"mid_code"`
	Material      v.Opt[*string]  `json:"material"`
}

func (r physicalReq) value() Physical {
	return Physical{Weight: r.Weight.Value, Length: r.Length.Value, Height: r.Height.Value, Width: r.Width.Value,
		HSCode: r.HSCode.Value, OriginCountry: r.OriginCountry.Value, MIDCode: r.MIDCode.Value, Material: r.Material.Value}
}

func (r physicalReq) patch() PhysicalPatch {
	return PhysicalPatch{Weight: patch(r.Weight), Length: patch(r.Length), Height: patch(r.Height), Width: patch(r.Width),
		HSCode: patch(r.HSCode), OriginCountry: patch(r.OriginCountry), MIDCode: patch(r.MIDCode), Material: patch(r.Material)}
}

// patch turns an optional request field into a patch; null clears the field.
func patch[T any](o v.Opt[T]) Patch[T] { return Patch[T]{Set: o.Set, Value: o.Value} }

// metadataPatch is patch for metadata: null and absent both leave Value nil.
func metadataPatch(m v.Metadata) Patch[json.RawMessage] {
	return Patch[json.RawMessage]{Set: m.Set, Value: m.Value}
}

type priceReq struct {
	ID           string            `json:"id"` // variant updates only
	CurrencyCode string            `json:"currency_code"`
	Amount       json.Number       `json:"amount"`
	Rules        map[string]string `json:"rules"`
}

func prices(rs []priceReq) []PriceInput {
	out := make([]PriceInput, len(rs))
	for i, r := range rs {
		out[i] = PriceInput{ID: r.ID, Amount: r.Amount.String(), CurrencyCode: r.CurrencyCode, Rules: r.Rules}
	}
	return out
}

type variantReq struct {
	physicalReq
	Title           v.Opt[string]     `json:"title"`
	SKU             v.Opt[*string]    `json:"sku"`
	EAN             v.Opt[*string]    `json:"ean"`
	UPC             v.Opt[*string]    `json:"upc"`
	Barcode         v.Opt[*string]    `json:"barcode"`
	AllowBackorder  *bool             `json:"allow_backorder"`
	ManageInventory *bool             `json:"manage_inventory"`
	VariantRank     *int64            `json:"variant_rank"`
	Thumbnail       v.Opt[*string]    `json:"thumbnail"`
	Metadata        v.Metadata        `json:"metadata"`
	Options         map[string]string `json:"options"`
	Prices          v.Opt[[]priceReq] `json:"prices"`
	ID              string            `json:"id"` // product updates only
	InventoryItems  []ItemLink        `json:"inventory_items"`
}

func (r variantReq) create() VariantInput {
	in := VariantInput{Title: r.Title.Value, SKU: r.SKU.Value, EAN: r.EAN.Value, UPC: r.UPC.Value,
		Barcode: r.Barcode.Value, ManageInventory: r.ManageInventory, Physical: r.physicalReq.value(),
		Thumbnail: r.Thumbnail.Value, Metadata: r.Metadata.Value, Options: r.Options,
		Prices: prices(r.Prices.Value), InventoryItems: r.InventoryItems}
	if r.AllowBackorder != nil {
		in.AllowBackorder = *r.AllowBackorder
	}
	if r.VariantRank != nil {
		in.VariantRank = *r.VariantRank
	}
	return in
}

func (r variantReq) update() VariantUpdate {
	in := VariantUpdate{SKU: patch(r.SKU), EAN: patch(r.EAN), UPC: patch(r.UPC), Barcode: patch(r.Barcode),
		AllowBackorder: r.AllowBackorder, ManageInventory: r.ManageInventory, VariantRank: r.VariantRank,
		Physical: r.physicalReq.patch(), Thumbnail: patch(r.Thumbnail), Metadata: metadataPatch(r.Metadata),
		Options: r.Options, Prices: Patch[[]PriceInput]{Set: r.Prices.Set, Value: prices(r.Prices.Value)}}
	if r.Title.Set {
		in.Title = &r.Title.Value
	}
	return in
}

type optionReq struct {
	ID     string   `json:"id"` // product updates only
	Title  string   `json:"title"`
	Values []string `json:"values"`
}

type channelReq struct {
	ID string `json:"id"`
}

type productReq struct {
	physicalReq
	Title             v.Opt[string]       `json:"title"`
	Subtitle          v.Opt[*string]      `json:"subtitle"`
	Description       v.Opt[*string]      `json:"description"`
	IsGiftcard        *bool               `json:"is_giftcard"`
	Discountable      *bool               `json:"discountable"`
	Thumbnail         v.Opt[*string]      `json:"thumbnail"`
	Handle            *string             `json:"handle"`
	Status            *string             `json:"status"`
	TypeID            v.Opt[*string]      `json:"type_id"`
	CollectionID      v.Opt[*string]      `json:"collection_id"`
	SalesChannels     v.Opt[[]channelReq] `json:"sales_channels"`
	Tags              v.Opt[[]channelReq] `json:"tags"`
	Categories        v.Opt[[]channelReq] `json:"categories"`
	Images            v.Opt[[]imageReq]   `json:"images"`
	Metadata          v.Metadata          `json:"metadata"`
	Options           v.Opt[[]optionReq]  `json:"options"`
	Variants          v.Opt[[]variantReq] `json:"variants"`
	ShippingProfileID v.Opt[*string]      `json:"shipping_profile_id"`
	ID                string              `json:"id"` // batch updates only
}

// imageReq is an image of a product body: its URL, and on an update the id of an image kept.
type imageReq struct {
	ID  string `json:"id"`
	URL string `json:"url"`
}

func images(rs []imageReq) []ImageInput {
	out := make([]ImageInput, len(rs))
	for i, r := range rs {
		out[i] = ImageInput{ID: r.ID, URL: r.URL}
	}
	return out
}

// channelIDs returns the ids of a list of {id} references (channels, tags).
func channelIDs(cs []channelReq) []string {
	out := make([]string, len(cs))
	for i, c := range cs {
		out[i] = c.ID
	}
	return out
}

func (r productReq) create() CreateInput {
	in := CreateInput{Title: r.Title.Value, Subtitle: r.Subtitle.Value, Description: r.Description.Value,
		Handle: r.Handle, Thumbnail: r.Thumbnail.Value, Discountable: r.Discountable, Physical: r.physicalReq.value(),
		CollectionID: r.CollectionID.Value, TypeID: r.TypeID.Value, Metadata: r.Metadata.Value,
		SalesChannels: channelIDs(r.SalesChannels.Value), Tags: channelIDs(r.Tags.Value), Images: images(r.Images.Value),
		Categories: channelIDs(r.Categories.Value), ShippingProfileID: r.ShippingProfileID.Value}
	if r.Status != nil {
		in.Status = *r.Status
	}
	if r.IsGiftcard != nil {
		in.IsGiftcard = *r.IsGiftcard
	}
	for _, o := range r.Options.Value {
		in.Options = append(in.Options, OptionInput{Title: o.Title, Values: o.Values})
	}
	for _, vr := range r.Variants.Value {
		in.Variants = append(in.Variants, vr.create())
	}
	return in
}

func (r productReq) update() UpdateInput {
	in := UpdateInput{Subtitle: patch(r.Subtitle), Description: patch(r.Description), Handle: r.Handle,
		Status: r.Status, Thumbnail: patch(r.Thumbnail), IsGiftcard: r.IsGiftcard, Discountable: r.Discountable,
		Physical: r.physicalReq.patch(), CollectionID: patch(r.CollectionID), TypeID: patch(r.TypeID),
		Metadata:          metadataPatch(r.Metadata),
		SalesChannels:     Patch[[]string]{Set: r.SalesChannels.Set, Value: channelIDs(r.SalesChannels.Value)},
		Tags:              Patch[[]string]{Set: r.Tags.Set, Value: channelIDs(r.Tags.Value)},
		Categories:        Patch[[]string]{Set: r.Categories.Set, Value: channelIDs(r.Categories.Value)},
		Images:            Patch[[]ImageInput]{Set: r.Images.Set, Value: images(r.Images.Value)},
		ShippingProfileID: patch(r.ShippingProfileID)}
	if r.Title.Set {
		in.Title = &r.Title.Value
	}
	in.Options.Set, in.Variants.Set = r.Options.Set, r.Variants.Set
	for _, o := range r.Options.Value {
		in.Options.Value = append(in.Options.Value, OptionUpsert{ID: o.ID, Title: o.Title, Values: o.Values})
	}
	for _, vr := range r.Variants.Value {
		in.Variants.Value = append(in.Variants.Value, VariantUpsert{ID: vr.ID, Update: vr.update(), Create: vr.create()})
	}
	return in
}

type filterParams struct {
	Q              string   `json:"q"`
	ID             []string `json:"id"`
	Handle         []string `json:"handle"`
	Title          []string `json:"title"`
	Status         []string `json:"status"`
	SalesChannelID []string `json:"sales_channel_id"`
	IsGiftcard     *bool    `json:"is_giftcard"`
	httpapi.DateParams
}

func (p filterParams) filter() Filter {
	return Filter{Q: p.Q, IDs: p.ID, Handles: p.Handle, Titles: p.Title, Statuses: p.Status,
		SalesChannelIDs: p.SalesChannelID, IsGiftcard: p.IsGiftcard,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, DeletedAt: p.DeletedAt}
}

type listParams struct {
	httpapi.Paging
	filterParams
	httpapi.Groups[filterParams]
}

type batchReq struct {
	Create []productReq `json:"create"`
	Update []productReq `json:"update"`
	Delete []string     `json:"delete"`
}
