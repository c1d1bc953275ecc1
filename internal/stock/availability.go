package stock

import (
	"context"
	"fmt"
	"strings"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/saleschannel"
)

// Reason codes of VariantAvailability.Reasons.
const (
	ReasonVariantNotFound     = "variant_not_found"
	ReasonChannelDisabled     = "channel_disabled"
	ReasonProductNotInChannel = "product_not_in_channel"
	ReasonProductNotPublished = "product_not_published"
	ReasonNoStockLocation     = "no_stock_location"
	ReasonNoInventoryLevel    = "no_inventory_level"
	ReasonInsufficientStock   = "insufficient_stock"
	ReasonNoShippingOption    = "no_shipping_option"
	maxAvailabilityVariants   = 100
	publishedStatus           = "published"
)

// Reason is one thing keeping a variant from being sold in a channel, with a message that
// says what to link or change.
type Reason struct {
	Code    string `json:"code"`
	Message string `json:"message"`
}

// VariantAvailability says whether a variant can be sold in a channel now, how many units
// (nil when the variant does not manage inventory, or is not found) and every reason it
// cannot; Sellable is true exactly when Reasons is empty.
type VariantAvailability struct {
	VariantID string   `json:"variant_id"`
	Sellable  bool     `json:"sellable"`
	Quantity  *int64   `json:"quantity"`
	Reasons   []Reason `json:"reasons"`
}

type availVariant struct {
	id, title, productID, productTitle, status string
	manage, backorder, inChannel               bool
	items                                      []string // live inventory items, in id order
	stocked                                    int      // items with a level at a live location of the channel
}

type availLocation struct{ id, name string }

// ChannelAvailability explains, for each variant id in the order given, whether it can be
// sold in the channel. An unknown channel is a 404. The work is a fixed number of queries
// whatever the number of variants: the channel, its live locations, the variants with their
// products and channel membership, their items with whether each is stocked in the channel,
// and the quantities (Available).
//
// Stock reasons go from the most basic: no_stock_location when the channel has no live
// location; no_inventory_level when the variant has no live item, or (the channel having
// locations) none of its items has a level at them; insufficient_stock otherwise when the
// quantity is 0 and backorders are not allowed. A variant that does not manage inventory
// has no stock reasons and a null quantity.
func (s *Service) ChannelAvailability(ctx context.Context, channelID string, variantIDs []string) ([]VariantAvailability, error) {
	ch, err := s.channels.Get(ctx, channelID)
	if err != nil {
		return nil, err
	}
	q := s.db.Read()

	locs, err := channelLocations(ctx, q, ch.ID)
	if err != nil {
		return nil, err
	}
	ships, err := anyShips(ctx, q, s.shipping, locs)
	if err != nil {
		return nil, err
	}
	uniq := make([]string, 0, len(variantIDs))
	seen := map[string]bool{}
	for _, id := range variantIDs {
		if !seen[id] {
			seen[id] = true
			uniq = append(uniq, id)
		}
	}
	vars, err := availVariants(ctx, q, ch.ID, uniq)
	if err != nil {
		return nil, err
	}
	var managed []string
	for _, id := range uniq {
		if v := vars[id]; v != nil && v.manage {
			managed = append(managed, id)
		}
	}
	if err := availItems(ctx, q, ch.ID, managed, vars); err != nil {
		return nil, err
	}
	qty, err := s.Available(ctx, q, ch.ID, managed)
	if err != nil {
		return nil, err
	}

	out := make([]VariantAvailability, 0, len(variantIDs))
	for _, id := range variantIDs {
		out = append(out, explain(ch, locs, ships, id, vars[id], qty[id]))
	}
	return out, nil
}

