package taxonomy

import (
	"context"
	"fmt"

	"channeld/internal/audit"
	"channeld/internal/outbox"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/clock"
	"channeld/internal/platform/db"
	"channeld/internal/platform/handle"
	"channeld/internal/platform/id"
	"channeld/internal/platform/sqlq"
	"channeld/internal/rbac"
)

// Listing refreshes the storefront read model of products whose collection, type or tags a
// write changed; the product module implements it.
type Listing interface {
	Products(ctx context.Context, tx db.DBTX, productIDs []string) error
}

// Products is the channel write check of a write that changes products (§5.6 step 4); the
// product module implements it (product.Guard).
type Products interface {
	CheckProducts(ctx context.Context, q db.DBTX, decl rbac.Policies, resource, op string, productIDs []string) error
}

// Service is the collection, tag and type use cases; each write is one transaction with its
// audit entry and its event.
type Service struct {
	db       *db.DB
	now      clock.Clock
	newID    id.Source
	audit    *audit.Recorder
	listing  Listing
	products Products
}

// NewService returns a service on d; rec records every change, listing keeps the storefront's
// read model in step with collection memberships, products checks who may change the
// products a collection takes or lets go.
func NewService(d *db.DB, now clock.Clock, newID id.Source, rec *audit.Recorder, listing Listing, products Products) *Service {
	return &Service{db: d, now: now, newID: newID, audit: rec, listing: listing, products: products}
}

// Collection returns a live collection.
func (s *Service) Collection(ctx context.Context, collectionID string) (*Collection, error) {
	return getCollection(ctx, s.db.Read(), collectionID, "")
}

// Collections returns a page of live collections matching f and the total count.
func (s *Service) Collections(ctx context.Context, f Filter, p Page) ([]*Collection, int, error) {
	return listCollections(ctx, s.db.Read(), s.db.ILike(), f, p)
}

// CreateCollection makes a collection, its handle derived from its title when not given.
func (s *Service) CreateCollection(ctx context.Context, in CollectionInput) (*Collection, error) {
	now := s.now()
	c := &Collection{ID: s.newID("pcol"), Title: *in.Title, ExternalID: in.ExternalID, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	c.Handle = handle.From(c.Title)
	if in.Handle != nil {
		c.Handle = *in.Handle
	}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := insertCollection(ctx, tx, c); err != nil {
			return err
		}
		return s.record(ctx, tx, "product-collection", "created", c.ID, nil, collectionFields(c))
	})
	return c, err
}

// UpdateCollection changes the fields in sets.
func (s *Service) UpdateCollection(ctx context.Context, collectionID string, in CollectionInput) (*Collection, error) {
	var c *Collection
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if c, err = getCollection(ctx, tx, collectionID, s.db.ForUpdate()); err != nil {
			return err
		}
		before := collectionFields(c)
		set(&c.Title, in.Title)
		set(&c.Handle, in.Handle)
		if in.SetExternal {
			c.ExternalID = in.ExternalID
		}
		if in.SetMetadata {
			c.Metadata = in.Metadata
		}
		c.UpdatedAt = s.now()
		if err := updateCollection(ctx, tx, c); err != nil {
			return err
		}
		return s.record(ctx, tx, "product-collection", "updated", c.ID, before, collectionFields(c))
	})
	return c, err
}

// DeleteCollection soft-deletes a collection and takes its products out of it; an unknown
// collection is not an error, as Medusa deletes.
func (s *Service) DeleteCollection(ctx context.Context, collectionID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		c, err := getCollection(ctx, tx, collectionID, s.db.ForUpdate())
		if apperr.Is(err, apperr.NotFound) {
			return nil
		} else if err != nil {
			return err
		}
		members, err := sqlq.Collect(ctx, tx, sqlq.String, `SELECT id FROM product WHERE collection_id = $1`, collectionID)
		if err != nil {
			return fmt.Errorf("read collection %s: %w", collectionID, err)
		}
		if err := sqlq.Exec(ctx, tx, "empty collection "+collectionID, `UPDATE product SET collection_id = NULL WHERE collection_id = $1`, collectionID); err != nil {
			return err
		}
		if _, err := sqlq.SoftDelete(ctx, tx, "product_collection", collectionID, s.now()); err != nil {
			return fmt.Errorf("delete collection %s: %w", collectionID, err)
		}
		if err := s.listing.Products(ctx, tx, members); err != nil {
			return err
		}
		return s.record(ctx, tx, "product-collection", "deleted", c.ID, collectionFields(c), nil)
	})
}

