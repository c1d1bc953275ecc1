package fulfillment

import (
	"context"
	"fmt"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

const optionColumns = `so.id, so.name, so.price_type, so.service_zone_id, so.shipping_profile_id, so.provider_id,
	so.shipping_option_type_id, so.data, so.metadata, COALESCE(so.store_block, ''), so.created_at, so.updated_at, so.deleted_at`

// optionFrom joins an option to the location of its zone's set, which scopes it.
const optionFrom = `shipping_option so JOIN service_zone sz ON sz.id = so.service_zone_id
	JOIN fulfillment_set fs ON fs.id = sz.fulfillment_set_id`

var scanOption = sqlq.Into(func(o *Option) []any {
	return append([]any{&o.ID, &o.Name, &o.PriceType, &o.ServiceZoneID, &o.ShippingProfileID, &o.ProviderID,
		&o.ShippingOptionTypeID, db.JSONDest(&o.Data), db.JSONDest(&o.Metadata), &o.StoreBlock},
		db.SoftStamps(&o.CreatedAt, &o.UpdatedAt, &o.DeletedAt)...)
})

// getOption returns a live option the caller may read and the stock location it ships from.
func getOption(ctx context.Context, q db.DBTX, optionID string) (*Option, string, error) {
	w := sqlq.NewWhere("")
	w.Eq("so.id", optionID)
	w.Add("so.deleted_at IS NULL")
	restrictByLocation(ctx, w, "shipping_option", "fs.stock_location_id")
	type row struct {
		o        *Option
		location string
	}
	r, err := sqlq.One(q.QueryRowContext(ctx, `SELECT `+optionColumns+`, fs.stock_location_id FROM `+optionFrom+w.SQL(), w.Args()...),
		func(sc sqlq.Scanner) (row, error) {
			o := &Option{}
			var loc string
			dest := append([]any{&o.ID, &o.Name, &o.PriceType, &o.ServiceZoneID, &o.ShippingProfileID, &o.ProviderID,
				&o.ShippingOptionTypeID, db.JSONDest(&o.Data), db.JSONDest(&o.Metadata), &o.StoreBlock},
				db.SoftStamps(&o.CreatedAt, &o.UpdatedAt, &o.DeletedAt)...)
			err := sc.Scan(append(dest, &loc)...)
			return row{o, loc}, err
		}, optionNotFound(optionID), "get shipping option "+optionID)
	return r.o, r.location, err
}

// Option returns a live option with all its relations.
func (s *Service) Option(ctx context.Context, optionID string) (*Option, error) {
	q := s.db.Read()
	o, _, err := getOption(ctx, q, optionID)
	if err != nil {
		return nil, err
	}
	return o, s.loadOptionRelations(ctx, q, []*Option{o})
}

// OptionFilter selects options for a list.
type OptionFilter struct {
	Q                  string
	IDs                []string
	ServiceZoneIDs     []string
	ShippingProfileIDs []string
	ProviderIDs        []string
	LocationIDs        []string
	TypeIDs            []string
	IsReturn           *bool
	AdminOnly          *bool
	CreatedAt          map[string]any
	UpdatedAt          map[string]any
}

var optionOrder = map[string]string{"id": "so.id", "name": "so.name", "price_type": "so.price_type",
	"created_at": "so.created_at", "updated_at": "so.updated_at"}

// Options returns a page of live options the caller may read matching f, with their
// relations, and their count.
func (s *Service) Options(ctx context.Context, f OptionFilter, p Page) ([]*Option, int, error) {
	q := s.db.Read()
	w := sqlq.NewWhere(s.db.ILike())
	w.Search(f.Q, "so.name")
	w.InFilter("so.id", f.IDs)
	w.InFilter("so.service_zone_id", f.ServiceZoneIDs)
	w.InFilter("so.shipping_profile_id", f.ShippingProfileIDs)
	w.InFilter("so.provider_id", f.ProviderIDs)
	w.InFilter("fs.stock_location_id", f.LocationIDs)
	w.InFilter("so.shipping_option_type_id", f.TypeIDs)
	// is_return and admin_only are rules (is_return "true", enabled_in_store "false").
	if f.IsReturn != nil {
		w.Add(boolRule("is_return", *f.IsReturn))
	}
	if f.AdminOnly != nil {
		w.Add(boolRule("enabled_in_store", !*f.AdminOnly))
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Column: "so.created_at", Ops: f.CreatedAt},
		sqlq.TimeOp{Field: "updated_at", Column: "so.updated_at", Ops: f.UpdatedAt}); err != nil {
		return nil, 0, err
	}
	w.Add("so.deleted_at IS NULL")
	restrictByLocation(ctx, w, "shipping_option", "fs.stock_location_id")
	order, err := sqlq.OrderBy(p.Order, optionOrder, "so.id")
	if err != nil {
		return nil, 0, err
	}
	os, count, err := sqlq.List[*Option]{From: optionFrom, Columns: optionColumns, Scan: scanOption}.
		Run(ctx, q, "shipping options", w, order, p.Limit, p.Offset)
	if err != nil {
		return nil, 0, err
	}
	return os, count, s.loadOptionRelations(ctx, q, os)
}

