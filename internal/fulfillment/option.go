package fulfillment

import (
	"context"
	"encoding/json"
	"fmt"
	"slices"
	"strings"
	"time"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/money"
	"channeld/internal/platform/sqlq"
)

// OptionInput is a new shipping option, or a change to one: nil pointers and unset Set flags
// leave a field as it is.
type OptionInput struct {
	Name              *string
	ServiceZoneID     *string
	ShippingProfileID *string
	PriceType         *string
	ProviderID        *string
	Type              *TypeInput
	TypeID            *string
	SetData           bool
	Data              json.RawMessage
	SetMetadata       bool
	Metadata          json.RawMessage
	// SetPrices replaces the prices: entries with an id change that price, the others are new.
	SetPrices bool
	Prices    []*PriceInput
	// SetRules replaces the rules the same way.
	SetRules bool
	Rules    []*RuleInput
}

// TypeInput is a new shipping option type.
type TypeInput struct {
	Label       string  `json:"label"`
	Description *string `json:"description"`
	Code        string  `json:"code"`
}

// PriceInput is a price in a currency or for a region, amount in major units.
type PriceInput struct {
	ID           *string         `json:"id"`
	CurrencyCode *string         `json:"currency_code"`
	RegionID     *string         `json:"region_id"`
	Amount       *json.Number    `json:"amount"`
	Rules        json.RawMessage `json:"rules"`
}

// RuleInput is a rule; ID names an existing one on update.
type RuleInput struct {
	ID        *string         `json:"id"`
	Attribute string          `json:"attribute"`
	Operator  string          `json:"operator"`
	Value     json.RawMessage `json:"value"`
}

func optionNotFound(id string) error {
	return apperr.NotFoundf("Shipping Option with id: %s not found", id)
}

// CreateOption makes a shipping option in a service zone with its type, prices and rules,
// after Medusa's checks: the provider is enabled at the zone's location, a calculated option's
// provider can calculate, region prices name regions.
func (s *Service) CreateOption(ctx context.Context, in OptionInput) (*Option, error) {
	now := s.now()
	o := &Option{ID: s.newID(prefixOption), Name: *in.Name, PriceType: *in.PriceType, ServiceZoneID: *in.ServiceZoneID,
		ShippingProfileID: in.ShippingProfileID, ProviderID: in.ProviderID, Data: nullJSON(in.Data), Metadata: nullJSON(in.Metadata),
		CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		location, err := zoneLocation(ctx, tx, o.ServiceZoneID)
		if err != nil {
			return err
		}
		if err := checkWriteAt(ctx, tx, location, "shipping_option", "create"); err != nil {
			return err
		}
		if err := s.checkOption(ctx, tx, o); err != nil {
			return err
		}
		if o.ShippingOptionTypeID, err = s.optionType(ctx, tx, in.Type, in.TypeID, now); err != nil {
			return err
		}
		if err := sqlq.Exec(ctx, tx, "insert shipping option", `INSERT INTO shipping_option (id, name, price_type,
			service_zone_id, shipping_profile_id, provider_id, shipping_option_type_id, data, metadata, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11)`,
			o.ID, o.Name, o.PriceType, o.ServiceZoneID, o.ShippingProfileID, o.ProviderID, o.ShippingOptionTypeID,
			db.JSON(o.Data), db.JSON(o.Metadata), db.FormatTime(now), db.FormatTime(now)); err != nil {
			return err
		}
		if err := s.replacePrices(ctx, tx, o, in.Prices, now); err != nil {
			return err
		}
		if err := s.replaceRules(ctx, tx, o.ID, in.Rules, now); err != nil {
			return err
		}
		return s.record(ctx, tx, "shipping-option", "created", o.ID, optionFields(o))
	})
	if err != nil {
		return nil, err
	}
	return s.Option(ctx, o.ID)
}

