-- +goose Up
-- Times are TEXT in one fixed-width UTC form (2006-01-02T15:04:05.000Z), so text order is time
-- order; booleans are INTEGER 0/1; JSON is TEXT.

CREATE TABLE sales_channel (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT,
    is_disabled INTEGER NOT NULL DEFAULT 0,
    metadata    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE INDEX idx_sales_channel_deleted_at ON sales_channel (deleted_at);

-- One store per installation: the singleton column makes a second row impossible, which is
-- what keeps two instances starting at once from creating two stores.
CREATE TABLE store (
    id                       TEXT PRIMARY KEY,
    singleton                INTEGER NOT NULL DEFAULT 1 UNIQUE CHECK (singleton = 1),
    name                     TEXT NOT NULL,
    default_sales_channel_id TEXT REFERENCES sales_channel (id),
    default_region_id        TEXT,
    default_location_id      TEXT,
    metadata                 TEXT,
    created_at               TEXT NOT NULL,
    updated_at               TEXT NOT NULL
);

CREATE TABLE store_currency (
    id               TEXT PRIMARY KEY,
    store_id         TEXT NOT NULL REFERENCES store (id) ON DELETE CASCADE,
    currency_code    TEXT NOT NULL,
    is_default       INTEGER NOT NULL DEFAULT 0,
    is_tax_inclusive INTEGER NOT NULL DEFAULT 0,
    created_at       TEXT NOT NULL,
    updated_at       TEXT NOT NULL,
    UNIQUE (store_id, currency_code)
);

CREATE TABLE admin_user (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL UNIQUE,
    password_hash TEXT NOT NULL,
    first_name    TEXT,
    last_name     TEXT,
    avatar_url    TEXT,
    metadata      TEXT,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    deleted_at    TEXT
);

-- Installation-wide values generated once, such as the JWT signing secret.
CREATE TABLE app_setting (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
);

CREATE TABLE outbox_event (
    id           TEXT PRIMARY KEY,
    name         TEXT NOT NULL,
    payload      TEXT NOT NULL,
    created_at   TEXT NOT NULL,
    published_at TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    last_error   TEXT
);
CREATE INDEX idx_outbox_event_unpublished ON outbox_event (id) WHERE published_at IS NULL;

-- +goose Down
DROP TABLE outbox_event;
DROP TABLE app_setting;
DROP TABLE admin_user;
DROP TABLE store_currency;
DROP TABLE store;
DROP TABLE sales_channel;
