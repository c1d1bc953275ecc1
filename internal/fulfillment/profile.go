package fulfillment

import (
	"context"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"channeld/internal/audit"
	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/rbac"
)

// Shipping profiles are store-wide: a channel-limited admin reads them (to pick one for a
// product or an option) but only a store-wide one changes them.

const profileColumns = `id, name, type, metadata, created_at, updated_at, deleted_at`

var scanProfile = sqlq.Into(func(p *Profile) []any {
	return append([]any{&p.ID, &p.Name, &p.Type, db.JSONDest(&p.Metadata)}, db.SoftStamps(&p.CreatedAt, &p.UpdatedAt, &p.DeletedAt)...)
})

func profileNotFound(id string) error {
	return apperr.NotFoundf("ShippingProfile with id: %s was not found", id)
}

func profileDuplicate(name string) error {
	return apperr.Invalidf("Shipping profile with name: %s, already exists.", name)
}

func getProfile(ctx context.Context, q db.DBTX, id string) (*Profile, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+profileColumns+` FROM shipping_profile WHERE id = $1 AND deleted_at IS NULL`, id),
		scanProfile, profileNotFound(id), "get shipping profile "+id)
}

// ProfileInput is a new profile, or a change to one (nil fields unchanged).
type ProfileInput struct {
	Name        *string
	Type        *string
	SetMetadata bool
	Metadata    json.RawMessage
}

// ProfileFilter selects profiles for a list.
type ProfileFilter struct {
	Q         string
	IDs       []string
	Type      *string
	Name      *string
	CreatedAt map[string]any
	UpdatedAt map[string]any
}

// Profile returns a live shipping profile.
func (s *Service) Profile(ctx context.Context, profileID string) (*Profile, error) {
	return getProfile(ctx, s.db.Read(), profileID)
}

// Profiles returns a page of live profiles matching f and their count.
func (s *Service) Profiles(ctx context.Context, f ProfileFilter, p Page) ([]*Profile, int, error) {
	w := sqlq.NewWhere(s.db.ILike())
	w.Search(f.Q, "name")
	w.InFilter("id", f.IDs)
	if f.Type != nil {
		w.Eq("type", *f.Type)
	}
	if f.Name != nil {
		w.Eq("name", *f.Name)
	}
	if err := w.TimeOps(sqlq.TimeOp{Field: "created_at", Ops: f.CreatedAt}, sqlq.TimeOp{Field: "updated_at", Ops: f.UpdatedAt}); err != nil {
		return nil, 0, err
	}
	w.Add("deleted_at IS NULL")
	order, err := sqlq.OrderBy(p.Order, map[string]string{"id": "id", "name": "name", "type": "type",
		"created_at": "created_at", "updated_at": "updated_at"}, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Profile]{From: "shipping_profile", Columns: profileColumns, Scan: scanProfile}.
		Run(ctx, s.db.Read(), "shipping profiles", w, order, p.Limit, p.Offset)
}

// CreateProfile makes a shipping profile.
func (s *Service) CreateProfile(ctx context.Context, in ProfileInput) (*Profile, error) {
	if err := rbac.CheckWrite(ctx, rbac.Policies{"shipping_profile:create"}, "shipping_profile", "create", nil); err != nil {
		return nil, err
	}
	now := s.now()
	p := &Profile{ID: s.newID(prefixProfile), Name: *in.Name, Type: *in.Type, Metadata: in.Metadata, CreatedAt: now, UpdatedAt: now}
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		if err := sqlq.ExecUnique(ctx, tx, profileDuplicate(p.Name), "insert shipping profile",
			`INSERT INTO shipping_profile (id, name, type, metadata, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6)`,
			p.ID, p.Name, p.Type, db.JSON(p.Metadata), db.FormatTime(now), db.FormatTime(now)); err != nil {
			return err
		}
		return s.record(ctx, tx, "shipping-profile", "created", p.ID, profileFields(p))
	})
	return p, err
}

// UpdateProfile changes the fields in sets.
func (s *Service) UpdateProfile(ctx context.Context, profileID string, in ProfileInput) (*Profile, error) {
	var p *Profile
	err := s.db.Tx(ctx, func(tx db.DBTX) error {
		var err error
		if p, err = getProfile(ctx, tx, profileID); apperr.Is(err, apperr.NotFound) {
			return apperr.NotFoundf(`ShippingProfile with id "%s" not found`, profileID)
		} else if err != nil {
			return err
		}
		if err := rbac.CheckWrite(ctx, rbac.Policies{"shipping_profile:update"}, "shipping_profile", "update", nil); err != nil {
			return err
		}
		set(&p.Name, in.Name)
		set(&p.Type, in.Type)
		if in.SetMetadata {
			p.Metadata = in.Metadata
		}
		p.UpdatedAt = s.now()
		if err := sqlq.ExecUnique(ctx, tx, profileDuplicate(p.Name), "update shipping profile "+p.ID,
			`UPDATE shipping_profile SET name = $2, type = $3, metadata = $4, updated_at = $5 WHERE id = $1`,
			p.ID, p.Name, p.Type, db.JSON(p.Metadata), db.FormatTime(p.UpdatedAt)); err != nil {
			return err
		}
		return s.record(ctx, tx, "shipping-profile", "updated", p.ID, profileFields(p))
	})
	return p, err
}

