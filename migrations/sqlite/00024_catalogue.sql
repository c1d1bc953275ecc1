-- +goose Up
-- Collections, tags, types and images of products, as Medusa's product module has them.
-- product.collection_id and product.type_id (00003) point at the first two; a product's tags
-- are the product_tags link; images belong to one product each, in rank order.
CREATE TABLE product_collection (
    id          TEXT PRIMARY KEY,
    title       TEXT NOT NULL,
    handle      TEXT NOT NULL,
    external_id TEXT,
    metadata    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX idx_product_collection_handle ON product_collection (handle) WHERE deleted_at IS NULL;

CREATE TABLE product_tag (
    id          TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    external_id TEXT,
    metadata    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX idx_product_tag_value ON product_tag (value) WHERE deleted_at IS NULL;

CREATE TABLE product_type (
    id          TEXT PRIMARY KEY,
    value       TEXT NOT NULL,
    external_id TEXT,
    metadata    TEXT,
    created_at  TEXT NOT NULL,
    updated_at  TEXT NOT NULL,
    deleted_at  TEXT
);
CREATE UNIQUE INDEX idx_product_type_value ON product_type (value) WHERE deleted_at IS NULL;

CREATE TABLE product_tags (
    product_id     TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    product_tag_id TEXT NOT NULL REFERENCES product_tag (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, product_tag_id)
);
CREATE INDEX idx_product_tags_tag ON product_tags (product_tag_id, product_id);

CREATE TABLE product_image (
    id         TEXT PRIMARY KEY,
    product_id TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    url        TEXT NOT NULL,
    rank       INTEGER NOT NULL DEFAULT 0,
    metadata   TEXT,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    deleted_at TEXT
);
CREATE INDEX idx_product_image_product ON product_image (product_id, rank);

-- Categories form a tree through parent_category_id; rank orders siblings.
CREATE TABLE product_category (
    id                 TEXT PRIMARY KEY,
    name               TEXT NOT NULL,
    description        TEXT NOT NULL DEFAULT '',
    handle             TEXT NOT NULL,
    parent_category_id TEXT REFERENCES product_category (id),
    rank               INTEGER NOT NULL DEFAULT 0,
    is_active          INTEGER NOT NULL DEFAULT 0,
    is_internal        INTEGER NOT NULL DEFAULT 0,
    external_id        TEXT,
    metadata           TEXT,
    created_at         TEXT NOT NULL,
    updated_at         TEXT NOT NULL,
    deleted_at         TEXT
);
CREATE UNIQUE INDEX idx_product_category_handle ON product_category (handle) WHERE deleted_at IS NULL;
CREATE INDEX idx_product_category_parent ON product_category (parent_category_id, rank);

CREATE TABLE product_category_product (
    product_id          TEXT NOT NULL REFERENCES product (id) ON DELETE CASCADE,
    product_category_id TEXT NOT NULL REFERENCES product_category (id) ON DELETE CASCADE,
    PRIMARY KEY (product_id, product_category_id)
);
CREATE INDEX idx_product_category_product_category ON product_category_product (product_category_id, product_id);

CREATE INDEX idx_product_collection_id ON product (collection_id) WHERE deleted_at IS NULL;
CREATE INDEX idx_product_type_id ON product (type_id) WHERE deleted_at IS NULL;

-- +goose Down
DROP INDEX idx_product_type_id;
DROP INDEX idx_product_collection_id;
DROP TABLE product_category_product;
DROP TABLE product_category;
DROP TABLE product_image;
DROP TABLE product_tags;
DROP TABLE product_type;
DROP TABLE product_tag;
DROP TABLE product_collection;
