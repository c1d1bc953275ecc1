-- +goose Up
-- One search row per product: its own fields, then each live variant's, in variant id
-- order, every field apart from the next by char(31), up to 16,384 characters. A trigram's
-- postings then name each product once instead of once per variant too, and a search reads
-- about a quarter as much.
-- The table and its index are built again (dropping the rows one by one would delete each
-- from the index first).
DROP TRIGGER product_search_au;
DROP TRIGGER product_search_ad;
DROP TRIGGER product_search_ai;
DROP TABLE product_search_fts;
DROP TABLE product_search;

CREATE TABLE product_search (
    id         INTEGER PRIMARY KEY,
    product_id TEXT NOT NULL,
    doc        TEXT NOT NULL
);
CREATE INDEX idx_product_search_product ON product_search (product_id);
-- A search maps each match's row id to its product through this narrow index, whose pages
-- stay cached, instead of through the table, whose rows hold the text.
CREATE INDEX idx_product_search_key ON product_search (id, product_id);

CREATE VIRTUAL TABLE product_search_fts USING fts5(doc, content='product_search', content_rowid='id', tokenize='trigram');

-- +goose StatementBegin
CREATE TRIGGER product_search_ai AFTER INSERT ON product_search BEGIN
    INSERT INTO product_search_fts (rowid, doc) VALUES (new.id, new.doc);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER product_search_ad AFTER DELETE ON product_search BEGIN
    INSERT INTO product_search_fts (product_search_fts, rowid, doc) VALUES ('delete', old.id, old.doc);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER product_search_au AFTER UPDATE ON product_search BEGIN
    INSERT INTO product_search_fts (product_search_fts, rowid, doc) VALUES ('delete', old.id, old.doc);
    INSERT INTO product_search_fts (rowid, doc) VALUES (new.id, new.doc);
END;
-- +goose StatementEnd

-- A product whose text is longer than 16,384 characters keeps a row of its own fields and one per
-- variant, as the product module writes it (product/search_rows.go).
CREATE TEMPORARY TABLE search_text AS
SELECT p.id AS product_id, p.title || char(31) || substr(coalesce(p.subtitle, ''), 1, 2000) || char(31)
        || substr(coalesce(p.description, ''), 1, 2000) || char(31) || p.handle AS own,
    coalesce((SELECT group_concat(char(31) || v.title || char(31) || coalesce(v.sku, '') || char(31)
            || coalesce(v.barcode, '') || char(31) || coalesce(v.ean, '') || char(31) || coalesce(v.upc, ''), '' ORDER BY v.id)
        FROM product_variant v WHERE v.product_id = p.id AND v.deleted_at IS NULL), '') AS variants
FROM product p WHERE p.deleted_at IS NULL;
INSERT INTO product_search (product_id, doc)
SELECT product_id, own || variants FROM search_text WHERE length(own || variants) <= 16384;
INSERT INTO product_search (product_id, doc)
SELECT product_id, own FROM search_text WHERE length(own || variants) > 16384;
INSERT INTO product_search (product_id, doc)
SELECT v.product_id, v.title || char(31) || coalesce(v.sku, '') || char(31) || coalesce(v.barcode, '') || char(31)
    || coalesce(v.ean, '') || char(31) || coalesce(v.upc, '')
FROM product_variant v JOIN search_text t ON t.product_id = v.product_id AND length(t.own || t.variants) > 16384
WHERE v.deleted_at IS NULL;
DROP TABLE search_text;
INSERT INTO product_search_fts (product_search_fts) VALUES ('optimize');

-- A search keeps its matches that a key's channels list: one probe per match here,
-- instead of one per channel of the key.
CREATE INDEX idx_product_listing_listed_product ON product_listing (product_id, sales_channel_id) WHERE listed;

-- +goose Down
DROP INDEX idx_product_listing_listed_product;
DROP INDEX idx_product_search_key;
DELETE FROM product_search;
DROP INDEX idx_product_search_product;
CREATE INDEX idx_product_search_product ON product_search (product_id);
INSERT INTO product_search (product_id, doc)
SELECT id, title || char(31) || substr(coalesce(subtitle, ''), 1, 2000) || char(31)
    || substr(coalesce(description, ''), 1, 2000) || char(31) || handle
FROM product WHERE deleted_at IS NULL;
INSERT INTO product_search (product_id, doc)
SELECT v.product_id, v.title || char(31) || coalesce(v.sku, '') || char(31) || coalesce(v.barcode, '') || char(31)
    || coalesce(v.ean, '') || char(31) || coalesce(v.upc, '')
FROM product_variant v JOIN product p ON p.id = v.product_id AND p.deleted_at IS NULL
WHERE v.deleted_at IS NULL;
