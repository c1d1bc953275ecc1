package app

import (
	"channeld/internal/cart"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
	"channeld/internal/platform/link"
	"channeld/internal/product"
	"channeld/internal/region"
	"channeld/internal/stock"
)

// moduleState is what the module wiring collects for the sales channel module: the link
// tables that touch channels.
type moduleState struct {
	keyLink      *link.Table
	locationLink *link.Table
	linkTables   []link.Table
	Regions      *region.Service
	Products     *product.Service
	Stock        *stock.Service
	Carts        *cart.Service
	apikeyState
}

// wireModules builds the modules that sit on top of the foundation. Each module has one
// wire function below, called in dependency order.
func (a *App) wireModules(rt *httpapi.Router, public, admin *httpapi.Group, now clock.Clock, newID id.Source) {
	_ = rt
	_ = public
	_ = admin
	_ = now
	_ = newID
	a.wireAPIKeys(admin, now, newID)
	a.wireProduct(rt, admin, now, newID)
	a.wireStock(admin, now, newID)
	a.wireStorefront(rt)
	a.wireCart(rt, now, newID)
	a.wireOrder(rt, admin)
}
