package saleschannel

import (
	"context"
	"slices"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
)

// Relation is a relation of channels that another module provides, such as
// publishable_api_keys or stock_locations.
type Relation struct {
	Unknown func(sub *fields.Selection) []string
	// Load returns, per channel id, the JSON value to embed (an array).
	Load func(ctx context.Context, channelIDs []string, sub *fields.Selection) (map[string][]byte, error)
}

// Handler serves /admin/sales-channels.
type Handler struct {
	svc       *Service
	relations map[string]Relation
	spec      *fields.Spec[view]
}

// NewHandler returns the admin handler for svc. relations are the relations of channels that
// other modules provide to `fields`, by name (publishable_api_keys, stock_locations).
func NewHandler(svc *Service, relations map[string]Relation) *Handler {
	h := &Handler{svc: svc, relations: relations}
	h.spec = h.buildSpec()
	return h
}

// view is a channel with its loaded relations, as the field projection writes it.
type view struct {
	*SalesChannel
	rels map[string][]byte
}

// DefaultFields are Medusa's default sales channel fields, in its order.
var DefaultFields = []string{"id", "name", "description", "is_disabled", "created_at", "updated_at", "deleted_at", "metadata"}

// Spec writes a sales channel; other modules embed channels with it.
var Spec = &fields.Spec[SalesChannel]{Scalars: scalars, Scalar: fields.Columns[SalesChannel](scalars, nil)}

// scalars are a channel's scalar fields, in the order "*" writes them.
var scalars = []string{"id", "name", "description", "is_disabled", "metadata", "created_at", "updated_at", "deleted_at"}

