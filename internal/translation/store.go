package translation

import (
	"context"
	"encoding/json"
	"fmt"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/sqlq"
	"channeld/internal/platform/visible"
)

const columns = `id, reference, reference_id, locale_code, translations, created_at, updated_at`

var scan = sqlq.Into(func(t *Translation) []any {
	return append([]any{&t.ID, &t.Reference, &t.ReferenceID, &t.LocaleCode, db.JSONDest(&t.Translations)},
		db.Stamps(&t.CreatedAt, &t.UpdatedAt)...)
})

// errDuplicate is Medusa's answer to a second translation of an entity in a locale: the
// unique index's violation as its database error mapper words it.
func errDuplicate(referenceID, localeCode string) error {
	return apperr.Invalidf("Translation with reference_id: %s, locale_code: %s, already exists.", referenceID, localeCode)
}

func insert(ctx context.Context, tx db.DBTX, t *Translation) error {
	return sqlq.ExecUnique(ctx, tx, errDuplicate(t.ReferenceID, t.LocaleCode), "insert translation",
		`INSERT INTO translation (`+columns+`) VALUES ($1, $2, $3, $4, $5, $6, $7)`,
		t.ID, t.Reference, t.ReferenceID, t.LocaleCode, db.JSON(t.Translations),
		db.FormatTime(t.CreatedAt), db.FormatTime(t.UpdatedAt))
}

func update(ctx context.Context, tx db.DBTX, t *Translation) error {
	return sqlq.Exec(ctx, tx, "update translation "+t.ID, `UPDATE translation SET translations = $2, updated_at = $3 WHERE id = $1`,
		t.ID, db.JSON(t.Translations), db.FormatTime(t.UpdatedAt))
}

// byIDs returns the translations among ids, by id; lock is "" or db.ForUpdate().
func byIDs(ctx context.Context, q db.DBTX, ids []string, lock string) (map[string]*Translation, error) {
	out := map[string]*Translation{}
	if len(ids) == 0 {
		return out, nil
	}
	var args []any
	ts, err := sqlq.Collect(ctx, q, scan, `SELECT `+columns+` FROM translation WHERE id IN (`+sqlq.In(&args, ids...)+`)`+lock, args...)
	if err != nil {
		return nil, fmt.Errorf("read translations: %w", err)
	}
	for _, t := range ts {
		out[t.ID] = t
	}
	return out, nil
}

// deleteIDs deletes the translations among ids and returns the ids it deleted, in the order
// of ids.
func deleteIDs(ctx context.Context, tx db.DBTX, ids []string) ([]string, error) {
	found, err := byIDs(ctx, tx, ids, "")
	if err != nil || len(found) == 0 {
		return nil, err
	}
	var gone []string
	var args []any
	for _, id := range ids {
		if _, ok := found[id]; ok {
			gone = append(gone, id)
			delete(found, id) // an id asked twice is deleted once
		}
	}
	err = sqlq.Exec(ctx, tx, "delete translations", `DELETE FROM translation WHERE id IN (`+sqlq.In(&args, gone...)+`)`, args...)
	return gone, err
}

var orderColumns = map[string]string{
	"id": "id", "reference": "reference", "reference_id": "reference_id", "locale_code": "locale_code",
	"created_at": "created_at", "updated_at": "updated_at",
}

func list(ctx context.Context, q db.DBTX, ilike string, f Filter, p Page) ([]*Translation, int, error) {
	w := sqlq.NewWhere(ilike)
	// Medusa searches the translated text; CAST reads JSONB and SQLite's TEXT alike.
	w.Search(f.Q, "CAST(translations AS TEXT)")
	w.InFilter("id", f.IDs)
	w.InFilter("reference_id", f.ReferenceIDs)
	if f.Reference != "" {
		w.Eq("reference", f.Reference)
	}
	if f.LocaleCode != "" {
		w.Eq("locale_code", f.LocaleCode)
	}
	restrictReadable(ctx, w)
	order, err := sqlq.OrderBy(p.Order, orderColumns, "id")
	if err != nil {
		return nil, 0, err
	}
	return sqlq.List[*Translation]{From: "translation", Columns: columns, Scan: scan}.Run(ctx, q, "translations", w, order, p.Limit, p.Offset)
}

// fieldsOf returns the translated fields of entities in one locale with one statement, which
// the unique index (reference_id, locale_code, reference) answers.
func fieldsOf(ctx context.Context, q db.DBTX, localeCode string, ids []string) (map[Ref]Fields, error) {
	out := map[Ref]Fields{}
	if len(ids) == 0 {
		return out, nil
	}
	args := []any{localeCode}
	rows, err := q.QueryContext(ctx, `SELECT reference, reference_id, translations FROM translation
		WHERE reference_id IN (`+sqlq.InSet(&args, ids)+`) AND locale_code = $1`, args...)
	if err != nil {
		return nil, fmt.Errorf("read %s translations: %w", localeCode, err)
	}
	defer rows.Close()
	for rows.Next() {
		var ref Ref
		var doc db.JSON
		if err := rows.Scan(&ref.Reference, &ref.ID, &doc); err != nil {
			return nil, fmt.Errorf("read %s translations: %w", localeCode, err)
		}
		var f Fields
		if err := json.Unmarshal(doc, &f); err != nil {
			return nil, fmt.Errorf("decode the %s translation of %s: %w", localeCode, ref.ID, err)
		}
		out[ref] = f
	}
	return out, rows.Err()
}

// restrictReadable limits w to the translations a channel-limited caller may read (§5.6):
// those of products, and of their variants, in a channel where it holds translation:read.
func restrictReadable(ctx context.Context, w *sqlq.Where) {
	all, ids := visible.Readable(ctx, "translation")
	if all {
		return
	}
	if len(ids) == 0 {
		w.Add("1 = 0")
		return
	}
	in := w.ArgList(ids)
	w.Add(`((reference = '` + Product + `' AND reference_id IN (SELECT product_id FROM product_sales_channel
			WHERE sales_channel_id IN (` + in + `)))
		OR (reference = '` + Variant + `' AND reference_id IN (SELECT v.id FROM product_variant v
			JOIN product_sales_channel psc ON psc.product_id = v.product_id WHERE psc.sales_channel_id IN (` + in + `))))`)
}
