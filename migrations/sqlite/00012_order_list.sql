-- +goose Up
-- What the admin's order lists read instead of counting and sorting every order.
--
-- order_count holds the counts they show, kept by the order module as it places an order:
-- "all" and "channel:<id>". Each count is spread over stripes picked by the order's id, so that
-- concurrent checkouts on PostgreSQL do not all wait for one row; a count is the sum of its
-- stripes.
CREATE TABLE order_count (
    scope  TEXT NOT NULL,
    stripe INTEGER NOT NULL,
    n      INTEGER NOT NULL,
    PRIMARY KEY (scope, stripe)
) WITHOUT ROWID;
INSERT INTO order_count (scope, stripe, n) SELECT 'all', 0, count(*) FROM "order" WHERE deleted_at IS NULL;
INSERT INTO order_count (scope, stripe, n)
SELECT 'channel:' || sales_channel_id, 0, count(*) FROM "order"
WHERE deleted_at IS NULL AND sales_channel_id IS NOT NULL GROUP BY sales_channel_id;

-- Pages in creation order either way, and a channel's orders in id order, walk these.
CREATE INDEX idx_order_live_created ON "order" (created_at, id) WHERE deleted_at IS NULL;
CREATE INDEX idx_order_live_created_desc ON "order" (created_at DESC, id) WHERE deleted_at IS NULL;
DROP INDEX idx_order_sales_channel_id;
CREATE INDEX idx_order_sales_channel_id ON "order" (sales_channel_id, id);

-- q matches a substring of the email, through a trigram index whose rows are the orders'
-- display ids (an order keeps its display id; the FTS5 table reads "order" for its content).
CREATE VIRTUAL TABLE order_search_fts USING fts5(email, content='order', content_rowid='display_id', tokenize='trigram');
-- +goose StatementBegin
CREATE TRIGGER order_search_ai AFTER INSERT ON "order" BEGIN
    INSERT INTO order_search_fts (rowid, email) VALUES (new.display_id, coalesce(new.email, ''));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER order_search_ad AFTER DELETE ON "order" BEGIN
    INSERT INTO order_search_fts (order_search_fts, rowid, email) VALUES ('delete', old.display_id, coalesce(old.email, ''));
END;
-- +goose StatementEnd
-- +goose StatementBegin
CREATE TRIGGER order_search_au AFTER UPDATE OF email ON "order" BEGIN
    INSERT INTO order_search_fts (order_search_fts, rowid, email) VALUES ('delete', old.display_id, coalesce(old.email, ''));
    INSERT INTO order_search_fts (rowid, email) VALUES (new.display_id, coalesce(new.email, ''));
END;
-- +goose StatementEnd
INSERT INTO order_search_fts (order_search_fts) VALUES ('rebuild');

-- +goose Down
DROP TRIGGER order_search_au;
DROP TRIGGER order_search_ad;
DROP TRIGGER order_search_ai;
DROP TABLE order_search_fts;
DROP INDEX idx_order_sales_channel_id;
CREATE INDEX idx_order_sales_channel_id ON "order" (sales_channel_id);
DROP INDEX idx_order_live_created_desc;
DROP INDEX idx_order_live_created;
DROP TABLE order_count;
