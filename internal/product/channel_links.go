package product

import (
	"context"
	"slices"

	"channeld/internal/audit"
	"channeld/internal/outbox"
	"channeld/internal/platform/db"
)

// Every route that links a product to a channel or unlinks it (the product's own create,
// update and delete, the channel's products route) records one audit entry per link it
// changed, and an unlink deletes the channel prices of the product's variants in that
// channel (channel-model.md §2.6): they would otherwise price a product the channel no longer
// sells, and come back unasked if it were linked again.

// linkDiff is how the channels of one product changed.
type linkDiff struct {
	productID      string
	added, removed []string
}

// diffLinks returns the change from the channels before to those after, each in the order
// of its list.
func diffLinks(productID string, before, after []string) linkDiff {
	d := linkDiff{productID: productID}
	for _, c := range after {
		if !slices.Contains(before, c) && !slices.Contains(d.added, c) {
			d.added = append(d.added, c)
		}
	}
	for _, c := range before {
		if !slices.Contains(after, c) {
			d.removed = append(d.removed, c)
		}
	}
	return d
}

// linksChanged deletes, on tx, the channel prices of each unlinked product's variants in the
// channel it left, records sales_channel.product_added and product_removed entries and
// emits sales-channel.products-added and products-removed.
func (s *Service) linksChanged(ctx context.Context, tx db.DBTX, diffs ...linkDiff) error {
	var entries []audit.Entry
	events := outbox.Links{Kind: "products", Key: "product_ids"}
	for _, d := range diffs {
		for _, c := range d.added {
			events.Added(c, d.productID)
			entries = append(entries, linkEntry("sales_channel.product_added", d.productID, c, nil, productRef(d.productID)))
		}
		for _, c := range d.removed {
			c := c
			f := PriceFilter{ProductIDs: []string{d.productID}, SalesChannelID: &c}
			if _, err := s.DeletePrices(ctx, tx, f, audit.CauseProductUnlinked); err != nil {
				return err
			}
			entries = append(entries, linkEntry("sales_channel.product_removed", d.productID, c, productRef(d.productID), nil))
			events.Removed(c, d.productID)
		}
	}
	if err := outbox.Append(ctx, tx, s.now(), events.Events()...); err != nil {
		return err
	}
	return s.audit.Record(ctx, tx, entries...)
}

// productRef is the object a link entry records.
func productRef(productID string) any {
	return struct {
		ProductID string `json:"product_id"`
	}{productID}
}

func linkEntry(action, productID, channelID string, before, after any) audit.Entry {
	return audit.Entry{Action: action, Resource: "product", ResourceID: productID, SalesChannelID: &channelID,
		Before: before, After: after}
}
