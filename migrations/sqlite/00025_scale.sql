-- +goose Up
-- The channel sets whose listed products product_count counts under one scope each
-- ("listed-set:<digest of the sorted channel ids>"), so that a page read through several
-- channels at once (a publishable key with several) takes its count from one row, as a page
-- of one channel does, instead of counting the distinct products of the channels' listing
-- rows. A set is registered the first time a page asks for it (counted then, once); from then
-- on the product module moves its count in the transaction of every change to the listing of
-- a member channel, and counts it again when a member channel is enabled, disabled or
-- deleted.
CREATE TABLE product_count_member (
    scope            TEXT NOT NULL,
    sales_channel_id TEXT NOT NULL,
    PRIMARY KEY (sales_channel_id, scope)
) WITHOUT ROWID;
CREATE INDEX idx_product_count_member_scope ON product_count_member (scope);

-- +goose Down
DROP TABLE product_count_member;