// explain lists the reasons the variant id (v, nil when unknown, with n units available)
// cannot be sold in ch, whose live locations are locs, ships telling whether one of them
// ships to storefronts.
func explain(ch *saleschannel.SalesChannel, locs []availLocation, ships bool, id string, v *availVariant, n int64) VariantAvailability {
	a := VariantAvailability{VariantID: id, Reasons: []Reason{}}
	add := func(code, format string, args ...any) {
		a.Reasons = append(a.Reasons, Reason{Code: code, Message: fmt.Sprintf(format, args...)})
	}
	if v == nil {
		add(ReasonVariantNotFound, "Variant with id: %s was not found (unknown or deleted): ask for a live variant id, listed by GET /admin/products/{id}/variants", id)
		return a
	}
	chName := fmt.Sprintf("%q (%s)", ch.Name, ch.ID)
	prodName := fmt.Sprintf("%q (%s)", v.productTitle, v.productID)
	varName := fmt.Sprintf("%q (%s) of product %s", v.title, v.id, prodName)
	if ch.IsDisabled {
		add(ReasonChannelDisabled, `Sales channel %s is disabled: enable it with POST /admin/sales-channels/%s {"is_disabled": false}`, chName, ch.ID)
	}
	if !v.inChannel {
		add(ReasonProductNotInChannel, `Product %s is not available in sales channel %s: add it with POST /admin/sales-channels/%s/products {"add": [%q]}`,
			prodName, chName, ch.ID, v.productID)
	}
	if v.status != publishedStatus {
		add(ReasonProductNotPublished, `Product %s has status %q: publish it with POST /admin/products/%s {"status": "published"}`,
			prodName, v.status, v.productID)
	}
	if v.manage {
		a.Quantity = &n
		noLevel := false
		if len(locs) == 0 {
			add(ReasonNoStockLocation, `Sales channel %s has no stock location: link one with POST /admin/stock-locations/{location_id}/sales-channels {"add": [%q]}`,
				chName, ch.ID)
		}
		switch {
		case len(v.items) == 0:
			noLevel = true
			add(ReasonNoInventoryLevel, `Variant %s has no inventory item: link one with POST /admin/products/%s/variants/%s/inventory-items {"inventory_item_id": "..."}`,
				varName, v.productID, v.id)
		case len(locs) > 0 && v.stocked == 0:
			noLevel = true
			add(ReasonNoInventoryLevel, `None of the inventory items of variant %s (%s) has a level at a stock location of sales channel %s (%s): add one with POST /admin/inventory-items/%s/location-levels {"location_id": %q, "stocked_quantity": n}`,
				varName, strings.Join(v.items, ", "), chName, locationNames(locs), v.items[0], locs[0].id)
		}
		if n == 0 && !v.backorder && len(locs) > 0 && !noLevel {
			add(ReasonInsufficientStock, `Variant %s has no stock left at the stock locations of sales channel %s (%s), items %s: raise stocked_quantity with POST /admin/inventory-items/{inventory_item_id}/location-levels/{location_id}, or allow backorders with POST /admin/products/%s/variants/%s {"allow_backorder": true}`,
				varName, chName, locationNames(locs), strings.Join(v.items, ", "), v.productID, v.id)
		}
	}
	if len(locs) > 0 && !ships {
		add(ReasonNoShippingOption, `None of the stock locations of sales channel %s (%s) ships to storefronts: give one a fulfillment set with POST /admin/stock-locations/%s/fulfillment-sets {"name": "...", "type": "shipping"}, a service zone with geo zones with POST /admin/fulfillment-sets/{id}/service-zones and a shipping option enabled in store with POST /admin/shipping-options`,
			chName, locationNames(locs), locs[0].id)
	}
	a.Sellable = len(a.Reasons) == 0
	return a
}

// anyShips reports whether one of locs ships to storefronts; with no locations, no_stock_location
// already says what is missing.
func anyShips(ctx context.Context, q db.DBTX, shipping Shipping, locs []availLocation) (bool, error) {
	if len(locs) == 0 || shipping == nil {
		return true, nil
	}
	ids := make([]string, len(locs))
	for i, l := range locs {
		ids[i] = l.id
	}
	ships, err := shipping(ctx, q, ids)
	if err != nil {
		return false, err
	}
	return len(ships) > 0, nil
}