// UpdateOption changes an option as in says.
func (s *Service) UpdateOption(ctx context.Context, optionID string, in OptionInput) (*Option, error) {
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		o, location, err := getOption(ctx, tx, optionID)
		if apperr.Is(err, apperr.NotFound) {
			return apperr.NotFoundf(`ShippingOption with id "%s" not found`, optionID)
		} else if err != nil {
			return err
		}
		if err := checkWriteAt(ctx, tx, location, "shipping_option", "update"); err != nil {
			return err
		}
		now := s.now()
		set(&o.Name, in.Name)
		set(&o.PriceType, in.PriceType)
		if in.ShippingProfileID != nil {
			o.ShippingProfileID = in.ShippingProfileID
		}
		if in.ProviderID != nil {
			o.ProviderID = in.ProviderID
		}
		if in.SetData {
			o.Data = nullJSON(in.Data)
		}
		if in.SetMetadata {
			o.Metadata = nullJSON(in.Metadata)
		}
		if err := s.checkOption(ctx, tx, o); err != nil {
			return err
		}
		if in.Type != nil || in.TypeID != nil {
			if o.ShippingOptionTypeID, err = s.optionType(ctx, tx, in.Type, in.TypeID, now); err != nil {
				return err
			}
		}
		o.UpdatedAt = now
		if err := sqlq.Exec(ctx, tx, "update shipping option "+o.ID, `UPDATE shipping_option SET name = $2, price_type = $3,
			shipping_profile_id = $4, provider_id = $5, shipping_option_type_id = $6, data = $7, metadata = $8, updated_at = $9
			WHERE id = $1`, o.ID, o.Name, o.PriceType, o.ShippingProfileID, o.ProviderID, o.ShippingOptionTypeID,
			db.JSON(o.Data), db.JSON(o.Metadata), db.FormatTime(now)); err != nil {
			return err
		}
		if in.SetPrices {
			if err := s.replacePrices(ctx, tx, o, in.Prices, now); err != nil {
				return err
			}
		}
		if in.SetRules {
			if err := s.replaceRules(ctx, tx, o.ID, in.Rules, now); err != nil {
				return err
			}
		}
		return s.record(ctx, tx, "shipping-option", "updated", o.ID, optionFields(o))
	})
	if err != nil {
		return nil, err
	}
	return s.Option(ctx, optionID)
}

// DeleteOption soft-deletes an option; an unknown one, or one the caller may not read, is
// deleted as Medusa deletes one: nothing happens.
func (s *Service) DeleteOption(ctx context.Context, optionID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		_, location, err := getOption(ctx, tx, optionID)
		if apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		if err := checkWriteAt(ctx, tx, location, "shipping_option", "delete"); err != nil {
			return err
		}
		return s.deleteOption(ctx, tx, optionID)
	})
}

func (s *Service) deleteOption(ctx context.Context, tx db.DBTX, optionID string) error {
	if _, err := sqlq.SoftDelete(ctx, tx, "shipping_option", optionID, s.now()); err != nil {
		return fmt.Errorf("delete shipping option %s: %w", optionID, err)
	}
	return s.record(ctx, tx, "shipping-option", "deleted", optionID, nil)
}

// zoneLocation returns the stock location of a live zone the caller may read as the holder
// of shipping options, else Medusa's not-found message for the zone.
func zoneLocation(ctx context.Context, q db.DBTX, zoneID string) (string, error) {
	w := sqlq.NewWhere("")
	w.Eq("sz.id", zoneID)
	w.Add("sz.deleted_at IS NULL AND fs.deleted_at IS NULL")
	restrictByLocation(ctx, w, "shipping_option", "fs.stock_location_id")
	return sqlq.One(q.QueryRowContext(ctx, `SELECT fs.stock_location_id FROM service_zone sz
		JOIN fulfillment_set fs ON fs.id = sz.fulfillment_set_id`+w.SQL(), w.Args()...),
		sqlq.String, apperr.NotFoundf("ServiceZone with id: %s was not found", zoneID), "get service zone "+zoneID)
}

// checkOption runs Medusa's checks of an option's references in the order its workflows do.
func (s *Service) checkOption(ctx context.Context, tx db.DBTX, o *Option) error {
	provider := ""
	if o.ProviderID != nil {
		provider = *o.ProviderID
	}
	ok, err := providerAtZone(ctx, tx, o.ServiceZoneID, provider)
	if err != nil {
		return err
	}
	if !ok {
		return apperr.NotAllowedf("Providers (%s) are not enabled for the service location", provider)
	}
	if o.PriceType == PriceCalculated {
		p, known := s.knownProvider(provider)
		if !known || !p.CanCalculate(o.Data) {
			return apperr.Invalidf("Cannot calcuate pricing for: [%s] shipping option(s).", o.Name)
		}
	}
	if o.ShippingProfileID != nil {
		if _, err := getProfile(ctx, tx, *o.ShippingProfileID); err != nil {
			return err
		}
	}
	return nil
}

