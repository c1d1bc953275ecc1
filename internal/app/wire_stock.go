package app

import (
	"context"

	"channeld/internal/platform/clock"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
	"channeld/internal/product"
	"channeld/internal/stock"
)

// wireStock builds the stock module after wireProduct: stock locations, their link to sales
// channels (deleting a channel unlinks its locations; channels filter and embed by location),
// and inventory. New inventory-managed variants do not get an item yet: product has no
// creation hook (stock.Service.CreateVariantItem is ready for one).
func (a *App) wireStock(admin *httpapi.Group, now clock.Clock, newID id.Source) {
	a.Stock = stock.NewService(a.DB, now, newID, a.Channels)
	a.Stock.SetVariantChecker(func(ctx context.Context, productID, variantID string) error {
		_, err := a.Products.GetVariant(ctx, productID, variantID, product.Include{})
		return err
	})
	h := stock.NewHandler(a.Stock)
	admin.Handle(h.Routes()...)

	a.locationLink = &stock.ChannelLink
	a.linkTables = append(a.linkTables, stock.ChannelLink)
	a.ChannelsHTTP.AddRelation("stock_locations", h.ChannelRelation())

}