func locationNames(locs []availLocation) string {
	parts := make([]string, len(locs))
	for i, l := range locs {
		parts[i] = fmt.Sprintf("%q %s", l.name, l.id)
	}
	return strings.Join(parts, ", ")
}

func channelLocations(ctx context.Context, q db.DBTX, channelID string) ([]availLocation, error) {
	out, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (availLocation, error) {
		var l availLocation
		err := r.Scan(&l.id, &l.name)
		return l, err
	}, `SELECT sl.id, sl.name FROM sales_channel_stock_location scl
		JOIN stock_location sl ON sl.id = scl.stock_location_id AND sl.deleted_at IS NULL
		WHERE scl.sales_channel_id = $1 ORDER BY sl.id`, channelID)
	if err != nil {
		return nil, fmt.Errorf("read stock locations of %s: %w", channelID, err)
	}
	return out, nil
}

// availVariants reads the live variants of live products among ids, with whether their
// product is in the channel. It is a read model across modules (product tables), kept so the
// explainer reads a whole page of variants in one query.
func availVariants(ctx context.Context, q db.DBTX, channelID string, ids []string) (map[string]*availVariant, error) {
	out := map[string]*availVariant{}
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{channelID}
	in := sqlq.In(&args, ids...)
	vars, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (*availVariant, error) {
		var v availVariant
		var inChannel int
		err := r.Scan(&v.id, &v.title, &v.manage, &v.backorder, &v.productID, &v.productTitle, &v.status, &inChannel)
		v.inChannel = inChannel == 1
		return &v, err
	}, `SELECT v.id, v.title, v.manage_inventory, v.allow_backorder, p.id, p.title, p.status,
		CASE WHEN EXISTS (SELECT 1 FROM product_sales_channel psc WHERE psc.product_id = p.id AND psc.sales_channel_id = $1) THEN 1 ELSE 0 END
		FROM product_variant v JOIN product p ON p.id = v.product_id AND p.deleted_at IS NULL
		WHERE v.deleted_at IS NULL AND v.id IN (`+in+`)`, args...)
	if err != nil {
		return nil, fmt.Errorf("read variants: %w", err)
	}
	for _, v := range vars {
		out[v.id] = v
	}
	return out, nil
}

// availItems fills the live items of the variants and how many of them have a level at a
// live location of the channel.
func availItems(ctx context.Context, q db.DBTX, channelID string, ids []string, vars map[string]*availVariant) error {
	if len(ids) == 0 {
		return nil
	}
	args := []any{channelID}
	in := sqlq.In(&args, ids...)
	type variantItem struct {
		variantID, itemID string
		stocked           int
	}
	items, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (variantItem, error) {
		var vi variantItem
		err := r.Scan(&vi.variantID, &vi.itemID, &vi.stocked)
		return vi, err
	}, `SELECT vi.variant_id, vi.inventory_item_id,
		CASE WHEN EXISTS (SELECT 1 FROM inventory_level lv
			JOIN sales_channel_stock_location scl ON scl.stock_location_id = lv.location_id AND scl.sales_channel_id = $1
			JOIN stock_location sl ON sl.id = lv.location_id AND sl.deleted_at IS NULL
			WHERE lv.inventory_item_id = vi.inventory_item_id) THEN 1 ELSE 0 END
		FROM product_variant_inventory_item vi
		JOIN inventory_item ii ON ii.id = vi.inventory_item_id AND ii.deleted_at IS NULL
		WHERE vi.variant_id IN (`+in+`) ORDER BY vi.variant_id, vi.inventory_item_id`, args...)
	if err != nil {
		return fmt.Errorf("read inventory items of variants: %w", err)
	}
	for _, vi := range items {
		if v := vars[vi.variantID]; v != nil {
			v.items = append(v.items, vi.itemID)
			v.stocked += vi.stocked
		}
	}
	return nil
}
