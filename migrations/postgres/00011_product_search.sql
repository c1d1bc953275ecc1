-- +goose Up
-- Free-text search (`q`); the same rows as the SQLite migration of the same number, which
-- explains them. pg_trgm's GIN index answers ILIKE '%q%' from the index for terms of three
-- characters or more.
--
-- The extension lives in one schema for the whole database, public, and is created under a
-- transaction-scoped advisory lock: several channeld schemas in one database (as the tests
-- keep them) share it, none of them owns it, and two migrating at once do not race to create
-- it. Where it already exists in another schema, the index names that schema's operator class.
CREATE TABLE product_search (
    id         BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    product_id TEXT NOT NULL,
    doc        TEXT NOT NULL
);
CREATE INDEX idx_product_search_product ON product_search (product_id);

-- +goose StatementBegin
DO $$
DECLARE
    ext_schema TEXT;
BEGIN
    PERFORM pg_advisory_xact_lock(hashtext('channeld: create extension pg_trgm'));
    CREATE EXTENSION IF NOT EXISTS pg_trgm WITH SCHEMA public;
    SELECT extnamespace::regnamespace::text INTO ext_schema FROM pg_extension WHERE extname = 'pg_trgm';
    EXECUTE format('CREATE INDEX idx_product_search_doc ON product_search USING gin (doc %s.gin_trgm_ops)', ext_schema);
END
$$;
-- +goose StatementEnd

INSERT INTO product_search (product_id, doc)
SELECT id, title || chr(31) || coalesce(subtitle, '') || chr(31) || coalesce(description, '') || chr(31) || handle
FROM product WHERE deleted_at IS NULL;
INSERT INTO product_search (product_id, doc)
SELECT v.product_id, v.title || chr(31) || coalesce(v.sku, '') || chr(31) || coalesce(v.barcode, '') || chr(31)
    || coalesce(v.ean, '') || chr(31) || coalesce(v.upc, '')
FROM product_variant v JOIN product p ON p.id = v.product_id AND p.deleted_at IS NULL
WHERE v.deleted_at IS NULL;

-- +goose Down
DROP TABLE product_search;
