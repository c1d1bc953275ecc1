// Package app is channeld's composition root: it reads the configuration, opens the
// database, migrates it, builds every module's service and handler, wires them into one
// router and runs the background workers. Tests build the same App.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"sync"
	"sync/atomic"
	"time"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"channeld/internal/adminui"
	"channeld/internal/apikey"
	"channeld/internal/audit"
	"channeld/internal/auth"
	"channeld/internal/cart"
	"channeld/internal/currency"
	"channeld/internal/customer"
	"channeld/internal/dashboard"
	"channeld/internal/fulfillment"
	"channeld/internal/order"
	"channeld/internal/outbox"
	"channeld/internal/payment"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
	"channeld/internal/platform/link"
	"channeld/internal/pricepref"
	"channeld/internal/pricing"
	"channeld/internal/product"
	"channeld/internal/rbac"
	"channeld/internal/region"
	"channeld/internal/saleschannel"
	"channeld/internal/seller"
	"channeld/internal/shop"
	"channeld/internal/stock"
	"channeld/internal/storefront"
	"channeld/internal/taxonomy"
	"channeld/internal/translation"
	"channeld/internal/webhook"
)

// App is a built channeld: its database, services and HTTP handler.
type App struct {
	Log     *slog.Logger
	DB      *db.DB
	Handler http.Handler
	Router  *httpapi.Router
	Relay   *outbox.Relay
	// Dispatcher sends webhook deliveries; it runs beside the relay.
	Dispatcher *webhook.Dispatcher

	Channels *saleschannel.Service
	Sellers  *seller.Service
	Shop     *shop.Service
	APIKeys  *apikey.Service
	Auth     *auth.Service
	RBAC     *rbac.Service
	Regions  *region.Service
	Stock    *stock.Service
	Products *product.Service
	Pricing  *pricing.Service
	Orders   *order.Service
	Payments *payment.Service
	Carts    *cart.Service
	// Customers are the storefront's accounts; their identities are the auth module's.
	Customers *customer.Service

	Translations *translation.Service
	Taxonomy     *taxonomy.Service
	Fulfillment  *fulfillment.Service
	Webhooks     *webhook.Service
	// PricePreferences are the tax flags of currencies and regions (Medusa's pricing module).
	PricePreferences *pricepref.Service

	draining atomic.Bool
	nats     *outbox.NATS
	// currenciesSince is the store's creation, the time channeld first served its currencies.
	currenciesSince time.Time
}

// Drain makes /health answer 503 from now on, while requests are still served: the server
// is about to stop.
func (a *App) Drain() { a.draining.Store(true) }

// Options adjust a build for tests.
type Options struct {
	HashParams auth.HashParams
	Publisher  outbox.Publisher
	// Now replaces the system clock, so tests can let time pass.
	Now clock.Clock
	// LoginLimits replace auth.DefaultLimits.
	LoginLimits auth.Limits
}

// Build opens and migrates the database, creates the store on first start and wires the
// modules. The caller closes the App.
func Build(ctx context.Context, cfg Config, log *slog.Logger, opts Options) (*App, error) {
	d, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	a, err := build(ctx, d, cfg, log, opts)
	if err != nil {
		d.Close()
		return nil, err
	}
	return a, nil
}

