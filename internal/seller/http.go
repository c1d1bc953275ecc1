package seller

import (
	"context"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	v "channeld/internal/platform/validate"
	"channeld/internal/saleschannel"
)

// Handler serves /admin/sellers.
type Handler struct {
	svc *Service
}

// NewHandler returns the handler for svc.
func NewHandler(svc *Service) *Handler { return &Handler{svc: svc} }

// DefaultFields are a seller's fields when `fields` names none.
var DefaultFields = []string{"id", "name", "email", "metadata", "created_at", "updated_at", "deleted_at"}

// view is a seller with its channels when `fields` asks for them.
type view struct {
	*Seller
	channels []*saleschannel.SalesChannel
}

var spec = &fields.Spec[view]{
	Scalars: []string{"id", "name", "email", "metadata", "created_at", "updated_at", "deleted_at"},
	Scalar: func(b []byte, s *view, name string) []byte {
		switch name {
		case "id":
			return fields.AppendString(b, s.ID)
		case "name":
			return fields.AppendString(b, s.Name)
		case "email":
			return fields.AppendNullString(b, s.Email)
		case "metadata":
			return fields.AppendRaw(b, s.Metadata)
		}
		return fields.AppendTimestamps(b, name, s.CreatedAt, s.UpdatedAt, s.DeletedAt)
	},
	Relations: map[string]fields.Relation[view]{
		"sales_channels": {
			Unknown: fields.Nested(saleschannel.Spec),
			Append: func(b []byte, s *view, sub *fields.Selection) []byte {
				return saleschannel.Spec.AppendList(b, s.channels, sub)
			},
		},
	},
}

var sellers = fields.Selector{Defaults: DefaultFields, Check: spec.Check}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/sellers", Summary: "List sellers", Query: listQuery, Response: "sellers", Serve: httpapi.Page(sellers, h.list)},
		{Method: "POST", Path: "/admin/sellers", Summary: "Create a seller", Query: selectQuery, Body: createBody, Response: "seller", Serve: httpapi.One(sellers, h.create)},
		{Method: "GET", Path: "/admin/sellers/{id}", Summary: "Retrieve a seller", Query: selectQuery, Response: "seller", Serve: httpapi.One(sellers, h.retrieve)},
		{Method: "POST", Path: "/admin/sellers/{id}", Summary: "Update a seller", Query: selectQuery, Body: updateBody, Response: "seller", Serve: httpapi.One(sellers, h.update)},
		{Method: "DELETE", Path: "/admin/sellers/{id}", Summary: "Delete a seller", Response: "deleted", Serve: httpapi.Delete("seller", h.svc.Delete)},
	}
}

var selectQuery = v.Object(httpapi.SelectParams()...).Strict()

var listQuery = v.Object(append(httpapi.FindParams(20),
	httpapi.Search(),
	v.F("id", v.Optional(v.StringOrArray())),
	v.F("name", v.Optional(v.StringOrArray())),
	v.F("created_at", v.Optional(v.OperatorMap(v.String()))),
	v.F("updated_at", v.Optional(v.OperatorMap(v.String()))),
)...).Strict()

var createBody = v.Object(
	v.F("name", v.String()),
	v.F("email", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

var updateBody = v.Object(
	v.F("name", v.Optional(v.String())),
	v.F("email", v.Nullish(v.String())),
	v.F("metadata", v.Nullish(v.Record())),
).Strict()

type listParams struct {
	httpapi.Paging
	Q         string         `json:"q"`
	ID        []string       `json:"id"`
	Name      []string       `json:"name"`
	CreatedAt map[string]any `json:"created_at"`
	UpdatedAt map[string]any `json:"updated_at"`
}

// render writes sellers with their channels when sel asks for them, read in one batch.
func (h *Handler) render(ctx context.Context, ss []*Seller, sel *fields.Selection) ([]*view, error) {
	views := make([]*view, len(ss))
	ids := make([]string, len(ss))
	for i, s := range ss {
		views[i], ids[i] = &view{Seller: s}, s.ID
	}
	if sel.Rel("sales_channels") == nil && !sel.Has("sales_channels") {
		return views, nil
	}
	chans, err := h.svc.channels.OfSellers(ctx, h.svc.db.Read(), ids)
	if err != nil {
		return nil, err
	}
	for _, vw := range views {
		vw.channels = chans[vw.ID]
		if vw.channels == nil {
			vw.channels = []*saleschannel.SalesChannel{}
		}
	}
	return views, nil
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	ss, count, err := h.svc.List(ctx, Filter{Q: p.Q, IDs: p.ID, Names: p.Name, CreatedAt: p.CreatedAt, UpdatedAt: p.UpdatedAt},
		Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order})
	if err != nil {
		return nil, 0, err
	}
	views, err := h.render(ctx, ss, in.Fields)
	if err != nil {
		return nil, 0, err
	}
	return spec.AppendList(nil, views, in.Fields), count, nil
}

// one writes s as sel asks.
func (h *Handler) one(ctx context.Context, s *Seller, sel *fields.Selection) ([]byte, error) {
	views, err := h.render(ctx, []*Seller{s}, sel)
	if err != nil {
		return nil, err
	}
	return spec.Append(nil, views[0], sel), nil
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	s, err := h.svc.Get(ctx, in.Path("id"))
	if err != nil {
		return nil, err
	}
	return h.one(ctx, s, in.Fields)
}

type createRequest struct {
	Name     string         `json:"name"`
	Email    v.Opt[*string] `json:"email"`
	Metadata v.Metadata     `json:"metadata"`
}

func (h *Handler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, createRequest]) ([]byte, error) {
	s, err := h.svc.Create(ctx, CreateInput{Name: in.Body.Name, Email: in.Body.Email.Value, Metadata: in.Body.Metadata.Value})
	if err != nil {
		return nil, err
	}
	return h.one(ctx, s, in.Fields)
}

type updateRequest struct {
	Name     *string        `json:"name"`
	Email    v.Opt[*string] `json:"email"`
	Metadata v.Metadata     `json:"metadata"`
}

func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, updateRequest]) ([]byte, error) {
	req := in.Body
	s, err := h.svc.Update(ctx, in.Path("id"), UpdateInput{Name: req.Name, SetEmail: req.Email.Set, Email: req.Email.Value,
		SetMetadata: req.Metadata.Set, Metadata: req.Metadata.Value})
	if err != nil {
		return nil, err
	}
	return h.one(ctx, s, in.Fields)
}
