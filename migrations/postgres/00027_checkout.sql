-- +goose Up
-- Addresses and shipping methods of carts and orders, as Medusa's cart and order modules keep
-- them. A cart points at its shipping and billing address rows; completing it copies them,
-- and its shipping methods, onto the order. A payment records an authorized session.
CREATE TABLE cart_address (
    id           TEXT PRIMARY KEY,
    first_name   TEXT,
    last_name    TEXT,
    company      TEXT,
    address_1    TEXT,
    address_2    TEXT,
    city         TEXT,
    country_code TEXT,
    province     TEXT,
    postal_code  TEXT,
    phone        TEXT,
    metadata     JSONB,
    created_at   TIMESTAMPTZ(3) NOT NULL,
    updated_at   TIMESTAMPTZ(3) NOT NULL
);
ALTER TABLE cart ADD COLUMN shipping_address_id TEXT REFERENCES cart_address (id);
ALTER TABLE cart ADD COLUMN billing_address_id TEXT REFERENCES cart_address (id);
ALTER TABLE cart ADD COLUMN locale TEXT;

CREATE TABLE cart_shipping_method (
    id                  TEXT PRIMARY KEY,
    cart_id             TEXT NOT NULL REFERENCES cart (id) ON DELETE CASCADE,
    shipping_option_id  TEXT NOT NULL,
    shipping_profile_id TEXT,
    name                TEXT NOT NULL,
    amount              BIGINT NOT NULL,
    is_tax_inclusive    BOOLEAN NOT NULL DEFAULT FALSE,
    data                JSONB,
    metadata            JSONB,
    created_at          TIMESTAMPTZ(3) NOT NULL,
    updated_at          TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_cart_shipping_method_cart_id ON cart_shipping_method (cart_id);

CREATE TABLE order_address (
    id           TEXT PRIMARY KEY,
    first_name   TEXT,
    last_name    TEXT,
    company      TEXT,
    address_1    TEXT,
    address_2    TEXT,
    city         TEXT,
    country_code TEXT,
    province     TEXT,
    postal_code  TEXT,
    phone        TEXT,
    metadata     JSONB,
    created_at   TIMESTAMPTZ(3) NOT NULL,
    updated_at   TIMESTAMPTZ(3) NOT NULL
);
ALTER TABLE "order" ADD COLUMN shipping_address_id TEXT REFERENCES order_address (id);
ALTER TABLE "order" ADD COLUMN billing_address_id TEXT REFERENCES order_address (id);
ALTER TABLE "order" ADD COLUMN locale TEXT;
ALTER TABLE "order" ADD COLUMN shipping_total BIGINT NOT NULL DEFAULT 0;

CREATE TABLE order_shipping_method (
    id                 TEXT PRIMARY KEY,
    order_id           TEXT NOT NULL REFERENCES "order" (id) ON DELETE CASCADE,
    shipping_option_id TEXT,
    name               TEXT NOT NULL,
    amount             BIGINT NOT NULL,
    is_tax_inclusive   BOOLEAN NOT NULL DEFAULT FALSE,
    data               JSONB,
    metadata           JSONB,
    created_at         TIMESTAMPTZ(3) NOT NULL,
    updated_at         TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_order_shipping_method_order_id ON order_shipping_method (order_id);

CREATE TABLE payment (
    id                    TEXT PRIMARY KEY,
    payment_collection_id TEXT NOT NULL REFERENCES payment_collection (id) ON DELETE CASCADE,
    payment_session_id    TEXT NOT NULL,
    provider_id           TEXT NOT NULL,
    currency_code         TEXT NOT NULL,
    amount                BIGINT NOT NULL,
    data                  JSONB NOT NULL,
    captured_at           TIMESTAMPTZ(3),
    canceled_at           TIMESTAMPTZ(3),
    created_at            TIMESTAMPTZ(3) NOT NULL,
    updated_at            TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_payment_collection_id ON payment (payment_collection_id);

-- +goose Down
DROP TABLE payment;
DROP TABLE order_shipping_method;
ALTER TABLE "order" DROP COLUMN shipping_total;
ALTER TABLE "order" DROP COLUMN locale;
ALTER TABLE "order" DROP COLUMN billing_address_id;
ALTER TABLE "order" DROP COLUMN shipping_address_id;
DROP TABLE order_address;
DROP TABLE cart_shipping_method;
ALTER TABLE cart DROP COLUMN locale;
ALTER TABLE cart DROP COLUMN billing_address_id;
ALTER TABLE cart DROP COLUMN shipping_address_id;
DROP TABLE cart_address;