// build makes every module in dependency order, each from constructor arguments only, then
// mounts their routes. A module that another needs is built first; where two need each
// other, the one built first gets the smaller half of the other that needs only the
// database (product.Reader for stock, shop.ChannelGuard for sales channels), and payment
// reaches carts through the payment.Checkout interface the cart service implements.
func build(ctx context.Context, d *db.DB, cfg Config, log *slog.Logger, opts Options) (*App, error) {
	if err := d.Migrate(ctx); err != nil {
		return nil, fmt.Errorf("migrate: %w", err)
	}
	now, newID := clock.Clock(clock.System), id.Source(id.New)
	if opts.Now != nil {
		now = opts.Now
	}
	a := &App{Log: log, DB: d}
	// Every module that records audit entries writes them through one recorder, in its own
	// transactions.
	audits := audit.NewRecorder(now, newID)
	// Explicit prices, written by products, channel price routes and the channel keeper;
	// they follow the store's sync setting, which shop.PriceSettings reads from the database.
	prices := product.NewPriceBook(now, newID, audits, shop.PriceSettings{})
	keeper := pricing.NewKeeper(prices, audits)

	// Sales channels and the store. Deleting a channel drops its links to keys, locations
	// and products, whose tables those modules declare, and its prices and inheritance
	// rules through the keeper. A channel names its seller, which the seller checker
	// confirms; sellers then read their channels through the service.
	a.Channels = saleschannel.NewService(d, now, newID, saleschannel.Links{
		Keys:      &apikey.ChannelLink,
		Locations: &stock.ChannelLink,
		All:       []link.Table{apikey.ChannelLink, product.ChannelLink, stock.ChannelLink, rbac.ChannelLink},
	}, shop.NewChannelGuard(d), product.NewListing(d), seller.NewChecker(d), shop.NewLocaleReader(), keeper, audits)
	a.Sellers = seller.NewService(d, now, newID, a.Channels, audits)
	a.Shop = shop.NewService(d, now, newID, a.Channels, audits)
	if err := a.Shop.EnsureDefaults(ctx); err != nil {
		return nil, fmt.Errorf("create the store: %w", err)
	}
	st, err := a.Shop.Default(ctx)
	if err != nil {
		return nil, fmt.Errorf("read the store: %w", err)
	}
	a.currenciesSince = st.CreatedAt

	// Keys, then admin identities, which secret keys also authenticate.
	a.APIKeys = apikey.NewService(d, now, newID, a.Channels)
	a.Auth, err = auth.NewService(ctx, d, now, newID, auth.Options{
		JWTSecret: cfg.JWTSecret, HashParams: opts.HashParams, SecretKeys: a.APIKeys.VerifySecret, Limits: opts.LoginLimits,
		Origins: cfg.CORS,
	})
	if err != nil {
		return nil, err
	}
	// Roles and assignments: the registered policies exist from the start, and the bootstrap
	// admin holds the Super Admin role.
	a.RBAC = rbac.NewService(d, now, newID, audits, a.Auth, a.Channels)
	if err := a.RBAC.EnsureRegistered(ctx); err != nil {
		return nil, fmt.Errorf("register policies: %w", err)
	}
	if err := a.ensureAdmin(ctx, cfg); err != nil {
		return nil, err
	}

	// Catalogue and stock: stock checks variants through the product reader, and products
	// give new inventory-managed variants their item through stock.
	a.Regions = region.NewService(d, now, newID)
	a.Stock = stock.NewService(d, now, newID, a.Channels, product.NewReader(d), fulfillment.LocationsThatShip)
	a.Products = product.NewService(d, now, newID, a.Channels, a.Stock, prices)
	a.Translations = translation.NewService(d, now, newID, product.Guard{})
	a.Taxonomy = taxonomy.NewService(d, now, newID, audits, product.NewListing(d), product.Guard{})
	// Shipping: fulfillment sets hang off stock locations, region prices read regions.
	a.Fulfillment = fulfillment.NewService(d, now, newID, audits, a.Stock, a.Regions)
	catalogue := storefront.NewService(d, a.Products, a.Stock,
		storefront.Languages{Channels: a.Channels, Store: shop.NewLocaleReader(), Translations: a.Translations})
	// A channel's effective prices, channel price batches, inheritance rules and copies;
	// explicit prices are written through the product module's price book.
	a.Pricing = pricing.NewService(d, now, newID, audits, prices, a.Channels)
	// The tax flags of currencies and regions; the store writes its currencies' flags there.
	a.PricePreferences = pricepref.NewService(d, now, newID, audits)

	// Checkout: orders and payments join the cart's transactions; the fulfillment module
	// prices a cart's shipping options.
	// Customers: registered identities get their customer through auth, and admins see the
	// customers of a channel through the orders placed there.
	a.Customers = customer.NewService(d, now, newID, a.Auth, order.CustomerOrders{})
	a.Payments = payment.NewService(d, now, newID, a.Regions)
	a.Orders = order.NewService(d, order.Readers{Products: a.Products, Payments: a.Payments, Channels: a.Channels, Regions: a.Regions,
		Customers: a.Customers})
	a.Carts = cart.NewService(d, now, newID, cart.Deps{
		Channels: a.Channels, Regions: a.Regions, Shop: a.Shop, Products: a.Products,
		Stock: a.Stock, Orders: a.Orders, Payments: a.Payments, Customers: a.Customers,
		Shipping: fulfillment.NewQuoter(a.Fulfillment),
	})

	// Events go to the log (or the test's publisher), into webhook deliveries, and to NATS
	// when configured; the dispatcher then sends the deliveries.
	guard := webhook.Guard{AllowPrivate: cfg.WebhookAllowPrivate}
	a.Dispatcher = &webhook.Dispatcher{DB: d, Log: log, Now: now, Interval: cfg.RelayInterval, Guard: guard}
	a.Webhooks = webhook.NewService(d, now, newID, a.Channels, guard, a.Dispatcher.Wake)
	pub := opts.Publisher
	if pub == nil {
		pub = outbox.LogPublisher{Log: log}
	}
	if cfg.NATSURL != "" {
		nc, err := outbox.DialNATS(ctx, cfg.NATSURL)
		if err != nil {
			return nil, err
		}
		a.nats = nc
		pub = outbox.Publishers{pub, nc}
	}
	a.Relay = &outbox.Relay{DB: d, Publisher: pub, Log: log, Interval: cfg.RelayInterval, BatchSize: 100, Now: now,
		InTx: []outbox.TxPublisher{&webhook.Fanout{DB: d, Now: now, NewID: newID}}, Flushed: a.Dispatcher.Wake}

	a.Router, a.Handler = a.routes(cfg, catalogue)
	return a, nil
}

