package app

import (
	"channeld/internal/platform/clock"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
	"channeld/internal/product"
	"channeld/internal/region"
)

// wireProduct builds the region and product modules and mounts their routes; it runs after
// wireAPIKeys, whose publishable-key check guards the store routes. The product ↔ channel
// link joins the channel's link tables, so deleting a channel unlinks its products.
func (a *App) wireProduct(rt *httpapi.Router, admin *httpapi.Group, now clock.Clock, newID id.Source) {
	a.Regions = region.NewService(a.DB, now, newID)
	regions := region.NewHandler(a.Regions)
	admin.Handle(regions.Routes()...)
	store := rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable)
	store.Handle(regions.StoreRoutes()...)

	a.Products = product.NewService(a.DB, now, newID, a.Channels)
	admin.Handle(product.NewHandler(a.Products, a.Channels).Routes()...)
	a.linkTables = append(a.linkTables, product.ChannelLink)
}
