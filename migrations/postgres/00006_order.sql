-- +goose Up
-- An order is created by completing a cart; cart_id is unique so a cart completes once.
-- display_id comes from its sequence.
CREATE TABLE "order" (
    id               TEXT PRIMARY KEY,
    display_id       BIGSERIAL NOT NULL UNIQUE,
    cart_id          TEXT UNIQUE,
    status           TEXT NOT NULL,
    email            TEXT,
    currency_code    TEXT NOT NULL,
    region_id        TEXT,
    sales_channel_id TEXT,
    item_total       BIGINT NOT NULL,
    total            BIGINT NOT NULL,
    created_at       TIMESTAMPTZ(3) NOT NULL,
    updated_at       TIMESTAMPTZ(3) NOT NULL,
    deleted_at       TIMESTAMPTZ(3)
);
CREATE INDEX idx_order_sales_channel_id ON "order" (sales_channel_id);

CREATE TABLE order_line_item (
    id            TEXT PRIMARY KEY,
    order_id      TEXT NOT NULL REFERENCES "order" (id) ON DELETE CASCADE,
    variant_id    TEXT NOT NULL,
    product_id    TEXT NOT NULL,
    title         TEXT NOT NULL,
    product_title TEXT NOT NULL,
    variant_title TEXT NOT NULL,
    variant_sku   TEXT,
    quantity      BIGINT NOT NULL,
    unit_price    BIGINT NOT NULL,
    created_at    TIMESTAMPTZ(3) NOT NULL,
    updated_at    TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_order_line_item_order_id ON order_line_item (order_id);

-- +goose Down
DROP TABLE order_line_item;
DROP TABLE "order";
