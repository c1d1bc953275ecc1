-- +goose Up
-- The count of live inventory items, spread over stripes as order_count is: one row held by
-- every transaction that created or deleted an item made concurrent product imports wait for
-- each other's commit. A transaction moves the stripe of its connection, so it locks one row,
-- and the count is the sum of the stripes.
CREATE TABLE inventory_item_count_striped (
    scope  TEXT NOT NULL,
    stripe INTEGER NOT NULL,
    n      BIGINT NOT NULL,
    PRIMARY KEY (scope, stripe)
);
INSERT INTO inventory_item_count_striped (scope, stripe, n) SELECT scope, 0, n FROM inventory_item_count;
DROP TABLE inventory_item_count;
ALTER TABLE inventory_item_count_striped RENAME TO inventory_item_count;
ALTER INDEX inventory_item_count_striped_pkey RENAME TO inventory_item_count_pkey;

-- +goose Down
CREATE TABLE inventory_item_count_single (
    scope TEXT PRIMARY KEY,
    n     BIGINT NOT NULL
);
INSERT INTO inventory_item_count_single (scope, n) SELECT scope, sum(n) FROM inventory_item_count GROUP BY scope;
DROP TABLE inventory_item_count;
ALTER TABLE inventory_item_count_single RENAME TO inventory_item_count;
ALTER INDEX inventory_item_count_single_pkey RENAME TO inventory_item_count_pkey;