// optionType returns the id of the option's type: a new one made of t, or typeID checked.
func (s *Service) optionType(ctx context.Context, tx db.DBTX, t *TypeInput, typeID *string, now time.Time) (string, error) {
	if t == nil {
		n, err := sqlq.KeptCount(ctx, tx, `SELECT COUNT(*) FROM shipping_option_type WHERE id = $1 AND deleted_at IS NULL`, *typeID)
		if err != nil {
			return "", fmt.Errorf("check shipping option type %s: %w", *typeID, err)
		}
		if n == 0 {
			return "", apperr.NotFoundf("ShippingOptionType with id: %s was not found", *typeID)
		}
		return *typeID, nil
	}
	id := s.newID(prefixType)
	return id, sqlq.Exec(ctx, tx, "insert shipping option type", `INSERT INTO shipping_option_type (id, label, description,
		code, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`, id, t.Label, t.Description, t.Code,
		db.FormatTime(now), db.FormatTime(now))
}

// replacePrices makes prices the option's prices: an entry with an id changes that price,
// one without is new, and the option's other prices go. A region price is in the region's
// currency; a flat option's region prices must name live regions.
func (s *Service) replacePrices(ctx context.Context, tx db.DBTX, o *Option, prices []*PriceInput, now time.Time) error {
	existing, err := loadPrices(ctx, tx, []string{o.ID})
	if err != nil {
		return err
	}
	byID, _ := sqlq.Index(existing[o.ID], func(p *Price) string { return p.ID })
	var missingRegions []string
	regionCurrency := map[string]string{}
	for _, in := range prices {
		if in.RegionID == nil || regionCurrency[*in.RegionID] != "" || slices.Contains(missingRegions, *in.RegionID) {
			continue
		}
		r, err := s.regions.Get(ctx, tx, *in.RegionID)
		if apperr.Is(err, apperr.NotFound) {
			missingRegions = append(missingRegions, *in.RegionID)
			continue
		} else if err != nil {
			return err
		}
		regionCurrency[r.ID] = r.CurrencyCode
	}
	if len(missingRegions) > 0 {
		return apperr.Invalidf("Cannot create prices for non-existent regions. Region with ids [%s] were not found.", strings.Join(missingRegions, ", "))
	}
	var write []*Price
	for i, in := range prices {
		p := &Price{ID: s.newID(prefixPrice), ShippingOptionID: o.ID, CreatedAt: now}
		if in.ID != nil {
			old, ok := byID[*in.ID]
			if !ok {
				return apperr.NotFoundf("Price with id: %s was not found", *in.ID)
			}
			cp := *old
			p = &cp
		}
		if in.RegionID != nil {
			p.RegionID, p.CurrencyCode = in.RegionID, regionCurrency[*in.RegionID]
		} else if in.CurrencyCode != nil {
			code, err := money.Normalize(*in.CurrencyCode)
			if err != nil {
				return err
			}
			p.RegionID, p.CurrencyCode = nil, code
		}
		if p.CurrencyCode == "" {
			return apperr.Invalidf("Price %d of shipping option %s needs a currency_code or a region_id", i, o.Name)
		}
		if in.Amount != nil {
			if p.Amount, err = money.ToMinor(in.Amount.String(), p.CurrencyCode); err != nil {
				return err
			}
			if p.Amount < 0 {
				return apperr.Invalidf("Amount %s of a shipping option price cannot be negative", in.Amount.String())
			}
		} else if in.ID == nil {
			return apperr.Invalidf("Price %d of shipping option %s needs an amount", i, o.Name)
		}
		if in.Rules != nil {
			p.Rules = nullJSON(in.Rules)
			if string(p.Rules) == "[]" {
				p.Rules = nil
			}
		}
		p.UpdatedAt = now
		write = append(write, p)
	}
	if err := sqlq.Exec(ctx, tx, "clear prices of "+o.ID, `DELETE FROM shipping_option_price WHERE shipping_option_id = $1`, o.ID); err != nil {
		return err
	}
	for _, p := range write {
		if err := sqlq.Exec(ctx, tx, "insert shipping option price", `INSERT INTO shipping_option_price (id, shipping_option_id,
			currency_code, region_id, amount, rules, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8)`,
			p.ID, o.ID, p.CurrencyCode, p.RegionID, p.Amount, db.JSON(p.Rules), db.FormatTime(p.CreatedAt), db.FormatTime(p.UpdatedAt)); err != nil {
			return err
		}
	}
	return nil
}

func optionFields(o *Option) audit.Fields {
	return audit.Fields{"name": o.Name, "price_type": o.PriceType, "service_zone_id": o.ServiceZoneID,
		"shipping_profile_id": o.ShippingProfileID, "provider_id": o.ProviderID, "data": o.Data, "metadata": o.Metadata}
}
