-- +goose Up
-- A cart belongs to at most one sales channel; its lines keep the variant's titles and unit
-- price (minor units of the cart's currency) as they were when added.
CREATE TABLE cart (
    id               TEXT PRIMARY KEY,
    region_id        TEXT,
    sales_channel_id TEXT,
    currency_code    TEXT NOT NULL,
    email            TEXT,
    metadata         JSONB,
    completed_at     TIMESTAMPTZ(3),
    created_at       TIMESTAMPTZ(3) NOT NULL,
    updated_at       TIMESTAMPTZ(3) NOT NULL,
    deleted_at       TIMESTAMPTZ(3)
);
CREATE INDEX idx_cart_sales_channel_id ON cart (sales_channel_id);

CREATE TABLE cart_line_item (
    id            TEXT PRIMARY KEY,
    cart_id       TEXT NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
    variant_id    TEXT NOT NULL,
    product_id    TEXT NOT NULL,
    title         TEXT NOT NULL,
    product_title TEXT NOT NULL,
    variant_title TEXT NOT NULL,
    variant_sku   TEXT,
    quantity      BIGINT NOT NULL,
    unit_price    BIGINT NOT NULL,
    metadata      JSONB,
    created_at    TIMESTAMPTZ(3) NOT NULL,
    updated_at    TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_cart_line_item_cart_id ON cart_line_item (cart_id);

-- +goose Down
DROP TABLE cart_line_item;
DROP TABLE cart;
