package shop

import (
	"context"
	"database/sql"
	"errors"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
)

const storeColumns = `id, name, default_sales_channel_id, default_region_id, default_location_id, metadata, created_at, updated_at`

func scanStore(row interface{ Scan(...any) error }) (*Store, error) {
	var s Store
	var sc, reg, loc sql.NullString
	var meta db.JSON
	var created, updated db.Time
	if err := row.Scan(&s.ID, &s.Name, &sc, &reg, &loc, &meta, &created, &updated); err != nil {
		return nil, err
	}
	s.DefaultSalesChannelID = nullable(sc)
	s.DefaultRegionID = nullable(reg)
	s.DefaultLocationID = nullable(loc)
	if meta != nil {
		s.Metadata = []byte(meta)
	}
	s.CreatedAt, s.UpdatedAt = created.Time, updated.Time
	return &s, nil
}

func nullable(s sql.NullString) *string {
	if !s.Valid {
		return nil
	}
	return &s.String
}

func getStore(ctx context.Context, q db.DBTX, id string) (*Store, error) {
	s, err := scanStore(q.QueryRowContext(ctx, `SELECT `+storeColumns+` FROM store WHERE id = $1`, id))
	if errors.Is(err, sql.ErrNoRows) {
		return nil, apperr.NotFoundf("Store with id: %s was not found", id)
	}
	if err != nil {
		return nil, fmt.Errorf("get store %s: %w", id, err)
	}
	s.Currencies, err = currencies(ctx, q, s.ID)
	return s, err
}

func currencies(ctx context.Context, q db.DBTX, storeID string) ([]Currency, error) {
	rows, err := q.QueryContext(ctx, `SELECT id, currency_code, is_default, is_tax_inclusive, created_at, updated_at
		FROM store_currency WHERE store_id = $1 ORDER BY id`, storeID)
	if err != nil {
		return nil, fmt.Errorf("list store currencies: %w", err)
	}
	defer rows.Close()
	var out []Currency
	for rows.Next() {
		var c Currency
		var created, updated db.Time
		if err := rows.Scan(&c.ID, &c.Code, &c.IsDefault, &c.IsTaxInclusive, &created, &updated); err != nil {
			return nil, fmt.Errorf("list store currencies: %w", err)
		}
		c.CreatedAt, c.UpdatedAt = created.Time, updated.Time
		out = append(out, c)
	}
	return out, rows.Err()
}
