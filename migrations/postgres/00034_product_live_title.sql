-- +goose Up
-- The admin's product list sorts by title (the dashboard's column header): these indexes of
-- live products let a page walk from its offset, as idx_product_live_created does for
-- created_at, one per direction so that ties are broken by id ascending either way.
CREATE INDEX idx_product_live_title ON product (title, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_product_live_title_desc ON product (title DESC, id) WHERE deleted_at IS NULL;

-- +goose Down
DROP INDEX idx_product_live_title_desc;
DROP INDEX idx_product_live_title;