// DeleteProfile soft-deletes a profile that no product has. The default profile stays: it
// is what products get when they name none.
func (s *Service) DeleteProfile(ctx context.Context, profileID string) error {
	return s.db.Tx(ctx, func(tx db.DBTX) error {
		if _, err := getProfile(ctx, tx, profileID); err != nil {
			return err
		}
		if err := rbac.CheckWrite(ctx, rbac.Policies{"shipping_profile:delete"}, "shipping_profile", "delete", nil); err != nil {
			return err
		}
		if profileID == DefaultProfileID {
			return apperr.NotAllowedf("The default shipping profile cannot be deleted")
		}
		products, err := sqlq.Collect(ctx, tx, sqlq.String, `SELECT product_id FROM product_shipping_profile
			WHERE shipping_profile_id = $1 ORDER BY product_id`, profileID)
		if err != nil {
			return fmt.Errorf("read products of shipping profile %s: %w", profileID, err)
		}
		if len(products) > 0 {
			return apperr.Invalidf("Cannot delete following shipping profiles because they are linked to products: %s",
				strings.Join(products, ", "))
		}
		if _, err := sqlq.SoftDelete(ctx, tx, "shipping_profile", profileID, s.now()); err != nil {
			return fmt.Errorf("delete shipping profile %s: %w", profileID, err)
		}
		return s.record(ctx, tx, "shipping-profile", "deleted", profileID, nil)
	})
}

// The product ↔ shipping profile link is this module's table; the product module writes it
// through these functions in its own transactions and reads it for `*shipping_profile`, one
// statement per page.

// SetProductProfile gives a product a shipping profile in the caller's transaction: the one
// named, or the default one when profileID is empty. An unknown profile is a 404.
func SetProductProfile(ctx context.Context, tx db.DBTX, productID, profileID string, now time.Time) error {
	if profileID == "" {
		profileID = DefaultProfileID
	}
	if _, err := getProfile(ctx, tx, profileID); err != nil {
		return err
	}
	return sqlq.Exec(ctx, tx, "set shipping profile of "+productID, `INSERT INTO product_shipping_profile
		(product_id, shipping_profile_id, created_at) VALUES ($1, $2, $3)
		ON CONFLICT (product_id) DO UPDATE SET shipping_profile_id = excluded.shipping_profile_id`,
		productID, profileID, db.FormatTime(now))
}

// UnsetProductProfile leaves a product without a shipping profile, as Medusa's
// shipping_profile_id null does.
func UnsetProductProfile(ctx context.Context, tx db.DBTX, productID string) error {
	return sqlq.Exec(ctx, tx, "unset shipping profile of "+productID,
		`DELETE FROM product_shipping_profile WHERE product_id = $1`, productID)
}

// ProfilesOfProducts returns the live profile of each product that has one, by product id.
func ProfilesOfProducts(ctx context.Context, q db.DBTX, productIDs []string) (map[string]*Profile, error) {
	out := map[string]*Profile{}
	if len(productIDs) == 0 {
		return out, nil
	}
	w := sqlq.NewWhere("")
	w.In("psp.product_id", productIDs)
	type held struct {
		product string
		p       *Profile
	}
	rows, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (held, error) {
		h := held{p: &Profile{}}
		p := h.p
		err := r.Scan(append([]any{&h.product, &p.ID, &p.Name, &p.Type, db.JSONDest(&p.Metadata)},
			db.SoftStamps(&p.CreatedAt, &p.UpdatedAt, &p.DeletedAt)...)...)
		return h, err
	}, `SELECT psp.product_id, sp.id, sp.name, sp.type, sp.metadata, sp.created_at, sp.updated_at, sp.deleted_at
		FROM product_shipping_profile psp JOIN shipping_profile sp ON sp.id = psp.shipping_profile_id`+w.SQL()+
		` AND sp.deleted_at IS NULL`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load shipping profiles of products: %w", err)
	}
	for _, h := range rows {
		out[h.product] = h.p
	}
	return out, nil
}

// profilesByID returns the live profiles among ids, by id.
func profilesByID(ctx context.Context, q db.DBTX, ids []string) (map[string]*Profile, error) {
	if len(ids) == 0 {
		return map[string]*Profile{}, nil
	}
	w := sqlq.NewWhere("")
	w.In("id", ids)
	ps, err := sqlq.Collect(ctx, q, scanProfile, `SELECT `+profileColumns+` FROM shipping_profile`+w.SQL()+` AND deleted_at IS NULL`, w.Args()...)
	if err != nil {
		return nil, fmt.Errorf("load shipping profiles: %w", err)
	}
	byID, _ := sqlq.Index(ps, func(p *Profile) string { return p.ID })
	return byID, nil
}

func profileFields(p *Profile) audit.Fields {
	return audit.Fields{"name": p.Name, "type": p.Type, "metadata": p.Metadata}
}
