-- +goose Up
-- What the admin's order lists read instead of counting and sorting every order; the same as
-- the SQLite migration of the same number, which explains it, with pg_trgm's GIN index on the
-- email for q.
CREATE TABLE order_count (
    scope  TEXT NOT NULL,
    stripe INTEGER NOT NULL,
    n      BIGINT NOT NULL,
    PRIMARY KEY (scope, stripe)
);
INSERT INTO order_count (scope, stripe, n) SELECT 'all', 0, count(*) FROM "order" WHERE deleted_at IS NULL;
INSERT INTO order_count (scope, stripe, n)
SELECT 'channel:' || sales_channel_id, 0, count(*) FROM "order"
WHERE deleted_at IS NULL AND sales_channel_id IS NOT NULL GROUP BY sales_channel_id;

CREATE INDEX idx_order_live_created ON "order" (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_order_live_created_desc ON "order" (created_at DESC, id) WHERE deleted_at IS NULL;
DROP INDEX idx_order_sales_channel_id;
CREATE INDEX idx_order_sales_channel_id ON "order" (sales_channel_id, id);

-- +goose StatementBegin
DO $$
BEGIN
    EXECUTE format('CREATE INDEX idx_order_email_trgm ON "order" USING gin (email %s.gin_trgm_ops)',
        (SELECT extnamespace::regnamespace::text FROM pg_extension WHERE extname = 'pg_trgm'));
END
$$;
-- +goose StatementEnd

-- +goose Down
DROP INDEX idx_order_email_trgm;
DROP INDEX idx_order_sales_channel_id;
CREATE INDEX idx_order_sales_channel_id ON "order" (sales_channel_id);
DROP INDEX idx_order_live_created_desc;
DROP INDEX idx_order_live_created;
DROP TABLE order_count;
