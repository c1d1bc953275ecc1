-- +goose Up
-- Medusa's fulfillment model: providers enabled per stock location, shipping profiles (the
-- default one exists from the start and every product has a profile), fulfillment sets at
-- stock locations, their service zones and the geo zones those cover, and the shipping
-- options of each zone with their type, prices and rules.
CREATE TABLE fulfillment_provider (
    id         TEXT PRIMARY KEY,
    is_enabled BOOLEAN NOT NULL DEFAULT TRUE
);
INSERT INTO fulfillment_provider (id, is_enabled) VALUES ('manual_manual', TRUE);

-- The providers a location may ship with (Medusa's location_fulfillment_provider link).
CREATE TABLE location_fulfillment_provider (
    stock_location_id       TEXT NOT NULL REFERENCES stock_location (id) ON DELETE CASCADE,
    fulfillment_provider_id TEXT NOT NULL REFERENCES fulfillment_provider (id),
    created_at              TIMESTAMPTZ(3) NOT NULL,
    PRIMARY KEY (stock_location_id, fulfillment_provider_id)
);
CREATE INDEX idx_location_fulfillment_provider_provider ON location_fulfillment_provider (fulfillment_provider_id);

CREATE TABLE shipping_profile (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    type       TEXT NOT NULL,
    metadata   JSONB,
    created_at TIMESTAMPTZ(3) NOT NULL,
    updated_at TIMESTAMPTZ(3) NOT NULL,
    deleted_at TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX idx_shipping_profile_name ON shipping_profile (name) WHERE deleted_at IS NULL;
INSERT INTO shipping_profile (id, name, type, created_at, updated_at)
VALUES ('sp_00000000000000000000000000', 'Default Shipping Profile', 'default', now(), now());

-- A product's shipping profile (Medusa's product_shipping_profile link): one per product.
CREATE TABLE product_shipping_profile (
    product_id          TEXT PRIMARY KEY REFERENCES product (id) ON DELETE CASCADE,
    shipping_profile_id TEXT NOT NULL REFERENCES shipping_profile (id),
    created_at          TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_product_shipping_profile_profile ON product_shipping_profile (shipping_profile_id);
INSERT INTO product_shipping_profile (product_id, shipping_profile_id, created_at)
SELECT id, 'sp_00000000000000000000000000', now() FROM product WHERE deleted_at IS NULL;

-- A fulfillment set belongs to one stock location.
CREATE TABLE fulfillment_set (
    id                TEXT PRIMARY KEY,
    stock_location_id TEXT NOT NULL REFERENCES stock_location (id),
    name              TEXT NOT NULL,
    type              TEXT NOT NULL,
    metadata          JSONB,
    created_at        TIMESTAMPTZ(3) NOT NULL,
    updated_at        TIMESTAMPTZ(3) NOT NULL,
    deleted_at        TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX idx_fulfillment_set_name ON fulfillment_set (name) WHERE deleted_at IS NULL;
CREATE INDEX idx_fulfillment_set_location ON fulfillment_set (stock_location_id) WHERE deleted_at IS NULL;

CREATE TABLE service_zone (
    id                 TEXT PRIMARY KEY,
    fulfillment_set_id TEXT NOT NULL REFERENCES fulfillment_set (id),
    name               TEXT NOT NULL,
    metadata           JSONB,
    created_at         TIMESTAMPTZ(3) NOT NULL,
    updated_at         TIMESTAMPTZ(3) NOT NULL,
    deleted_at         TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX idx_service_zone_name ON service_zone (name) WHERE deleted_at IS NULL;
CREATE INDEX idx_service_zone_set ON service_zone (fulfillment_set_id) WHERE deleted_at IS NULL;

-- country_code is lower case; province_code and city are kept as given and compared without case.
CREATE TABLE geo_zone (
    id                TEXT PRIMARY KEY,
    service_zone_id   TEXT NOT NULL REFERENCES service_zone (id),
    type              TEXT NOT NULL,
    country_code      TEXT NOT NULL,
    province_code     TEXT,
    city              TEXT,
    postal_expression JSONB,
    metadata          JSONB,
    created_at        TIMESTAMPTZ(3) NOT NULL,
    updated_at        TIMESTAMPTZ(3) NOT NULL,
    deleted_at        TIMESTAMPTZ(3)
);
CREATE INDEX idx_geo_zone_zone ON geo_zone (service_zone_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_geo_zone_country ON geo_zone (country_code, service_zone_id) WHERE deleted_at IS NULL;

-- The postal codes a zip geo zone covers: the string values of its postal_expression.
CREATE TABLE geo_zone_postal_code (
    geo_zone_id TEXT NOT NULL REFERENCES geo_zone (id) ON DELETE CASCADE,
    postal_code TEXT NOT NULL,
    PRIMARY KEY (geo_zone_id, postal_code)
);

CREATE TABLE shipping_option_type (
    id          TEXT PRIMARY KEY,
    label       TEXT NOT NULL,
    description TEXT,
    code        TEXT NOT NULL,
    created_at  TIMESTAMPTZ(3) NOT NULL,
    updated_at  TIMESTAMPTZ(3) NOT NULL,
    deleted_at  TIMESTAMPTZ(3)
);

-- store_block is NULL when the option's rules admit a storefront cart ({enabled_in_store:
-- "true", is_return: "false"}), else the attribute of the first rule that refuses it; it is
-- derived from the rules on every rule write, so that a quote filters on one column.
CREATE TABLE shipping_option (
    id                      TEXT PRIMARY KEY,
    name                    TEXT NOT NULL,
    price_type              TEXT NOT NULL,
    service_zone_id         TEXT NOT NULL REFERENCES service_zone (id),
    shipping_profile_id     TEXT REFERENCES shipping_profile (id),
    provider_id             TEXT REFERENCES fulfillment_provider (id),
    shipping_option_type_id TEXT NOT NULL REFERENCES shipping_option_type (id),
    data                    JSONB,
    metadata                JSONB,
    store_block             TEXT,
    created_at              TIMESTAMPTZ(3) NOT NULL,
    updated_at              TIMESTAMPTZ(3) NOT NULL,
    deleted_at              TIMESTAMPTZ(3)
);
CREATE INDEX idx_shipping_option_zone ON shipping_option (service_zone_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_shipping_option_profile ON shipping_option (shipping_profile_id) WHERE deleted_at IS NULL;

-- A price is in a currency, or for a region (region_id set, currency_code the region's at the
-- time it was written); rules are Medusa's item_total price rules, kept as given.
CREATE TABLE shipping_option_price (
    id                 TEXT PRIMARY KEY,
    shipping_option_id TEXT NOT NULL REFERENCES shipping_option (id) ON DELETE CASCADE,
    currency_code      TEXT NOT NULL,
    region_id          TEXT REFERENCES region (id) ON DELETE CASCADE,
    amount             BIGINT NOT NULL,
    rules              JSONB,
    created_at         TIMESTAMPTZ(3) NOT NULL,
    updated_at         TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_shipping_option_price_option ON shipping_option_price (shipping_option_id);

CREATE TABLE shipping_option_rule (
    id                 TEXT PRIMARY KEY,
    shipping_option_id TEXT NOT NULL REFERENCES shipping_option (id) ON DELETE CASCADE,
    attribute          TEXT NOT NULL,
    operator           TEXT NOT NULL,
    value              JSONB,
    created_at         TIMESTAMPTZ(3) NOT NULL,
    updated_at         TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_shipping_option_rule_option ON shipping_option_rule (shipping_option_id);

-- +goose Down
DROP TABLE shipping_option_rule;
DROP TABLE shipping_option_price;
DROP TABLE shipping_option;
DROP TABLE shipping_option_type;
DROP TABLE geo_zone_postal_code;
DROP TABLE geo_zone;
DROP TABLE service_zone;
DROP TABLE fulfillment_set;
DROP TABLE product_shipping_profile;
DROP TABLE shipping_profile;
DROP TABLE location_fulfillment_provider;
DROP TABLE fulfillment_provider;
