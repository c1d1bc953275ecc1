-- +goose Up
-- One token bucket per throttled key ("email:<address>", "addr:<client address>",
-- "secret:<client address>"): failed logins and failed secret keys take tokens, which come
-- back over time. Kept in the database so that every instance counts the same failures.
CREATE TABLE login_throttle (
    key        TEXT PRIMARY KEY,
    milli      BIGINT NOT NULL, -- tokens left, in thousandths
    updated_ms BIGINT NOT NULL  -- when milli was computed, in Unix milliseconds
);
-- Buckets that have long refilled are dropped by age.
CREATE INDEX idx_login_throttle_updated ON login_throttle (updated_ms);

-- +goose Down
DROP TABLE login_throttle;
