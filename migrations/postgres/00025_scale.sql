-- +goose Up
-- The trigram indexes write straight into their posting trees (fastupdate off). With the
-- default, GIN queues new entries in a pending list that every search reads in full until
-- autovacuum or the list's size limit merges it: after a bulk import `q` walked thousands of
-- queued entries per request. A write pays the merge itself instead, a few pages per row.
-- Entries already queued are merged now.
ALTER INDEX idx_product_search_doc SET (fastupdate = off);
ALTER INDEX idx_order_email_trgm SET (fastupdate = off);
ALTER INDEX idx_inventory_item_search_doc SET (fastupdate = off);
SELECT gin_clean_pending_list('idx_product_search_doc'::regclass);
SELECT gin_clean_pending_list('idx_order_email_trgm'::regclass);
SELECT gin_clean_pending_list('idx_inventory_item_search_doc'::regclass);

-- The channel sets whose listed products product_count counts under one scope each
-- ("listed-set:<digest of the sorted channel ids>"): the sets of channels that pages read
-- together, such as a publishable key's. The SQLite migration of the same number explains it.
CREATE TABLE product_count_member (
    scope            TEXT NOT NULL,
    sales_channel_id TEXT NOT NULL,
    PRIMARY KEY (sales_channel_id, scope)
);
CREATE INDEX idx_product_count_member_scope ON product_count_member (scope);

-- +goose Down
DROP TABLE product_count_member;
ALTER INDEX idx_inventory_item_search_doc RESET (fastupdate);
ALTER INDEX idx_order_email_trgm RESET (fastupdate);
ALTER INDEX idx_product_search_doc RESET (fastupdate);
