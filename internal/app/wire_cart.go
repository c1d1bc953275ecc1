package app

import (
	"channeld/internal/cart"
	"channeld/internal/payment"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
)

// wireCart mounts /store/carts and the store payment routes behind the publishable-key
// check; it runs after wireStock, whose availability bounds what a line may ask for.
func (a *App) wireCart(rt *httpapi.Router, now clock.Clock, newID id.Source) {
	a.Carts = cart.NewService(a.DB, now, newID, a.Channels, a.Regions, a.Shop, a.Stock.AvailableAt)
	store := rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable)
	store.Handle(cart.NewHandler(a.Carts).Routes()...)
	payments := payment.NewService(a.DB, now, newID, a.Carts, a.Regions)
	store.Handle(payment.NewHandler(payments).Routes()...)
}
