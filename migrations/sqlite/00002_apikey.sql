-- +goose Up
-- API keys are hard-deleted, as in Medusa, so there is no deleted_at. A publishable key's
-- token is stored as it is; a secret key's token is an scrypt hash with its salt.
CREATE TABLE api_key (
    id           TEXT PRIMARY KEY,
    token        TEXT NOT NULL UNIQUE,
    salt         TEXT NOT NULL DEFAULT '',
    redacted     TEXT NOT NULL,
    title        TEXT NOT NULL,
    type         TEXT NOT NULL CHECK (type IN ('publishable', 'secret')),
    last_used_at TEXT,
    created_by   TEXT NOT NULL,
    revoked_by   TEXT,
    revoked_at   TEXT,
    created_at   TEXT NOT NULL,
    updated_at   TEXT NOT NULL
);
CREATE INDEX idx_api_key_type ON api_key (type);

CREATE TABLE publishable_api_key_sales_channel (
    publishable_key_id TEXT NOT NULL REFERENCES api_key (id) ON DELETE CASCADE,
    sales_channel_id   TEXT NOT NULL REFERENCES sales_channel (id),
    created_at         TEXT NOT NULL,
    PRIMARY KEY (publishable_key_id, sales_channel_id)
);
CREATE INDEX idx_publishable_api_key_sales_channel_channel ON publishable_api_key_sales_channel (sales_channel_id);

-- +goose Down
DROP TABLE publishable_api_key_sales_channel;
DROP TABLE api_key;
