package apikey

import (
	"context"
	"slices"
	"time"

	"channeld/internal/auth"
	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/saleschannel"
)

// Handler serves /admin/api-keys.
type Handler struct {
	svc *Service
	// keys writes keys with their linked channels. Writes answer the state they committed,
	// refetching nothing.
	keys *saleschannel.Linker[APIKey]
}

// NewHandler returns the admin handler for svc.
func NewHandler(svc *Service) *Handler {
	return &Handler{svc: svc, keys: saleschannel.NewLinker(Spec, func(k *APIKey) string { return k.ID }, svc.ChannelsOf)}
}

// DefaultFields are Medusa's default API key fields, in its order.
var DefaultFields = []string{"id", "title", "token", "redacted", "type", "last_used_at", "updated_at",
	"created_at", "created_by", "revoked_at", "revoked_by", "sales_channels.id", "sales_channels.name"}

// Spec writes a key without relations; the sales channel handler embeds keys with it.
var Spec = &fields.Spec[APIKey]{
	// The order of Medusa's create response, which is the module's DTO. deleted_at is always
	// null: keys are hard-deleted, but Medusa's DTO carries the field.
	Scalars: scalars,
	Scalar:  fields.Columns(scalars, map[string]func([]byte, *APIKey) []byte{"deleted_at": fields.Null[APIKey]}),
}

// scalars are a key's scalar fields, in the order "*" writes them.
var scalars = []string{"id", "token", "redacted", "title", "type", "last_used_at", "created_by",
	"revoked_by", "revoked_at", "created_at", "updated_at", "deleted_at"}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	keys := fields.Selector{Defaults: DefaultFields, Check: h.keys.Check}
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/api-keys", Summary: "List API keys", Query: listQuery, Response: "api_keys", Serve: httpapi.Page(keys, h.list)},
		{Method: "POST", Path: "/admin/api-keys", Summary: "Create an API key", Query: selectQuery, Body: createBody, Response: "api_key", Serve: httpapi.One(httpapi.NoFields, h.create)},
		{Method: "GET", Path: "/admin/api-keys/{id}", Summary: "Retrieve an API key", Query: selectQuery, Response: "api_key", Serve: httpapi.Written(keys, h.keys, h.retrieve)},
		{Method: "POST", Path: "/admin/api-keys/{id}", Summary: "Update an API key's title", Query: selectQuery, Body: updateBody, Response: "api_key", Serve: httpapi.Written(keys, h.keys, h.update)},
		{Method: "DELETE", Path: "/admin/api-keys/{id}", Summary: "Delete a revoked API key", Response: "deleted", Serve: httpapi.Delete("api_key", h.svc.Delete)},
		{Method: "POST", Path: "/admin/api-keys/{id}/revoke", Summary: "Revoke an API key, now or after revoke_in seconds", Query: selectQuery, Body: revokeBody, Response: "api_key", Serve: httpapi.Written(keys, h.keys, h.revoke)},
		{Method: "POST", Path: "/admin/api-keys/{id}/sales-channels", Summary: "Link and unlink sales channels of a publishable key", Query: selectQuery, Body: linkBody, Response: "api_key", Serve: httpapi.Written(keys, h.keys, h.linkChannels)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

func directFields() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()}, httpapi.MatchFilters("id", "title", "token"),
		[]v.Field{v.F("type", v.Optional(v.Enum(Publishable, Secret)))},
		httpapi.DateFilters("created_at", "updated_at", "deleted_at", "revoked_at"))
}

var listQuery = v.Object(httpapi.FilterParams(20, directFields)...).Strict()

// createBody is Medusa's, plus channeld's optional sales_channel_ids: the channels a
// publishable key is linked to as it is created (a channel-limited admin must name them).
var createBody = v.Object(
	v.F("title", v.String()),
	v.F("type", v.Enum(Publishable, Secret)),
	v.F("sales_channel_ids", v.Nullish(v.Array(v.String()).Min(1))),
).Strict()

var updateBody = v.Object(v.F("title", v.String())).Strict()

var revokeBody = v.Object(v.F("revoke_in", v.Optional(v.Number()))).Strict()

var linkBody = v.Object(httpapi.LinkParams()...).Strict()

type filterParams struct {
	Q     string   `json:"q"`
	ID    []string `json:"id"`
	Title []string `json:"title"`
	Token []string `json:"token"`
	Type  string   `json:"type"`
	httpapi.DateParams
	RevokedAt map[string]any `json:"revoked_at"`
}

func (p filterParams) filter() Filter {
	return Filter{Q: p.Q, IDs: p.ID, Titles: p.Title, Tokens: p.Token, Type: p.Type,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, DeletedAt: p.DeletedAt, RevokedAt: p.RevokedAt}
}

type listParams struct {
	httpapi.Paging
	filterParams
	httpapi.Groups[filterParams]
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	f := p.filterParams.filter()
	f.And, f.Or = httpapi.ConvertGroups(p.Groups, filterParams.filter)
	ks, count, err := h.svc.List(ctx, f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return nil, 0, err
	}
	items, err := h.keys.List(ctx, ks, in.Fields)
	return items, count, err
}

// actorID is the authenticated admin's id, recorded as created_by and revoked_by.
func actorID(ctx context.Context) string {
	a, _ := auth.ActorFrom(ctx)
	return a.ID
}

type createRequest struct {
	Title           string   `json:"title"`
	Type            string   `json:"type"`
	SalesChannelIDs []string `json:"sales_channel_ids"`
}

// create answers the module's DTO, as Medusa does: the raw token, every scalar, no channels,
// whatever `fields` says.
func (h *Handler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, createRequest]) ([]byte, error) {
	k, err := h.svc.Create(ctx, in.Body.Title, in.Body.Type, actorID(ctx), in.Body.SalesChannelIDs)
	if err != nil {
		return nil, err
	}
	return Spec.Append(nil, k, fields.FromList("*")), nil
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) (*APIKey, error) {
	return h.svc.Get(ctx, in.Path("id"))
}

type updateRequest struct {
	Title string `json:"title"`
}

// update changes the title. Medusa answers 200 {} for an unknown id; channeld answers 404.
func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, updateRequest]) (*APIKey, error) {
	return h.svc.Update(ctx, in.Path("id"), in.Body.Title)
}

type revokeRequest struct {
	RevokeIn *float64 `json:"revoke_in"`
}

// revoke sets revoked_at to now plus revoke_in seconds. An unknown id is a 404 (Medusa: 200 {}).
func (h *Handler) revoke(ctx context.Context, in *httpapi.Input[httpapi.Fields, revokeRequest]) (*APIKey, error) {
	var after time.Duration
	if s := in.Body.RevokeIn; s != nil && *s > 0 {
		// Capped at 100 years so the conversion cannot overflow.
		after = time.Duration(min(*s, 100*365*24*3600) * float64(time.Second))
	}
	return h.svc.Revoke(ctx, in.Path("id"), after, actorID(ctx))
}

// linkChannels adds and removes channel links, then answers the key as it now is. An unknown
// key is a 404 (Medusa: 500).
func (h *Handler) linkChannels(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.Links]) (*APIKey, error) {
	keyID := in.Path("id")
	if err := h.svc.LinkChannels(ctx, keyID, in.Body.Add, in.Body.Remove); err != nil {
		return nil, err
	}
	return h.svc.Get(ctx, keyID)
}

// ChannelRelation is the publishable_api_keys relation of sales channels: the keys linked to
// each channel of a page, loaded in one batch.
func (h *Handler) ChannelRelation() saleschannel.Relation {
	return saleschannel.RelationOf(Spec, h.svc.KeysOfChannels)
}
