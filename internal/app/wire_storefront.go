package app

import (
	"channeld/internal/platform/httpapi"
	"channeld/internal/storefront"
)

// wireStorefront mounts /store/products behind the publishable-key check; it runs after
// wireProduct, whose product and region services it reads through.
func (a *App) wireStorefront(rt *httpapi.Router) {
	store := rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable)
	store.Handle(storefront.NewHandler(storefront.NewService(a.DB, a.Products, a.Regions), a.DB.Commits).Routes()...)
}
