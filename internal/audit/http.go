package audit

import (
	"context"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Handler serves GET /admin/audit-logs. Entries are append-only: there is no route that
// changes or deletes one.
type Handler struct{ logs *Reader }

// NewHandler returns the handler listing through logs.
func NewHandler(logs *Reader) *Handler { return &Handler{logs: logs} }

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/audit-logs", Summary: "List audit log entries", Query: listQuery, Response: "audit_logs",
			Serve: httpapi.Page(httpapi.NoFields, h.list)},
	}
}

// listQuery is channel-model.md §5.8's strict query; entries have fixed fields, so it takes
// no `fields`.
var listQuery = v.Object(append(httpapi.MatchFilters("action", "resource", "resource_id", "sales_channel_id", "actor_id"),
	v.F("created_at", v.Optional(v.OperatorMap(v.String()))),
	v.F("offset", v.Default(v.IntString().Gte(0).Lte(httpapi.MaxOffset), int64(0))),
	v.F("limit", v.Default(v.IntString().Gte(0).Lte(httpapi.MaxLimit), int64(50))),
	v.F("order", v.Optional(v.Enum("created_at", "-created_at"))),
)...).Strict()

type listParams struct {
	httpapi.Paging
	Action         []string       `json:"action"`
	Resource       []string       `json:"resource"`
	ResourceID     []string       `json:"resource_id"`
	SalesChannelID []string       `json:"sales_channel_id"`
	ActorID        []string       `json:"actor_id"`
	CreatedAt      map[string]any `json:"created_at"`
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	logs, count, err := h.logs.List(ctx, Filter{Actions: p.Action, Resources: p.Resource, ResourceIDs: p.ResourceID,
		SalesChannelIDs: p.SalesChannelID, ActorIDs: p.ActorID, CreatedAt: p.CreatedAt},
		Page{Offset: p.Offset, Limit: p.Limit, Ascending: p.Order == "created_at"})
	if err != nil {
		return nil, 0, err
	}
	b := []byte{'['}
	for i, l := range logs {
		if i > 0 {
			b = append(b, ',')
		}
		b = appendLog(b, l)
	}
	return append(b, ']'), count, nil
}

// appendLog writes an entry with its default fields, in §5.8's order.
func appendLog(b []byte, l *Log) []byte {
	b = append(b, `{"id":`...)
	b = fields.AppendString(b, l.ID)
	b = append(b, `,"action":`...)
	b = fields.AppendString(b, l.Action)
	b = append(b, `,"resource":`...)
	b = fields.AppendString(b, l.Resource)
	b = append(b, `,"resource_id":`...)
	b = fields.AppendString(b, l.ResourceID)
	b = append(b, `,"sales_channel_id":`...)
	b = fields.AppendNullString(b, l.SalesChannelID)
	b = append(b, `,"actor_type":`...)
	b = fields.AppendNullString(b, l.ActorType)
	b = append(b, `,"actor_id":`...)
	b = fields.AppendNullString(b, l.ActorID)
	b = append(b, `,"cause":`...)
	b = fields.AppendNullString(b, l.Cause)
	b = append(b, `,"changes":`...)
	b = fields.AppendRaw(b, l.Changes)
	b = append(b, `,"created_at":`...)
	b = fields.AppendTime(b, l.CreatedAt)
	return append(b, '}')
}
