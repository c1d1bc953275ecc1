package shop

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/money"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
	"channeld/internal/pricepref"
	"channeld/internal/rbac"
	"channeld/internal/saleschannel"
)

// Service is the store use cases.
type Service struct {
	db       *db.DB
	now      clock.Clock
	newID    id.Source
	channels *saleschannel.Service
	audit    *audit.Recorder
}

// NewService returns the store service; channels creates the default channel, rec records
// store.updated entries.
func NewService(d *db.DB, now clock.Clock, newID id.Source, channels *saleschannel.Service, rec *audit.Recorder) *Service {
	return &Service{db: d, now: now, newID: newID, channels: channels, audit: rec}
}

// errLostRace ends a bootstrap transaction when another instance created the store first.
var errLostRace = errors.New("store created concurrently")

// EnsureDefaults creates the store with its default sales channel when no store exists. It
// is idempotent, and safe when several instances start at once on one database: the store
// row is unique, and the instance that loses the race rolls back its channel with it.
func (s *Service) EnsureDefaults(ctx context.Context) error {
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var n int
		if err := tx.QueryRowContext(ctx, `SELECT count(*) FROM store`).Scan(&n); err != nil {
			return fmt.Errorf("look for the store: %w", err)
		}
		if n > 0 {
			return nil
		}
		// Reuse a channel left by an earlier installation before making a new one.
		channelID, err := s.channels.FirstID(ctx, tx)
		if apperr.Is(err, apperr.NotFound) {
			desc := "Created by channeld on first start"
			c, err := s.channels.CreateTx(ctx, tx, saleschannel.CreateInput{Name: DefaultChannelName, Description: &desc})
			if err != nil {
				return err
			}
			channelID = c.ID
		} else if err != nil {
			return err
		}
		now := s.now()
		storeID := s.newID(id.Store)
		res, err := tx.ExecContext(ctx, `INSERT INTO store (id, name, default_sales_channel_id, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $4) ON CONFLICT (singleton) DO NOTHING`,
			storeID, DefaultName, channelID, db.FormatTime(now))
		if err != nil {
			return fmt.Errorf("create the store: %w", err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return errLostRace
		}
		_, err = tx.ExecContext(ctx, `INSERT INTO store_currency (id, store_id, currency_code, is_default, created_at, updated_at)
			VALUES ($1, $2, 'eur', TRUE, $3, $3)`, s.newID("stocur"), storeID, db.FormatTime(now))
		if err != nil {
			return fmt.Errorf("add the store's currency: %w", err)
		}
		return nil
	})
	if errors.Is(err, errLostRace) {
		return nil
	}
	return err
}

// Default returns the store.
func (s *Service) Default(ctx context.Context) (*Store, error) {
	var storeID string
	if err := s.db.Read().QueryRowContext(ctx, `SELECT id FROM store LIMIT 1`).Scan(&storeID); err != nil {
		return nil, fmt.Errorf("read the store: %w", err)
	}
	return getStore(ctx, s.db.Read(), storeID)
}

// DefaultChannelID returns the store's default sales channel id, or "" when unset.
func (s *Service) DefaultChannelID(ctx context.Context, q db.DBTX) (string, error) {
	var channelID *string
	err := q.QueryRowContext(ctx, `SELECT default_sales_channel_id FROM store LIMIT 1`).Scan(&channelID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read the default sales channel: %w", err)
	}
	if channelID == nil {
		return "", nil
	}
	return *channelID, nil
}

// DefaultCurrency returns the store's default currency read through q, or "" when the store
// has no currency.
func (s *Service) DefaultCurrency(ctx context.Context, q db.DBTX) (string, error) {
	var code string
	err := q.QueryRowContext(ctx, `SELECT currency_code FROM store_currency ORDER BY is_default DESC, id LIMIT 1`).Scan(&code)
	if errors.Is(err, sql.ErrNoRows) {
		return "", nil
	}
	if err != nil {
		return "", fmt.Errorf("read the default currency: %w", err)
	}
	return code, nil
}

