-- +goose Up
-- What the admin's inventory list reads instead of counting every item and scanning for q.
--
-- inventory_item_count holds the number of live items ("all"), kept by the stock module as it
-- creates and deletes items. inventory_item_search holds the text q searches (SKU, title and
-- description joined by char(31), which a search term never holds) for each live item, under
-- an FTS5 trigram index kept by the triggers below, as product_search is.
CREATE TABLE inventory_item_count (
    scope TEXT PRIMARY KEY,
    n     INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO inventory_item_count (scope, n) SELECT 'all', count(*) FROM inventory_item WHERE deleted_at IS NULL;

CREATE TABLE inventory_item_search (
    id      INTEGER PRIMARY KEY,
    item_id TEXT NOT NULL UNIQUE,
    doc     TEXT NOT NULL
);
CREATE VIRTUAL TABLE inventory_item_search_fts USING fts5(doc, content='inventory_item_search', content_rowid='id', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER inventory_item_search_ai AFTER INSERT ON inventory_item_search BEGIN
    INSERT INTO inventory_item_search_fts (rowid, doc) VALUES (new.id, new.doc);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inventory_item_search_ad AFTER DELETE ON inventory_item_search BEGIN
    INSERT INTO inventory_item_search_fts (inventory_item_search_fts, rowid, doc) VALUES ('delete', old.id, old.doc);
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER inventory_item_search_au AFTER UPDATE ON inventory_item_search BEGIN
    INSERT INTO inventory_item_search_fts (inventory_item_search_fts, rowid, doc) VALUES ('delete', old.id, old.doc);
    INSERT INTO inventory_item_search_fts (rowid, doc) VALUES (new.id, new.doc);
END;
-- +goose StatementEnd
INSERT INTO inventory_item_search (item_id, doc)
SELECT id, coalesce(sku, '') || char(31) || coalesce(title, '') || char(31) || coalesce(description, '')
FROM inventory_item WHERE deleted_at IS NULL;

-- +goose Down
DROP TRIGGER inventory_item_search_au;
DROP TRIGGER inventory_item_search_ad;
DROP TRIGGER inventory_item_search_ai;
DROP TABLE inventory_item_search_fts;
DROP TABLE inventory_item_search;
DROP TABLE inventory_item_count;
