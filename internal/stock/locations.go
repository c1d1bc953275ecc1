package stock

import (
	"context"
	"database/sql"
	"fmt"
	"slices"
	"time"

	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/link"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
	"channeld/internal/rbac"
	"channeld/internal/saleschannel"
)

const locationNotFound = "Stock location with id: %s was not found"

// locationColumns reads a location and its address in one row (LEFT JOIN).
const locationColumns = `l.id, l.name, l.address_id, l.metadata, l.created_at, l.updated_at, l.deleted_at,
	a.id, a.address_1, a.address_2, a.company, a.city, a.country_code, a.phone, a.province, a.postal_code,
	a.metadata, a.created_at, a.updated_at, a.deleted_at`

const locationFrom = `stock_location l LEFT JOIN stock_location_address a ON a.id = l.address_id`

func scanLocation(row sqlq.Scanner) (*Location, error) {
	var l Location
	var a Address
	var aID, a1, cc sql.NullString
	var aCreated, aUpdated db.NullTime
	if err := row.Scan(&l.ID, &l.Name, &l.AddressID, db.JSONDest(&l.Metadata),
		db.TimeDest(&l.CreatedAt), db.TimeDest(&l.UpdatedAt), db.NullTimeDest(&l.DeletedAt),
		&aID, &a1, &a.Address2, &a.Company, &a.City, &cc, &a.Phone, &a.Province, &a.PostalCode,
		db.JSONDest(&a.Metadata), &aCreated, &aUpdated, db.NullTimeDest(&a.DeletedAt)); err != nil {
		return nil, err
	}
	if aID.Valid { // the LEFT JOIN found an address
		a.ID, a.Address1, a.CountryCode, a.CreatedAt, a.UpdatedAt = aID.String, a1.String, cc.String, aCreated.Time, aUpdated.Time
		l.Address = &a
	}
	return &l, nil
}

// getLocation returns a live location the caller may read (restrictLocations), else the 404.
func getLocation(ctx context.Context, q db.DBTX, locationID string) (*Location, error) {
	w := sqlq.NewWhere("")
	w.Eq("l.id", locationID)
	w.Add("l.deleted_at IS NULL")
	restrictLocations(ctx, w)
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+locationColumns+` FROM `+locationFrom+w.SQL(), w.Args()...),
		scanLocation, apperr.NotFoundf(locationNotFound, locationID), "get stock location "+locationID)
}

// restrictLocations limits w to the locations a channel-limited caller may read (§5.6): those
// linked to a channel where it holds stock_location:read.
func restrictLocations(ctx context.Context, w *sqlq.Where) {
	visible.RestrictLinked(ctx, w, "stock_location", "l.id", ChannelLink.Name, ChannelLink.Right)
}

// checkLocationWrite is the channel write check of a location write (§5.6 step 4):
// stock_location:<op> in every channel the location is linked to (store-wide for a location
// in no channel).
func checkLocationWrite(ctx context.Context, q db.DBTX, locationID, op string) error {
	linked, err := ChannelLink.LeftsOf(ctx, q, []string{locationID})
	if err != nil {
		return err
	}
	return rbac.CheckWrite(ctx, rbac.Policies{"stock_location:" + op}, "stock_location", op, linked[locationID])
}