// Get returns the store by id.
func (s *Service) Get(ctx context.Context, storeID string) (*Store, error) {
	st, err := getStore(ctx, s.db.Read(), storeID)
	if err != nil {
		return nil, err
	}
	return hideDefaultChannel(ctx, st), nil
}

// hideDefaultChannel shows the store's default channel as null to an admin caller who may not
// read it (§5.6).
func hideDefaultChannel(ctx context.Context, st *Store) *Store {
	if st.DefaultSalesChannelID == nil {
		return st
	}
	if all, ids := visible.Readable(ctx, "sales_channel"); !all && !contains(ids, *st.DefaultSalesChannelID) {
		st.DefaultSalesChannelID = nil
	}
	return st
}

// List returns the stores (there is one) matching the filter.
func (s *Service) List(ctx context.Context, ids []string, q string) ([]*Store, error) {
	st, err := s.Default(ctx)
	if err != nil {
		return nil, err
	}
	if ids != nil && !contains(ids, st.ID) {
		return []*Store{}, nil
	}
	if q != "" && !strings.Contains(strings.ToLower(st.Name), strings.ToLower(q)) {
		return []*Store{}, nil
	}
	return []*Store{hideDefaultChannel(ctx, st)}, nil
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// Update changes the store. A default sales channel must name a live channel.
func (s *Service) Update(ctx context.Context, storeID string, in UpdateInput) (*Store, error) {
	var out *Store
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		// Lock the store row first. The default-channel guard locks it too, so moving the default
		// to a channel and deleting that channel cannot both pass their checks, and a concurrent
		// update of other fields is not overwritten with the stale copy read here.
		// The store is store-wide: only a store-wide store:update holder changes it (§5.6).
		if err := rbac.CheckWrite(ctx, rbac.Policies{"store:update"}, "store", "update", nil); err != nil {
			return err
		}
		if _, err := tx.ExecContext(ctx, `SELECT id FROM store WHERE id = $1`+s.db.ForUpdate(), storeID); err != nil {
			return fmt.Errorf("lock store %s: %w", storeID, err)
		}
		st, err := getStore(ctx, tx, storeID)
		if err != nil {
			return err
		}
		before := auditFields(st)
		if in.SyncPricesAcrossChannels != nil {
			st.SyncPricesAcrossChannels = *in.SyncPricesAcrossChannels
		}
		if in.Name != nil {
			st.Name = *in.Name
		}
		if in.SetDefaultSalesChannelID {
			if in.DefaultSalesChannelID != nil {
				if _, err := s.channels.Find(ctx, tx, *in.DefaultSalesChannelID); err != nil {
					return err
				}
			}
			st.DefaultSalesChannelID = in.DefaultSalesChannelID
		}
		if in.SetDefaultRegionID {
			st.DefaultRegionID = in.DefaultRegionID
		}
		if in.SetDefaultLocationID {
			st.DefaultLocationID = in.DefaultLocationID
		}
		if in.SetMetadata {
			st.Metadata = in.Metadata
		}
		st.UpdatedAt = s.now()
		var meta any
		if st.Metadata != nil {
			meta = string(st.Metadata)
		}
		_, err = tx.ExecContext(ctx, `UPDATE store SET name = $2, default_sales_channel_id = $3, default_region_id = $4,
			default_location_id = $5, metadata = $6, updated_at = $7, sync_prices_across_channels = $8 WHERE id = $1`,
			st.ID, st.Name, st.DefaultSalesChannelID, st.DefaultRegionID, st.DefaultLocationID, meta, db.FormatTime(st.UpdatedAt),
			st.SyncPricesAcrossChannels)
		if err != nil {
			return fmt.Errorf("update store: %w", err)
		}
		if in.Currencies != nil {
			if err := s.replaceCurrencies(ctx, tx, st.ID, in.Currencies); err != nil {
				return err
			}
		}
		if in.Locales != nil {
			if err := replaceLocales(ctx, tx, st.ID, *in.Locales, st.UpdatedAt); err != nil {
				return err
			}
		}
		if out, err = getStore(ctx, tx, st.ID); err != nil {
			return err
		}
		return s.recordUpdate(ctx, tx, before, out)
	})
	return out, err
}

