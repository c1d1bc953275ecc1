package shop

import (
	"context"
	"fmt"
	"time"

	"channeld/internal/platform/apperr"
	"channeld/internal/platform/db"
	"channeld/internal/platform/locale"
	"channeld/internal/platform/sqlq"
	"channeld/internal/saleschannel"
)

// The store's supported_locales (Medusa 2.12+): the languages the installation serves. A
// store with none accepts any language on its channels; one with some bounds them (E9).

// canonicalLocales returns codes as locale.Canonical writes them, refusing a malformed tag
// (E6) first and then a tag listed twice, in Medusa's store wording.
func canonicalLocales(codes []string) ([]string, error) {
	out := make([]string, len(codes))
	seen := map[string]bool{}
	for i, c := range codes {
		code, ok := locale.Canonical(c)
		if !ok {
			return nil, apperr.Invalidf("Locale code %s is not a valid BCP 47 tag", c)
		}
		out[i] = code
	}
	for _, code := range out {
		if seen[code] {
			return nil, apperr.Invalidf("Duplicate locale codes: %s", code)
		}
		seen[code] = true
	}
	return out, nil
}

// replaceLocales makes codes the store's locales inside tx, keeping the rows (and their
// created_at) of codes that stay.
func replaceLocales(ctx context.Context, tx db.DBTX, storeID string, codes []string, now time.Time) error {
	codes, err := canonicalLocales(codes)
	if err != nil {
		return err
	}
	args := []any{storeID}
	del := `DELETE FROM store_locale WHERE store_id = $1`
	if len(codes) > 0 {
		del += ` AND locale_code NOT IN (` + sqlq.In(&args, codes...) + `)`
	}
	if err := sqlq.Exec(ctx, tx, "replace store locales", del, args...); err != nil {
		return err
	}
	for _, code := range codes {
		err := sqlq.Exec(ctx, tx, "add store locale "+code, `INSERT INTO store_locale (store_id, locale_code, created_at, updated_at)
			VALUES ($1, $2, $3, $3) ON CONFLICT (store_id, locale_code) DO NOTHING`, storeID, code, db.FormatTime(now))
		if err != nil {
			return err
		}
	}
	return nil
}

// storeLocales returns the locales of a store ordered by code.
func storeLocales(ctx context.Context, q db.DBTX, storeID string) ([]Locale, error) {
	out, err := sqlq.Collect(ctx, q, func(r sqlq.Scanner) (Locale, error) {
		var l Locale
		err := r.Scan(append([]any{&l.Code}, db.Stamps(&l.CreatedAt, &l.UpdatedAt)...)...)
		return l, err
	}, `SELECT locale_code, created_at, updated_at FROM store_locale WHERE store_id = $1 ORDER BY locale_code`, storeID)
	if err != nil {
		return nil, fmt.Errorf("list store locales: %w", err)
	}
	return out, nil
}

// LocaleReader reads the store's locale codes for other modules. It needs only the database,
// so it exists before the channel service, which the store service is built on, and the
// channel service checks channel locales against it (E9).
type LocaleReader struct{}

// The sales channel service bounds channel locales through its StoreLocales interface.
var _ saleschannel.StoreLocales = LocaleReader{}

// NewLocaleReader returns the reader.
func NewLocaleReader() LocaleReader { return LocaleReader{} }

// StoreLocaleCodes returns the store's locale codes ordered, read through q (the caller's
// transaction, so a check sees what it commits with); none when the store names none.
func (LocaleReader) StoreLocaleCodes(ctx context.Context, q db.DBTX) ([]string, error) {
	codes, err := sqlq.Collect(ctx, q, sqlq.String, `SELECT locale_code FROM store_locale ORDER BY locale_code`)
	if err != nil {
		return nil, fmt.Errorf("read the store's locales: %w", err)
	}
	return codes, nil
}
