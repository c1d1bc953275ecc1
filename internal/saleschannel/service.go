package saleschannel

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"channeld/internal/audit"
	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/link"
	"channeld/internal/rbac"
)

// Not-found messages: Medusa words them differently per route, and clients match them.
const (
	notFoundGet    = "Sales channel with id: %s not found"
	notFoundUpdate = `Sales channel with id "%s" not found`
	notFoundModule = "SalesChannel with id: %s was not found"
)

// Links are the link tables that touch channels. The modules on their other sides declare
// them (apikey.ChannelLink, stock.ChannelLink, product.ChannelLink) and import this one, so
// the composition root hands them over.
type Links struct {
	Keys      *link.Table  // publishable_api_key_sales_channel
	Locations *link.Table  // sales_channel_stock_location
	All       []link.Table // every link table with a sales_channel_id column
}

// DeleteGuard may refuse the deletion of channels inside the deleting transaction; the shop
// module refuses its default channel.
type DeleteGuard interface {
	GuardChannelDelete(ctx context.Context, tx db.DBTX, ids []string) error
}

// Listings keeps a read model of what each channel sells in step with the channel's state:
// told, inside the changing transaction, when a channel is enabled, disabled or deleted.
// The product module implements it (product.Listing).
type Listings interface {
	ChannelChanged(ctx context.Context, tx db.DBTX, channelID string) error
}

// Sellers tells whether a seller exists, inside the transaction that makes a channel name
// it; the seller module implements it (seller.Checker).
type Sellers interface {
	Exists(ctx context.Context, q db.DBTX, sellerID string) (bool, error)
}

// StoreLocales names the languages the store serves, read through the caller's transaction;
// a channel's locales must be among them when there are any (E9). The shop module
// implements it (shop.LocaleReader).
type StoreLocales interface {
	StoreLocaleCodes(ctx context.Context, q db.DBTX) ([]string, error)
}

// Service is the sales channel use cases; each write is one transaction with its events.
type Service struct {
	db       *db.DB
	now      clock.Clock
	newID    id.Source
	links    Links
	guard    DeleteGuard
	listings Listings
	sellers  Sellers
	store    StoreLocales
	prices   PriceKeeper
	audit    *audit.Recorder
}

// NewService returns a service on d; deleting a channel asks guard first, then drops its rows
// in every table of links.All. links.Keys and links.Locations serve the list filters by key
// and location. listings hears of every change to a channel's state; sellers checks the
// seller a channel names; store bounds the locales a channel serves; prices drops the prices
// and rules a removed currency or a deleted channel leaves behind; rec records every change.
func NewService(d *db.DB, now clock.Clock, newID id.Source, links Links, guard DeleteGuard, listings Listings, sellers Sellers,
	store StoreLocales, prices PriceKeeper, rec *audit.Recorder) *Service {
	return &Service{db: d, now: now, newID: newID, links: links, guard: guard, listings: listings, sellers: sellers,
		store: store, prices: prices, audit: rec}
}

// Create makes a channel and emits sales-channel.created.
func (s *Service) Create(ctx context.Context, in CreateInput) (*SalesChannel, error) {
	var c *SalesChannel
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		c, err = s.CreateTx(ctx, tx, in)
		return err
	})
	return c, err
}

// CreateTx makes a channel inside the caller's transaction.
func (s *Service) CreateTx(ctx context.Context, tx db.DBTX, in CreateInput) (*SalesChannel, error) {
	now := s.now()
	c := &SalesChannel{
		ID: s.newID(id.SalesChannel), Name: in.Name, Description: in.Description,
		IsDisabled: in.IsDisabled, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now,
		Currencies: []Currency{}, Locales: []Locale{},
	}
	if err := s.applySettings(ctx, tx, c, in.Settings, in.SellerID != nil, in.SellerID); err != nil {
		return nil, err
	}
	if err := insert(ctx, tx, c); err != nil {
		return nil, err
	}
	if err := writeSettings(ctx, tx, c); err != nil {
		return nil, err
	}
	if err := s.audit.Record(ctx, tx, channelEntry("created", c.ID, nil, auditFields(c))); err != nil {
		return nil, err
	}
	if err := outbox.Append(ctx, tx, now, outbox.IDEvent(EventCreated, c.ID)); err != nil {
		return nil, err
	}
	return c, nil
}

