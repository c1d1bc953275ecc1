-- +goose Up
-- The count of live inventory items, spread over stripes as order_count is. SQLite has one
-- writer and uses stripe 0 alone; the PostgreSQL migration of the same number explains why
-- the table has stripes.
CREATE TABLE inventory_item_count_striped (
    scope  TEXT NOT NULL,
    stripe INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (scope, stripe)
) WITHOUT ROWID;
INSERT INTO inventory_item_count_striped (scope, stripe, n) SELECT scope, 0, n FROM inventory_item_count;
DROP TABLE inventory_item_count;
ALTER TABLE inventory_item_count_striped RENAME TO inventory_item_count;

-- +goose Down
CREATE TABLE inventory_item_count_single (
    scope TEXT PRIMARY KEY,
    n     INTEGER NOT NULL
) WITHOUT ROWID;
INSERT INTO inventory_item_count_single (scope, n) SELECT scope, sum(n) FROM inventory_item_count GROUP BY scope;
DROP TABLE inventory_item_count;
ALTER TABLE inventory_item_count_single RENAME TO inventory_item_count;
