-- +goose Up
-- Medusa's invites (the rbac module) and the admin identities invitees register (the auth
-- module). An invite carries the roles its user gets and, when channeld limits it, the sales
-- channels those roles hold in; an invite with no channel row is store-wide, as in Medusa. A
-- registered identity waits for its invite's acceptance, which turns it into the admin user.
CREATE TABLE invite (
    id         TEXT PRIMARY KEY,
    email      TEXT NOT NULL,
    accepted   INTEGER NOT NULL DEFAULT 0,
    token      TEXT NOT NULL,
    expires_at TEXT NOT NULL,
    metadata   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE UNIQUE INDEX idx_invite_email ON invite (email) WHERE deleted_at IS NULL;

CREATE TABLE invite_rbac_role (
    invite_id    TEXT NOT NULL REFERENCES invite (id) ON DELETE CASCADE,
    rbac_role_id TEXT NOT NULL,
    PRIMARY KEY (invite_id, rbac_role_id)
);

CREATE TABLE invite_sales_channel (
    invite_id        TEXT NOT NULL REFERENCES invite (id) ON DELETE CASCADE,
    sales_channel_id TEXT NOT NULL,
    PRIMARY KEY (invite_id, sales_channel_id)
);
CREATE INDEX idx_invite_sales_channel_channel ON invite_sales_channel (sales_channel_id);

CREATE TABLE user_identity (
    id            TEXT PRIMARY KEY,
    email         TEXT NOT NULL,
    password_hash TEXT NOT NULL,
    created_at    TEXT NOT NULL,
    updated_at    TEXT NOT NULL
);
CREATE UNIQUE INDEX idx_user_identity_email ON user_identity (email);

-- +goose Down
DROP TABLE user_identity;
DROP TABLE invite_sales_channel;
DROP TABLE invite_rbac_role;
DROP TABLE invite;
