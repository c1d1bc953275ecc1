-- +goose Up
-- Channel prices live in price (sales_channel_id set). A price inheritance rule derives a
-- channel's prices in one currency from a source (another channel, or the base prices when
-- source_sales_channel_id is NULL) by an exact factor and a rounding in minor units of
-- currency_code. One rule per channel and currency.
CREATE TABLE price_inheritance (
    id                      TEXT PRIMARY KEY,
    sales_channel_id        TEXT NOT NULL REFERENCES sales_channel (id) ON DELETE CASCADE,
    currency_code           TEXT NOT NULL,
    source_sales_channel_id TEXT REFERENCES sales_channel (id) ON DELETE CASCADE,
    source_currency_code    TEXT NOT NULL,
    factor                  TEXT NOT NULL,
    rounding_increment      BIGINT NOT NULL,
    rounding_mode           TEXT NOT NULL,
    rounding_offset         BIGINT NOT NULL,
    created_at              TIMESTAMPTZ(3) NOT NULL,
    updated_at              TIMESTAMPTZ(3) NOT NULL,
    UNIQUE (sales_channel_id, currency_code)
);
CREATE INDEX idx_price_inheritance_source ON price_inheritance (source_sales_channel_id, source_currency_code);

-- Channel prices of a channel, for the effective price table and for dropping them when a
-- currency or a product leaves the channel.
CREATE INDEX idx_price_channel ON price (sales_channel_id, currency_code, variant_id)
    WHERE sales_channel_id IS NOT NULL AND deleted_at IS NULL;

-- Whether an explicit price write sets the other explicit prices of its variant and currency.
ALTER TABLE store ADD COLUMN sync_prices_across_channels BOOLEAN NOT NULL DEFAULT FALSE;

-- The languages the store serves; a channel's locales must be among them when there are any.
CREATE TABLE store_locale (
    store_id    TEXT NOT NULL REFERENCES store (id) ON DELETE CASCADE,
    locale_code TEXT NOT NULL,
    created_at  TIMESTAMPTZ(3) NOT NULL,
    updated_at  TIMESTAMPTZ(3) NOT NULL,
    PRIMARY KEY (store_id, locale_code)
);

-- Translated fields of a product or a variant in one locale; translations is a JSON object.
CREATE TABLE translation (
    id           TEXT PRIMARY KEY,
    reference    TEXT NOT NULL,
    reference_id TEXT NOT NULL,
    locale_code  TEXT NOT NULL,
    translations JSONB NOT NULL,
    created_at   TIMESTAMPTZ(3) NOT NULL,
    updated_at   TIMESTAMPTZ(3) NOT NULL,
    UNIQUE (reference_id, locale_code, reference)
);

-- Append-only record of who changed what, written in the change's transaction.
CREATE TABLE audit_log (
    id               TEXT PRIMARY KEY,
    action           TEXT NOT NULL,
    resource         TEXT NOT NULL,
    resource_id      TEXT NOT NULL,
    sales_channel_id TEXT,
    actor_type       TEXT,
    actor_id         TEXT,
    cause            TEXT,
    changes          JSONB NOT NULL,
    created_at       TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_audit_log_created ON audit_log (created_at, id);
CREATE INDEX idx_audit_log_resource ON audit_log (resource_id, created_at);
CREATE INDEX idx_audit_log_channel ON audit_log (sales_channel_id, created_at) WHERE sales_channel_id IS NOT NULL;

-- +goose Down
DROP TABLE audit_log;
DROP TABLE translation;
DROP TABLE store_locale;
ALTER TABLE store DROP COLUMN sync_prices_across_channels;
DROP INDEX idx_price_channel;
DROP TABLE price_inheritance;
