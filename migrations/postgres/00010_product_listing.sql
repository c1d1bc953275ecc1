-- +goose Up
-- The storefront's read model of the catalogue; the same tables as the SQLite migration of
-- the same number, which explains them.
CREATE TABLE product_listing (
    sales_channel_id TEXT NOT NULL,
    product_id       TEXT NOT NULL,
    listed           BOOLEAN NOT NULL,
    created_at       TIMESTAMPTZ(3) NOT NULL,
    title            TEXT NOT NULL,
    PRIMARY KEY (sales_channel_id, product_id)
);
CREATE INDEX idx_product_listing_product ON product_listing (product_id);
CREATE INDEX idx_product_listing_by_id ON product_listing (sales_channel_id, product_id) WHERE listed;
CREATE INDEX idx_product_listing_by_created ON product_listing (sales_channel_id, created_at, product_id) WHERE listed;
CREATE INDEX idx_product_listing_by_created_desc ON product_listing (sales_channel_id, created_at DESC, product_id) WHERE listed;
CREATE INDEX idx_product_listing_by_title ON product_listing (sales_channel_id, title, product_id) WHERE listed;
CREATE INDEX idx_product_listing_by_title_desc ON product_listing (sales_channel_id, title DESC, product_id) WHERE listed;

CREATE TABLE product_count (
    scope TEXT PRIMARY KEY,
    n     BIGINT NOT NULL
);

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
