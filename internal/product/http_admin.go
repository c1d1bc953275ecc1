package product

import (
	"context"
	"net/http"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
	"channeld/internal/saleschannel"
)

// Handler serves /admin/products and the product side of /admin/sales-channels.
type Handler struct {
	svc      *Service
	channels *saleschannel.Service
}

// NewHandler returns the admin handler for svc; channels answers the channel link route.
func NewHandler(svc *Service, channels *saleschannel.Service) *Handler {
	return &Handler{svc: svc, channels: channels}
}

// Routes lists the admin routes.
func (h *Handler) Routes() []httpapi.Route {
	return []httpapi.Route{
		{Method: "GET", Path: "/admin/products", Summary: "List products", Query: listQuery, Response: "products", Handler: h.list},
		{Method: "POST", Path: "/admin/products", Summary: "Create a product", Query: selectQuery, Body: createBody, Response: "product", Handler: h.create},
		{Method: "POST", Path: "/admin/products/batch", Summary: "Create, update and delete products at once", Query: selectQuery, Body: batchBody, Response: "created", Handler: h.batch},
		{Method: "GET", Path: "/admin/products/{id}", Summary: "Retrieve a product", Query: selectQuery, Response: "product", Handler: h.retrieve},
		{Method: "POST", Path: "/admin/products/{id}", Summary: "Update a product", Query: selectQuery, Body: updateBody, Response: "product", Handler: h.update},
		{Method: "DELETE", Path: "/admin/products/{id}", Summary: "Delete a product", Response: "deleted", Handler: h.delete},
		{Method: "GET", Path: "/admin/products/{id}/variants", Summary: "List a product's variants", Query: variantListQuery, Response: "variants", Handler: h.listVariants},
		{Method: "POST", Path: "/admin/products/{id}/variants", Summary: "Add a variant to a product", Query: selectQuery, Body: variantCreateBody, Response: "product", Handler: h.createVariant},
		{Method: "GET", Path: "/admin/products/{id}/variants/{variant_id}", Summary: "Retrieve a variant", Query: selectQuery, Response: "variant", Handler: h.retrieveVariant},
		{Method: "POST", Path: "/admin/products/{id}/variants/{variant_id}", Summary: "Update a variant", Query: selectQuery, Body: variantUpdateBody, Response: "product", Handler: h.updateVariant},
		{Method: "DELETE", Path: "/admin/products/{id}/variants/{variant_id}", Summary: "Delete a variant", Response: "deleted", Handler: h.deleteVariant},
		{Method: "POST", Path: "/admin/sales-channels/{id}/products", Summary: "Link products to and unlink them from a sales channel", Query: selectQuery, Body: linkBody, Response: "sales_channel", Handler: h.linkChannel},
	}
}

func selection(param *string, defaults []string, check func(*fields.Selection) error) (*fields.Selection, error) {
	s := ""
	if param != nil {
		s = *param
	}
	sel := fields.Parse(s, param != nil, defaults)
	return sel, check(sel)
}

func productSelection(param *string) (*fields.Selection, error) {
	return selection(param, DefaultFields, Spec.Check)
}

// readFields decodes the `fields`-only query of a route and checks it against products.
func readFields(r *http.Request) (*fields.Selection, error) {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return nil, err
	}
	return productSelection(q.Fields)
}

func (h *Handler) list(w http.ResponseWriter, r *http.Request) error {
	var p listParams
	if err := httpapi.DecodeQuery(r, listQuery, &p); err != nil {
		return err
	}
	sel, err := productSelection(p.Fields)
	if err != nil {
		return err
	}
	f := p.filterParams.filter()
	for _, a := range p.And {
		f.And = append(f.And, a.filter())
	}
	for _, o := range p.Or {
		f.Or = append(f.Or, o.filter())
	}
	ps, count, err := h.svc.List(r.Context(), f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order}, include(sel))
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.ListEnvelope("products", Spec.AppendList(nil, ps, sel), count, p.Offset, p.Limit))
	return nil
}

