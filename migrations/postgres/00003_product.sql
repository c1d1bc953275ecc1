-- +goose Up
-- Products, their options, variants and prices, the product ↔ sales channel link, and
-- regions; the same tables as the SQLite migration of the same number.

CREATE TABLE product (
    id             TEXT PRIMARY KEY,
    title          TEXT NOT NULL,
    subtitle       TEXT,
    description    TEXT,
    handle         TEXT NOT NULL,
    status         TEXT NOT NULL DEFAULT 'draft',
    thumbnail      TEXT,
    is_giftcard    BOOLEAN NOT NULL DEFAULT FALSE,
    discountable   BOOLEAN NOT NULL DEFAULT TRUE,
    weight         DOUBLE PRECISION,
    length         DOUBLE PRECISION,
    height         DOUBLE PRECISION,
    width          DOUBLE PRECISION,
    hs_code        TEXT,
    origin_country TEXT,
    mid_code       TEXT,
    material       TEXT,
    collection_id  TEXT,
    type_id        TEXT,
    metadata       JSONB,
    created_at     TIMESTAMPTZ(3) NOT NULL,
    updated_at     TIMESTAMPTZ(3) NOT NULL,
    deleted_at     TIMESTAMPTZ(3)
);
-- A handle is unique among live products only: a deleted product frees its handle.
CREATE UNIQUE INDEX idx_product_handle ON product (handle) WHERE deleted_at IS NULL;
CREATE INDEX idx_product_status ON product (status, deleted_at);

CREATE TABLE product_option (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    title      TEXT NOT NULL,
    metadata   JSONB,
    created_at TIMESTAMPTZ(3) NOT NULL,
    updated_at TIMESTAMPTZ(3) NOT NULL,
    deleted_at TIMESTAMPTZ(3)
);
CREATE INDEX idx_product_option_product_id ON product_option (product_id);

CREATE TABLE product_option_value (
    id         TEXT PRIMARY KEY,
    option_id  TEXT NOT NULL REFERENCES product_option (id) ON DELETE CASCADE,
    value      TEXT NOT NULL,
    rank       INTEGER,
    metadata   JSONB,
    created_at TIMESTAMPTZ(3) NOT NULL,
    updated_at TIMESTAMPTZ(3) NOT NULL,
    deleted_at TIMESTAMPTZ(3)
);
CREATE INDEX idx_product_option_value_option_id ON product_option_value (option_id);

CREATE TABLE product_variant (
    id               TEXT PRIMARY KEY,
    product_id       TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    title            TEXT NOT NULL,
    sku              TEXT,
    barcode          TEXT,
    ean              TEXT,
    upc              TEXT,
    allow_backorder  BOOLEAN NOT NULL DEFAULT FALSE,
    manage_inventory BOOLEAN NOT NULL DEFAULT TRUE,
    variant_rank     INTEGER NOT NULL DEFAULT 0,
    hs_code          TEXT,
    origin_country   TEXT,
    mid_code         TEXT,
    material         TEXT,
    weight           DOUBLE PRECISION,
    length           DOUBLE PRECISION,
    height           DOUBLE PRECISION,
    width            DOUBLE PRECISION,
    thumbnail        TEXT,
    metadata         JSONB,
    created_at       TIMESTAMPTZ(3) NOT NULL,
    updated_at       TIMESTAMPTZ(3) NOT NULL,
    deleted_at       TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX idx_product_variant_sku ON product_variant (sku) WHERE deleted_at IS NULL;
CREATE INDEX idx_product_variant_product_id ON product_variant (product_id);

CREATE TABLE product_variant_option (
    variant_id      TEXT NOT NULL REFERENCES product_variant (id) ON DELETE CASCADE,
    option_value_id TEXT NOT NULL REFERENCES product_option_value (id) ON DELETE CASCADE,
    PRIMARY KEY (variant_id, option_value_id)
);

-- A price is in minor units of its currency. sales_channel_id is for per-channel prices
-- later; the base price of a variant and currency is the one without a channel.
CREATE TABLE price (
    id               TEXT PRIMARY KEY,
    variant_id       TEXT NOT NULL REFERENCES product_variant (id) ON DELETE CASCADE,
    currency_code    TEXT NOT NULL,
    amount           BIGINT NOT NULL,
    sales_channel_id TEXT REFERENCES sales_channel (id),
    created_at       TIMESTAMPTZ(3) NOT NULL,
    updated_at       TIMESTAMPTZ(3) NOT NULL,
    deleted_at       TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX idx_price_variant_currency ON price (variant_id, currency_code)
    WHERE sales_channel_id IS NULL AND deleted_at IS NULL;
CREATE UNIQUE INDEX idx_price_variant_currency_channel ON price (variant_id, currency_code, sales_channel_id)
    WHERE sales_channel_id IS NOT NULL AND deleted_at IS NULL;
CREATE INDEX idx_price_variant_id ON price (variant_id);

CREATE TABLE product_sales_channel (
    product_id       TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    sales_channel_id TEXT NOT NULL REFERENCES sales_channel (id),
    created_at       TIMESTAMPTZ(3) NOT NULL,
    PRIMARY KEY (product_id, sales_channel_id)
);
CREATE INDEX idx_product_sales_channel_sales_channel_id ON product_sales_channel (sales_channel_id);

CREATE TABLE region (
    id              TEXT PRIMARY KEY,
    name            TEXT NOT NULL,
    currency_code   TEXT NOT NULL,
    automatic_taxes BOOLEAN NOT NULL DEFAULT TRUE,
    metadata        JSONB,
    created_at      TIMESTAMPTZ(3) NOT NULL,
    updated_at      TIMESTAMPTZ(3) NOT NULL,
    deleted_at      TIMESTAMPTZ(3)
);
CREATE INDEX idx_region_deleted_at ON region (deleted_at);

-- A country belongs to at most one region; deleting a region frees its countries.
CREATE TABLE region_country (
    iso_2      TEXT PRIMARY KEY,
    region_id  TEXT NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    created_at TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_region_country_region_id ON region_country (region_id);

CREATE TABLE region_payment_provider (
    region_id   TEXT NOT NULL REFERENCES region (id) ON DELETE CASCADE,
    provider_id TEXT NOT NULL,
    PRIMARY KEY (region_id, provider_id)
);

-- +goose Down
DROP TABLE region_payment_provider;
DROP TABLE region_country;
DROP TABLE region;
DROP TABLE product_sales_channel;
DROP TABLE price;
DROP TABLE product_variant_option;
DROP TABLE product_variant;
DROP TABLE product_option_value;
DROP TABLE product_option;
DROP TABLE product;
