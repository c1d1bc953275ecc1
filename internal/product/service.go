package product

import (
	"context"
	"fmt"
	"slices"
	"time"

	"channeld/internal/fulfillment"
	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/handle"
	"channeld/internal/platform/id"
	"channeld/internal/platform/link"
	"channeld/internal/rbac"
	"channeld/internal/saleschannel"
	"channeld/internal/taxonomy"
)

// ChannelLink is the product ↔ sales channel link table.
var ChannelLink = link.Table{Name: "product_sales_channel", Left: "product_id", Right: "sales_channel_id"}

// Inventory gives a new variant that manages its inventory its inventory items, inside the
// transaction that creates the variant; the stock module implements it.
type Inventory interface {
	// CreateVariantItem gives the variant an item of its own (its SKU and title, one unit).
	CreateVariantItem(ctx context.Context, tx db.DBTX, variantID string, sku *string, title string) error
	// AddVariantItem links the variant to an existing live item, required units per variant.
	AddVariantItem(ctx context.Context, tx db.DBTX, variantID, itemID string, required int64) error
}

// Service is the product use cases; each write is one transaction with its events.
type Service struct {
	*Reader
	*PriceBook
	db        *db.DB
	now       clock.Clock
	newID     id.Source
	channels  *saleschannel.Service
	inventory Inventory
	// listing keeps the read model of what storefronts list and search in each write.
	listing *Listing
	// read returns the handle reads go through; tests wrap it to count queries.
	read func() db.DBTX
}

// NewService returns a service on d; channels checks and loads the linked sales channels,
// inventory gives new variants that manage inventory their item.
func NewService(d *db.DB, now clock.Clock, newID id.Source, channels *saleschannel.Service, inventory Inventory, prices *PriceBook) *Service {
	return &Service{Reader: NewReader(d), PriceBook: prices, db: d, now: now, newID: newID, channels: channels,
		inventory: inventory, listing: NewListing(d), read: d.Read}
}

// List returns a page of products matching f with the relations inc asks for, and the total
// count. Each relation costs one query for the whole page.
func (s *Service) List(ctx context.Context, f Filter, p Page, inc Include) ([]*Product, int, error) {
	q := s.read()
	ps, count, err := s.listProducts(ctx, q, f, p)
	if err != nil {
		return nil, 0, err
	}
	return ps, count, s.load(ctx, q, ps, inc)
}

// Get returns a live product with the relations inc asks for.
func (s *Service) Get(ctx context.Context, productID string, inc Include) (*Product, error) {
	q := s.read()
	p, err := getProduct(ctx, q, productID)
	if err != nil {
		return nil, err
	}
	return p, s.load(ctx, q, []*Product{p}, inc)
}

// GetMany returns the live products among ids, in the order of ids.
func (s *Service) GetMany(ctx context.Context, ids []string, inc Include) ([]*Product, error) {
	return s.GetManyIn(ctx, ids, nil, inc)
}

// GetManyIn is GetMany limited to the products linked to one of channelIDs (nil: no limit):
// what a storefront reaches of its lines' products through its key's channels.
func (s *Service) GetManyIn(ctx context.Context, ids, channelIDs []string, inc Include) ([]*Product, error) {
	if len(ids) == 0 {
		return []*Product{}, nil
	}
	q := s.read()
	ps, _, err := s.listProducts(ctx, q, Filter{IDs: ids, SalesChannelIDs: channelIDs}, Page{Limit: len(ids)})
	if err != nil {
		return nil, err
	}
	byID := make(map[string]*Product, len(ps))
	for _, p := range ps {
		byID[p.ID] = p
	}
	out := make([]*Product, 0, len(ids))
	for _, id := range ids {
		if p := byID[id]; p != nil {
			out = append(out, p)
		}
	}
	return out, s.load(ctx, q, out, inc)
}

// load fills the relations inc asks for, one batched query per relation.
func (s *Service) load(ctx context.Context, q db.DBTX, ps []*Product, inc Include) error {
	if len(ps) == 0 {
		return nil
	}
	if inc.Options || inc.OptionValues {
		if err := loadOptions(ctx, q, ps, inc.OptionValues); err != nil {
			return err
		}
	}
	if inc.Variants || inc.VariantOptions || inc.VariantPrices {
		vs, err := loadVariants(ctx, q, ps)
		if err != nil {
			return err
		}
		if inc.VariantOptions {
			load := loadVariantOptions
			if inc.OptionValues {
				load = func(ctx context.Context, q db.DBTX, vs []*Variant) error {
					return loadVariantOptionsFrom(ctx, q, vs, ps)
				}
			}
			if err := load(ctx, q, vs); err != nil {
				return err
			}
		}
		if inc.VariantPrices {
			if err := loadPrices(ctx, q, vs); err != nil {
				return err
			}
		}
	}
	if err := loadCatalogue(ctx, q, ps, inc); err != nil {
		return err
	}
	if inc.SalesChannels {
		return s.loadChannels(ctx, q, ps, inc.Visible)
	}
	return nil
}

