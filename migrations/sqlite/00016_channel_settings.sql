-- +goose Up
-- Sellers: who sells through a channel (a vendor, a marketplace seller). A channel has at
-- most one; an order keeps the one its channel had when it was placed.
CREATE TABLE seller (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    email      TEXT,
    metadata   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX idx_seller_deleted_at ON seller (deleted_at);

ALTER TABLE sales_channel ADD COLUMN seller_id TEXT REFERENCES seller (id);
CREATE INDEX idx_sales_channel_seller ON sales_channel (seller_id) WHERE seller_id IS NOT NULL;

ALTER TABLE "order" ADD COLUMN seller_id TEXT;
CREATE INDEX idx_order_seller ON "order" (seller_id) WHERE seller_id IS NOT NULL;

-- The currencies a channel sells in and the languages it serves, each set with one default
-- (the partial unique indexes). Rows go with the channel's row; a soft-deleted channel's are
-- deleted by the deleting transaction.
CREATE TABLE sales_channel_currency (
    sales_channel_id TEXT NOT NULL REFERENCES sales_channel (id) ON DELETE CASCADE,
    currency_code    TEXT NOT NULL,
    is_default       INTEGER NOT NULL DEFAULT 0,
    is_tax_inclusive INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (sales_channel_id, currency_code)
) WITHOUT ROWID;
CREATE UNIQUE INDEX idx_sales_channel_currency_default ON sales_channel_currency (sales_channel_id) WHERE is_default;

CREATE TABLE sales_channel_locale (
    sales_channel_id TEXT NOT NULL REFERENCES sales_channel (id) ON DELETE CASCADE,
    locale_code      TEXT NOT NULL,
    is_default       INTEGER NOT NULL DEFAULT 0,
    PRIMARY KEY (sales_channel_id, locale_code)
) WITHOUT ROWID;
CREATE UNIQUE INDEX idx_sales_channel_locale_default ON sales_channel_locale (sales_channel_id) WHERE is_default;

-- +goose Down
DROP TABLE sales_channel_locale;
DROP TABLE sales_channel_currency;
DROP INDEX idx_order_seller;
ALTER TABLE "order" DROP COLUMN seller_id;
DROP INDEX idx_sales_channel_seller;
ALTER TABLE sales_channel DROP COLUMN seller_id;
DROP TABLE seller;
