package fulfillment

import (
	"context"
	"encoding/json"
	"fmt"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

const setColumns = `fs.id, fs.stock_location_id, fs.name, fs.type, fs.metadata, fs.created_at, fs.updated_at, fs.deleted_at`

var scanSet = sqlq.Into(func(s *Set) []any {
	return append([]any{&s.ID, &s.StockLocationID, &s.Name, &s.Type, db.JSONDest(&s.Metadata)},
		db.SoftStamps(&s.CreatedAt, &s.UpdatedAt, &s.DeletedAt)...)
})

func setNotFound(id string) error {
	return apperr.NotFoundf("FulfillmentSet with id: %s was not found", id)
}

// getSet returns a live set the caller may read, else setNotFound.
func getSet(ctx context.Context, q db.DBTX, setID string) (*Set, error) {
	w := sqlq.NewWhere("")
	w.Eq("fs.id", setID)
	w.Add("fs.deleted_at IS NULL")
	restrictByLocation(ctx, w, "fulfillment_set", "fs.stock_location_id")
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+setColumns+` FROM fulfillment_set fs`+w.SQL(), w.Args()...),
		scanSet, setNotFound(setID), "get fulfillment set "+setID)
}

// Set returns a live fulfillment set with its zones and their geo zones.
func (s *Service) Set(ctx context.Context, setID string) (*Set, error) {
	fs, err := getSet(ctx, s.db.Read(), setID)
	if err != nil {
		return nil, err
	}
	return fs, s.loadZonesOf(ctx, s.db.Read(), []*Set{fs}, true)
}

// CreateSet makes a fulfillment set at a stock location: a write to the location, as Medusa
// declares the route (stock_location:update).
func (s *Service) CreateSet(ctx context.Context, locationID, name, typ string) error {
	now := s.now()
	fs := &Set{ID: s.newID(prefixSet), StockLocationID: locationID, Name: name, Type: typ, CreatedAt: now, UpdatedAt: now}
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := s.locations.CheckLocation(ctx, tx, locationID, "update"); err != nil {
			return err
		}
		if err := sqlq.ExecUnique(ctx, tx, apperr.Invalidf("Fulfillment set with name: %s, already exists.", name), "insert fulfillment set",
			`INSERT INTO fulfillment_set (id, stock_location_id, name, type, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			fs.ID, locationID, name, typ, db.FormatTime(now), db.FormatTime(now)); err != nil {
			return err
		}
		return s.record(ctx, tx, "fulfillment-set", "created", fs.ID, audit.Fields{"stock_location_id": locationID, "name": name, "type": typ})
	})
}

// DeleteSet soft-deletes a set with its zones and their options. An unknown set, or one the
// caller may not read, is deleted as Medusa deletes one: nothing happens.
func (s *Service) DeleteSet(ctx context.Context, setID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		fs, err := getSet(ctx, tx, setID)
		if apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if err := checkWriteAt(ctx, tx, fs.StockLocationID, "fulfillment_set", "delete"); err != nil {
			return err
		}
		zones, err := sqlq.Collect(ctx, tx, sqlq.String, `SELECT id FROM service_zone WHERE fulfillment_set_id = $1 AND deleted_at IS NULL ORDER BY id`, setID)
		if err != nil {
			return fmt.Errorf("read zones of fulfillment set %s: %w", setID, err)
		}
		for _, z := range zones {
			if err := s.deleteZone(ctx, tx, z); err != nil {
				return err
			}
		}
		if _, err := sqlq.SoftDelete(ctx, tx, "fulfillment_set", setID, s.now()); err != nil {
			return fmt.Errorf("delete fulfillment set %s: %w", setID, err)
		}
		return s.record(ctx, tx, "fulfillment-set", "deleted", setID, nil)
	})
}

// SetsOfLocations returns, per location id, its live fulfillment sets the caller may read,
// with their zones when withZones (and geo zones, options as loadZonesOf loads them).
func (s *Service) SetsOfLocations(ctx context.Context, locationIDs []string, withZones bool) (map[string][]*Set, error) {
	out := map[string][]*Set{}
	if len(locationIDs) == 0 {
		return out, nil
	}
	q := s.db.Read()
	w := sqlq.NewWhere("")
	w.In("fs.stock_location_id", locationIDs)
	w.Add("fs.deleted_at IS NULL")
	restrictByLocation(ctx, w, "fulfillment_set", "fs.stock_location_id")
	sets, err := sqlq.Collect(ctx, q, scanSet, `SELECT `+setColumns+` FROM fulfillment_set fs`+w.SQL()+` ORDER BY fs.stock_location_id, fs.id`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load fulfillment sets of locations: %w", err)
	}
	if withZones {
		if err := s.loadZonesOf(ctx, q, sets, true); err != nil {
			return nil, err
		}
	}
	for _, fs := range sets {
		out[fs.StockLocationID] = append(out[fs.StockLocationID], fs)
	}
	return out, nil
}

const zoneColumns = `sz.id, sz.fulfillment_set_id, sz.name, sz.metadata, sz.created_at, sz.updated_at, sz.deleted_at`

var scanZone = sqlq.Into(func(z *Zone) []any {
	return append([]any{&z.ID, &z.FulfillmentSetID, &z.Name, db.JSONDest(&z.Metadata)},
		db.SoftStamps(&z.CreatedAt, &z.UpdatedAt, &z.DeletedAt)...)
})

// loadZonesOf sets the live zones of sets, and their geo zones when withGeo, in one
// statement each.
func (s *Service) loadZonesOf(ctx context.Context, q db.DBTX, sets []*Set, withGeo bool) error {
	if len(sets) == 0 {
		return nil
	}
	bySet, ids := sqlq.Index(sets, func(fs *Set) string { return fs.ID })
	w := sqlq.NewWhere("")
	w.In("sz.fulfillment_set_id", ids)
	zones, err := sqlq.Collect(ctx, q, scanZone, `SELECT `+zoneColumns+` FROM service_zone sz`+w.SQL()+
		` AND sz.deleted_at IS NULL ORDER BY sz.fulfillment_set_id, sz.id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load service zones: %w", err)
	}
	for _, fs := range sets {
		fs.ServiceZones = []*Zone{}
	}
	for _, z := range zones {
		fs := bySet[z.FulfillmentSetID]
		fs.ServiceZones = append(fs.ServiceZones, z)
		z.FulfillmentSet = fs
	}
	if withGeo {
		return loadGeoZones(ctx, q, zones)
	}
	return nil
}