func (h *Handler) buildSpec() *fields.Spec[view] {
	spec := &fields.Spec[view]{
		Scalars:   Spec.Scalars,
		Scalar:    func(b []byte, e *view, name string) []byte { return Spec.Scalar(b, e.SalesChannel, name) },
		Relations: settingsRelations(),
	}
	for name, r := range h.relations {
		name := name
		spec.Relations[name] = fields.Relation[view]{
			Unknown:  r.Unknown,
			AsScalar: true,
			Append: func(b []byte, e *view, _ *fields.Selection) []byte {
				if raw, ok := e.rels[name]; ok {
					return append(b, raw...)
				}
				return append(b, "[]"...)
			},
		}
	}
	return spec
}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	channels := fields.Selector{Defaults: DefaultFields, Check: h.spec.Check}
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/sales-channels", Summary: "List sales channels", Query: listQuery, Response: "sales_channels", Serve: httpapi.Page(channels, h.list)},
		{Method: "POST", Path: "/admin/sales-channels", Summary: "Create a sales channel", Query: selectQuery, Body: createBody, Response: "sales_channel", Serve: httpapi.One(channels, h.create)},
		{Method: "GET", Path: "/admin/sales-channels/{id}", Summary: "Retrieve a sales channel", Query: selectQuery, Response: "sales_channel", Serve: httpapi.One(channels, h.retrieve)},
		{Method: "POST", Path: "/admin/sales-channels/{id}", Summary: "Update a sales channel", Query: selectQuery, Body: updateBody, Response: "sales_channel", Serve: httpapi.One(channels, h.update)},
		{Method: "DELETE", Path: "/admin/sales-channels/{id}", Summary: "Delete a sales channel", Response: "deleted", Serve: httpapi.Delete("sales-channel", h.svc.Delete)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

func directFields() []v.Field {
	return slices.Concat([]v.Field{httpapi.Search()}, httpapi.MatchFilters("id", "name"),
		[]v.Field{v.F("description", v.Optional(v.String())), v.F("is_disabled", v.Optional(v.BoolString()))},
		httpapi.DateFilters("created_at", "updated_at", "deleted_at"))
}

var listQuery = v.Object(slices.Concat(httpapi.FilterParams(20, directFields),
	httpapi.MatchFilters("location_id", "publishable_key_id", "seller_id"))...).Strict()

var createBody = v.Object(slices.Concat([]v.Field{
	v.F("name", v.String()),
	v.F("description", v.Nullish(v.String())),
	v.F("is_disabled", v.Optional(v.Bool())),
	v.F("metadata", v.Nullish(v.Record())),
}, settingsFields)...).Strict()

var updateBody = createBody.Partial()

type filterParams struct {
	Q           string   `json:"q"`
	ID          []string `json:"id"`
	Name        []string `json:"name"`
	Description *string  `json:"description"`
	IsDisabled  *bool    `json:"is_disabled"`
	httpapi.DateParams
}

func (p filterParams) filter() Filter {
	return Filter{Q: p.Q, IDs: p.ID, Names: p.Name, Description: p.Description, IsDisabled: p.IsDisabled,
		CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt, DeletedAt: p.DeletedAt}
}

type listParams struct {
	httpapi.Paging
	filterParams
	httpapi.Groups[filterParams]
	LocationID       []string `json:"location_id"`
	PublishableKeyID []string `json:"publishable_key_id"`
	SellerID         []string `json:"seller_id"`
}

// render writes channels with the relations sel asks for, loaded in one batch per relation.
func (h *Handler) render(ctx context.Context, cs []*SalesChannel, sel *fields.Selection) ([]*view, error) {
	if asksSettings(sel) {
		if err := loadSettings(ctx, h.svc.db.Read(), cs); err != nil {
			return nil, err
		}
	}
	views := make([]*view, len(cs))
	ids := make([]string, len(cs))
	for i, c := range cs {
		views[i] = &view{SalesChannel: c}
		ids[i] = c.ID
	}
	for name, r := range h.relations {
		sub := sel.Rel(name)
		if sub == nil && !sel.Has(name) {
			continue
		}
		if sub == nil {
			sub = fields.FromList("*")
		}
		loaded, err := r.Load(ctx, ids, sub)
		if err != nil {
			return nil, err
		}
		for _, vw := range views {
			if vw.rels == nil {
				vw.rels = map[string][]byte{}
			}
			if raw, ok := loaded[vw.ID]; ok {
				vw.rels[name] = raw
			}
		}
	}
	return views, nil
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	f := p.filterParams.filter()
	f.And, f.Or = httpapi.ConvertGroups(p.Groups, filterParams.filter)
	f.KeyIDs, f.LocationIDs, f.SellerIDs = p.PublishableKeyID, p.LocationID, p.SellerID
	cs, count, err := h.svc.List(ctx, f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return nil, 0, err
	}
	views, err := h.render(ctx, cs, in.Fields)
	if err != nil {
		return nil, 0, err
	}
	return h.spec.AppendList(nil, views, in.Fields), count, nil
}

// one writes c with the relations sel asks for.
func (h *Handler) one(ctx context.Context, c *SalesChannel, sel *fields.Selection) ([]byte, error) {
	views, err := h.render(ctx, []*SalesChannel{c}, sel)
	if err != nil {
		return nil, err
	}
	return h.spec.Append(nil, views[0], sel), nil
}

type createRequest struct {
	Name        string     `json:"name"`
	Description *string    `json:"description"`
	IsDisabled  bool       `json:"is_disabled"`
	Metadata    v.Metadata `json:"metadata"`
	settingsRequest
}

func (h *Handler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, createRequest]) ([]byte, error) {
	req := in.Body
	c, err := h.svc.Create(ctx, CreateInput{
		Name: req.Name, Description: req.Description, IsDisabled: req.IsDisabled, Metadata: req.Metadata.Value,
		Settings: req.settings(), SellerID: req.SellerID.Value,
	})
	if err != nil {
		return nil, err
	}
	return h.one(ctx, c, in.Fields)
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	c, err := h.svc.Get(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return h.one(ctx, c, in.Fields)
}

type updateRequest struct {
	Name        *string        `json:"name"`
	Description v.Opt[*string] `json:"description"`
	IsDisabled  *bool          `json:"is_disabled"`
	Metadata    v.Metadata     `json:"metadata"`
	settingsRequest
}

func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, updateRequest]) ([]byte, error) {
	req := in.Body
	up := UpdateInput{Name: req.Name, IsDisabled: req.IsDisabled, SetDescription: req.Description.Set,
		SetMetadata: req.Metadata.Set, Metadata: req.Metadata.Value,
		Settings: req.settings(), SetSeller: req.SellerID.Set, SellerID: req.SellerID.Value}
	if req.Description.Set && !req.Description.Null {
		up.Description = req.Description.Value
	}
	c, err := h.svc.Update(ctx, in.Path("id"), up)
	if err != nil {
		return nil, err
	}
	return h.one(ctx, c, in.Fields)
}
