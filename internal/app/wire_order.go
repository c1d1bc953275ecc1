package app

import (
	"channeld/internal/cart"
	"channeld/internal/platform/httpapi"
)

// wireOrder mounts cart completion behind the publishable-key check; it runs after wireCart.
func (a *App) wireOrder(rt *httpapi.Router, admin *httpapi.Group) {
	_ = admin
	store := rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable)
	store.Handle(cart.NewHandler(a.Carts).CompleteRoutes()...)
}