// routes mounts every route group once, admin routes behind an admin credential and store
// routes behind a publishable key, and wraps the router in CORS, logging and metrics.
func (a *App) routes(cfg Config, catalogue *storefront.Service) (*httpapi.Router, http.Handler) {
	d, log := a.DB, a.Log
	// Locations carry the fulfillment sets and providers of the fulfillment module, whose
	// routes under a location answer the location as the stock module writes it.
	fulfillmentHTTP := fulfillment.NewHandler(a.Fulfillment)
	keys, stockHTTP := apikey.NewHandler(a.APIKeys), stock.NewHandler(a.Stock, fulfillmentHTTP.LocationRelations())
	// A variant's stock is the stock module's: its links, items and levels reach the product
	// and order routes' `fields` through these loaders, one batch per page.
	variantStock := map[string]product.VariantRelation{
		"inventory_items":    {Unknown: fields.Nested(stock.VariantItemSpec), Load: stockHTTP.LoadVariantItems},
		"inventory":          {Unknown: fields.Nested(stock.ItemSpec), Load: stockHTTP.LoadVariantInventory},
		"inventory_quantity": {Load: stockHTTP.LoadInventoryQuantity, Managed: true},
	}
	authHTTP, regionsHTTP := auth.NewHandler(a.Auth), region.NewHandler(a.Regions)
	// An order line's variant carries its stock links and items, as the order page asks.
	ordersHTTP := order.NewHandler(a.Orders, map[string]product.VariantRelation{
		"inventory_items": variantStock["inventory_items"], "inventory": variantStock["inventory"],
	})
	rt := httpapi.NewRouter(log)
	public := rt.Group(httpapi.Public)
	public.Handle(authHTTP.PublicRoutes()...)
	// An invite is accepted with the invitee's registration token, not an admin credential.
	rbacHTTP := rbac.NewHandler(a.RBAC)
	public.Handle(rbacHTTP.AcceptRoutes()...)
	dashboardHTTP := dashboard.NewHandler()
	public.Handle(dashboardHTTP.PublicRoutes()...)
	public.Handle(httpapi.Route{Method: "GET", Path: "/health", Summary: "Report whether the database answers", Handler: a.health})
	public.Handle(httpapi.Route{Method: "GET", Path: "/openapi.json", Summary: "This document", Handler: func(w http.ResponseWriter, r *http.Request) error {
		httpapi.WriteRaw(w, http.StatusOK, httpapi.OpenAPI(rt.Routes(), "channeld", "1.0.0"))
		return nil
	}})

	// Every admin request resolves the caller's roles once, after authentication; each
	// module's routes are then behind their declarations (policies.go).
	admin := rt.Group(httpapi.Admin, a.Auth.RequireAdmin, a.RBAC.Resolve)
	admin.Handle(authHTTP.AdminRoutes()...)
	admin.Handle(rbacHTTP.Routes()...)
	admin.Handle(guarded(rbacHTTP.InviteRoutes())...)
	admin.Handle(guarded(saleschannel.NewHandler(a.Channels, map[string]saleschannel.Relation{
		"publishable_api_keys": keys.ChannelRelation(),
		"stock_locations":      stockHTTP.ChannelRelation(),
	}).Routes())...)
	admin.Handle(guarded(shop.NewHandler(a.Shop).Routes())...)
	admin.Handle(guarded(keys.Routes())...)
	admin.Handle(guarded(regionsHTTP.Routes())...)
	admin.Handle(guarded(seller.NewHandler(a.Sellers).Routes())...)
	admin.Handle(guarded(product.NewHandler(a.Products, a.Channels, variantStock).Routes())...)
	taxonomyHTTP := taxonomy.NewHandler(a.Taxonomy)
	admin.Handle(guarded(append(taxonomyHTTP.Routes(), taxonomyHTTP.CategoryRoutes()...))...)
	admin.Handle(guarded(pricing.NewHandler(a.Pricing).Routes())...)
	admin.Handle(guarded(translation.NewHandler(a.Translations).Routes())...)
	admin.Handle(guarded(stockHTTP.Routes())...)
	admin.Handle(guarded(fulfillmentHTTP.Routes(stockHTTP))...)
	admin.Handle(guarded(ordersHTTP.Routes())...)
	admin.Handle(guarded(customer.NewAdminHandler(a.Customers).Routes())...)
	admin.Handle(guarded(audit.NewHandler(audit.NewReader(d)).Routes())...)
	admin.Handle(guarded(webhook.NewHandler(a.Webhooks).Routes())...)
	admin.Handle(guarded(dashboardHTTP.Routes())...)
	admin.Handle(guarded(currency.NewHandler(a.currenciesSince).Routes())...)
	admin.Handle(guarded(pricepref.NewHandler(a.PricePreferences).Routes())...)

	// Every store route knows the logged-in customer, if any (a cart created with a customer's
	// token is theirs); the customer's own routes refuse anyone else.
	store := rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable, a.Auth.IdentifyCustomer)
	store.Handle(regionsHTTP.StoreRoutes()...)
	storefrontHTTP := storefront.NewHandler(catalogue, d.Commits)
	store.Handle(append(storefrontHTTP.Routes(), storefrontHTTP.VariantRoutes()...)...)
	store.Handle(append(taxonomyHTTP.StoreRoutes(), taxonomyHTTP.StoreCategoryRoutes()...)...)
	cartsHTTP := cart.NewHandler(a.Carts)
	store.Handle(cartsHTTP.Routes()...)
	store.Handle(payment.NewHandler(a.Payments, a.Carts).Routes()...)
	store.Handle(ordersHTTP.StoreRoutes()...)
	customersHTTP := customer.NewStoreHandler(a.Customers, map[string]customer.Relation{"orders": ordersHTTP.CustomerOrdersRelation()})
	registering := rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable, a.Auth.IdentifyCustomer, auth.RequireIdentity)
	registering.Handle(customersHTTP.CreateRoutes()...)
	loggedIn := rt.Group(httpapi.Storefront, a.APIKeys.RequirePublishable, a.Auth.IdentifyCustomer, auth.RequireCustomer)
	loggedIn.Handle(customersHTTP.MeRoutes()...)
	loggedIn.Handle(ordersHTTP.CustomerRoutes()...)
	loggedIn.Handle(cartsHTTP.CustomerRoutes()...)
	// Unknown paths under a prefix still need the prefix's credentials, so that a 404 says
	// nothing to a caller who could not use the answer.
	admin.HandleUnmatched("/admin/")
	store.HandleUnmatched("/store/")

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for name, pool := range d.Pools() {
		reg.MustRegister(collectors.NewDBStatsCollector(pool, "channeld_"+name))
	}
	rt.HandleRaw("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	a.mountDashboard(rt, cfg.AdminDir)

	return rt, httpapi.Instrument(httpapi.WithCORS(rt, cfg.CORS), log, httpapi.NewMetrics(reg))
}

