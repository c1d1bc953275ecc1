-- +goose Up
-- The publishable key a cart was created with. A key without sales channels reaches the carts
-- made with it (wherever the shopper moved them), and no others. Deleting the key forgets it.
ALTER TABLE cart ADD COLUMN publishable_key_id TEXT REFERENCES api_key (id) ON DELETE SET NULL;

-- +goose Down
ALTER TABLE cart DROP COLUMN publishable_key_id;