// boolRule is the condition that an option's rule on attribute says value ("true" or
// "false" with eq); an option without such a rule holds the attribute false, as Medusa's
// dashboard reads it.
func boolRule(attribute string, value bool) string {
	cond := `EXISTS (SELECT 1 FROM shipping_option_rule r WHERE r.shipping_option_id = so.id
		AND r.attribute = '` + attribute + `' AND r.operator = 'eq' AND r.value = '"true"')`
	if value {
		return cond
	}
	return "NOT " + cond
}

// loadOptionRelations loads what an option is written with, one statement per relation
// for all of os: type, prices, rules, zone, profile and provider.
func (s *Service) loadOptionRelations(ctx context.Context, q db.DBTX, os []*Option) error {
	if len(os) == 0 {
		return nil
	}
	_, ids := sqlq.Index(os, func(o *Option) string { return o.ID })
	prices, err := loadPrices(ctx, q, ids)
	if err != nil {
		return err
	}
	rules, err := loadRules(ctx, q, ids)
	if err != nil {
		return err
	}
	var typeIDs, zoneIDs, profileIDs []string
	for _, o := range os {
		o.Prices, o.Rules = nonNil(prices[o.ID]), nonNil(rules[o.ID])
		typeIDs = append(typeIDs, o.ShippingOptionTypeID)
		zoneIDs = append(zoneIDs, o.ServiceZoneID)
		if o.ShippingProfileID != nil {
			profileIDs = append(profileIDs, *o.ShippingProfileID)
		}
	}
	types, err := typesByID(ctx, q, typeIDs)
	if err != nil {
		return err
	}
	zones, err := zonesByID(ctx, q, zoneIDs)
	if err != nil {
		return err
	}
	profiles, err := profilesByID(ctx, q, profileIDs)
	if err != nil {
		return err
	}
	providers, err := providersByID(ctx, q)
	if err != nil {
		return err
	}
	for _, o := range os {
		o.Type, o.ServiceZone = types[o.ShippingOptionTypeID], zones[o.ServiceZoneID]
		if o.ShippingProfileID != nil {
			o.ShippingProfile = profiles[*o.ShippingProfileID]
		}
		if o.ProviderID != nil {
			o.Provider = providers[*o.ProviderID]
		}
	}
	return nil
}

func nonNil[T any](xs []*T) []*T {
	if xs == nil {
		return []*T{}
	}
	return xs
}

const priceColumns = `id, shipping_option_id, currency_code, region_id, amount, rules, created_at, updated_at`

// loadPrices returns the prices of options, by option id, in id order.
func loadPrices(ctx context.Context, q db.DBTX, optionIDs []string) (map[string][]*Price, error) {
	w := sqlq.NewWhere("")
	w.In("shipping_option_id", optionIDs)
	ps, err := sqlq.Collect(ctx, q, sqlq.Into(func(p *Price) []any {
		return append([]any{&p.ID, &p.ShippingOptionID, &p.CurrencyCode, &p.RegionID, &p.Amount, db.JSONDest(&p.Rules)},
			db.Stamps(&p.CreatedAt, &p.UpdatedAt)...)
	}), `SELECT `+priceColumns+` FROM shipping_option_price`+w.SQL()+` ORDER BY shipping_option_id, id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load shipping option prices: %w", err)
	}
	out := map[string][]*Price{}
	for _, p := range ps {
		out[p.ShippingOptionID] = append(out[p.ShippingOptionID], p)
	}
	return out, nil
}

var scanRule = sqlq.Into(func(r *Rule) []any {
	return append([]any{&r.ID, &r.ShippingOptionID, &r.Attribute, &r.Operator, db.JSONDest(&r.Value)},
		db.Stamps(&r.CreatedAt, &r.UpdatedAt)...)
})

const ruleColumns = `id, shipping_option_id, attribute, operator, value, created_at, updated_at`

// loadRules returns the rules of options, by option id, in id order.
func loadRules(ctx context.Context, q db.DBTX, optionIDs []string) (map[string][]*Rule, error) {
	w := sqlq.NewWhere("")
	w.In("shipping_option_id", optionIDs)
	rs, err := sqlq.Collect(ctx, q, scanRule, `SELECT `+ruleColumns+` FROM shipping_option_rule`+w.SQL()+` ORDER BY shipping_option_id, id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load shipping option rules: %w", err)
	}
	out := map[string][]*Rule{}
	for _, r := range rs {
		out[r.ShippingOptionID] = append(out[r.ShippingOptionID], r)
	}
	return out, nil
}

