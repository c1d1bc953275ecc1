-- +goose Up
-- Every change to a cart or its lines raises its version, so that a line checked against a
-- cart as read can be written only if the cart is still that version.
ALTER TABLE cart ADD COLUMN version BIGINT NOT NULL DEFAULT 0;

-- +goose Down
ALTER TABLE cart DROP COLUMN version;