// loadChannels fills the products' channels, limited to the visible ones when visible is not
// nil (see Include.Visible).
func (s *Service) loadChannels(ctx context.Context, q db.DBTX, ps []*Product, visible []string) error {
	ids := make([]string, len(ps))
	for i, p := range ps {
		ids[i] = p.ID
	}
	links, err := ChannelLink.RightsOf(ctx, q, ids)
	if err != nil {
		return err
	}
	var channelIDs []string
	seen := map[string]bool{}
	for _, cs := range links {
		for _, c := range cs {
			if visible != nil && !slices.Contains(visible, c) {
				continue
			}
			if !seen[c] {
				seen[c] = true
				channelIDs = append(channelIDs, c)
			}
		}
	}
	channels, err := s.channels.ByIDs(ctx, q, channelIDs)
	if err != nil {
		return err
	}
	byID := make(map[string]*saleschannel.SalesChannel, len(channels))
	for _, c := range channels {
		if visible == nil || !c.IsDisabled {
			byID[c.ID] = c
		}
	}
	for _, p := range ps {
		p.SalesChannels = []*saleschannel.SalesChannel{}
		for _, c := range links[p.ID] {
			if ch := byID[c]; ch != nil {
				p.SalesChannels = append(p.SalesChannels, ch)
			}
		}
	}
	return nil
}

// Create makes a product with its options, variants, prices and channel links, and emits
// product.created.
func (s *Service) Create(ctx context.Context, in CreateInput) (*Product, error) {
	var p *Product
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if p, err = s.createTx(ctx, tx, in, s.now()); err != nil {
			return err
		}
		return s.listing.Products(ctx, tx, []string{p.ID})
	})
	return p, err
}

// createDecl is the declaration of POST /admin/products, which the channel write check names.
var createDecl = rbac.Policies{"product:create", "inventory_item:create", "price:create"}

func (s *Service) createTx(ctx context.Context, tx db.DBTX, in CreateInput, now time.Time) (*Product, error) {
	// A channel-limited caller creates products in channels where it may (§5.6 step 4).
	if err := rbac.CheckCreateIn(ctx, createDecl, "product", "create", in.SalesChannels); err != nil {
		return nil, err
	}
	if err := s.channels.CheckLive(ctx, tx, in.SalesChannels); err != nil {
		return nil, err
	}
	if err := taxonomy.CheckRefs(ctx, tx, in.CollectionID, in.TypeID, in.Tags, in.Categories); err != nil {
		return nil, err
	}
	p := &Product{
		ID: s.newID(id.Product), Title: in.Title, Subtitle: in.Subtitle, Description: in.Description,
		Status: in.Status, Thumbnail: in.Thumbnail, IsGiftcard: in.IsGiftcard, Discountable: true,
		Physical: in.Physical, CollectionID: in.CollectionID, TypeID: in.TypeID, Metadata: in.Metadata,
		CreatedAt: now, UpdatedAt: now,
	}
	if in.Handle != nil {
		p.Handle = *in.Handle
	} else {
		p.Handle = ToHandle(in.Title)
	}
	if p.Status == "" {
		p.Status = StatusDraft
	}
	if in.Discountable != nil {
		p.Discountable = *in.Discountable
	}
	if err := insertProduct(ctx, tx, p); err != nil {
		return nil, err
	}
	if err := tagLinks.set(ctx, tx, p.ID, in.Tags); err != nil {
		return nil, err
	}
	profile := ""
	if in.ShippingProfileID != nil {
		profile = *in.ShippingProfileID
	}
	if err := fulfillment.SetProductProfile(ctx, tx, p.ID, profile, now); err != nil {
		return nil, err
	}
	if err := categoryLinks.set(ctx, tx, p.ID, in.Categories); err != nil {
		return nil, err
	}
	if err := s.setImages(ctx, tx, p.ID, in.Images, now); err != nil {
		return nil, err
	}
	idx := optionIndex{}
	for _, oi := range in.Options {
		if _, dup := idx[oi.Title]; dup {
			return nil, apperr.Invalidf("Option %s is given more than once", oi.Title)
		}
		o := &Option{ID: s.newID(id.Option), ProductID: p.ID, Title: oi.Title, CreatedAt: now, UpdatedAt: now}
		if err := insertOption(ctx, tx, o); err != nil {
			return nil, err
		}
		idx[o.Title] = map[string]string{}
		if err := s.insertValuesTx(ctx, tx, o.ID, oi.Values, idx[o.Title], now); err != nil {
			return nil, err
		}
	}
	// Links first: the variants' channel prices need the product in their channels.
	if err := ChannelLink.Add(ctx, tx, p.ID, in.SalesChannels, now); err != nil {
		return nil, err
	}
	if err := s.linksChanged(ctx, tx, diffLinks(p.ID, nil, in.SalesChannels)); err != nil {
		return nil, err
	}
	for _, vi := range in.Variants {
		if _, err := s.insertVariantTx(ctx, tx, p.ID, vi, idx, now); err != nil {
			return nil, err
		}
	}
	return p, outbox.Append(ctx, tx, now, outbox.IDEvent(EventCreated, p.ID))
}