func typesByID(ctx context.Context, q db.DBTX, ids []string) (map[string]*OptionType, error) {
	w := sqlq.NewWhere("")
	w.In("id", ids)
	ts, err := sqlq.Collect(ctx, q, sqlq.Into(func(t *OptionType) []any {
		return append([]any{&t.ID, &t.Label, &t.Description, &t.Code}, db.SoftStamps(&t.CreatedAt, &t.UpdatedAt, &t.DeletedAt)...)
	}), `SELECT id, label, description, code, created_at, updated_at, deleted_at FROM shipping_option_type`+w.SQL(), w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load shipping option types: %w", err)
	}
	byID, _ := sqlq.Index(ts, func(t *OptionType) string { return t.ID })
	return byID, nil
}

// zonesByID returns zones by id, each with its fulfillment set (without zones).
func zonesByID(ctx context.Context, q db.DBTX, ids []string) (map[string]*Zone, error) {
	w := sqlq.NewWhere("")
	w.In("sz.id", ids)
	type pair struct {
		z *Zone
		s *Set
	}
	ps, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (pair, error) {
		z, fs := &Zone{}, &Set{}
		err := r.Scan(append(append([]any{&z.ID, &z.FulfillmentSetID, &z.Name, db.JSONDest(&z.Metadata)},
			db.SoftStamps(&z.CreatedAt, &z.UpdatedAt, &z.DeletedAt)...),
			append([]any{&fs.ID, &fs.StockLocationID, &fs.Name, &fs.Type, db.JSONDest(&fs.Metadata)},
				db.SoftStamps(&fs.CreatedAt, &fs.UpdatedAt, &fs.DeletedAt)...)...)...)
		z.FulfillmentSet = fs
		return pair{z, fs}, err
	}, `SELECT `+zoneColumns+`, `+setColumns+` FROM service_zone sz JOIN fulfillment_set fs ON fs.id = sz.fulfillment_set_id`+w.SQL(), w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load service zones: %w", err)
	}
	out := make(map[string]*Zone, len(ps))
	for _, p := range ps {
		out[p.z.ID] = p.z
	}
	return out, nil
}

// providersByID returns every provider by id: there are a handful.
func providersByID(ctx context.Context, q db.DBTX) (map[string]*ProviderRow, error) {
	ps, err := sqlq.Collect(ctx, q, scanProvider, `SELECT id, is_enabled FROM fulfillment_provider`)
	if err != nil {
		return nil, fmt.Errorf("load fulfillment providers: %w", err)
	}
	byID, _ := sqlq.Index(ps, func(p *ProviderRow) string { return p.ID })
	return byID, nil
}

// OptionsOfZones returns the live options of zones, by zone id, with their relations.
func (s *Service) OptionsOfZones(ctx context.Context, zoneIDs []string) (map[string][]*Option, error) {
	out := map[string][]*Option{}
	if len(zoneIDs) == 0 {
		return out, nil
	}
	q := s.db.Read()
	w := sqlq.NewWhere("")
	w.In("so.service_zone_id", zoneIDs)
	w.Add("so.deleted_at IS NULL")
	os, err := sqlq.Collect(ctx, q, scanOption, `SELECT `+optionColumns+` FROM shipping_option so`+w.SQL()+` ORDER BY so.service_zone_id, so.id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load options of zones: %w", err)
	}
	if err := s.loadOptionRelations(ctx, q, os); err != nil {
		return nil, err
	}
	for _, o := range os {
		out[o.ServiceZoneID] = append(out[o.ServiceZoneID], o)
	}
	return out, nil
}
