package app

import (
	"channeld/internal/platform/clock"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
	"channeld/internal/stock"
)

// wireStock builds the stock module after wireProduct: stock locations, their link to sales
// channels (deleting a channel unlinks its locations; channels filter and embed by location),
// and inventory.
func (a *App) wireStock(admin *httpapi.Group, now clock.Clock, newID id.Source) {
	a.Stock = stock.NewService(a.DB, now, newID, a.Channels)
	h := stock.NewHandler(a.Stock)
	admin.Handle(h.Routes()...)

	a.locationLink = &stock.ChannelLink
	a.linkTables = append(a.linkTables, stock.ChannelLink)
	a.ChannelsHTTP.AddRelation("stock_locations", h.ChannelRelation())
}
