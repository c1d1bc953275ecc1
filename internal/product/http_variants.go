package product

import (
	"context"

	"channeld/internal/platform/fields"
	"channeld/internal/platform/httpapi"
)

// Variant routes answer as Medusa does: reads return variants, writes return the parent
// product.

// listVariants serves both variant lists: a product's (its path names the product) and
// /admin/product-variants.
func (h *Handler) listVariants(ctx context.Context, in *httpapi.Input[variantListParams, httpapi.NoBody]) ([]byte, int, error) {
	p := in.Query
	f := p.variantFilterParams.filter()
	f.And, f.Or = httpapi.ConvertGroups(p.Groups, variantFilterParams.filter)
	f.ProductID = in.Path("id")
	vs, count, err := h.svc.ListVariants(ctx, f, Page{Offset: p.Offset, Limit: p.Limit, Order: p.Order}, variantInclude(in.Fields))
	if err != nil {
		return nil, 0, err
	}
	b, err := h.writeVariants(ctx, vs, in.Fields)
	return b, count, err
}

func (h *Handler) retrieveVariant(ctx context.Context, in *httpapi.Input[httpapi.Fields, httpapi.NoBody]) ([]byte, error) {
	v, err := h.svc.GetVariant(ctx, in.Path("id"), in.Path("variant_id"), variantInclude(in.Fields))
	if err != nil {
		return nil, err
	}
	views, err := h.renderVariants(ctx, []*Variant{v}, in.Fields)
	if err != nil {
		return nil, err
	}
	h.prepareVariantFields(in.Fields)
	return h.variantSpec.Append(nil, views[0], in.Fields), nil
}

// writeVariants writes a page of variants with the relations of other modules sel asks for.
func (h *Handler) writeVariants(ctx context.Context, vs []*Variant, sel *fields.Selection) ([]byte, error) {
	views, err := h.renderVariants(ctx, vs, sel)
	if err != nil {
		return nil, err
	}
	h.prepareVariantFields(sel)
	return h.variantSpec.AppendList(nil, views, sel), nil
}

func (h *Handler) createVariant(ctx context.Context, in *httpapi.Input[httpapi.Fields, variantReq]) ([]byte, error) {
	if _, err := h.svc.CreateVariant(ctx, in.Path("id"), in.Body.create()); err != nil {
		return nil, err
	}
	return h.product(ctx, in.Path("id"), in.Fields)
}

func (h *Handler) updateVariant(ctx context.Context, in *httpapi.Input[httpapi.Fields, variantReq]) ([]byte, error) {
	if _, err := h.svc.UpdateVariant(ctx, in.Path("id"), in.Path("variant_id"), in.Body.update()); err != nil {
		return nil, err
	}
	return h.product(ctx, in.Path("id"), in.Fields)
}

// deleteVariant answers the deletion with the product as it is after it, in its default
// fields: the route takes no query.
func (h *Handler) deleteVariant(ctx context.Context, in *httpapi.Input[httpapi.NoQuery, httpapi.NoBody]) ([]byte, error) {
	productID, variantID := in.Path("id"), in.Path("variant_id")
	if err := h.svc.DeleteVariant(ctx, productID, variantID); err != nil {
		return nil, err
	}
	p, err := h.product(ctx, productID, in.Fields)
	if err != nil {
		return nil, err
	}
	return httpapi.DeletedWithParent(variantID, "variant", p), nil
}
