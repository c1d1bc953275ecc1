-- +goose Up
-- Webhook endpoints and their deliveries. The relay fans each outbox event out into one
-- delivery per matching endpoint (unique per endpoint and event, so a relay that publishes an
-- event twice adds nothing); dispatchers deliver the oldest pending delivery of an endpoint
-- first, holding the endpoint's lease so that several instances never deliver to one
-- endpoint at once.
CREATE TABLE webhook (
    id               TEXT PRIMARY KEY,
    url              TEXT NOT NULL,
    events           JSONB NOT NULL,
    sales_channel_id TEXT,
    secret           TEXT NOT NULL,
    is_disabled      BOOLEAN NOT NULL DEFAULT FALSE,
    disabled_reason  TEXT,
    failing_since    TIMESTAMPTZ(3),
    lease_until      TIMESTAMPTZ(3),
    lease_owner      TEXT,
    created_at       TIMESTAMPTZ(3) NOT NULL,
    updated_at       TIMESTAMPTZ(3) NOT NULL,
    deleted_at       TIMESTAMPTZ(3)
);

CREATE TABLE webhook_delivery (
    id              TEXT PRIMARY KEY,
    webhook_id      TEXT NOT NULL REFERENCES webhook (id),
    event_id        TEXT NOT NULL,
    event_name      TEXT NOT NULL,
    payload         JSONB NOT NULL,
    event_at        TIMESTAMPTZ(3) NOT NULL,
    status          TEXT NOT NULL,
    attempts        INTEGER NOT NULL DEFAULT 0,
    next_attempt_at TIMESTAMPTZ(3) NOT NULL,
    last_error      TEXT,
    response_code   INTEGER,
    created_at      TIMESTAMPTZ(3) NOT NULL,
    updated_at      TIMESTAMPTZ(3) NOT NULL,
    delivered_at    TIMESTAMPTZ(3),
    UNIQUE (webhook_id, event_id)
);
CREATE INDEX idx_webhook_delivery_pending ON webhook_delivery (webhook_id, id) WHERE status = 'pending';

-- +goose Down
DROP TABLE webhook_delivery;
DROP TABLE webhook;
