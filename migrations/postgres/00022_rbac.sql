-- +goose Up
-- Roles and policies as Medusa's rbac module has them, and the assignments of roles to admin
-- users. An assignment with sales_channel_id NULL is Medusa's store-wide user ↔ role link; one
-- with a channel limits the role's policies to that channel. Assignments are deleted, never
-- soft-deleted: a user holds a role exactly while a row says so.
CREATE TABLE rbac_policy (
    id          TEXT PRIMARY KEY,
    key         TEXT NOT NULL UNIQUE,
    resource    TEXT NOT NULL,
    operation   TEXT NOT NULL,
    name        TEXT,
    description TEXT,
    metadata    JSONB,
    created_at  TIMESTAMPTZ(3) NOT NULL,
    updated_at  TIMESTAMPTZ(3) NOT NULL,
    deleted_at  TIMESTAMPTZ(3)
);

CREATE TABLE rbac_role (
    id          TEXT PRIMARY KEY,
    name        TEXT NOT NULL,
    description TEXT,
    metadata    JSONB,
    created_at  TIMESTAMPTZ(3) NOT NULL,
    updated_at  TIMESTAMPTZ(3) NOT NULL,
    deleted_at  TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX idx_rbac_role_name ON rbac_role (name) WHERE deleted_at IS NULL;

CREATE TABLE rbac_role_policy (
    id         TEXT PRIMARY KEY,
    role_id    TEXT NOT NULL REFERENCES rbac_role (id) ON DELETE CASCADE,
    policy_id  TEXT NOT NULL REFERENCES rbac_policy (id) ON DELETE CASCADE,
    metadata   JSONB,
    created_at TIMESTAMPTZ(3) NOT NULL,
    updated_at TIMESTAMPTZ(3) NOT NULL,
    UNIQUE (role_id, policy_id)
);
CREATE INDEX idx_rbac_role_policy_policy ON rbac_role_policy (policy_id);

CREATE TABLE user_rbac_role (
    id               TEXT PRIMARY KEY,
    user_id          TEXT NOT NULL REFERENCES admin_user (id) ON DELETE CASCADE,
    rbac_role_id     TEXT NOT NULL REFERENCES rbac_role (id) ON DELETE CASCADE,
    sales_channel_id TEXT REFERENCES sales_channel (id) ON DELETE CASCADE,
    created_at       TIMESTAMPTZ(3) NOT NULL
);
-- The per-request permission read goes through the user's index.
CREATE INDEX idx_user_rbac_role_user ON user_rbac_role (user_id, rbac_role_id);
CREATE INDEX idx_user_rbac_role_role ON user_rbac_role (rbac_role_id, created_at);
CREATE INDEX idx_user_rbac_role_channel ON user_rbac_role (sales_channel_id) WHERE sales_channel_id IS NOT NULL;
CREATE UNIQUE INDEX idx_user_rbac_role_store_wide ON user_rbac_role (user_id, rbac_role_id) WHERE sales_channel_id IS NULL;
CREATE UNIQUE INDEX idx_user_rbac_role_in_channel ON user_rbac_role (user_id, rbac_role_id, sales_channel_id) WHERE sales_channel_id IS NOT NULL;

-- Medusa's built-in Super Admin, held store-wide by every user that exists already.
INSERT INTO rbac_policy (id, key, resource, operation, name, description, created_at, updated_at)
VALUES ('rpol_super_admin', '*:*', '*', '*', 'Super Admin', 'Super admin policy with full access to all resources and operations', now(), now());
INSERT INTO rbac_role (id, name, description, created_at, updated_at)
VALUES ('role_super_admin', 'Super Admin', 'Super admin role with full access to all resources and operations', now(), now());
INSERT INTO rbac_role_policy (id, role_id, policy_id, created_at, updated_at)
VALUES ('rlpl_super_admin', 'role_super_admin', 'rpol_super_admin', now(), now());
INSERT INTO user_rbac_role (id, user_id, rbac_role_id, sales_channel_id, created_at)
SELECT 'urole_super_admin_' || id, id, 'role_super_admin', NULL, now() FROM admin_user WHERE deleted_at IS NULL;

-- A deleted user's email may be used again, as in Medusa.
ALTER TABLE admin_user DROP CONSTRAINT admin_user_email_key;
CREATE UNIQUE INDEX idx_admin_user_email ON admin_user (email) WHERE deleted_at IS NULL;

-- +goose Down
DROP INDEX idx_admin_user_email;
ALTER TABLE admin_user ADD CONSTRAINT admin_user_email_key UNIQUE (email);
DROP TABLE user_rbac_role;
DROP TABLE rbac_role_policy;
DROP TABLE rbac_role;
DROP TABLE rbac_policy;