// mountDashboard serves the admin dashboard's build at /app, or says in the log why not.
func (a *App) mountDashboard(rt *httpapi.Router, dir string) {
	if dir == "" {
		return
	}
	h, err := adminui.Handler(dir)
	if err != nil {
		a.Log.Info("admin dashboard not served at "+adminui.Path, "reason", err.Error())
		return
	}
	rt.HandleRaw("GET "+adminui.Path+"/", h)
	a.Log.Info("admin dashboard served at "+adminui.Path, "dir", dir)
}

// ensureAdmin creates the admin user named by CHANNELD_ADMIN_EMAIL, holding the Super Admin
// role, when there is no user yet.
func (a *App) ensureAdmin(ctx context.Context, cfg Config) error {
	if cfg.AdminEmail == "" && cfg.AdminPassword == "" {
		return nil
	}
	created, err := a.Auth.EnsureAdmin(ctx, cfg.AdminEmail, cfg.AdminPassword, a.RBAC.GrantSuperAdmin(ctx))
	if err != nil {
		return fmt.Errorf("create the admin user from CHANNELD_ADMIN_EMAIL: %w", err)
	}
	if created {
		a.Log.Info("created admin user", "email", cfg.AdminEmail)
	}
	return nil
}

func (a *App) health(w http.ResponseWriter, r *http.Request) error {
	if a.draining.Load() {
		httpapi.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "draining"})
		return nil
	}
	if err := a.DB.Ping(r.Context()); err != nil {
		a.Log.ErrorContext(r.Context(), "health check", "error", err.Error())
		httpapi.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return nil
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// RunWorkers starts the background workers (the outbox relay and the webhook dispatcher)
// and returns the function that stops them and waits until they have.
func (a *App) RunWorkers() (stop func()) {
	ctx, cancel := context.WithCancel(context.Background())
	var wg sync.WaitGroup
	wg.Go(func() { a.Relay.Run(ctx) })
	wg.Go(func() { a.Dispatcher.Run(ctx) })
	// Key changes on other instances clear this one's key caches at once (PostgreSQL).
	wg.Go(func() { a.DB.Listen(ctx, apikey.KeysChanged, a.APIKeys.Forget) })
	return func() { cancel(); wg.Wait() }
}

// Close releases the NATS connection and the database.
func (a *App) Close() error {
	if a.nats != nil {
		a.nats.Close()
	}
	return a.DB.Close()
}
