package fulfillment

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

var _ Quoter = (*Service)(nil)

// NewQuoter returns the Quoter carts use: the service itself.
func NewQuoter(s *Service) Quoter { return s }

// quoteSelect reads an option with everything a quote needs, in one statement: its type,
// provider, zone's set and location address, whether the location is linked to the
// destination's channel ($1) and a zone's geo zone covers the address ($4-$7), and its
// price for the destination: the region's ($2) in the currency ($3), else the currency's.
// Prices with item_total rules are conditional on a cart total a quote does not know, so
// they do not count.
const quoteSelect = `SELECT so.id, so.name, so.price_type, so.provider_id, so.data, so.service_zone_id,
	so.shipping_profile_id, so.shipping_option_type_id, so.metadata, COALESCE(so.store_block, ''),
	t.id, t.label, t.description, t.code, fs.id, fs.type, fs.stock_location_id,
	a.id, a.address_1, a.address_2, a.company, a.city, a.country_code, a.phone, a.province, a.postal_code,
	p.is_enabled,
	CASE WHEN EXISTS (SELECT 1 FROM sales_channel_stock_location scl
		WHERE scl.stock_location_id = fs.stock_location_id AND scl.sales_channel_id = $1) THEN 1 ELSE 0 END,
	CASE WHEN ` + covers + ` THEN 1 ELSE 0 END,
	rp.id, rp.amount, cp.id, cp.amount
FROM shipping_option so
JOIN service_zone sz ON sz.id = so.service_zone_id
JOIN fulfillment_set fs ON fs.id = sz.fulfillment_set_id
JOIN stock_location l ON l.id = fs.stock_location_id
LEFT JOIN stock_location_address a ON a.id = l.address_id
JOIN shipping_option_type t ON t.id = so.shipping_option_type_id
LEFT JOIN fulfillment_provider p ON p.id = so.provider_id
LEFT JOIN shipping_option_price rp ON rp.id = (SELECT x.id FROM shipping_option_price x WHERE x.shipping_option_id = so.id
	AND x.region_id = $2 AND x.currency_code = $3 AND x.rules IS NULL ORDER BY x.id LIMIT 1)
LEFT JOIN shipping_option_price cp ON cp.id = (SELECT x.id FROM shipping_option_price x WHERE x.shipping_option_id = so.id
	AND x.region_id IS NULL AND x.currency_code = $3 AND x.rules IS NULL ORDER BY x.id LIMIT 1)
WHERE so.deleted_at IS NULL AND sz.deleted_at IS NULL AND fs.deleted_at IS NULL`

// offersSelect is quoteSelect driven by the channel's locations: it starts from the channel's
// links (their primary key) and walks to its sets, zones and options by their indexes, so a
// listing reads the channel's options only, not every option of the store. CROSS JOIN keeps
// SQLite from choosing another order.
var offersSelect = strings.Replace(quoteSelect, `FROM shipping_option so
JOIN service_zone sz ON sz.id = so.service_zone_id
JOIN fulfillment_set fs ON fs.id = sz.fulfillment_set_id`, `FROM sales_channel_stock_location own
CROSS JOIN fulfillment_set fs
JOIN service_zone sz ON sz.fulfillment_set_id = fs.id
JOIN shipping_option so ON so.service_zone_id = sz.id`, 1) + ` AND own.sales_channel_id = $1 AND fs.stock_location_id = own.stock_location_id`

// covers is true when a geo zone of the option's zone covers the address: its country ($4)
// for a country zone, and as Medusa narrows, the province ($5) for a province zone, the
// city ($6) for a city zone and the postal code ($7) for a zip zone, each also matching the
// wider fields the address gives. Province and city compare without case.
const covers = `EXISTS (SELECT 1 FROM geo_zone g WHERE g.service_zone_id = so.service_zone_id AND g.country_code = $4 AND (
		g.type = 'country'
		OR (g.type = 'province' AND $5 <> '' AND LOWER(g.province_code) = $5)
		OR (g.type = 'city' AND $6 <> '' AND ($5 = '' OR LOWER(g.province_code) = $5) AND LOWER(g.city) = $6)
		OR (g.type = 'zip' AND $7 <> '' AND ($5 = '' OR LOWER(g.province_code) = $5) AND ($6 = '' OR LOWER(g.city) = $6)
			AND EXISTS (SELECT 1 FROM geo_zone_postal_code pc WHERE pc.geo_zone_id = g.id AND pc.postal_code = $7))))`