// insertValuesTx adds the values not yet in have to an option, recording their ids in have.
func (s *Service) insertValuesTx(ctx context.Context, tx db.DBTX, optionID string, values []string, have map[string]string, now time.Time) error {
	for _, val := range values {
		if _, dup := have[val]; dup {
			continue
		}
		v := &OptionValue{ID: s.newID(id.OptionValue), OptionID: optionID, Value: val, CreatedAt: now, UpdatedAt: now}
		if err := insertOptionValue(ctx, tx, v); err != nil {
			return err
		}
		have[val] = v.ID
	}
	return nil
}

// Update changes a product and emits product.updated, also when only its channels change.
func (s *Service) Update(ctx context.Context, productID string, in UpdateInput) (*Product, error) {
	var p *Product
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if p, err = s.updateTx(ctx, tx, productID, in, s.now()); err != nil {
			return err
		}
		return s.listing.Products(ctx, tx, []string{p.ID})
	})
	return p, err
}

func (s *Service) updateTx(ctx context.Context, tx db.DBTX, productID string, in UpdateInput, now time.Time) (*Product, error) {
	p, err := getProduct(ctx, tx, productID)
	if err != nil {
		return nil, err
	}
	if err := checkProductWrite(ctx, tx, productID, "update", in.SalesChannels.Value); err != nil {
		return nil, err
	}
	set(&p.Title, in.Title)
	apply(&p.Subtitle, in.Subtitle)
	apply(&p.Description, in.Description)
	set(&p.Handle, in.Handle)
	set(&p.Status, in.Status)
	apply(&p.Thumbnail, in.Thumbnail)
	set(&p.IsGiftcard, in.IsGiftcard)
	set(&p.Discountable, in.Discountable)
	applyPhysical(&p.Physical, in.Physical)
	apply(&p.CollectionID, in.CollectionID)
	apply(&p.TypeID, in.TypeID)
	apply(&p.Metadata, in.Metadata)
	p.UpdatedAt = now
	if err := s.updateCatalogueTx(ctx, tx, p, in, now); err != nil {
		return nil, err
	}
	if err := updateProduct(ctx, tx, p); err != nil {
		return nil, err
	}
	if in.ShippingProfileID.Set {
		if err := s.setProfile(ctx, tx, p.ID, in.ShippingProfileID.Value, now); err != nil {
			return nil, err
		}
	}
	if in.SalesChannels.Set {
		if err := s.channels.CheckLive(ctx, tx, in.SalesChannels.Value); err != nil {
			return nil, err
		}
		before, err := ChannelLink.RightsOf(ctx, tx, []string{p.ID})
		if err != nil {
			return nil, err
		}
		if err := ChannelLink.Replace(ctx, tx, p.ID, in.SalesChannels.Value, now); err != nil {
			return nil, err
		}
		if err := s.linksChanged(ctx, tx, diffLinks(p.ID, before[p.ID], in.SalesChannels.Value)); err != nil {
			return nil, err
		}
	}
	if err := s.replaceChildrenTx(ctx, tx, p.ID, in, now); err != nil {
		return nil, err
	}
	return p, outbox.Append(ctx, tx, now, outbox.IDEvent(EventUpdated, p.ID))
}

