-- +goose Up
-- A cart has at most one payment collection for its total; a collection holds the sessions
-- opened with payment providers (only the most recent stays). Completing the cart authorizes
-- the pending session and records the outcome on the order.
CREATE TABLE payment_collection (
    id                TEXT PRIMARY KEY,
    cart_id           TEXT NOT NULL UNIQUE REFERENCES cart (id) ON DELETE CASCADE,
    region_id         TEXT,
    currency_code     TEXT NOT NULL,
    amount            BIGINT NOT NULL,
    authorized_amount BIGINT NOT NULL DEFAULT 0,
    status            TEXT NOT NULL,
    created_at        TIMESTAMPTZ(3) NOT NULL,
    updated_at        TIMESTAMPTZ(3) NOT NULL
);

CREATE TABLE payment_session (
    id                    TEXT PRIMARY KEY,
    payment_collection_id TEXT NOT NULL REFERENCES payment_collection (id) ON DELETE CASCADE,
    provider_id           TEXT NOT NULL,
    currency_code         TEXT NOT NULL,
    amount                BIGINT NOT NULL,
    data                  JSONB NOT NULL,
    status                TEXT NOT NULL,
    authorized_at         TIMESTAMPTZ(3),
    created_at            TIMESTAMPTZ(3) NOT NULL,
    updated_at            TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_payment_session_collection ON payment_session (payment_collection_id);

ALTER TABLE "order" ADD COLUMN payment_status TEXT NOT NULL DEFAULT 'not_paid';

-- +goose Down
ALTER TABLE "order" DROP COLUMN payment_status;
DROP TABLE payment_session;
DROP TABLE payment_collection;