// quoted is one row of quoteSelect.
type quoted struct {
	o          Option
	typ        OptionType
	setID      string
	setType    string
	locationID string
	address    *quoteAddress
	enabled    sql.NullBool
	inChannel  int
	covered    int
	regionID   sql.NullString
	regionAmt  sql.NullInt64
	currencyID sql.NullString
	currAmt    sql.NullInt64
}

type quoteAddress struct {
	ID          string  `json:"id"`
	Address1    string  `json:"address_1"`
	Address2    *string `json:"address_2"`
	Company     *string `json:"company"`
	City        *string `json:"city"`
	CountryCode string  `json:"country_code"`
	Phone       *string `json:"phone"`
	Province    *string `json:"province"`
	PostalCode  *string `json:"postal_code"`
}

func scanQuoted(r sqlq.Scanner) (*quoted, error) {
	q := &quoted{}
	o := &q.o
	var aID, a1, cc sql.NullString
	var a quoteAddress
	err := r.Scan(&o.ID, &o.Name, &o.PriceType, &o.ProviderID, db.JSONDest(&o.Data), &o.ServiceZoneID,
		&o.ShippingProfileID, &o.ShippingOptionTypeID, db.JSONDest(&o.Metadata), &o.StoreBlock,
		&q.typ.ID, &q.typ.Label, &q.typ.Description, &q.typ.Code, &q.setID, &q.setType, &q.locationID,
		&aID, &a1, &a.Address2, &a.Company, &a.City, &cc, &a.Phone, &a.Province, &a.PostalCode,
		&q.enabled, &q.inChannel, &q.covered, &q.regionID, &q.regionAmt, &q.currencyID, &q.currAmt)
	if err != nil {
		return nil, err
	}
	if aID.Valid {
		a.ID, a.Address1, a.CountryCode = aID.String, a1.String, cc.String
		q.address = &a
	}
	return q, nil
}

// quoteArgs are the statement's arguments for a destination.
func quoteArgs(d Destination) []any {
	return []any{d.SalesChannelID, d.RegionID, strings.ToLower(d.CurrencyCode), strings.ToLower(d.CountryCode),
		strings.ToLower(strings.TrimSpace(d.Province)), strings.ToLower(strings.TrimSpace(d.City)), normalPostal(d.PostalCode)}
}

// OffersFor lists the options a destination may use, priced, in one statement.
func (s *Service) OffersFor(ctx context.Context, q db.DBTX, d Destination) ([]Offer, error) {
	if d.SalesChannelID == "" || d.CountryCode == "" {
		return []Offer{}, nil
	}
	if q == nil {
		q = s.db.Read()
	}
	rows, err := sqlq.Collect(ctx, q, scanQuoted, offersSelect+` AND `+covers+`
		AND so.store_block IS NULL AND (so.price_type = 'calculated' OR rp.id IS NOT NULL OR cp.id IS NOT NULL)
		ORDER BY so.name, so.id`, quoteArgs(d)...)
	if err != nil {
		return nil, fmt.Errorf("list shipping options for %s: %w", d.SalesChannelID, err)
	}
	offers := make([]Offer, 0, len(rows))
	for _, r := range rows {
		o, err := s.offer(ctx, r, d)
		if err != nil {
			// A calculated option its provider cannot price now is not offered.
			if apperr.Is(err, apperr.Invalid) {
				continue
			}
			return nil, err
		}
		offers = append(offers, o)
	}
	return offers, nil
}