// set changes a field that cannot be null, which an update gives as a pointer: nil leaves it.
func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}

// apply changes a nullable field when the patch names it.
func apply[T any](dst *T, p Patch[T]) {
	if p.Set {
		*dst = p.Value
	}
}

func applyPhysical(dst *Physical, p PhysicalPatch) {
	apply(&dst.Weight, p.Weight)
	apply(&dst.Length, p.Length)
	apply(&dst.Height, p.Height)
	apply(&dst.Width, p.Width)
	apply(&dst.HSCode, p.HSCode)
	apply(&dst.OriginCountry, p.OriginCountry)
	apply(&dst.MIDCode, p.MIDCode)
	apply(&dst.Material, p.Material)
}

// Delete soft-deletes a product and its variants and unlinks it from every channel. An
// unknown or already deleted product is not an error, as in Medusa.
func (s *Service) Delete(ctx context.Context, productID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		// A product the caller may not read is deleted as a missing one is: nothing happens.
		if _, err := getProduct(ctx, tx, productID); apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if err := checkProductWrite(ctx, tx, productID, "delete", nil); err != nil {
			return err
		}
		if err := s.deleteTx(ctx, tx, productID, s.now()); err != nil {
			return err
		}
		return s.listing.Products(ctx, tx, []string{productID})
	})
}

func (s *Service) deleteTx(ctx context.Context, tx db.DBTX, productID string, now time.Time) error {
	res, err := tx.ExecContext(ctx, `UPDATE product SET deleted_at = $2, updated_at = $2 WHERE id = $1 AND deleted_at IS NULL`,
		productID, db.FormatTime(now))
	if err != nil {
		return fmt.Errorf("delete product %s: %w", productID, err)
	}
	if n, err := res.RowsAffected(); err != nil || n == 0 {
		return err
	}
	if _, err := tx.ExecContext(ctx, `UPDATE product_variant SET deleted_at = $2, updated_at = $2
		WHERE product_id = $1 AND deleted_at IS NULL`, productID, db.FormatTime(now)); err != nil {
		return fmt.Errorf("delete variants of %s: %w", productID, err)
	}
	before, err := ChannelLink.RightsOf(ctx, tx, []string{productID})
	if err != nil {
		return err
	}
	if err := link.DropAll(ctx, tx, []link.Table{ChannelLink}, "product_id", productID); err != nil {
		return err
	}
	if err := s.linksChanged(ctx, tx, diffLinks(productID, before[productID], nil)); err != nil {
		return err
	}
	return outbox.Append(ctx, tx, now, outbox.IDEvent(EventDeleted, productID))
}

// ToHandle derives a handle from a title as Medusa does: lower case, every run of
// characters other than letters and digits becomes one '-', with none at either end.
func ToHandle(title string) string { return handle.From(title) }

// checkProductWrite is the channel write check of a product write (§5.6 step 4): the caller
// holds product:<op> in every channel the product is in, whose shared fields are sold there
// too, and in the channels a sales_channels change names; else E24 naming the route's own
// declaration.
func checkProductWrite(ctx context.Context, q db.DBTX, productID, op string, targets []string) error {
	return checkWriteIn(ctx, q, productID, "product", op, targets)
}

// checkWriteIn is the channel write check of resource:op on a product and what it holds
// (variants): every channel of the product and the targets.
func checkWriteIn(ctx context.Context, q db.DBTX, productID, resource, op string, targets []string) error {
	return checkWriteNaming(ctx, q, rbac.Policies{resource + ":" + op}, productID, resource, op, targets)
}

// checkWriteNaming is checkWriteIn naming decl, the declaration of a route that writes
// several things at once (the product batch).
func checkWriteNaming(ctx context.Context, q db.DBTX, decl rbac.Policies, productID, resource, op string, targets []string) error {
	if sc, ok := rbac.Carried(ctx); !ok || sc.Global(resource, op) {
		return nil
	}
	current, err := ChannelLink.RightsOf(ctx, q, []string{productID})
	if err != nil {
		return err
	}
	return rbac.CheckWrite(ctx, decl, resource, op, slices.Concat(current[productID], targets))
}

// setProfile gives a product the shipping profile named, or none for nil.
func (s *Service) setProfile(ctx context.Context, tx db.DBTX, productID string, profileID *string, now time.Time) error {
	if profileID == nil {
		return fulfillment.UnsetProductProfile(ctx, tx, productID)
	}
	return fulfillment.SetProductProfile(ctx, tx, productID, *profileID, now)
}
