package app

import (
	"channeld/internal/cart"
	"channeld/internal/order"
	"channeld/internal/platform/httpapi"
)

// wireOrder mounts cart completion and the store order route behind the publishable-key
// check, and the admin order and reservation routes; it runs after wireCart.
func (a *App) wireOrder(rt *httpapi.Router, admin *httpapi.Group) {
	h := order.NewHandler(a.DB)
	store := rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable)
	store.Handle(cart.NewHandler(a.Carts).CompleteRoutes()...)
	store.Handle(h.StoreRoutes()...)
	admin.Handle(h.Routes()...)
}
