-- +goose Up
-- A stock location's address is its own row (laddr_), as in Medusa, so it keeps an id that
-- clients see; a location without an address has address_id NULL.
CREATE TABLE stock_location_address (
    id           TEXT PRIMARY KEY,
    address_1    TEXT NOT NULL,
    address_2    TEXT,
    company      TEXT,
    city         TEXT,
    country_code TEXT NOT NULL,
    phone        TEXT,
    province     TEXT,
    postal_code  TEXT,
    metadata     JSONB,
    created_at   TIMESTAMPTZ(3) NOT NULL,
    updated_at   TIMESTAMPTZ(3) NOT NULL,
    deleted_at   TIMESTAMPTZ(3)
);

CREATE TABLE stock_location (
    id         TEXT PRIMARY KEY,
    name       TEXT NOT NULL,
    address_id TEXT REFERENCES stock_location_address (id),
    metadata   JSONB,
    created_at TIMESTAMPTZ(3) NOT NULL,
    updated_at TIMESTAMPTZ(3) NOT NULL,
    deleted_at TIMESTAMPTZ(3)
);
CREATE INDEX idx_stock_location_deleted_at ON stock_location (deleted_at);

-- Deleting a location drops its links in the same transaction; the cascade covers a hard
-- delete.
CREATE TABLE sales_channel_stock_location (
    sales_channel_id  TEXT NOT NULL REFERENCES sales_channel (id),
    stock_location_id TEXT NOT NULL REFERENCES stock_location (id) ON DELETE CASCADE,
    created_at        TIMESTAMPTZ(3) NOT NULL,
    PRIMARY KEY (sales_channel_id, stock_location_id)
);
CREATE INDEX idx_sales_channel_stock_location_location ON sales_channel_stock_location (stock_location_id);

CREATE TABLE inventory_item (
    id                TEXT PRIMARY KEY,
    sku               TEXT,
    title             TEXT,
    description       TEXT,
    thumbnail         TEXT,
    origin_country    TEXT,
    hs_code           TEXT,
    mid_code          TEXT,
    material          TEXT,
    weight            DOUBLE PRECISION,
    length            DOUBLE PRECISION,
    height            DOUBLE PRECISION,
    width             DOUBLE PRECISION,
    requires_shipping BOOLEAN NOT NULL DEFAULT TRUE,
    metadata          JSONB,
    created_at        TIMESTAMPTZ(3) NOT NULL,
    updated_at        TIMESTAMPTZ(3) NOT NULL,
    deleted_at        TIMESTAMPTZ(3)
);
CREATE UNIQUE INDEX idx_inventory_item_sku ON inventory_item (sku) WHERE deleted_at IS NULL;

-- A level is hard-deleted; levels of a deleted location are deleted with it, so every level
-- row counts towards availability.
CREATE TABLE inventory_level (
    id                TEXT PRIMARY KEY,
    inventory_item_id TEXT NOT NULL REFERENCES inventory_item (id) ON DELETE CASCADE,
    location_id       TEXT NOT NULL REFERENCES stock_location (id) ON DELETE CASCADE,
    stocked_quantity  BIGINT NOT NULL DEFAULT 0,
    reserved_quantity BIGINT NOT NULL DEFAULT 0 CHECK (reserved_quantity >= 0),
    incoming_quantity BIGINT NOT NULL DEFAULT 0,
    metadata          JSONB,
    created_at        TIMESTAMPTZ(3) NOT NULL,
    updated_at        TIMESTAMPTZ(3) NOT NULL,
    UNIQUE (inventory_item_id, location_id)
);
CREATE INDEX idx_inventory_level_location ON inventory_level (location_id);

CREATE TABLE product_variant_inventory_item (
    id                TEXT NOT NULL UNIQUE,
    variant_id        TEXT NOT NULL REFERENCES product_variant (id) ON DELETE CASCADE,
    inventory_item_id TEXT NOT NULL REFERENCES inventory_item (id) ON DELETE CASCADE,
    required_quantity INTEGER NOT NULL DEFAULT 1 CHECK (required_quantity > 0),
    created_at        TIMESTAMPTZ(3) NOT NULL,
    updated_at        TIMESTAMPTZ(3) NOT NULL,
    PRIMARY KEY (variant_id, inventory_item_id)
);
CREATE INDEX idx_product_variant_inventory_item_item ON product_variant_inventory_item (inventory_item_id);

-- Reservations hold stock for cart line items; reserved_quantity on the level is their sum.
CREATE TABLE reservation (
    id                TEXT PRIMARY KEY,
    inventory_item_id TEXT NOT NULL REFERENCES inventory_item (id) ON DELETE CASCADE,
    location_id       TEXT NOT NULL REFERENCES stock_location (id),
    quantity          BIGINT NOT NULL,
    line_item_id      TEXT,
    description       TEXT,
    metadata          JSONB,
    created_at        TIMESTAMPTZ(3) NOT NULL,
    updated_at        TIMESTAMPTZ(3) NOT NULL
);
CREATE INDEX idx_reservation_item_location ON reservation (inventory_item_id, location_id);
CREATE INDEX idx_reservation_line_item ON reservation (line_item_id);

-- +goose Down
DROP TABLE reservation;
DROP TABLE product_variant_inventory_item;
DROP TABLE inventory_level;
DROP TABLE inventory_item;
DROP TABLE sales_channel_stock_location;
DROP TABLE stock_location;
DROP TABLE stock_location_address;