// Quote prices one option for a destination, naming why it cannot serve it. An option that
// ships from no stock location of the destination's channel belongs to another channel and
// answers as a missing one does: a storefront learns nothing of other channels' options.
func (s *Service) Quote(ctx context.Context, q db.DBTX, optionID string, d Destination) (Offer, error) {
	if q == nil {
		q = s.db.Read()
	}
	notFound := apperr.NotFoundf("Shipping option with id: %s was not found", optionID)
	r, err := sqlq.One(q.QueryRowContext(ctx, quoteSelect+` AND so.id = $8`, append(quoteArgs(d), optionID)...),
		scanQuoted, notFound, "quote shipping option "+optionID)
	if err != nil {
		return Offer{}, err
	}
	name := fmt.Sprintf("Shipping option %q (%s)", r.o.Name, r.o.ID)
	switch {
	case d.SalesChannelID == "":
		return Offer{}, apperr.Invalidf("%s cannot be used without a sales channel", name)
	case r.inChannel == 0:
		return Offer{}, notFound
	case d.CountryCode == "":
		return Offer{}, apperr.Invalidf("%s needs a shipping address to know whether it ships there", name)
	case r.covered == 0:
		return Offer{}, apperr.Invalidf("%s does not ship to %s: no geo zone of its service zone covers it", name, describe(d))
	case r.o.StoreBlock == "is_return":
		return Offer{}, apperr.Invalidf("%s is a return option", name)
	case r.o.StoreBlock == "enabled_in_store":
		return Offer{}, apperr.Invalidf("%s is not enabled in store", name)
	case r.o.StoreBlock != "":
		return Offer{}, apperr.Invalidf("%s has a rule on %s that a storefront cart does not meet", name, r.o.StoreBlock)
	case r.o.PriceType == PriceFlat && !r.regionAmt.Valid && !r.currAmt.Valid:
		return Offer{}, apperr.Invalidf("%s has no price in %s", name, strings.ToUpper(d.CurrencyCode))
	}
	return s.offer(ctx, r, d)
}

// describe names an address as a quote refusal does.
func describe(d Destination) string {
	parts := []string{}
	for _, p := range []string{d.PostalCode, d.City, d.Province, strings.ToUpper(d.CountryCode)} {
		if p != "" {
			parts = append(parts, p)
		}
	}
	return strings.Join(parts, ", ")
}

// offer prices a row: its region or currency price when flat, its provider's when
// calculated, and writes its storefront view.
func (s *Service) offer(ctx context.Context, r *quoted, d Destination) (Offer, error) {
	o := &r.o
	provider := ""
	if o.ProviderID != nil {
		provider = *o.ProviderID
	}
	var amount int64
	priceID := ""
	switch {
	case o.PriceType == PriceCalculated:
		p, ok := s.knownProvider(provider)
		if !ok {
			return Offer{}, apperr.Invalidf("Shipping option %q (%s) has no provider to calculate its price", o.Name, o.ID)
		}
		a, err := p.Calculate(ctx, o.Data, d)
		if err != nil {
			return Offer{}, err
		}
		amount = a
	case r.regionAmt.Valid:
		amount, priceID = r.regionAmt.Int64, r.regionID.String
	default:
		amount, priceID = r.currAmt.Int64, r.currencyID.String
	}
	var data map[string]any
	if len(o.Data) > 0 {
		if err := json.Unmarshal(o.Data, &data); err != nil {
			return Offer{}, fmt.Errorf("read data of shipping option %s: %w", o.ID, err)
		}
	}
	view, err := storeView(r, d, amount, priceID)
	if err != nil {
		return Offer{}, err
	}
	profile := ""
	if o.ShippingProfileID != nil {
		profile = *o.ShippingProfileID
	}
	return Offer{OptionID: o.ID, Name: o.Name, PriceType: o.PriceType, Amount: amount, ProviderID: provider,
		ShippingProfileID: profile, Data: data, View: view}, nil
}

// LocationsThatShip returns which of the stock locations offer at least one shipping option
// a storefront cart may use somewhere: a live option with no store block in a live zone that
// has a geo zone, in a live set of the location. The stock module's availability explainer
// reads it to say that a channel's locations ship nowhere.
func LocationsThatShip(ctx context.Context, q db.DBTX, locationIDs []string) (map[string]bool, error) {
	out := map[string]bool{}
	if len(locationIDs) == 0 {
		return out, nil
	}
	w := sqlq.NewWhere("")
	w.In("fs.stock_location_id", locationIDs)
	ids, err := sqlq.Collect(ctx, q, sqlq.String, `SELECT DISTINCT fs.stock_location_id FROM fulfillment_set fs
		JOIN service_zone sz ON sz.fulfillment_set_id = fs.id AND sz.deleted_at IS NULL
		JOIN shipping_option so ON so.service_zone_id = sz.id AND so.deleted_at IS NULL AND so.store_block IS NULL`+w.SQL()+`
		AND fs.deleted_at IS NULL AND EXISTS (SELECT 1 FROM geo_zone g WHERE g.service_zone_id = sz.id)`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("read locations that ship: %w", err)
	}
	for _, id := range ids {
		out[id] = true
	}
	return out, nil
}