// LinkProducts puts the live products of add in the collection and takes those of remove out
// of it (a product of remove in another collection stays there), as Medusa's batch link.
func (s *Service) LinkProducts(ctx context.Context, collectionID string, add, remove []string) (*Collection, error) {
	var c *Collection
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if c, err = getCollection(ctx, tx, collectionID, s.db.ForUpdate()); err != nil {
			return err
		}
		// Each product changes in every channel it is in: a channel-limited caller may name
		// only products of its channels (E24 otherwise, whether or not they exist).
		named := append(append([]string{}, add...), remove...)
		if err := s.products.CheckProducts(ctx, tx, collectionUpdate, "product_collection", "update", named); err != nil {
			return err
		}
		if err := checkProducts(ctx, tx, named); err != nil {
			return err
		}
		now := db.FormatTime(s.now())
		if len(add) > 0 {
			w := sqlq.NewWhere("LIKE")
			set := `UPDATE product SET collection_id = ` + w.Arg(collectionID) + `, updated_at = ` + w.Arg(now)
			w.In("id", add)
			if err := sqlq.Exec(ctx, tx, "add products to "+collectionID, set+w.SQL(), w.Args()...); err != nil {
				return err
			}
		}
		if len(remove) > 0 {
			w := sqlq.NewWhere("LIKE")
			set := `UPDATE product SET collection_id = NULL, updated_at = ` + w.Arg(now)
			w.In("id", remove)
			w.Eq("collection_id", collectionID)
			if err := sqlq.Exec(ctx, tx, "remove products from "+collectionID, set+w.SQL(), w.Args()...); err != nil {
				return err
			}
		}
		if err := s.listing.Products(ctx, tx, append(append([]string{}, add...), remove...)); err != nil {
			return err
		}
		return s.record(ctx, tx, "product-collection", "products_linked", c.ID, nil, audit.Fields{"add": add, "remove": remove})
	})
	return c, err
}

// collectionUpdate is the declaration of POST /admin/collections/{id}/products.
var collectionUpdate = rbac.Policies{"product_collection:update"}

// checkProducts refuses ids that name no live product, with the first missing one.
func checkProducts(ctx context.Context, tx db.DBTX, ids []string) error {
	if len(ids) == 0 {
		return nil
	}
	w := sqlq.NewWhere("LIKE")
	w.In("id", ids)
	w.Add("deleted_at IS NULL")
	found, err := sqlq.Collect(ctx, tx, sqlq.String, `SELECT id FROM product`+w.SQL(), w.Args()...)
	if err != nil {
		return fmt.Errorf("check products: %w", err)
	}
	live := make(map[string]bool, len(found))
	for _, f := range found {
		live[f] = true
	}
	for _, i := range ids {
		if !live[i] {
			return apperr.NotFoundf("Product with id: %s was not found", i)
		}
	}
	return nil
}

// record writes the audit entry and the event of a change; the event's name is Medusa's
// (product-collection.created), its payload {id}.
func (s *Service) record(ctx context.Context, tx db.DBTX, resource, verb, resourceID string, before, after any) error {
	entry := audit.Entry{Action: resource + "." + verb, Resource: resource, ResourceID: resourceID, Before: before, After: after}
	if err := s.audit.Record(ctx, tx, entry); err != nil {
		return err
	}
	return outbox.Append(ctx, tx, s.now(), outbox.IDEvent(resource+"."+verb, resourceID))
}

func collectionFields(c *Collection) audit.Fields {
	return audit.Fields{"title": c.Title, "handle": c.Handle, "external_id": c.ExternalID, "metadata": c.Metadata}
}

func set[T any](dst *T, v *T) {
	if v != nil {
		*dst = *v
	}
}
