-- +goose Up
-- One search row per product; the SQLite migration of the same number explains it.
TRUNCATE product_search;
DROP INDEX idx_product_search_product;
CREATE INDEX idx_product_search_product ON product_search (product_id);

-- A product whose text is longer than 16,384 characters keeps a row of its own fields and one per
-- variant, as the product module writes it (product/search_rows.go).
CREATE TEMPORARY TABLE search_text AS
SELECT p.id AS product_id, p.title || chr(31) || substr(coalesce(p.subtitle, ''), 1, 2000) || chr(31)
        || substr(coalesce(p.description, ''), 1, 2000) || chr(31) || p.handle AS own,
    coalesce((SELECT string_agg(chr(31) || v.title || chr(31) || coalesce(v.sku, '') || chr(31)
            || coalesce(v.barcode, '') || chr(31) || coalesce(v.ean, '') || chr(31) || coalesce(v.upc, ''), '' ORDER BY v.id)
        FROM product_variant v WHERE v.product_id = p.id AND v.deleted_at IS NULL), '') AS variants
FROM product p WHERE p.deleted_at IS NULL;
INSERT INTO product_search (product_id, doc)
SELECT product_id, own || variants FROM search_text WHERE length(own || variants) <= 16384;
INSERT INTO product_search (product_id, doc)
SELECT product_id, own FROM search_text WHERE length(own || variants) > 16384;
INSERT INTO product_search (product_id, doc)
SELECT v.product_id, v.title || chr(31) || coalesce(v.sku, '') || chr(31) || coalesce(v.barcode, '') || chr(31)
    || coalesce(v.ean, '') || chr(31) || coalesce(v.upc, '')
FROM product_variant v JOIN search_text t ON t.product_id = v.product_id AND length(t.own || t.variants) > 16384
WHERE v.deleted_at IS NULL;
DROP TABLE search_text;

-- A search keeps its matches that a key's channels list: one probe per match here,
-- instead of one per channel of the key.
CREATE INDEX idx_product_listing_listed_product ON product_listing (product_id, sales_channel_id) WHERE listed;

-- +goose Down
DROP INDEX idx_product_listing_listed_product;
TRUNCATE product_search;
DROP INDEX idx_product_search_product;
CREATE INDEX idx_product_search_product ON product_search (product_id);
INSERT INTO product_search (product_id, doc)
SELECT id, title || chr(31) || substr(coalesce(subtitle, ''), 1, 2000) || chr(31)
    || substr(coalesce(description, ''), 1, 2000) || chr(31) || handle
FROM product WHERE deleted_at IS NULL;
INSERT INTO product_search (product_id, doc)
SELECT v.product_id, v.title || chr(31) || coalesce(v.sku, '') || chr(31) || coalesce(v.barcode, '') || chr(31)
    || coalesce(v.ean, '') || chr(31) || coalesce(v.upc, '')
FROM product_variant v JOIN product p ON p.id = v.product_id AND p.deleted_at IS NULL
WHERE v.deleted_at IS NULL;
