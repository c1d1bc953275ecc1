package dashboard

import (
	"context"
	"slices"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	"channeld/internal/platform/sqlq"
	v "channeld/internal/platform/validate"
)

// notification is Medusa's notification entity. channeld sends no notifications (its events
// go to webhooks and NATS), so there is never one: the type only describes the fields a
// request may name.
type notification struct {
	ID        string
	CreatedAt time.Time
}

// notificationScalars are the fields of Medusa's notification model, in its order.
var notificationScalars = []string{"id", "to", "from", "channel", "template", "data", "provider_data", "trigger_type",
	"resource_id", "resource_type", "receiver_id", "original_notification_id", "idempotency_key", "external_id",
	"status", "provider_id", "created_at", "updated_at", "deleted_at"}

var notificationSpec = &fields.Spec[notification]{
	Scalars: notificationScalars,
	Scalar: func(b []byte, n *notification, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, n.ID)
		case "created_at", "updated_at":
			return fields.AppendTime(b, n.CreatedAt)
		}
		return fields.AppendNull(b)
	},
	Relations: map[string]fields.Relation[notification]{"provider": fields.Absent[notification]()},
}

// notifications selects Medusa's default notification fields.
var notifications = fields.Selector{Defaults: []string{"id", "to", "channel", "template", "data", "trigger_type",
	"resource_id", "resource_type", "receiver_id", "created_at", "updated_at"}, Check: notificationSpec.Check}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

func notificationFilters() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()}, httpapi.MatchFilters("id", "channel", "to"))
}

// notificationListQuery is Medusa's AdminGetNotificationsParams: 50 a page, newest first.
var notificationListQuery = v.Object(httpapi.FilterParams(50, notificationFilters)...).Strict()

// notificationOrder are the fields a notification list may be ordered by.
var notificationOrder = func() map[string]string {
	m := map[string]string{}
	for _, n := range notificationScalars {
		if n != "data" && n != "provider_data" {
			m[n] = n
		}
	}
	return m
}()

type notificationListParams struct {
	httpapi.Paging
}

// listNotifications checks the order as a list of stored notifications would, then answers
// the empty page.
func (h *Handler) listNotifications(_ context.Context, in *httpapi.Input[notificationListParams, httpapi.NoBody]) ([]*notification, int, error) {
	if _, err := sqlq.OrderBy(in.Query.Order, notificationOrder, "id"); err != nil {
		return nil, 0, err
	}
	return nil, 0, nil
}

func (h *Handler) retrieveNotification(_ context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*notification, error) {
	return nil, apperr.NotFoundf("Notification with id: %s was not found", in.Path("id"))
}
