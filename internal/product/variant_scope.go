package product

import (
	"context"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/sqlq"
)

// The storefront's variant reads (/store/product-variants): live variants of the products a
// scope's channels list, checked per variant through the listing's product index, so a
// variant of a product the key's channels do not sell reads as a missing one.

// VariantFilter selects variants for a storefront list.
type VariantFilter struct {
	IDs, SKUs, ProductIDs []string
}

// storeVariantNotFound is Medusa's store message for a variant it does not show.
const storeVariantNotFound = "Product variant with id: %s was not found"

// StoreVariants returns a page of the variants f selects among those a storefront scoped to
// channelIDs sells, with their option values and product, and their count.
func (s *Service) StoreVariants(ctx context.Context, channelIDs []string, f VariantFilter, p Page) ([]*Variant, int, error) {
	if len(channelIDs) == 0 {
		return []*Variant{}, 0, nil
	}
	w := sqlq.NewWhere(s.db.ILike())
	w.InFilter("id", f.IDs)
	w.InFilter("sku", f.SKUs)
	w.InFilter("product_id", f.ProductIDs)
	w.Add("deleted_at IS NULL")
	w.Add(`EXISTS (SELECT 1 FROM product_listing l WHERE l.product_id = product_variant.product_id
		AND l.sales_channel_id IN (` + w.ArgList(uniqueSorted(channelIDs)) + `) AND l.listed)`)
	order, err := sqlq.OrderBy(p.Order, variantOrderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	q := s.read()
	vs, count, err := sqlq.List[*Variant]{From: "product_variant", Columns: variantColumns, Scan: scanVariant}.
		Run(ctx, q, "store variants", w, order, p.Limit, p.Offset)
	if err != nil || len(vs) == 0 {
		return []*Variant{}, count, err
	}
	if err := loadVariantOptions(ctx, q, vs); err != nil {
		return nil, 0, err
	}
	byProduct := map[string][]*Variant{}
	var ids []string
	for _, v := range vs {
		if byProduct[v.ProductID] == nil {
			ids = append(ids, v.ProductID)
		}
		byProduct[v.ProductID] = append(byProduct[v.ProductID], v)
	}
	pw := inWhere("id", ids)
	ps, err := sqlq.Collect(ctx, q, scanProduct, `SELECT `+productColumns+` FROM product`+pw.SQL(), pw.Args()...)
	if err != nil {
		return nil, 0, fmt.Errorf("load variants' products: %w", err)
	}
	for _, p := range ps {
		for _, v := range byProduct[p.ID] {
			v.Product = p
		}
	}
	return vs, count, nil
}

// StoreVariant returns one variant a storefront scoped to channelIDs sells, or Medusa's
// not-found error.
func (s *Service) StoreVariant(ctx context.Context, channelIDs []string, variantID string) (*Variant, error) {
	vs, _, err := s.StoreVariants(ctx, channelIDs, VariantFilter{IDs: []string{variantID}}, Page{Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(vs) == 0 {
		return nil, apperr.NotFoundf(storeVariantNotFound, variantID)
	}
	return vs[0], nil
}
