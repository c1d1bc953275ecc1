package pricepref

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
)

const columns = `id, attribute, value, is_tax_inclusive, created_at, updated_at, deleted_at`

var scan = sqlq.Into(func(p *Preference) []any {
	return append([]any{&p.ID, &p.Attribute, &p.Value, &p.IsTaxInclusive}, db.SoftStamps(&p.CreatedAt, &p.UpdatedAt, &p.DeletedAt)...)
})

// notFound is the pricing module's message for a missing preference.
const notFound = "Price preference with id: %s was not found"

// duplicate is Medusa's answer to a second live preference of an attribute and value.
func duplicate(p *Preference) error {
	v := ""
	if p.Value != nil {
		v = *p.Value
	}
	return apperr.Invalidf("Price preference with attribute: %s, value: %s, already exists.", p.Attribute, v)
}

func insert(ctx context.Context, tx db.DBTX, p *Preference) error {
	return sqlq.ExecUnique(ctx, tx, duplicate(p), "insert price preference",
		`INSERT INTO price_preference (`+columns+`) VALUES ($1, $2, $3, $4, $5, $6, NULL)`,
		p.ID, p.Attribute, p.Value, p.IsTaxInclusive, db.FormatTime(p.CreatedAt), db.FormatTime(p.UpdatedAt))
}

func update(ctx context.Context, tx db.DBTX, p *Preference) error {
	return sqlq.ExecUnique(ctx, tx, duplicate(p), "update price preference "+p.ID,
		`UPDATE price_preference SET attribute = $2, value = $3, is_tax_inclusive = $4, updated_at = $5 WHERE id = $1`,
		p.ID, p.Attribute, p.Value, p.IsTaxInclusive, db.FormatTime(p.UpdatedAt))
}

// get returns a live preference.
func get(ctx context.Context, q db.DBTX, id string) (*Preference, error) {
	return sqlq.One(q.QueryRowContext(ctx, `SELECT `+columns+` FROM price_preference WHERE id = $1 AND deleted_at IS NULL`, id),
		scan, apperr.NotFoundf(notFound, id), "get price preference "+id)
}

var orderColumns = map[string]string{
	"id": "id", "attribute": "attribute", "value": "value", "is_tax_inclusive": "is_tax_inclusive",
	"created_at": "created_at", "updated_at": "updated_at", "deleted_at": "deleted_at",
}

func buildWhere(w *sqlq.Where, f Filter) error {
	w.Search(f.Q, "attribute", "value")
	w.InFilter("id", f.IDs)
	w.InFilter("attribute", f.Attributes)
	w.InFilter("value", f.Values)
	return sqlq.Groups(w, f.And, f.Or, buildWhere)
}

func list(ctx context.Context, q db.DBTX, ilike string, f Filter, p Page) ([]*Preference, int, error) {
	w := sqlq.NewWhere(ilike)
	if err := buildWhere(w, f); err != nil {
		return nil, 0, err
	}
	w.Add("deleted_at IS NULL")
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Preference]{From: "price_preference", Columns: columns, Scan: scan}.
		Run(ctx, q, "price preferences", w, order, p.Limit, p.Offset)
}

// SetTaxInclusive records, in tx, whether prices of the attribute's value (a currency code,
// a region id) include tax: it creates the preference (false when inclusive is nil) or changes
// it when inclusive is set, as Medusa's store and region workflows upsert them. newID makes
// the id of a new preference.
func SetTaxInclusive(ctx context.Context, tx db.DBTX, now time.Time, newID func() string, attribute, value string, inclusive *bool) error {
	var id string
	err := tx.QueryRowContext(ctx, `SELECT id FROM price_preference WHERE attribute = $1 AND value = $2 AND deleted_at IS NULL`,
		attribute, value).Scan(&id)
	switch {
	case err == nil:
		if inclusive == nil {
			return nil
		}
		return sqlq.Exec(ctx, tx, "update the tax preference of "+value,
			`UPDATE price_preference SET is_tax_inclusive = $2, updated_at = $3 WHERE id = $1`, id, *inclusive, db.FormatTime(now))
	case errors.Is(err, sql.ErrNoRows):
		p := &Preference{ID: newID(), Attribute: attribute, Value: &value, CreatedAt: now, UpdatedAt: now}
		if inclusive != nil {
			p.IsTaxInclusive = *inclusive
		}
		return insert(ctx, tx, p)
	default:
		return fmt.Errorf("read the tax preference of %s: %w", value, err)
	}
}

// TaxInclusiveSQL is a boolean SQL expression: whether prices in the currency named by the
// SQL expression currency include tax (false without a preference). Other modules read the
// flag through it, as a documented read model.
func TaxInclusiveSQL(currency string) string {
	return `COALESCE((SELECT pp.is_tax_inclusive FROM price_preference pp WHERE pp.attribute = 'currency_code'
		AND pp.value = ` + currency + ` AND pp.deleted_at IS NULL), FALSE)`
}
