package taxonomy

import (
	"context"

	"channeld/internal/platform/sqlq"
)

// The storefront's collections: those in which the caller's channels list at least one
// product, read from the listing read model (product_listing) through each collection's
// products (idx_product_collection_id), so a storefront never learns of a collection it
// sells nothing of.

// sellsIn adds to w that the row (alias c) holds a product listed in one of channelIDs.
func sellsIn(w *sqlq.Where, channelIDs []string) {
	w.Add(`EXISTS (SELECT 1 FROM product p JOIN product_listing l ON l.product_id = p.id
		WHERE p.collection_id = product_collection.id AND p.deleted_at IS NULL
		AND l.sales_channel_id IN (` + w.ArgList(channelIDs) + `) AND l.listed)`)
}

// StoreCollections returns a page of the collections f selects in which channelIDs list a
// product, and their count.
func (s *Service) StoreCollections(ctx context.Context, channelIDs []string, f Filter, p Page) ([]*Collection, int, error) {
	if len(channelIDs) == 0 {
		return []*Collection{}, 0, nil
	}
	w, err := where(s.db.ILike(), f, "title", "title", "handle")
	if err != nil {
		return nil, 0, err
	}
	sellsIn(w, channelIDs)
	order, err := sqlq.OrderBy(p.Order, collectionOrder, "id")
	if err != nil {
		return nil, 0, err
	}
	cs, count, err := sqlq.List[*Collection]{From: "product_collection", Columns: collectionColumns, Scan: scanCollection}.
		Run(ctx, s.db.Read(), "store collections", w, order, p.Limit, p.Offset)
	if cs == nil {
		cs = []*Collection{}
	}
	return cs, count, err
}

// StoreCollection returns a collection in which channelIDs list a product, or Medusa's
// not-found error.
func (s *Service) StoreCollection(ctx context.Context, channelIDs []string, collectionID string) (*Collection, error) {
	cs, _, err := s.StoreCollections(ctx, channelIDs, Filter{IDs: []string{collectionID}}, Page{Limit: 1})
	if err != nil {
		return nil, err
	}
	if len(cs) == 0 {
		return nil, storeNotFound(collectionID)
	}
	return cs[0], nil
}