// respond writes {"product": ...} for a product read back with sel's relations.
func (h *Handler) respond(ctx context.Context, w http.ResponseWriter, productID string, sel *fields.Selection) error {
	p, err := h.svc.Get(ctx, productID, include(sel))
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("product", Spec.Append(nil, p, sel)))
	return nil
}

func (h *Handler) retrieve(w http.ResponseWriter, r *http.Request) error {
	sel, err := readFields(r)
	if err != nil {
		return err
	}
	return h.respond(r.Context(), w, r.PathValue("id"), sel)
}

func (h *Handler) create(w http.ResponseWriter, r *http.Request) error {
	sel, err := readFields(r)
	if err != nil {
		return err
	}
	var req productReq
	if err := httpapi.DecodeBody(r, createBody, &req); err != nil {
		return err
	}
	p, err := h.svc.Create(r.Context(), req.create())
	if err != nil {
		return err
	}
	return h.respond(r.Context(), w, p.ID, sel)
}

func (h *Handler) update(w http.ResponseWriter, r *http.Request) error {
	sel, err := readFields(r)
	if err != nil {
		return err
	}
	var req productReq
	if err := httpapi.DecodeBody(r, updateBody, &req); err != nil {
		return err
	}
	p, err := h.svc.Update(r.Context(), r.PathValue("id"), req.update())
	if err != nil {
		return err
	}
	return h.respond(r.Context(), w, p.ID, sel)
}

func (h *Handler) delete(w http.ResponseWriter, r *http.Request) error {
	productID := r.PathValue("id")
	if err := h.svc.Delete(r.Context(), productID); err != nil {
		return err
	}
	httpapi.WriteJSON(w, http.StatusOK, httpapi.Deleted{ID: productID, Object: "product", Deleted: true})
	return nil
}

func (h *Handler) batch(w http.ResponseWriter, r *http.Request) error {
	sel, err := readFields(r)
	if err != nil {
		return err
	}
	var req batchReq
	if err := httpapi.DecodeBody(r, batchBody, &req); err != nil {
		return err
	}
	in := BatchInput{Delete: req.Delete}
	for _, c := range req.Create {
		in.Create = append(in.Create, c.create())
	}
	for _, u := range req.Update {
		in.Update = append(in.Update, BatchUpdate{ID: u.ID, UpdateInput: u.update()})
	}
	res, err := h.svc.Batch(r.Context(), in)
	if err != nil {
		return err
	}
	inc := include(sel)
	created, err := h.svc.GetMany(r.Context(), res.Created, inc)
	if err != nil {
		return err
	}
	updated, err := h.svc.GetMany(r.Context(), res.Updated, inc)
	if err != nil {
		return err
	}
	b := append([]byte(`{"created":`), Spec.AppendList(nil, created, sel)...)
	b = append(b, `,"updated":`...)
	b = Spec.AppendList(b, updated, sel)
	b = append(b, `,"deleted":{"ids":`...)
	b = appendStrings(b, req.Delete)
	b = append(b, `,"object":"product","deleted":true}}`...)
	httpapi.WriteRaw(w, http.StatusOK, b)
	return nil
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

func (h *Handler) linkChannel(w http.ResponseWriter, r *http.Request) error {
	var q httpapi.Fields
	if err := httpapi.DecodeQuery(r, selectQuery, &q); err != nil {
		return err
	}
	sel, err := selection(q.Fields, saleschannel.DefaultFields, saleschannel.Spec.Check)
	if err != nil {
		return err
	}
	var req linkReq
	if err := httpapi.DecodeBody(r, linkBody, &req); err != nil {
		return err
	}
	channelID := r.PathValue("id")
	if err := h.svc.LinkChannel(r.Context(), channelID, req.Add, req.Remove); err != nil {
		return err
	}
	c, err := h.channels.Get(r.Context(), channelID)
	if err != nil {
		return err
	}
	httpapi.WriteRaw(w, http.StatusOK, httpapi.Envelope("sales_channel", saleschannel.Spec.Append(nil, c, sel)))
	return nil
}
