package webhook

import (
	"context"
	"fmt"

	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
	"channeld/internal/rbac"
)

// Channels confirms that the channel a webhook is filtered to exists.
type Channels interface {
	CheckLive(ctx context.Context, q db.DBTX, ids []string) error
}

// Service is the webhook use cases; each write is one transaction.
type Service struct {
	db       *db.DB
	now      clock.Clock
	newID    id.Source
	channels Channels
	guard    Guard
	wake     func()
}

// NewService returns a service on d. wake, when not nil, tells the local dispatcher that a
// delivery is due now (a redelivery).
func NewService(d *db.DB, now clock.Clock, newID id.Source, channels Channels, guard Guard, wake func()) *Service {
	if wake == nil {
		wake = func() {}
	}
	return &Service{db: d, now: now, newID: newID, channels: channels, guard: guard, wake: wake}
}

// Input is a webhook's writable fields; nil leaves a field as it is on update.
type Input struct {
	URL            *string
	Events         []string
	SetChannel     bool
	SalesChannelID *string
	IsDisabled     *bool
}

func (s *Service) check(ctx context.Context, in Input) error {
	if in.URL != nil {
		if err := s.guard.CheckURL(ctx, *in.URL); err != nil {
			return err
		}
	}
	if in.Events != nil {
		if len(in.Events) == 0 {
			return apperr.Invalidf("events must name at least one event")
		}
		for _, e := range in.Events {
			if !validPattern(e) {
				return apperr.Invalidf("events: %q is neither an event name nor a pattern such as sales-channel.*", e)
			}
		}
	}
	return nil
}

func channelList(c *string) []string {
	if c == nil {
		return nil
	}
	return []string{*c}
}

// Create registers an endpoint with a new secret, which the returned webhook carries: the
// only time it is shown. A channel-limited admin must filter it to one of its channels.
func (s *Service) Create(ctx context.Context, in Input) (*Webhook, error) {
	if err := rbac.CheckCreateIn(ctx, rbac.Policies{"webhook:create"}, "webhook", "create", channelList(in.SalesChannelID)); err != nil {
		return nil, err
	}
	if in.URL == nil || in.Events == nil {
		return nil, apperr.Invalidf("url and events are required")
	}
	if err := s.check(ctx, in); err != nil {
		return nil, err
	}
	secret, err := newSecret()
	if err != nil {
		return nil, err
	}
	now := s.now()
	w := &Webhook{ID: s.newID(id.Webhook), URL: *in.URL, Events: in.Events, SalesChannelID: in.SalesChannelID,
		Secret: secret, CreatedAt: now, UpdatedAt: now}
	if in.IsDisabled != nil {
		w.IsDisabled = *in.IsDisabled
	}
	err = s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := s.channels.CheckLive(ctx, tx, channelList(w.SalesChannelID)); err != nil {
			return err
		}
		if err := saveWebhook(ctx, tx, w, true); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventCreated, w.ID))
	})
	if err != nil {
		return nil, err
	}
	return w, nil
}

// Get returns a webhook the caller may read.
func (s *Service) Get(ctx context.Context, webhookID string) (*Webhook, error) {
	return getWebhook(ctx, s.db.Read(), webhookID)
}

// List returns a page of the webhooks the caller may read and their count.
func (s *Service) List(ctx context.Context, offset, limit int) ([]*Webhook, int, error) {
	return listWebhooks(ctx, s.db.Read(), offset, limit)
}

// Update changes a webhook. Enabling a disabled endpoint clears why it was disabled and lets
// its pending deliveries go.
func (s *Service) Update(ctx context.Context, webhookID string, in Input) (*Webhook, error) {
	if err := s.check(ctx, in); err != nil {
		return nil, err
	}
	var w *Webhook
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if w, err = getWebhook(ctx, tx, webhookID); err != nil {
			return err
		}
		decl := rbac.Policies{"webhook:update"}
		if err := rbac.CheckWrite(ctx, decl, "webhook", "update", channelList(w.SalesChannelID)); err != nil {
			return err
		}
		if in.SetChannel {
			if err := rbac.CheckWrite(ctx, decl, "webhook", "update", channelList(in.SalesChannelID)); err != nil {
				return err
			}
			if err := s.channels.CheckLive(ctx, tx, channelList(in.SalesChannelID)); err != nil {
				return err
			}
			w.SalesChannelID = in.SalesChannelID
		}
		if in.URL != nil {
			w.URL = *in.URL
		}
		if in.Events != nil {
			w.Events = in.Events
		}
		if in.IsDisabled != nil {
			if w.IsDisabled && !*in.IsDisabled {
				w.DisabledReason, w.FailingSince = nil, nil
			}
			w.IsDisabled = *in.IsDisabled
		}
		w.UpdatedAt = s.now()
		if err := saveWebhook(ctx, tx, w, false); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, w.UpdatedAt, outbox.IDEvent(EventUpdated, w.ID))
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return w, nil
}

