// Package app is channeld's composition root: it reads the configuration, opens the
// database, migrates it, builds every module's service and handler, wires them into one
// router and runs the background workers. Tests build the same App.
package app

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"

	"github.com/prometheus/client_golang/prometheus"
	"github.com/prometheus/client_golang/prometheus/collectors"
	"github.com/prometheus/client_golang/prometheus/promhttp"

	"channeld/internal/auth"
	"channeld/internal/outbox"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/id"
	"channeld/internal/saleschannel"
	"channeld/internal/shop"
)

// App is a built channeld: its database, services and HTTP handler.
type App struct {
	Log      *slog.Logger
	DB       *db.DB
	Handler  http.Handler
	Relay    *outbox.Relay
	Auth     *auth.Service
	Channels *saleschannel.Service
	Shop     *shop.Service
	Router   *httpapi.Router
	// ChannelsHTTP serves /admin/sales-channels; other modules add relations to it.
	ChannelsHTTP *saleschannel.Handler
	moduleState
}

// Options adjust a build for tests.
type Options struct {
	HashParams auth.HashParams
	Publisher  outbox.Publisher
}

// Build opens and migrates the database, creates the store on first start and wires the
// modules. The caller closes the App.
func Build(ctx context.Context, cfg Config, log *slog.Logger, opts Options) (*App, error) {
	d, err := db.Open(ctx, cfg.DatabaseURL)
	if err != nil {
		return nil, fmt.Errorf("open database: %w", err)
	}
	a := &App{Log: log, DB: d}
	if err := a.wire(ctx, cfg, opts); err != nil {
		d.Close()
		return nil, err
	}
	return a, nil
}

func (a *App) wire(ctx context.Context, cfg Config, opts Options) error {
	if err := a.DB.Migrate(ctx); err != nil {
		return fmt.Errorf("migrate: %w", err)
	}
	now, newID := clock.Clock(clock.System), id.Source(id.New)

	a.Channels = saleschannel.NewService(a.DB, now, newID)
	a.Shop = shop.NewService(a.DB, now, newID, a.Channels)
	if err := a.Shop.EnsureDefaults(ctx); err != nil {
		return fmt.Errorf("create the store: %w", err)
	}
	var err error
	a.Auth, err = auth.NewService(ctx, a.DB, now, newID, auth.Options{JWTSecret: cfg.JWTSecret, HashParams: opts.HashParams})
	if err != nil {
		return err
	}
	if cfg.AdminEmail != "" || cfg.AdminPassword != "" {
		created, err := a.Auth.EnsureAdmin(ctx, cfg.AdminEmail, cfg.AdminPassword)
		if err != nil {
			return fmt.Errorf("create the admin user from CHANNELD_ADMIN_EMAIL: %w", err)
		}
		if created {
			a.Log.Info("created admin user", "email", cfg.AdminEmail)
		}
	}

	pub := opts.Publisher
	if pub == nil {
		pub = outbox.LogPublisher{Log: a.Log}
	}
	a.Relay = &outbox.Relay{DB: a.DB, Publisher: pub, Log: a.Log, Interval: cfg.RelayInterval, BatchSize: 100, Now: now}

	reg := prometheus.NewRegistry()
	reg.MustRegister(collectors.NewGoCollector(), collectors.NewProcessCollector(collectors.ProcessCollectorOpts{}))
	for name, pool := range a.DB.Pools() {
		reg.MustRegister(collectors.NewDBStatsCollector(pool, "channeld_"+name))
	}
	metrics := httpapi.NewMetrics(reg)

	rt := httpapi.NewRouter(a.Log)
	public := rt.Group(httpapi.Public)
	admin := rt.Group(httpapi.Admin, a.Auth.RequireAdmin)

	authHandler := auth.NewHandler(a.Auth)
	public.Handle(authHandler.PublicRoutes()...)
	admin.Handle(authHandler.AdminRoutes()...)
	a.ChannelsHTTP = saleschannel.NewHandler(a.Channels)
	admin.Handle(a.ChannelsHTTP.Routes()...)
	admin.Handle(shop.NewHandler(a.Shop).Routes()...)

	// Modules added after the foundation wire themselves here, each in its own function
	// (see modules.go).
	a.wireModules(rt, public, admin, now, newID)
	a.Channels.SetLinks(saleschannel.Links{Keys: a.keyLink, Locations: a.locationLink, All: a.linkTables})

	public.Handle(httpapi.Route{Method: "GET", Path: "/health", Summary: "Report whether the database answers", Handler: a.health})
	rt.HandleRaw("GET /metrics", promhttp.HandlerFor(reg, promhttp.HandlerOpts{}))
	public.Handle(httpapi.Route{Method: "GET", Path: "/openapi.json", Summary: "This document", Handler: func(w http.ResponseWriter, r *http.Request) error {
		httpapi.WriteRaw(w, http.StatusOK, httpapi.OpenAPI(rt.Routes(), "channeld", "1.0.0"))
		return nil
	}})
	a.Router = rt
	a.Handler = httpapi.Instrument(httpapi.WithCORS(rt, cfg.CORS), a.Log, metrics)
	return nil
}

func (a *App) health(w http.ResponseWriter, r *http.Request) error {
	if err := a.DB.Ping(r.Context()); err != nil {
		a.Log.ErrorContext(r.Context(), "health check", "error", err.Error())
		httpapi.WriteJSON(w, http.StatusServiceUnavailable, map[string]string{"status": "unavailable"})
		return nil
	}
	httpapi.WriteJSON(w, http.StatusOK, map[string]string{"status": "ok"})
	return nil
}

// Close releases the database.
func (a *App) Close() error { return a.DB.Close() }
