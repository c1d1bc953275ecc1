package app

import (
	"channeld/internal/platform/httpapi"
	"channeld/internal/storefront"
)

// wireStorefront mounts /store/products behind the publishable-key check; it runs after
// wireProduct, whose product and region services it reads through, and after wireStock, whose
// availability gives variants their inventory_quantity.
func (a *App) wireStorefront(rt *httpapi.Router) {
	store := rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable)
	svc := storefront.NewService(a.DB, a.Products, a.Regions)
	svc.SetAvailability(a.Stock.Available)
	store.Handle(storefront.NewHandler(svc, a.DB.Commits).Routes()...)
}
