-- +goose Up
-- What the admin's inventory list reads instead of counting every item and scanning for q;
-- the same as the SQLite migration of the same number, which explains it, with pg_trgm's GIN
-- index on the search text.
CREATE TABLE inventory_item_count (
    scope TEXT PRIMARY KEY,
    n     BIGINT NOT NULL
);
INSERT INTO inventory_item_count (scope, n) SELECT 'all', count(*) FROM inventory_item WHERE deleted_at IS NULL;

CREATE TABLE inventory_item_search (
    id      BIGINT GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    item_id TEXT NOT NULL UNIQUE,
    doc     TEXT NOT NULL
);
-- +goose StatementBegin
DO $$
BEGIN
    EXECUTE format('CREATE INDEX idx_inventory_item_search_doc ON inventory_item_search USING gin (doc %s.gin_trgm_ops)',
        (SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'));
END
$$;
-- +goose StatementEnd
INSERT INTO inventory_item_search (item_id, doc)
SELECT id, coalesce(sku, '') || chr(31) || coalesce(title, '') || chr(31) || coalesce(description, '')
FROM inventory_item WHERE deleted_at IS NULL;

-- +goose Down
DROP TABLE inventory_item_search;
DROP TABLE inventory_item_count;
