package fulfillment

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	v "channeld/internal/platform/validate"
)

func zoneNotInSet(zoneID string) error {
	return apperr.NotFoundf("Service zone with id: %s not found on fulfillment set", zoneID)
}

func zoneDuplicate(name string) error {
	return apperr.Invalidf("Service zone with name: %s, already exists.", name)
}

// zoneOfSet returns a live zone of a set the caller may read: the set's 404 first, then the
// zone's.
func zoneOfSet(ctx context.Context, q db.DBTX, setID, zoneID string) (*Set, *Zone, error) {
	fs, err := getSet(ctx, q, setID)
	if err != nil {
		return nil, nil, err
	}
	z, err := sqlq.One(q.QueryRowContext(ctx, `SELECT `+zoneColumns+` FROM service_zone sz
		WHERE sz.id = $1 AND sz.fulfillment_set_id = $2 AND sz.deleted_at IS NULL`, zoneID, setID),
		scanZone, zoneNotInSet(zoneID), "get service zone "+zoneID)
	if err != nil {
		return nil, nil, err
	}
	z.FulfillmentSet = fs
	return fs, z, nil
}

// Zone returns a live zone of a set with its geo zones; Medusa's message for a zone that is
// not there.
func (s *Service) Zone(ctx context.Context, setID, zoneID string) (*Zone, error) {
	q := s.db.Read()
	_, z, err := zoneOfSet(ctx, q, setID, zoneID)
	if apperr.Is(err, apperr.NotFound) {
		return nil, apperr.NotFoundf("Service zone with id: %s not found", zoneID)
	} else if err != nil {
		return nil, err
	}
	return z, loadGeoZones(ctx, q, []*Zone{z})
}

// ZoneInput is a new service zone, or a change to one: Geo replaces the zone's geo zones
// when set (entries with an id keep that geo zone, with its fields changed).
type ZoneInput struct {
	Name   *string
	SetGeo bool
	Geo    []*GeoInput
}

// CreateZone makes a service zone with its geo zones in a set.
func (s *Service) CreateZone(ctx context.Context, setID string, in ZoneInput) error {
	for _, g := range in.Geo {
		if err := g.check(); err != nil {
			return err
		}
	}
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		fs, err := getSet(ctx, tx, setID)
		if err != nil {
			return err
		}
		if err := checkWriteAt(ctx, tx, fs.StockLocationID, "service_zone", "create"); err != nil {
			return err
		}
		now := s.now()
		z := &Zone{ID: s.newID(prefixZone), FulfillmentSetID: setID, Name: *in.Name}
		if err := sqlq.ExecUnique(ctx, tx, zoneDuplicate(z.Name), "insert service zone",
			`INSERT INTO service_zone (id, fulfillment_set_id, name, created_at, updated_at) VALUES ($1, $2, $3, $4, $5)`,
			z.ID, setID, z.Name, db.FormatTime(now), db.FormatTime(now)); err != nil {
			return err
		}
		for _, g := range in.Geo {
			if err := s.insertGeo(ctx, tx, z.ID, g, now); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, "service-zone", "created", z.ID, audit.Fields{"fulfillment_set_id": setID, "name": z.Name})
	})
}

// UpdateZone renames a zone and replaces its geo zones as in says.
func (s *Service) UpdateZone(ctx context.Context, setID, zoneID string, in ZoneInput) error {
	for _, g := range in.Geo {
		if err := g.check(); err != nil {
			return err
		}
	}
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		fs, z, err := zoneOfSet(ctx, tx, setID, zoneID)
		if err != nil {
			return err
		}
		if err := checkWriteAt(ctx, tx, fs.StockLocationID, "service_zone", "update"); err != nil {
			return err
		}
		now := s.now()
		set(&z.Name, in.Name)
		if err := sqlq.ExecUnique(ctx, tx, zoneDuplicate(z.Name), "update service zone "+zoneID,
			`UPDATE service_zone SET name = $2, updated_at = $3 WHERE id = $1`, zoneID, z.Name, db.FormatTime(now)); err != nil {
			return err
		}
		if in.SetGeo {
			if err := s.replaceGeo(ctx, tx, zoneID, in.Geo, now); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, "service-zone", "updated", zoneID, audit.Fields{"name": z.Name})
	})
}

// replaceGeo makes geo the zone's geo zones: entries with an id update that geo zone (an id
// that is not the zone's is a 404), the others are new, and the zone's other geo zones go.
func (s *Service) replaceGeo(ctx context.Context, tx db.DBTX, zoneID string, geo []*GeoInput, now time.Time) error {
	existing, err := sqlq.Collect(ctx, tx, sqlq.String, `SELECT id FROM geo_zone WHERE service_zone_id = $1`, zoneID)
	if err != nil {
		return fmt.Errorf("read geo zones of %s: %w", zoneID, err)
	}
	have := map[string]bool{}
	for _, id := range existing {
		have[id] = true
	}
	keep := map[string]bool{}
	var unknown []string
	for _, g := range geo {
		if g.ID == nil {
			continue
		}
		if !have[*g.ID] {
			unknown = append(unknown, *g.ID)
		}
		keep[*g.ID] = true
	}
	if len(unknown) > 0 {
		return apperr.NotFoundf("The following geo zones does not exists: %s", strings.Join(unknown, ", "))
	}
	for _, id := range existing {
		if !keep[id] {
			if err := sqlq.Exec(ctx, tx, "delete geo zone "+id, `DELETE FROM geo_zone WHERE id = $1`, id); err != nil {
				return err
			}
		}
	}
	for _, g := range geo {
		if g.ID == nil {
			if err := s.insertGeo(ctx, tx, zoneID, g, now); err != nil {
				return err
			}
			continue
		}
		if err := sqlq.Exec(ctx, tx, "update geo zone "+*g.ID, `UPDATE geo_zone SET type = $2, country_code = $3,
			province_code = $4, city = $5, postal_expression = $6, metadata = $7, updated_at = $8 WHERE id = $1`,
			*g.ID, g.Type, strings.ToLower(g.CountryCode), g.ProvinceCode, g.City,
			db.JSON(nullJSON(g.PostalExpression)), db.JSON(nullJSON(g.Metadata)), db.FormatTime(now)); err != nil {
			return err
		}
		if err := writePostalCodes(ctx, tx, *g.ID, g); err != nil {
			return err
		}
	}
	return nil
}

