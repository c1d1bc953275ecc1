-- +goose Up
-- The storefront's read model of the catalogue, kept by the product module in the
-- transaction of every change that moves it (docs/decisions.md, "The listing read model").
--
-- product_listing mirrors product_sales_channel: one row per link of a live product, with
-- listed true when a storefront sells it there (the product is published and the channel is
-- live and enabled), and the columns a listing sorts by copied from the product. A page is a
-- walk of one of the partial indexes, whatever the size of the catalogue; each order has its
-- own index, both ways, because ties are broken by product id ascending either way and a
-- backward walk would break them descending.
CREATE TABLE product_listing (
    sales_channel_id TEXT NOT NULL,
    product_id       TEXT NOT NULL,
    listed           INTEGER NOT NULL,
    created_at       TEXT NOT NULL,
    title            TEXT NOT NULL,
    PRIMARY KEY (sales_channel_id, product_id)
) WITHOUT ROWID;
CREATE INDEX idx_product_listing_product ON product_listing (product_id);
CREATE INDEX idx_product_listing_by_id ON product_listing (sales_channel_id, product_id) WHERE listed;
CREATE INDEX idx_product_listing_by_created ON product_listing (sales_channel_id, created_at, product_id) WHERE listed;
CREATE INDEX idx_product_listing_by_created_desc ON product_listing (sales_channel_id, created_at DESC, product_id) WHERE listed;
CREATE INDEX idx_product_listing_by_title ON product_listing (sales_channel_id, title, product_id) WHERE listed;
CREATE INDEX idx_product_listing_by_title_desc ON product_listing (sales_channel_id, title DESC, product_id) WHERE listed;

-- Counts that list pages answer without counting rows: "all" (live products),
-- "linked:<channel>" (live products linked to the channel) and "listed:<channel>" (what a
-- storefront of that channel lists). A missing scope counts 0.
CREATE TABLE product_count (
    scope TEXT PRIMARY KEY,
    n     INTEGER NOT NULL
) WITHOUT ROWID;

INSERT INTO product_listing (sales_channel_id, product_id, listed, created_at, title)
SELECT psc.sales_channel_id, p.id, p.status = 'published' AND sc.deleted_at IS NULL AND NOT sc.is_disabled,
    p.created_at, p.title
FROM product_sales_channel psc
JOIN product p ON p.id = psc.product_id AND p.deleted_at IS NULL
JOIN sales_channel sc ON sc.id = psc.sales_channel_id;

INSERT INTO product_count (scope, n) SELECT 'all', count(*) FROM product WHERE deleted_at IS NULL;
INSERT INTO product_count (scope, n)
SELECT 'linked:' || sales_channel_id, count(*) FROM product_listing GROUP BY sales_channel_id;
INSERT INTO product_count (scope, n)
SELECT 'listed:' || sales_channel_id, count(*) FROM product_listing WHERE listed GROUP BY sales_channel_id;

-- The admin lists the catalogue in id order (the primary key) or by creation, either way.
CREATE INDEX idx_product_live_created ON product (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_product_live_created_desc ON product (created_at DESC, id) WHERE deleted_at IS NULL;

-- +goose Down
DROP INDEX idx_product_live_created_desc;
DROP INDEX idx_product_live_created;
DROP TABLE product_count;
DROP TABLE product_listing;
