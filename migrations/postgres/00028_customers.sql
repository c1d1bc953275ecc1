-- +goose Up
-- Storefront customers and their addresses (the customer module), the email and password
-- identities customers log in with (the auth module), and the customer a cart and an order
-- belong to. A customer with has_account registered through an identity; one without was
-- created by an admin. Emails are unique per kind among live customers, as in Medusa.
CREATE TABLE customer (
    id           TEXT PRIMARY KEY,
    email        TEXT,
    company_name TEXT,
    first_name   TEXT,
    last_name    TEXT,
    phone        TEXT,
    has_account  BOOLEAN NOT NULL DEFAULT false,
    metadata     JSONB,
    created_by   TEXT,
    created_at   TIMESTAMPTZ(3) NOT NULL,
    updated_at   TIMESTAMPTZ(3) NOT NULL,
    deleted_at   TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX idx_customer_email_account ON customer (email, has_account) WHERE deleted_at IS NULL;

CREATE TABLE customer_address (
    id                  TEXT PRIMARY KEY,
    customer_id         TEXT NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    address_name        TEXT,
    is_default_shipping BOOLEAN NOT NULL DEFAULT false,
    is_default_billing  BOOLEAN NOT NULL DEFAULT false,
    company             TEXT,
    first_name          TEXT,
    last_name           TEXT,
    address_1           TEXT,
    address_2           TEXT,
    city                TEXT,
    country_code        TEXT,
    province            TEXT,
    postal_code         TEXT,
    phone               TEXT,
    metadata            JSONB,
    created_at          TIMESTAMPTZ(3) NOT NULL,
    updated_at          TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_customer_address_customer ON customer_address (customer_id, id);
-- At most one default shipping and one default billing address per customer.
CREATE UNIQUE INDEX idx_customer_address_default_shipping ON customer_address (customer_id) WHERE is_default_shipping = true;
CREATE UNIQUE INDEX idx_customer_address_default_billing ON customer_address (customer_id) WHERE is_default_billing = true;

-- An identity is registered first and gets its customer when the account is created.
CREATE TABLE customer_identity (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    customer_id   TEXT,
    created_at    TIMESTAMPTZ(3) NOT NULL,
    updated_at    TIMESTAMPTZ(3) NOT NULL
);
CREATE UNIQUE INDEX idx_customer_identity_email ON customer_identity (email);
CREATE UNIQUE INDEX idx_customer_identity_customer ON customer_identity (customer_id) WHERE customer_id IS NOT NULL;

ALTER TABLE cart ADD COLUMN customer_id TEXT;
ALTER TABLE "order" ADD COLUMN customer_id TEXT;
-- A customer's orders, newest first; the customers who ordered in a channel.
CREATE INDEX idx_order_customer ON "order" (customer_id, created_at) WHERE customer_id IS NOT NULL;
CREATE INDEX idx_order_channel_customer ON "order" (sales_channel_id, customer_id) WHERE customer_id IS NOT NULL;

-- +goose Down
DROP INDEX idx_order_channel_customer;
DROP INDEX idx_order_customer;
ALTER TABLE "order" DROP COLUMN customer_id;
ALTER TABLE cart DROP COLUMN customer_id;
DROP TABLE customer_identity;
DROP TABLE customer_address;
DROP TABLE customer;
