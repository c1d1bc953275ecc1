-- +goose Up
-- Price preferences (Medusa's pricing module): whether prices of a currency or a region
-- include tax. The store's currencies keep their tax flag here from now on, as in Medusa, so
-- each store currency's flag becomes its currency_code preference.
CREATE TABLE price_preference (
    id               TEXT PRIMARY KEY,
    attribute        TEXT NOT NULL,
    value            TEXT,
    is_tax_inclusive BOOLEAN NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    deleted_at       TEXT
);

CREATE UNIQUE INDEX price_preference_attribute_value ON price_preference (attribute, value) WHERE deleted_at IS NULL;

INSERT INTO price_preference (id, attribute, value, is_tax_inclusive, created_at, updated_at)
SELECT 'prpref_' || substr(id, 8), 'currency_code', currency_code, is_tax_inclusive, created_at, updated_at
FROM store_currency;

ALTER TABLE store_currency DROP COLUMN is_tax_inclusive;

-- +goose Down
ALTER TABLE store_currency ADD COLUMN is_tax_inclusive INTEGER NOT NULL DEFAULT 0;
UPDATE store_currency SET is_tax_inclusive = COALESCE((SELECT p.is_tax_inclusive FROM price_preference p
    WHERE p.attribute = 'currency_code' AND p.value = store_currency.currency_code AND p.deleted_at IS NULL), 0);
DROP TABLE price_preference;
