package product

import (
	"context"
	"fmt"

	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/rbac"
)

// Guard is the channel write check (§5.6 step 4) of what other modules write about
// products, such as a collection's members and translations: a product is in channels,
// which only this module knows, and such a write reaches it in each of them.
type Guard struct{}

// CheckProducts refuses, with E24 naming decl, a channel-limited caller who does not hold
// resource:op in every channel of each product of ids. A product in no channel, or an id
// that names none, needs it store-wide, so a refusal says nothing of what exists. A caller
// who holds it store-wide (or a context with no admin caller) passes without a query.
func (Guard) CheckProducts(ctx context.Context, q db.DBTX, decl rbac.Policies, resource, op string, productIDs []string) error {
	if sc, ok := rbac.Carried(ctx); !ok || sc.Global(resource, op) || len(productIDs) == 0 {
		return nil
	}
	linked, err := ChannelLink.RightsOf(ctx, q, productIDs)
	if err != nil {
		return err
	}
	for _, p := range productIDs {
		if err := rbac.CheckWrite(ctx, decl, resource, op, linked[p]); err != nil {
			return err
		}
	}
	return nil
}

// CheckVariants is CheckProducts for the products of variants; an id that names no variant
// is refused as a product in no channel is.
func (g Guard) CheckVariants(ctx context.Context, q db.DBTX, decl rbac.Policies, resource, op string, variantIDs []string) error {
	if sc, ok := rbac.Carried(ctx); !ok || sc.Global(resource, op) || len(variantIDs) == 0 {
		return nil
	}
	w := sqlq.NewWhere("")
	w.In("id", variantIDs)
	rows, err := q.QueryContext(ctx, `SELECT id, product_id FROM product_variant`+w.SQL(), w.Args()...)
	if err != nil {
		return fmt.Errorf("read the products of variants: %w", err)
	}
	defer rows.Close()
	productOf := map[string]string{}
	for rows.Next() {
		var v, p string
		if err := rows.Scan(&v, &p); err != nil {
			return fmt.Errorf("read the products of variants: %w", err)
		}
		productOf[v] = p
	}
	if err := rows.Err(); err != nil {
		return fmt.Errorf("read the products of variants: %w", err)
	}
	products := make([]string, 0, len(variantIDs))
	for _, v := range variantIDs {
		p, ok := productOf[v]
		if !ok {
			return decl.Denied()
		}
		products = append(products, p)
	}
	return g.CheckProducts(ctx, q, decl, resource, op, products)
}