// Delete removes a webhook; its pending deliveries are dropped. Deleting an unknown webhook
// succeeds, as Medusa's deletes do.
func (s *Service) Delete(ctx context.Context, webhookID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		w, err := getWebhook(ctx, tx, webhookID)
		if apperr.Is(err, apperr.NotFound) {
			return nil
		}
		if err != nil {
			return err
		}
		if err := rbac.CheckWrite(ctx, rbac.Policies{"webhook:delete"}, "webhook", "delete", channelList(w.SalesChannelID)); err != nil {
			return err
		}
		now := s.now()
		if _, err := sqlq.SoftDelete(ctx, tx, "webhook", webhookID, now); err != nil {
			return fmt.Errorf("delete webhook %s: %w", webhookID, err)
		}
		if err := sqlq.Exec(ctx, tx, "drop deliveries of "+webhookID, `UPDATE webhook_delivery SET status = $2, last_error = $3,
			updated_at = $4 WHERE webhook_id = $1 AND status = $5`, webhookID, StatusFailed, "webhook deleted", db.Time{Time: now}, StatusPending); err != nil {
			return err
		}
		return outbox.Append(ctx, tx, now, outbox.IDEvent(EventDeleted, webhookID))
	})
}

// Deliveries returns a page of a webhook's deliveries, newest first, and their count.
func (s *Service) Deliveries(ctx context.Context, webhookID string, status []string, offset, limit int) ([]*Delivery, int, error) {
	q := s.db.Read()
	if _, err := getWebhook(ctx, q, webhookID); err != nil {
		return nil, 0, err
	}
	w := sqlq.NewWhere("")
	w.Eq("webhook_id", webhookID)
	w.InFilter("status", status)
	var count int
	if err := q.QueryRowContext(ctx, `SELECT count(*) FROM webhook_delivery`+w.SQL(), w.Args()...).Scan(&count); err != nil {
		return nil, 0, fmt.Errorf("count deliveries of %s: %w", webhookID, err)
	}
	out, err := sqlq.Collect(ctx, q, scanDelivery, `SELECT `+deliveryColumns+` FROM webhook_delivery`+w.SQL()+
		fmt.Sprintf(` ORDER BY id DESC LIMIT %d OFFSET %d`, limit, offset), w.Args()...)
	return out, count, err
}

// Redeliver sends a delivery again, with the same webhook-id, after those pending before it:
// it becomes pending and due now, whatever became of it.
func (s *Service) Redeliver(ctx context.Context, webhookID, deliveryID string) (*Delivery, error) {
	var d *Delivery
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		w, err := getWebhook(ctx, tx, webhookID)
		if err != nil {
			return err
		}
		if err := rbac.CheckWrite(ctx, rbac.Policies{"webhook:update"}, "webhook", "update", channelList(w.SalesChannelID)); err != nil {
			return err
		}
		now := s.now()
		res, err := tx.ExecContext(ctx, `UPDATE webhook_delivery SET status = $3, next_attempt_at = $4, updated_at = $4
			WHERE id = $1 AND webhook_id = $2`, deliveryID, webhookID, StatusPending, db.Time{Time: now})
		if err != nil {
			return fmt.Errorf("redeliver %s: %w", deliveryID, err)
		}
		if n, _ := res.RowsAffected(); n == 0 {
			return apperr.NotFoundf("Webhook delivery with id: %s was not found", deliveryID)
		}
		d, err = sqlq.One(tx.QueryRowContext(ctx, `SELECT `+deliveryColumns+` FROM webhook_delivery WHERE id = $1`, deliveryID),
			scanDelivery, apperr.NotFoundf("Webhook delivery with id: %s was not found", deliveryID), "get delivery")
		return err
	})
	if err != nil {
		return nil, err
	}
	s.wake()
	return d, nil
}