const geoColumns = `id, service_zone_id, type, country_code, province_code, city, postal_expression, metadata,
	created_at, updated_at, deleted_at`

var scanGeo = sqlq.Into(func(g *GeoZone) []any {
	return append([]any{&g.ID, &g.ServiceZoneID, &g.Type, &g.CountryCode, &g.ProvinceCode, &g.City,
		db.JSONDest(&g.PostalExpression), db.JSONDest(&g.Metadata)}, db.SoftStamps(&g.CreatedAt, &g.UpdatedAt, &g.DeletedAt)...)
})

// loadGeoZones sets the geo zones of zones in one statement.
func loadGeoZones(ctx context.Context, q db.DBTX, zones []*Zone) error {
	if len(zones) == 0 {
		return nil
	}
	byZone, ids := sqlq.Index(zones, func(z *Zone) string { return z.ID })
	w := sqlq.NewWhere("")
	w.In("service_zone_id", ids)
	geos, err := sqlq.Collect(ctx, q, scanGeo, `SELECT `+geoColumns+` FROM geo_zone`+w.SQL()+` ORDER BY service_zone_id, id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load geo zones: %w", err)
	}
	for _, z := range zones {
		z.GeoZones = []*GeoZone{}
	}
	for _, g := range geos {
		byZone[g.ServiceZoneID].GeoZones = append(byZone[g.ServiceZoneID].GeoZones, g)
	}
	return nil
}

// GeoInput is a geo zone as a request gives it; ID names an existing one on update.
type GeoInput struct {
	ID               *string         `json:"id"`
	Type             string          `json:"type"`
	CountryCode      string          `json:"country_code"`
	ProvinceCode     *string         `json:"province_code"`
	City             *string         `json:"city"`
	PostalExpression json.RawMessage `json:"postal_expression"`
	Metadata         json.RawMessage `json:"metadata"`
}

// requiredGeo lists what each geo zone type needs, as Medusa's validateGeoZones does.
var requiredGeo = map[string][]string{
	GeoCountry:  {"country_code"},
	GeoProvince: {"country_code", "province_code"},
	GeoCity:     {"country_code", "province_code", "city"},
	GeoZip:      {"country_code", "province_code", "city", "postal_expression"},
}

// check refuses a geo zone without the fields its type needs, in Medusa's words.
func (g *GeoInput) check() error {
	need, ok := requiredGeo[g.Type]
	if !ok {
		return apperr.Invalidf("Invalid geo zone type: %s", g.Type)
	}
	for _, prop := range need {
		var missing bool
		switch prop {
		case "country_code":
			missing = g.CountryCode == ""
		case "province_code":
			missing = g.ProvinceCode == nil || *g.ProvinceCode == ""
		case "city":
			missing = g.City == nil || *g.City == ""
		case "postal_expression":
			missing = len(g.PostalExpression) == 0 || string(g.PostalExpression) == "null"
		}
		if missing {
			return apperr.Invalidf("Missing required property %s for geo zone type %s", prop, g.Type)
		}
	}
	return nil
}