// recordUpdate records store.updated with the fields an update changed, when it changed any.
func (s *Service) recordUpdate(ctx context.Context, tx db.DBTX, before audit.Fields, after *Store) error {
	b, a, changed := audit.Changed(before, auditFields(after))
	if !changed {
		return nil
	}
	return s.audit.Record(ctx, tx, audit.Entry{Action: "store.updated", Resource: "store", ResourceID: after.ID, Before: b, After: a})
}

// auditFields returns the fields of st an update can change, as the API writes them.
func auditFields(st *Store) audit.Fields {
	currencies := make([]CurrencyInput, len(st.Currencies))
	for i, c := range st.Currencies {
		currencies[i] = CurrencyInput{Code: c.Code, IsDefault: c.IsDefault, IsTaxInclusive: &c.IsTaxInclusive}
	}
	return audit.Fields{
		"name": st.Name, "supported_currencies": currencies, "default_sales_channel_id": st.DefaultSalesChannelID,
		"default_region_id": st.DefaultRegionID, "default_location_id": st.DefaultLocationID,
		"metadata": st.Metadata, "sync_prices_across_channels": st.SyncPricesAcrossChannels,
	}
}

// replaceCurrencies makes list the store's currencies, keeping rows of codes that stay.
func (s *Service) replaceCurrencies(ctx context.Context, tx db.DBTX, storeID string, list []CurrencyInput) error {
	defaults := 0
	seen := map[string]bool{}
	for i := range list {
		code, err := money.Normalize(list[i].Code)
		if err != nil {
			return err
		}
		if seen[code] {
			return apperr.Invalidf("Duplicate currency codes: %s", code)
		}
		seen[code] = true
		list[i].Code = code
		if list[i].IsDefault {
			defaults++
		}
	}
	if len(list) > 0 && defaults == 0 {
		return apperr.Invalidf("There should be a default currency set for the store")
	}
	if defaults > 1 {
		return apperr.Invalidf("Only one default currency is allowed")
	}
	at := s.now()
	now := db.FormatTime(at)
	args := make([]any, 0, len(list)+1)
	args = append(args, storeID)
	del := `DELETE FROM store_currency WHERE store_id = $1`
	if len(list) > 0 {
		codes := make([]string, len(list))
		for i, c := range list {
			codes[i] = c.Code
		}
		del += ` AND currency_code NOT IN (` + sqlq.In(&args, codes...) + `)`
	}
	if _, err := tx.ExecContext(ctx, del, args...); err != nil {
		return fmt.Errorf("replace store currencies: %w", err)
	}
	for _, c := range list {
		_, err := tx.ExecContext(ctx, `INSERT INTO store_currency (id, store_id, currency_code, is_default, created_at, updated_at)
			VALUES ($1, $2, $3, $4, $5, $5)
			ON CONFLICT (store_id, currency_code) DO UPDATE SET is_default = excluded.is_default, updated_at = excluded.updated_at`,
			s.newID("stocur"), storeID, c.Code, c.IsDefault, now)
		if err != nil {
			return fmt.Errorf("replace store currencies: %w", err)
		}
		// The tax flag is the currency's price preference, upserted as Medusa's store workflow does.
		if err := pricepref.SetTaxInclusive(ctx, tx, at, func() string { return s.newID(pricepref.Prefix) },
			pricepref.CurrencyAttribute, c.Code, c.IsTaxInclusive); err != nil {
			return err
		}
	}
	return nil
}
