package region

import (
	"context"
	"fmt"
	"strings"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

const columns = `id, name, currency_code, automatic_taxes, metadata, created_at, updated_at, deleted_at`

var scan = sqlq.Into(func(r *Region) []any {
	return append([]any{&r.ID, &r.Name, &r.CurrencyCode, &r.AutomaticTaxes, db.JSONDest(&r.Metadata)},
		db.SoftStamps(&r.CreatedAt, &r.UpdatedAt, &r.DeletedAt)...)
})

func insert(ctx context.Context, tx db.DBTX, r *Region) error {
	return sqlq.Exec(ctx, tx, "insert region", `INSERT INTO region (`+columns+`) VALUES ($1, $2, $3, $4, $5, $6, $7, NULL)`,
		r.ID, r.Name, r.CurrencyCode, r.AutomaticTaxes, db.JSON(r.Metadata), db.FormatTime(r.CreatedAt), db.FormatTime(r.UpdatedAt))
}

func update(ctx context.Context, tx db.DBTX, r *Region) error {
	return sqlq.Exec(ctx, tx, "update region "+r.ID, `UPDATE region SET name = $2, currency_code = $3, automatic_taxes = $4,
		metadata = $5, updated_at = $6 WHERE id = $1`,
		r.ID, r.Name, r.CurrencyCode, r.AutomaticTaxes, db.JSON(r.Metadata), db.FormatTime(r.UpdatedAt))
}

// get returns a live region without its relations.
func get(ctx context.Context, q db.DBTX, id string) (*Region, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+columns+` FROM region WHERE id = $1 AND deleted_at IS NULL`, id),
		scan, apperr.NotFoundf(notFound, id), "get region "+id)
}

// setCountries makes codes the exact set of countries of the region. Countries held by
// another region are refused, naming them all.
func setCountries(ctx context.Context, tx db.DBTX, regionID string, codes []string, now time.Time) error {
	if len(codes) > 0 {
		w := sqlq.NewWhere("LIKE")
		w.In("iso_2", codes)
		w.Add("region_id <> " + w.Arg(regionID))
		taken, err := sqlq.Collect(ctx, tx, sqlq.String, `SELECT iso_2 FROM region_country`+w.SQL()+` ORDER BY iso_2`, w.Args()...)
		if err != nil {
			return fmt.Errorf("check countries: %w", err)
		}
		if len(taken) > 0 {
			return apperr.Invalidf(`Countries with codes: "%s" are already assigned to a region`, strings.Join(taken, ", "))
		}
	}
	if _, err := tx.ExecContext(ctx, `DELETE FROM region_country WHERE region_id = $1`, regionID); err != nil {
		return fmt.Errorf("clear countries of %s: %w", regionID, err)
	}
	for _, c := range codes {
		if _, err := tx.ExecContext(ctx, `INSERT INTO region_country (iso_2, region_id, created_at) VALUES ($1, $2, $3)`,
			c, regionID, db.FormatTime(now)); err != nil {
			return fmt.Errorf("add country %s to %s: %w", c, regionID, err)
		}
	}
	return nil
}

func setProviders(ctx context.Context, tx db.DBTX, regionID string, providers []string) error {
	if _, err := tx.ExecContext(ctx, `DELETE FROM region_payment_provider WHERE region_id = $1`, regionID); err != nil {
		return fmt.Errorf("clear payment providers of %s: %w", regionID, err)
	}
	for _, p := range providers {
		if _, err := tx.ExecContext(ctx, `INSERT INTO region_payment_provider (region_id, provider_id) VALUES ($1, $2)
			ON CONFLICT (region_id, provider_id) DO NOTHING`, regionID, p); err != nil {
			return fmt.Errorf("add payment provider %s to %s: %w", p, regionID, err)
		}
	}
	return nil
}

// loadRelations fills the countries and payment providers of rs with one query each.
func loadRelations(ctx context.Context, q db.DBTX, rs []*Region) error {
	if len(rs) == 0 {
		return nil
	}
	byID, ids := sqlq.Index(rs, func(r *Region) string { return r.ID })
	for _, r := range rs {
		r.Countries, r.PaymentProviders = []*Country{}, []string{}
	}
	w := sqlq.NewWhere("LIKE")
	w.In("region_id", ids)
	countries, err := sqlq.Collect(ctx, q, sqlq.Into(func(c *Country) []any {
		return []any{&c.ISO2, &c.RegionID, db.TimeDest(&c.CreatedAt)}
	}), `SELECT iso_2, region_id, created_at FROM region_country`+w.SQL()+` ORDER BY region_id, iso_2`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load countries: %w", err)
	}
	for _, c := range countries {
		byID[c.RegionID].Countries = append(byID[c.RegionID].Countries, c)
	}
	providers, err := sqlq.Collect(ctx, q, sqlq.Pairs,
		`SELECT region_id, provider_id FROM region_payment_provider`+w.SQL()+` ORDER BY region_id, provider_id`, w.Args()...)
	if err != nil {
		return fmt.Errorf("load payment providers: %w", err)
	}
	for _, p := range providers {
		byID[p.A].PaymentProviders = append(byID[p.A].PaymentProviders, p.B)
	}
	return nil
}

var orderColumns = map[string]string{
	"id": "id", "name": "name", "currency_code": "currency_code", "automatic_taxes": "automatic_taxes",
	"created_at": "created_at", "updated_at": "updated_at", "deleted_at": "deleted_at",
}

func list(ctx context.Context, q db.DBTX, ilike string, f Filter, p Page) ([]*Region, int, error) {
	w := sqlq.NewWhere(ilike)
	w.Search(f.Q, "name")
	w.InFilter("id", f.IDs)
	w.InFilter("name", f.Names)
	if f.CurrencyCodes != nil {
		codes := make([]string, len(f.CurrencyCodes))
		for i, c := range f.CurrencyCodes {
			codes[i] = strings.ToLower(c)
		}
		w.In("currency_code", codes)
	}
	w.Add("deleted_at IS NULL")
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	out, count, err := sqlq.List[*Region]{From: "region", Columns: columns, Scan: scan}.
		Run(ctx, q, "regions", w, order, p.Limit, p.Offset)
	if err != nil {
		return nil, 0, err
	}
	return out, count, loadRelations(ctx, q, out)
}
