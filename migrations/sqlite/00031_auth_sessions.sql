-- +goose Up
-- Cookie sessions, as Medusa's admin dashboard logs in: POST /auth/session turns a bearer
-- token into a session whose cookie later requests send. The row is keyed by the SHA-256 of
-- the cookie's random part, so the table alone opens no session; it lives in the database so
-- that every instance and a restarted one honour it.
CREATE TABLE auth_session (
    id               TEXT PRIMARY KEY,
    actor_type       TEXT NOT NULL,
    actor_id         TEXT NOT NULL,
    auth_identity_id TEXT NOT NULL,
    created_at       TEXT NOT NULL,
    expires_at       TEXT NOT NULL
);
CREATE INDEX idx_auth_session_expires ON auth_session (expires_at);

-- +goose Down
DROP TABLE auth_session;
