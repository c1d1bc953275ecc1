package fulfillment

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/link"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
	"channeld/internal/stock"
)

// Provider is a fulfillment provider as Medusa's AbstractFulfillmentProviderService sees
// one: the options it fulfils and, for calculated shipping options, their price.
type Provider interface {
	// Options are the fulfillment options an admin picks a shipping option's data from.
	Options() []map[string]any
	// CanCalculate reports whether the provider prices an option with these data itself;
	// a calculated shipping option needs a provider that can.
	CanCalculate(optionData json.RawMessage) bool
	// Calculate prices an option for a destination, in minor units of its currency.
	Calculate(ctx context.Context, optionData json.RawMessage, d Destination) (int64, error)
}

// Manual is the built-in provider: the merchant ships by hand. It fulfils a shipping and a
// return option and prices nothing itself, so its options are flat-rate.
type Manual struct{}

// Options are Medusa's manual fulfillment options.
func (Manual) Options() []map[string]any {
	return []map[string]any{{"id": "manual-fulfillment"}, {"id": "manual-fulfillment-return", "is_return": true}}
}

// CanCalculate is false: manual options have flat prices.
func (Manual) CanCalculate(json.RawMessage) bool { return false }

// Calculate refuses, in Medusa's words.
func (Manual) Calculate(context.Context, json.RawMessage, Destination) (int64, error) {
	return 0, apperr.Invalidf("Manual fulfillment does not support price calculation")
}

// LocationProviders links stock locations to the providers they may ship with.
var LocationProviders = link.Table{Name: "location_fulfillment_provider", Left: "stock_location_id", Right: "fulfillment_provider_id"}

func providerNotFound(id string) error {
	return apperr.NotFoundf("FulfillmentProvider with id: %s was not found", id)
}

// ProviderFilter selects providers for a list.
type ProviderFilter struct {
	Q           string
	IDs         []string
	IsEnabled   *bool
	LocationIDs []string // enabled at one of these locations
}

var scanProvider = sqlq.Into(func(p *ProviderRow) []any { return []any{&p.ID, &p.IsEnabled} })

// Providers returns a page of providers matching f and their count.
func (s *Service) Providers(ctx context.Context, f ProviderFilter, p Page) ([]*ProviderRow, int, error) {
	w := sqlq.NewWhere(s.db.ILike())
	w.Search(f.Q, "id")
	w.InFilter("id", f.IDs)
	if f.IsEnabled != nil {
		w.Eq("is_enabled", *f.IsEnabled)
	}
	if f.LocationIDs != nil {
		// Only locations the caller may read say which providers they use.
		sub := w.Sub()
		sub.In("lfp.stock_location_id", f.LocationIDs)
		visible.RestrictLinked(ctx, sub, "stock_location", "lfp.stock_location_id", stock.ChannelLink.Name, stock.ChannelLink.Right)
		w.Add(`id IN (SELECT lfp.fulfillment_provider_id FROM location_fulfillment_provider lfp` + sub.SQL() + `)`)
	}
	order, err := sqlq.OrderBy(p.Order, map[string]string{"id": "id", "is_enabled": "is_enabled"}, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*ProviderRow]{From: "fulfillment_provider", Columns: "id, is_enabled", Scan: scanProvider}.
		Run(ctx, s.db.Read(), "fulfillment providers", w, order, p.Limit, p.Offset)
}

// ProviderOptions returns the fulfillment options of a provider.
func (s *Service) ProviderOptions(_ context.Context, providerID string) ([]map[string]any, error) {
	p, ok := s.providers[providerID]
	if !ok {
		return nil, providerNotFound(providerID)
	}
	return p.Options(), nil
}

// LinkProviders enables the providers of add at a location and disables those of remove, in
// one transaction; an unknown provider in add is a 404 and nothing changes.
func (s *Service) LinkProviders(ctx context.Context, locationID string, add, remove []string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := s.locations.CheckLocation(ctx, tx, locationID, "update"); err != nil {
			return err
		}
		if err := checkProviders(ctx, tx, add); err != nil {
			return err
		}
		if err := LocationProviders.Add(ctx, tx, locationID, add, s.now()); err != nil {
			return err
		}
		return LocationProviders.Remove(ctx, tx, locationID, remove)
	})
}

// ProvidersOfLocations returns, per location id, the providers enabled there, by id.
func (s *Service) ProvidersOfLocations(ctx context.Context, locationIDs []string) (map[string][]*ProviderRow, error) {
	out := map[string][]*ProviderRow{}
	if len(locationIDs) == 0 {
		return out, nil
	}
	w := sqlq.NewWhere("")
	w.In("lfp.stock_location_id", locationIDs)
	type held struct {
		location string
		p        *ProviderRow
	}
	rows, err := sqlq.Collect(ctx, s.db.Read(), func(r sqlq.Scanner) (held, error) {
		h := held{p: &ProviderRow{}}
		return h, r.Scan(&h.location, &h.p.ID, &h.p.IsEnabled)
	}, `SELECT lfp.stock_location_id, p.id, p.is_enabled FROM location_fulfillment_provider lfp
		JOIN fulfillment_provider p ON p.id = lfp.fulfillment_provider_id`+w.SQL()+` ORDER BY lfp.stock_location_id, p.id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load providers of locations: %w", err)
	}
	for _, h := range rows {
		out[h.location] = append(out[h.location], h.p)
	}
	return out, nil
}

// providerAtZone reports whether the provider is enabled at the stock location of a zone.
func providerAtZone(ctx context.Context, tx db.DBTX, zoneID, providerID string) (bool, error) {
	n, err := sqlq.KeptCount(ctx, tx, `SELECT COUNT(*) FROM service_zone sz
		JOIN fulfillment_set fs ON fs.id = sz.fulfillment_set_id
		JOIN location_fulfillment_provider lfp ON lfp.stock_location_id = fs.stock_location_id
		JOIN fulfillment_provider p ON p.id = lfp.fulfillment_provider_id AND p.is_enabled = $3
		WHERE sz.id = $1 AND lfp.fulfillment_provider_id = $2`, zoneID, providerID, true)
	if err != nil {
		return false, fmt.Errorf("check provider %s at zone %s: %w", providerID, zoneID, err)
	}
	return n > 0, nil
}

// knownProvider returns the provider implementation of an id.
func (s *Service) knownProvider(id string) (Provider, bool) {
	p, ok := s.providers[id]
	return p, ok
}

// checkProviders refuses the first of ids that names no provider.
func checkProviders(ctx context.Context, tx db.DBTX, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	w := sqlq.NewWhere("")
	w.In("id", ids)
	found, err := sqlq.Collect(ctx, tx, sqlq.String, `SELECT id FROM fulfillment_provider`+w.SQL(), w.Args()...)
	if err != nil {
		return fmt.Errorf("check fulfillment providers: %w", err)
	}
	for _, id := range ids {
		if !slices.Contains(found, id) {
			return providerNotFound(id)
		}
	}
	return nil
}