// CreateLocation makes a location and its address in one transaction.
func (s *Service) CreateLocation(ctx context.Context, in LocationInput) (*Location, error) {
	// A new location is in no channel: creating one is store-wide (§5.6).
	if err := rbac.CheckWrite(ctx, rbac.Policies{"stock_location:create"}, "stock_location", "create", nil); err != nil {
		return nil, err
	}
	now := s.now()
	l := &Location{ID: s.newID(id.StockLocation), Name: in.Name, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if in.Address != nil {
			a, err := s.insertAddress(ctx, tx, in.Address, now)
			if err != nil {
				return err
			}
			l.Address, l.AddressID = a, &a.ID
		}
		if err := sqlq.Exec(ctx, tx, "insert stock location", `INSERT INTO stock_location (id, name, address_id, metadata,
			created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			l.ID, l.Name, l.AddressID, db.JSON(l.Metadata), db.FormatTime(now), db.FormatTime(now)); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventLocationCreated, l.ID))
	})
	if err != nil {
		return nil, err
	}
	return l, nil
}

func (s *Service) insertAddress(ctx context.Context, tx db.DBTX, in *AddressInput, now time.Time) (*Address, error) {
	a := addressOf(in)
	a.ID, a.CreatedAt, a.UpdatedAt = s.newID(id.Address), now, now
	_, err := tx.ExecContext(ctx, `INSERT INTO stock_location_address (id, address_1, address_2, company, city,
		country_code, phone, province, postal_code, metadata, created_at, updated_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12)`,
		a.ID, a.Address1, a.Address2, a.Company, a.City, a.CountryCode, a.Phone, a.Province, a.PostalCode,
		db.JSON(a.Metadata), db.FormatTime(now), db.FormatTime(now))
	if err != nil {
		return nil, fmt.Errorf("insert stock location address: %w", err)
	}
	return a, nil
}

func addressOf(in *AddressInput) *Address {
	meta := in.Metadata
	if string(meta) == "null" {
		meta = nil
	}
	return &Address{Address1: in.Address1, Address2: in.Address2, Company: in.Company, City: in.City,
		CountryCode: in.CountryCode, Phone: in.Phone, Province: in.Province, PostalCode: in.PostalCode, Metadata: meta}
}

// GetLocation returns a live location.
func (s *Service) GetLocation(ctx context.Context, locationID string) (*Location, error) {
	return getLocation(ctx, s.db.Read(), locationID)
}

// UpdateLocation changes a location; an address given replaces the current one's fields.
func (s *Service) UpdateLocation(ctx context.Context, locationID string, in LocationUpdate) (*Location, error) {
	var l *Location
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if l, err = getLocation(ctx, tx, locationID); err != nil {
			return err
		}
		if err := checkLocationWrite(ctx, tx, locationID, "update"); err != nil {
			return err
		}
		now := s.now()
		if in.Name != nil {
			l.Name = *in.Name
		}
		if in.SetMetadata {
			l.Metadata = in.Metadata
		}
		if in.Address != nil {
			if l.Address == nil {
				a, err := s.insertAddress(ctx, tx, in.Address, now)
				if err != nil {
					return err
				}
				l.Address, l.AddressID = a, &a.ID
			} else {
				a := addressOf(in.Address)
				a.ID, a.CreatedAt, a.UpdatedAt = l.Address.ID, l.Address.CreatedAt, now
				if err := sqlq.Exec(ctx, tx, "update stock location address "+a.ID, `UPDATE stock_location_address
					SET address_1 = $2, address_2 = $3, company = $4, city = $5, country_code = $6, phone = $7,
					province = $8, postal_code = $9, metadata = $10, updated_at = $11 WHERE id = $1`,
					a.ID, a.Address1, a.Address2, a.Company, a.City, a.CountryCode, a.Phone, a.Province, a.PostalCode,
					db.JSON(a.Metadata), db.FormatTime(now)); err != nil {
					return err
				}
				l.Address = a
			}
		}
		l.UpdatedAt = now
		if err := sqlq.Exec(ctx, tx, "update stock location "+l.ID, `UPDATE stock_location SET name = $2, address_id = $3,
			metadata = $4, updated_at = $5 WHERE id = $1`, l.ID, l.Name, l.AddressID, db.JSON(l.Metadata), db.FormatTime(now)); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventLocationUpdated, l.ID))
	})
	return l, err
}

// DeleteLocation soft-deletes a location, drops its channel links and deletes its inventory
// levels, so its stock no longer counts anywhere. A level holding reservations refuses the
// deletion. Deleting an unknown location succeeds and changes nothing, as in Medusa.
func (s *Service) DeleteLocation(ctx context.Context, locationID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		// A location the caller may not read is deleted as an unknown one is: nothing happens.
		if _, err := getLocation(ctx, tx, locationID); apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if err := checkLocationWrite(ctx, tx, locationID, "delete"); err != nil {
			return err
		}
		return locationLevels.delete(ctx, tx, locationID, s.now(), func() error {
			return link.DropAll(ctx, tx, []link.Table{ChannelLink}, ChannelLink.Right, locationID)
		})
	})
}

var locationOrder = map[string]string{
	"id": "l.id", "name": "l.name", "created_at": "l.created_at", "updated_at": "l.updated_at",
}

// ListLocations returns a page of live locations matching f and their count.
func (s *Service) ListLocations(ctx context.Context, f LocationFilter, p Page) ([]*Location, int, error) {
	return listLocations(ctx, s.db.Read(), s.db.ILike(), f, p)
}

// locationWhere adds the conditions of f on live locations, the table l.
func locationWhere(w *sqlq.Where, f LocationFilter) {
	w.Search(f.Q, "l.name")
	w.InFilter("l.id", f.IDs)
	w.InFilter("l.name", f.Names)
	if f.ChannelIDs != nil {
		ChannelLink.Filter(w, "l.id", ChannelLink.Left, f.ChannelIDs)
	}
	w.Add("l.deleted_at IS NULL")
}

func listLocations(ctx context.Context, q db.DBTX, ilike string, f LocationFilter, p Page) ([]*Location, int, error) {
	w := sqlq.NewWhere(ilike)
	locationWhere(w, f)
	restrictLocations(ctx, w)
	order, err := sqlq.OrderBy(p.Order, locationOrder, "l.id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Location]{From: locationFrom, Columns: locationColumns, Scan: scanLocation}.
		Run(ctx, q, "stock locations", w, order, p.Limit, p.Offset)
}

// LinkChannels links a location to the channels in add and unlinks those in remove, in one
// transaction. Medusa checks nothing; channeld refuses unknown channels in add (nothing is
// linked) and answers 404 for an unknown location.
func (s *Service) LinkChannels(ctx context.Context, locationID string, add, remove []string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := getLocation(ctx, tx, locationID); err != nil {
			return err
		}
		// A limited caller links and unlinks only channels where it may update locations.
		if named := slices.Concat(add, remove); len(named) > 0 {
			if err := rbac.CheckWrite(ctx, rbac.Policies{"stock_location:update"}, "stock_location", "update", named); err != nil {
				return err
			}
		}
		missing, err := s.channels.Missing(ctx, tx, add)
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			return saleschannel.ErrMissing(missing)
		}
		before, err := ChannelLink.LeftsOf(ctx, tx, []string{locationID})
		if err != nil {
			return err
		}
		if err := ChannelLink.ChangeReverse(ctx, tx, locationID, add, remove, s.now()); err != nil {
			return err
		}
		return s.channels.RecordLinks(ctx, tx, saleschannel.LinkStockLocation, locationID, before[locationID], add, remove)
	})
}

// ChannelsOf returns, per location id, the live channels linked to it.
func (s *Service) ChannelsOf(ctx context.Context, locationIDs []string) (map[string][]*saleschannel.SalesChannel, error) {
	return link.Linked(ctx, s.db.Read(), ChannelLink.LeftsOf, locationIDs, func(ids []string) ([]*saleschannel.SalesChannel, error) {
		return s.channels.ByIDs(ctx, s.db.Read(), ids)
	}, func(c *saleschannel.SalesChannel) string { return c.ID })
}

// LocationsOfChannels returns, per channel id, the live locations linked to it.
func (s *Service) LocationsOfChannels(ctx context.Context, channelIDs []string) (map[string][]*Location, error) {
	return link.Linked(ctx, s.db.Read(), ChannelLink.RightsOf, channelIDs, func(ids []string) ([]*Location, error) {
		locs, _, err := listLocations(ctx, s.db.Read(), s.db.ILike(), LocationFilter{IDs: ids}, Page{Limit: len(ids)})
		return locs, err
	}, func(l *Location) string { return l.ID })
}