// Get returns a live channel.
func (s *Service) Get(ctx context.Context, channelID string) (*SalesChannel, error) {
	return get(ctx, s.db.Read(), channelID, notFoundGet, "")
}

// Find returns a live channel with the module-level not-found message, inside q.
func (s *Service) Find(ctx context.Context, q db.DBTX, channelID string) (*SalesChannel, error) {
	return get(ctx, q, channelID, notFoundModule, "")
}

// Update changes a channel; an empty input still counts as an update and emits the event.
// Currencies it removes take the channel's prices and rules in them along (§1.3); a new
// default currency changes flags only.
func (s *Service) Update(ctx context.Context, channelID string, in UpdateInput) (*SalesChannel, error) {
	var c *SalesChannel
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		// The row is locked until commit: the update writes every column back, so a concurrent
		// update of other fields read before this one commits would otherwise be lost.
		c, err = get(ctx, tx, channelID, notFoundUpdate, s.db.ForUpdate())
		if err != nil {
			return err
		}
		if err := rbac.CheckWrite(ctx, rbac.Policies{"sales_channel:update"}, "sales_channel", "update", []string{channelID}); err != nil {
			return err
		}
		if err := loadSettings(ctx, tx, []*SalesChannel{c}); err != nil {
			return err
		}
		before, currencies := auditFields(c), c.Currencies
		stateChanged := in.IsDisabled != nil && *in.IsDisabled != c.IsDisabled
		applyUpdate(c, in)
		if err := s.applySettings(ctx, tx, c, in.Settings, in.SetSeller, in.SellerID); err != nil {
			return err
		}
		c.UpdatedAt = s.now()
		if err := update(ctx, tx, c); err != nil {
			return err
		}
		if err := writeSettings(ctx, tx, c); err != nil {
			return err
		}
		if gone := removedCurrencies(currencies, c.Currencies); len(gone) > 0 {
			if err := s.prices.CurrenciesRemoved(ctx, tx, c.ID, gone); err != nil {
				return err
			}
		}
		if stateChanged {
			if err := s.listings.ChannelChanged(ctx, tx, c.ID); err != nil {
				return err
			}
		}
		if err := s.recordUpdate(ctx, tx, before, c); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, c.UpdatedAt, outbox.IDEvent(EventUpdated, c.ID))
	})
	return c, err
}

// applyUpdate sets the plain fields in names on c.
func applyUpdate(c *SalesChannel, in UpdateInput) {
	if in.Name != nil {
		c.Name = *in.Name
	}
	if in.SetDescription {
		c.Description = in.Description
	}
	if in.IsDisabled != nil {
		c.IsDisabled = *in.IsDisabled
	}
	if in.SetMetadata {
		c.Metadata = in.Metadata
	}
}

