package product

import (
	"context"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	"channeld/internal/saleschannel"
)

// Handler serves /admin/products and the product side of /admin/sales-channels.
type Handler struct {
	svc         *Service
	channels    *saleschannel.Service
	variantRels map[string]VariantRelation
	variantSpec *fields.Spec[variantView]
}

// NewHandler returns the admin handler for svc; channels answers the channel link route.
// variantRels are the relations of variants that other modules provide to `fields`, by name
// (inventory_items, inventory, inventory_quantity).
func NewHandler(svc *Service, channels *saleschannel.Service, variantRels map[string]VariantRelation) *Handler {
	return &Handler{svc: svc, channels: channels, variantRels: variantRels, variantSpec: buildVariantSpec(variantRels)}
}

// Routes lists the admin routes. Writes to a variant answer its product, as Medusa's do.
func (h *Handler) Routes() []httpapi.Route {
	products := fields.Selector{Defaults: DefaultFields, Check: Spec.Check}
	variants := fields.Selector{Defaults: DefaultVariantFields, Check: h.variantSpec.Check}
	allVariants := fields.Selector{Defaults: DefaultAllVariantFields, Check: h.variantSpec.Check}
	channels := fields.Selector{Defaults: saleschannel.DefaultFields, Check: saleschannel.Spec.Check}
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/products", Summary: "List products", Query: listQuery, Response: "products", Serve: httpapi.Page(products, h.list)},
		{Method: "POST", Path: "/admin/products", Summary: "Create a product", Query: selectQuery, Body: createBody, Response: "product", Serve: httpapi.One(products, h.create)},
		{Method: "POST", Path: "/admin/products/batch", Summary: "Create, update and delete products at once", Query: selectQuery, Body: batchBody, Response: "created", Serve: httpapi.Reply(products, h.batch)},
		{Method: "GET", Path: "/admin/products/{id}", Summary: "Retrieve a product", Query: selectQuery, Response: "product", Serve: httpapi.One(products, h.retrieve)},
		{Method: "POST", Path: "/admin/products/{id}", Summary: "Update a product", Query: selectQuery, Body: updateBody, Response: "product", Serve: httpapi.One(products, h.update)},
		{Method: "DELETE", Path: "/admin/products/{id}", Summary: "Delete a product", Response: "deleted", Serve: httpapi.Delete("product", h.svc.Delete)},
		{Method: "GET", Path: "/admin/products/{id}/variants", Summary: "List a product's variants", Query: variantListQuery, Response: "variants", Serve: httpapi.Page(variants, h.listVariants)},
		{Method: "POST", Path: "/admin/products/{id}/variants", Summary: "Add a variant to a product", Query: selectQuery, Body: variantCreateBody, Response: "product", Serve: httpapi.One(products, h.createVariant)},
		{Method: "GET", Path: "/admin/products/{id}/variants/{variant_id}", Summary: "Retrieve a variant", Query: selectQuery, Response: "variant", Serve: httpapi.One(variants, h.retrieveVariant)},
		{Method: "POST", Path: "/admin/products/{id}/variants/{variant_id}", Summary: "Update a variant", Query: selectQuery, Body: variantUpdateBody, Response: "product", Serve: httpapi.One(products, h.updateVariant)},
		{Method: "DELETE", Path: "/admin/products/{id}/variants/{variant_id}", Summary: "Delete a variant", Response: "deleted", Serve: httpapi.Reply(products, h.deleteVariant)},
		{Method: "GET", Path: "/admin/product-variants", Summary: "List the variants of every product", Query: variantListQuery, Response: "variants", Serve: httpapi.Page(allVariants, h.listVariants)},
		{Method: "POST", Path: "/admin/sales-channels/{id}/products", Summary: "Link products to and unlink them from a sales channel", Query: selectQuery, Body: linkBody, Response: "sales_channel", Serve: httpapi.Entity(channels, saleschannel.Spec, h.linkChannel)},
	}
}

func (h *Handler) list(ctx context.Context, in *httpapi.Input[listParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	f := p.filterParams.filter()
	f.And, f.Or = httpapi.ConvertGroups(p.Groups, filterParams.filter)
	ps, count, err := h.svc.List(ctx, f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order}, include(in.Fields))
	if err != nil {
		return nil, 0, err
	}
	return Spec.AppendList(nil, ps, in.Fields), count, nil
}

// product writes a product read back with the relations sel asks for.
func (h *Handler) product(ctx context.Context, productID string, sel *fields.Selection) ([]byte, error) {
	p, err := h.svc.Get(ctx, productID, include(sel))
	if err != nil {
		return nil, err
	}
	return Spec.Append(nil, p, sel), nil
}

func (h *Handler) retrieve(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	return h.product(ctx, in.Path("id"), in.Fields)
}

func (h *Handler) create(ctx context.Context, in *httpapi.Input[httpapi.Fields, productReq]) ([]byte, error) {
	p, err := h.svc.Create(ctx, in.Body.create())
	if err != nil {
		return nil, err
	}
	return h.product(ctx, p.ID, in.Fields)
}

func (h *Handler) update(ctx context.Context, in *httpapi.Input[httpapi.Fields, productReq]) ([]byte, error) {
	p, err := h.svc.Update(ctx, in.Path("id"), in.Body.update())
	if err != nil {
		return nil, err
	}
	return h.product(ctx, p.ID, in.Fields)
}

// batch answers {"created": [...], "updated": [...], "deleted": {ids, object, deleted}}, the
// written products read back with the relations `fields` asks for.
func (h *Handler) batch(ctx context.Context, in *httpapi.Input[httpapi.Fields, batchReq]) ([]byte, error) {
	req := in.Body
	batch := BatchInput{Delete: req.Delete}
	for _, c := range req.Create {
		batch.Create = append(batch.Create, c.create())
	}
	for _, u := range req.Update {
		batch.Update = append(batch.Update, BatchUpdate{ID: u.ID, UpdateInput: u.update()})
	}
	res, err := h.svc.Batch(ctx, batch)
	if err != nil {
		return nil, err
	}
	inc := include(in.Fields)
	created, err := h.svc.GetMany(ctx, res.Created, inc)
	if err != nil {
		return nil, err
	}
	updated, err := h.svc.GetMany(ctx, res.Updated, inc)
	if err != nil {
		return nil, err
	}
	b := append([]byte(`{"created":`), Spec.AppendList(nil, created, in.Fields)...)
	b = append(b, `,"updated":`...)
	b = Spec.AppendList(b, updated, in.Fields)
	b = append(b, `,"deleted":{"ids":`...)
	b = appendStrings(b, req.Delete)
	b = append(b, `,"object":"product","deleted":true}}`...)
	return b, nil
}

func appendStrings(b []byte, ss []string) []byte {
	b = append(b, '[')
	for i, s := range ss {
		if i > 0 {
			b = append(b, ',')
		}
		b = fields.AppendString(b, s)
	}
	return append(b, ']')
}

// linkChannel links and unlinks products of a channel and answers the channel.
func (h *Handler) linkChannel(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.Links]) (*saleschannel.SalesChannel, error) {
	channelID := in.Path("id")
	if err := h.svc.LinkChannel(ctx, channelID, in.Body.Add, in.Body.Remove); err != nil {
		return nil, err
	}
	return h.channels.Get(ctx, channelID)
}
