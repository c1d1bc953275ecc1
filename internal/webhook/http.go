package webhook

import (
	"context"
	"encoding/json"
	"time"

	"channeld/internal/platform/db"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Handler serves /admin/webhooks.
type Handler struct{ svc *Service }

// NewHandler returns the handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	sel := httpapi.NoFields
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/webhooks", Summary: "List webhooks", Query: pageQuery, Response: "webhooks",
			Serve: httpapi.Page(sel, h.list)},
		{Method: "POST", Path: "/admin/webhooks", Summary: "Register a webhook; the answer holds its signing secret, shown only here",
			Query: selectQuery, Body: createBody, Response: "webhook", Serve: httpapi.One(sel, h.create)},
		{Method: "GET", Path: "/admin/webhooks/{id}", Summary: "Retrieve a webhook", Query: selectQuery, Response: "webhook",
			Serve: httpapi.One(sel, h.retrieve)},
		{Method: "POST", Path: "/admin/webhooks/{id}", Summary: "Update a webhook", Query: selectQuery, Body: updateBody,
			Response: "webhook", Serve: httpapi.One(sel, h.update)},
		{Method: "DELETE", Path: "/admin/webhooks/{id}", Summary: "Delete a webhook", Response: "deleted",
			Serve: httpapi.Delete("webhook", h.svc.Delete)},
		{Method: "GET", Path: "/admin/webhooks/{id}/deliveries", Summary: "List a webhook's deliveries, newest first",
			Query: deliveriesQuery, Response: "deliveries", Serve: httpapi.Page(sel, h.deliveries)},
		{Method: "POST", Path: "/admin/webhooks/{id}/deliveries/{delivery_id}/redeliver",
			Summary: "Send a delivery again, with the same webhook-id", Query: selectQuery, Response: "delivery",
			Serve: httpapi.One(sel, h.redeliver)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var pageQuery = v.Object(httpapi.FindParams(20)...).Strict()

var deliveriesQuery = v.Object(append(httpapi.FindParams(20),
	v.F("status", v.Optional(v.StringOrArray())))...).Strict()

var createBody = v.Object(
	v.F("url", v.String().Min(1).Max(2048)),
	v.F("events", v.Array(v.String()).Min(1).Max(100)),
	v.F("sales_channel_id", v.Nullish(v.String())),
	v.F("is_disabled", v.Optional(v.Bool())),
).Strict()

var updateBody = v.Object(
	v.F("url", v.Optional(v.String().Min(1).Max(2048))),
	v.F("events", v.Optional(v.Array(v.String()).Min(1).Max(100))),
	v.F("sales_channel_id", v.Nullish(v.String())),
	v.F("is_disabled", v.Optional(v.Bool())),
).Strict()

type request struct {
	URL            *string        `json:"url"`
	Events         []string       `json:"events"`
	SalesChannelID v.Opt[*string] `json:"sales_channel_id"`
	IsDisabled     *bool          `json:"is_disabled"`
}

func (r request) input() Input {
	return Input{URL: r.URL, Events: r.Events, SetChannel: r.SalesChannelID.Set, SalesChannelID: r.SalesChannelID.Value,
		IsDisabled: r.IsDisabled}
}

type deliveriesParams struct {
	httpapi.Paging
	Status []string `json:"status"`
}

// view is a webhook on the wire; the secret is whole only in the create answer.
type view struct {
	ID             string   `json:"id"`
	URL            string   `json:"url"`
	Events         []string `json:"events"`
	SalesChannelID *string  `json:"sales_channel_id"`
	IsDisabled     bool     `json:"is_disabled"`
	DisabledReason *string  `json:"disabled_reason"`
	FailingSince   *string  `json:"failing_since"`
	Secret         string   `json:"secret"`
	CreatedAt      string   `json:"created_at"`
	UpdatedAt      string   `json:"updated_at"`
}

func viewOf(w *Webhook, withSecret bool) view {
	out := view{ID: w.ID, URL: w.URL, Events: w.Events, SalesChannelID: w.SalesChannelID, IsDisabled: w.IsDisabled,
		DisabledReason: w.DisabledReason, FailingSince: timePtr(w.FailingSince), Secret: redacted(w.Secret),
		CreatedAt: db.FormatTime(w.CreatedAt), UpdatedAt: db.FormatTime(w.UpdatedAt)}
	if withSecret {
		out.Secret = w.Secret
	}
	return out
}

type deliveryView struct {
	ID            string          `json:"id"`
	WebhookID     string          `json:"webhook_id"`
	EventID       string          `json:"event_id"`
	EventName     string          `json:"event_name"`
	Data          json.RawMessage `json:"data"`
	Status        string          `json:"status"`
	Attempts      int             `json:"attempts"`
	NextAttemptAt *string         `json:"next_attempt_at"`
	LastError     *string         `json:"last_error"`
	ResponseCode  *int            `json:"response_code"`
	CreatedAt     string          `json:"created_at"`
	UpdatedAt     string          `json:"updated_at"`
	DeliveredAt   *string         `json:"delivered_at"`
}

func deliveryViewOf(d *Delivery) deliveryView {
	out := deliveryView{ID: d.ID, WebhookID: d.WebhookID, EventID: d.EventID, EventName: d.EventName, Data: d.Payload,
		Status: d.Status, Attempts: d.Attempts, LastError: d.LastError, ResponseCode: d.ResponseCode,
		CreatedAt: db.FormatTime(d.CreatedAt), UpdatedAt: db.FormatTime(d.UpdatedAt), DeliveredAt: timePtr(d.DeliveredAt)}
	if d.Status == StatusPending {
		out.NextAttemptAt = timePtr(&d.NextAttemptAt)
	}
	return out
}

func timePtr(t *time.Time) *string {
	if t == nil {
		return nil
	}
	s := db.FormatTime(*t)
	return &s
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[httpapi.Paging, httpapi.NoBody]) ([]byte, int, error) {
	ws, count, err := h.svc.List(ctx, in.Query.Offset, in.Query.Limit)
	if err != nil {
		return nil, 0, err
	}
	out := make([]view, len(ws))
	for i, w := range ws {
		out[i] = viewOf(w, false)
	}
	raw, err := json.Marshal(out)
	return raw, count, err
}

func (h *Handler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, request]) ([]byte, error) {
	w, err := h.svc.Create(ctx, in.Body.input())
	if err != nil {
		return nil, err
	}
	return json.Marshal(viewOf(w, true))
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	w, err := h.svc.Get(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return json.Marshal(viewOf(w, false))
}

func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, request]) ([]byte, error) {
	w, err := h.svc.Update(ctx, in.Path("id"), in.Body.input())
	if err != nil {
		return nil, err
	}
	return json.Marshal(viewOf(w, false))
}

func (h *Handler) deliveries(ctx context.Context, in *httpapi.Input[deliveriesParams, httpapi.NoBody]) ([]byte, int, error) {
	ds, count, err := h.svc.Deliveries(ctx, in.Path("id"), in.Query.Status, in.Query.Offset, in.Query.Limit)
	if err != nil {
		return nil, 0, err
	}
	out := make([]deliveryView, len(ds))
	for i, d := range ds {
		out[i] = deliveryViewOf(d)
	}
	raw, err := json.Marshal(out)
	return raw, count, err
}

func (h *Handler) redeliver(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	d, err := h.svc.Redeliver(ctx, in.Path("id"), in.Path("delivery_id"))
	if err != nil {
		return nil, err
	}
	return json.Marshal(deliveryViewOf(d))
}