// insertGeo writes a new geo zone of a zone, its country code lower case as channeld keeps
// country codes; province codes and cities are kept as given and compared without case.
func (s *Service) insertGeo(ctx context.Context, tx db.DBTX, zoneID string, g *GeoInput, now time.Time) error {
	id := s.newID(prefixGeo)
	if err := sqlq.Exec(ctx, tx, "insert geo zone", `INSERT INTO geo_zone (id, service_zone_id, type, country_code,
		province_code, city, postal_expression, metadata, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)`,
		id, zoneID, g.Type, strings.ToLower(g.CountryCode), g.ProvinceCode, g.City,
		db.JSON(nullJSON(g.PostalExpression)), db.JSON(nullJSON(g.Metadata)), db.FormatTime(now), db.FormatTime(now)); err != nil {
		return err
	}
	return writePostalCodes(ctx, tx, id, g)
}

// writePostalCodes records the postal codes a zip geo zone covers: every string value of
// its postal_expression, and every string in an array value ({"codes": ["10115", "10117"]}).
func writePostalCodes(ctx context.Context, tx db.DBTX, geoID string, g *GeoInput) error {
	if err := sqlq.Exec(ctx, tx, "clear postal codes of "+geoID, `DELETE FROM geo_zone_postal_code WHERE geo_zone_id = $1`, geoID); err != nil {
		return err
	}
	if g.Type != GeoZip {
		return nil
	}
	var expr map[string]any
	if err := json.Unmarshal(g.PostalExpression, &expr); err != nil {
		return apperr.Invalidf("postal_expression must be an object")
	}
	seen := map[string]bool{}
	var codes []string
	var tooLong string
	add := func(x any) {
		code, ok := x.(string)
		switch {
		case !ok || code == "":
		case len(code) > v.MaxIndexed:
			tooLong = code
		case !seen[normalPostal(code)]:
			seen[normalPostal(code)] = true
			codes = append(codes, normalPostal(code))
		}
	}
	for _, x := range expr {
		if list, ok := x.([]any); ok {
			for _, e := range list {
				add(e)
			}
			continue
		}
		add(x)
	}
	if tooLong != "" {
		return apperr.Invalidf("A postal code of postal_expression is longer than %d characters", v.MaxIndexed)
	}
	for _, c := range codes {
		if err := sqlq.Exec(ctx, tx, "insert postal code of "+geoID, `INSERT INTO geo_zone_postal_code (geo_zone_id, postal_code)
			VALUES ($1, $2)`, geoID, c); err != nil {
			return err
		}
	}
	return nil
}

// normalPostal is a postal code as compared: upper case, without spaces ("sw1a 1aa" is
// "SW1A1AA").
func normalPostal(s string) string { return strings.ToUpper(strings.ReplaceAll(s, " ", "")) }

// DeleteZone soft-deletes a zone of a set with its options; the zone must be the set's.
// It returns the set as it is afterwards, which Medusa answers as the deletion's parent.
func (s *Service) DeleteZone(ctx context.Context, setID, zoneID string) (*Set, error) {
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		fs, _, err := zoneOfSet(ctx, tx, setID, zoneID)
		if err != nil {
			return err
		}
		if err := checkWriteAt(ctx, tx, fs.StockLocationID, "service_zone", "delete"); err != nil {
			return err
		}
		return s.deleteZone(ctx, tx, zoneID)
	})
	if err != nil {
		return nil, err
	}
	return s.Set(ctx, setID)
}

// deleteZone soft-deletes a zone and its options and drops its geo zones.
func (s *Service) deleteZone(ctx context.Context, tx db.DBTX, zoneID string) error {
	options, err := sqlq.Collect(ctx, tx, sqlq.String, `SELECT id FROM shipping_option WHERE service_zone_id = $1 AND deleted_at IS NULL ORDER BY id`, zoneID)
	if err != nil {
		return fmt.Errorf("read options of zone %s: %w", zoneID, err)
	}
	for _, o := range options {
		if err := s.deleteOption(ctx, tx, o); err != nil {
			return err
		}
	}
	if err := sqlq.Exec(ctx, tx, "delete geo zones of "+zoneID, `DELETE FROM geo_zone WHERE service_zone_id = $1`, zoneID); err != nil {
		return err
	}
	if _, err := sqlq.SoftDelete(ctx, tx, "service_zone", zoneID, s.now()); err != nil {
		return fmt.Errorf("delete service zone %s: %w", zoneID, err)
	}
	return s.record(ctx, tx, "service-zone", "deleted", zoneID, nil)
}

// nullJSON is nil for an absent or null document.
func nullJSON(raw json.RawMessage) json.RawMessage {
	if len(raw) == 0 || string(raw) == "null" {
		return nil
	}
	return raw
}
