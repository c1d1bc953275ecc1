package app

import (
	"context"

	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
	"channeld/internal/product"
	"channeld/internal/stock"
)

// wireStock builds the stock module after wireProduct: stock locations, their link to sales
// channels (deleting a channel unlinks its locations; channels filter and embed by location),
// and inventory. A variant created with manage_inventory gets its own inventory item (its
// SKU and title, one unit per variant), in the transaction that creates it, as in Medusa.
func (a *App) wireStock(admin *httpapi.Group, now clock.Clock, newID id.Source) {
	a.Stock = stock.NewService(a.DB, now, newID, a.Channels)
	a.Stock.SetVariantChecker(func(ctx context.Context, productID, variantID string) error {
		_, err := a.Products.GetVariant(ctx, productID, variantID, product.Include{})
		return err
	})
	a.Products.OnVariantsCreated(func(ctx context.Context, tx db.DBTX, vs []*product.Variant) error {
		for _, v := range vs {
			if !v.ManageInventory {
				continue
			}
			if err := a.Stock.CreateVariantItem(ctx, tx, v.ID, v.SKU, v.Title); err != nil {
				return err
			}
		}
		return nil
	})
	h := stock.NewHandler(a.Stock)
	admin.Handle(h.Routes()...)
	// Why variants can or cannot be sold in a channel; ServeMux prefers this longer pattern
	// to /admin/sales-channels/{id}.
	admin.Handle(h.AvailabilityRoutes()...)

	a.locationLink = &stock.ChannelLink
	a.linkTables = append(a.linkTables, stock.ChannelLink)
	a.ChannelsHTTP.AddRelation("stock_locations", h.ChannelRelation())
}
