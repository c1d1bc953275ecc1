package product

import (
	"context"
	"fmt"
	"slices"
	"strings"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
	"channeld/internal/rbac"
)

// BatchUpdate is one update of a batch.
type BatchUpdate struct {
	ID string
	UpdateInput
}

// BatchInput is Medusa's product batch: creates, updates and deletes.
type BatchInput struct {
	Create []CreateInput
	Update []BatchUpdate
	Delete []string
}

// BatchResult names the products a batch created and updated, in input order.
type BatchResult struct {
	Created, Updated []string
}

// batchDecl is the declaration of POST /admin/products/batch, which its channel write
// checks name whatever the entry.
var batchDecl = rbac.Policies{"product:create", "product:update"}

// Batch runs creates, then updates, then deletes in one transaction: any failure writes
// nothing. Each entry passes the channel write check its own route would (§5.6): a create
// in the caller's channels, an update or a delete in every channel of the product; a
// product the caller may not read is unknown, and its deletion deletes nothing.
func (s *Service) Batch(ctx context.Context, in BatchInput) (BatchResult, error) {
	var res BatchResult
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		res = BatchResult{}
		now := s.now()
		for _, c := range in.Create {
			if err := rbac.CheckCreateIn(ctx, batchDecl, "product", "create", c.SalesChannels); err != nil {
				return err
			}
			p, err := s.createTx(ctx, tx, c, now)
			if err != nil {
				return err
			}
			res.Created = append(res.Created, p.ID)
		}
		for _, u := range in.Update {
			if _, err := getProduct(ctx, tx, u.ID); err != nil {
				return err
			}
			if err := checkWriteNaming(ctx, tx, batchDecl, u.ID, "product", "update", u.SalesChannels.Value); err != nil {
				return err
			}
			p, err := s.updateTx(ctx, tx, u.ID, u.UpdateInput, now)
			if err != nil {
				return err
			}
			res.Updated = append(res.Updated, p.ID)
		}
		for _, d := range in.Delete {
			if _, err := getProduct(ctx, tx, d); apperr.Is(err, apperr.NotFound) {
				continue
			} else if err != nil {
				return err
			}
			if err := checkWriteNaming(ctx, tx, batchDecl, d, "product", "delete", nil); err != nil {
				return err
			}
			if err := s.deleteTx(ctx, tx, d, now); err != nil {
				return err
			}
		}
		// One refresh for the whole batch: a bulk import pays a few statements per batch
		// for the read model, not per product.
		return s.listing.Products(ctx, tx, slices.Concat(res.Created, res.Updated, in.Delete))
	})
	return res, err
}

// LinkChannel links the products in add to a live channel, then unlinks those in remove,
// so an id in both ends unlinked. Every id in add must be a live product, or nothing is
// linked.
func (s *Service) LinkChannel(ctx context.Context, channelID string, add, remove []string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := s.channels.Find(ctx, tx, channelID); err != nil {
			if apperr.Is(err, apperr.NotFound) {
				return apperr.NotFoundf("Sales channel with id: %s not found", channelID)
			}
			return err
		}
		if err := rbac.CheckWrite(ctx, rbac.Policies{"sales_channel:update"}, "sales_channel", "update", []string{channelID}); err != nil {
			return err
		}
		// Products the caller may not read are unknown ids (§5.6): refused in add, ignored in
		// remove.
		missing, err := unreadableProducts(ctx, tx, add)
		if err != nil {
			return err
		}
		if len(missing) > 0 {
			return apperr.Invalidf("Products with IDs %s do not exist", strings.Join(missing, ", "))
		}
		hidden, err := unreadableProducts(ctx, tx, remove)
		if err != nil {
			return err
		}
		remove = slices.DeleteFunc(slices.Clone(remove), func(id string) bool { return slices.Contains(hidden, id) })
		touched := slices.Concat(add, remove)
		before, err := ChannelLink.RightsOf(ctx, tx, touched)
		if err != nil {
			return err
		}
		if err := ChannelLink.ChangeReverse(ctx, tx, channelID, add, remove, s.now()); err != nil {
			return err
		}
		if err := s.linksChanged(ctx, tx, channelDiffs(channelID, before, add, remove)...); err != nil {
			return err
		}
		return s.listing.Products(ctx, tx, touched)
	})
}

// channelDiffs returns the link changes of one channel's products route: the products of
// add not linked before are added, those of remove linked before are removed (an id in both
// ends unlinked); before holds each product's channels before the change.
func channelDiffs(channelID string, before map[string][]string, add, remove []string) []linkDiff {
	var out []linkDiff
	seen := map[string]bool{}
	for _, p := range slices.Concat(add, remove) {
		if seen[p] {
			continue
		}
		seen[p] = true
		after := slices.DeleteFunc(slices.Clone(before[p]), func(c string) bool { return c == channelID })
		if slices.Contains(add, p) && !slices.Contains(remove, p) {
			after = append(after, channelID)
		}
		if d := diffLinks(p, before[p], after); len(d.added)+len(d.removed) > 0 {
			out = append(out, d)
		}
	}
	return out
}

// unreadableProducts returns which of ids, in their order, are not live products the admin
// caller may read (all of them live ones for a caller who reads products everywhere).
func unreadableProducts(ctx context.Context, q db.DBTX, ids []string) ([]string, error) {
	if len(ids) == 0 {
		return []string{}, nil
	}
	w := sqlq.NewWhere("")
	w.In("id", ids)
	w.Add("deleted_at IS NULL")
	visible.RestrictLinked(ctx, w, "product", "id", ChannelLink.Name, ChannelLink.Left)
	rows, err := q.QueryContext(ctx, `SELECT id FROM product`+w.SQL(), w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("check product ids: %w", err)
	}
	defer rows.Close()
	found := map[string]bool{}
	for rows.Next() {
		var id string
		if err := rows.Scan(&id); err != nil {
			return nil, fmt.Errorf("check product ids: %w", err)
		}
		found[id] = true
	}
	if err := rows.Err(); err != nil {
		return nil, fmt.Errorf("check product ids: %w", err)
	}
	out := []string{}
	for _, id := range ids {
		if !found[id] && !slices.Contains(out, id) {
			out = append(out, id)
		}
	}
	return out, nil
}
