-- +goose Up
-- Free-text search (`q`) over what Medusa searches: a product's title, subtitle,
-- description and handle, and its live variants' title, SKU, barcode, EAN and UPC. One row
-- per product and one per live variant of a live product, the fields joined by char(31),
-- which a search term never holds, so a match never spans two fields. The product module
-- rewrites a product's rows in the transaction that changes it.
--
-- The FTS5 trigram index matches any substring of three characters or more, which is
-- Medusa's ILIKE '%q%', from the index; shorter terms scan the rows. It is an external
-- content table on product_search, kept by the triggers below as FTS5 documents.
CREATE TABLE product_search (
    id         INTEGER PRIMARY KEY,
    product_id TEXT NOT NULL,
    doc        TEXT NOT NULL
);
CREATE INDEX idx_product_search_product ON product_search (product_id);

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

INSERT INTO product_search (product_id, doc)
SELECT id, title || char(31) || coalesce(subtitle, '') || char(31) || coalesce(description, '') || char(31) || handle
FROM product WHERE deleted_at IS NULL;
INSERT INTO product_search (product_id, doc)
SELECT v.product_id, v.title || char(31) || coalesce(v.sku, '') || char(31) || coalesce(v.barcode, '') || char(31)
    || coalesce(v.ean, '') || char(31) || coalesce(v.upc, '')
FROM product_variant v JOIN product p ON p.id = v.product_id AND p.deleted_at IS NULL
WHERE v.deleted_at IS NULL;

-- +goose Down
DROP TRIGGER product_search_au;
DROP TRIGGER product_search_ad;
DROP TRIGGER product_search_ai;
DROP TABLE product_search_fts;
DROP TABLE product_search;
