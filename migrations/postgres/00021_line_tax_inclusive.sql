-- +goose Up
-- Whether a cart line's unit_price includes tax: the channel's is_tax_inclusive for the
-- cart's currency when the line was priced (channel-model.md §2.5).
ALTER TABLE cart_line_item ADD COLUMN is_tax_inclusive BOOLEAN NOT NULL DEFAULT FALSE;

-- +goose Down
ALTER TABLE cart_line_item DROP COLUMN is_tax_inclusive;