// Delete soft-deletes a channel and removes every link to it. Deleting an unknown or already
// deleted channel succeeds and changes nothing, as in Medusa; only a real deletion emits
// sales-channel.deleted.
func (s *Service) Delete(ctx context.Context, channelID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := s.guard.GuardChannelDelete(ctx, tx, []string{channelID}); err != nil {
			return err
		}
		c, err := get(ctx, tx, channelID, notFoundModule, s.db.ForUpdate())
		if apperr.Is(err, apperr.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := rbac.CheckWrite(ctx, rbac.Policies{"sales_channel:delete"}, "sales_channel", "delete", []string{channelID}); err != nil {
			return err
		}
		if err := loadSettings(ctx, tx, []*SalesChannel{c}); err != nil {
			return err
		}
		now := s.now()
		// A concurrent deletion that committed first leaves nothing to do (SQLite has no row lock).
		res, err := tx.ExecContext(ctx, `UPDATE sales_channel SET deleted_at = $2, updated_at = $2
			WHERE id = $1 AND deleted_at IS NULL`, channelID, db.FormatTime(now))
		if err != nil {
			return fmt.Errorf("delete sales channel %s: %w", channelID, err)
		}
		if n, err := res.RowsAffected(); err != nil || n == 0 {
			return err
		}
		if err := s.prices.ChannelDeleted(ctx, tx, channelID); err != nil {
			return err
		}
		if err := s.audit.Record(ctx, tx, channelEntry("deleted", channelID, auditFields(c), nil)); err != nil {
			return err
		}
		if err := link.DropAll(ctx, tx, s.links.All, "sales_channel_id", channelID); err != nil {
			return err
		}
		if err := writeSettings(ctx, tx, &SalesChannel{ID: channelID}); err != nil {
			return err
		}
		if err := s.listings.ChannelChanged(ctx, tx, channelID); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventDeleted, channelID))
	})
}

// List returns a page of channels matching f and the total count.
func (s *Service) List(ctx context.Context, f Filter, p Page) ([]*SalesChannel, int, error) {
	return list(ctx, s.db.Read(), s.db.ILike(), f, p, s.links)
}

// Missing returns which of ids are not live channels, for modules that link to channels.
func (s *Service) Missing(ctx context.Context, q db.DBTX, ids []string) ([]string, error) {
	return link.Missing(ctx, q, "sales_channel", ids)
}

// CheckLive refuses, read through q, channel ids that are not live channels, naming them all
// in one ErrMissing.
func (s *Service) CheckLive(ctx context.Context, q db.DBTX, ids []string) error {
	missing, err := s.Missing(ctx, q, ids)
	if err != nil {
		return err
	}
	if len(missing) > 0 {
		return ErrMissing(missing)
	}
	return nil
}

// ByIDs returns the live channels among ids, in id order.
func (s *Service) ByIDs(ctx context.Context, q db.DBTX, ids []string) ([]*SalesChannel, error) {
	if len(ids) == 0 {
		return []*SalesChannel{}, nil
	}
	out, _, err := list(ctx, q, s.db.ILike(), Filter{IDs: ids}, Page{Limit: len(ids)}, s.links)
	return out, err
}

// Linked returns the channels that links name, per linked entity, in one read: links maps
// another module's entity ids to channel ids, as its link table reads them.
func (s *Service) Linked(ctx context.Context, links map[string][]string) (map[string][]*SalesChannel, error) {
	return link.Resolve(links, func(ids []string) ([]*SalesChannel, error) {
		return s.ByIDs(ctx, s.db.Read(), ids)
	}, func(c *SalesChannel) string { return c.ID })
}

// FirstID returns, read through q, the id of the first live channel in id order (the oldest,
// as ids sort by creation), or the not-found error when there is none.
func (s *Service) FirstID(ctx context.Context, q db.DBTX) (string, error) {
	var channelID string
	err := q.QueryRowContext(ctx, `SELECT id FROM sales_channel WHERE deleted_at IS NULL ORDER BY id LIMIT 1`).Scan(&channelID)
	if errors.Is(err, sql.ErrNoRows) {
		return "", apperr.NotFoundf("There is no sales channel")
	}
	if err != nil {
		return "", fmt.Errorf("find the first sales channel: %w", err)
	}
	return channelID, nil
}

// ErrMissing is the error for link requests naming channels that do not exist.
func ErrMissing(ids []string) error {
	return apperr.Invalidf("Sales channels with IDs %s do not exist", joinIDs(ids))
}

func joinIDs(ids []string) string {
	out := ""
	for i, s := range ids {
		if i > 0 {
			out += ", "
		}
		out += s
	}
	return out
}
