-- Customers and their orders.
-- Note: the "order" table name needs quoting; don't forget it's reserved.

CREATE SCHEMA IF NOT EXISTS shop;

CREATE TABLE shop.customer (
    id          bigserial PRIMARY KEY,
    email       text NOT NULL UNIQUE,  -- lower-cased by the app; it's checked below
    name        text NOT NULL DEFAULT '',
    created_at  timestamptz NOT NULL DEFAULT now(),
    CONSTRAINT email_has_at CHECK (position('@' in email) > 1)
);

CREATE TABLE shop."order" (
    id           bigserial PRIMARY KEY,
    customer_id  bigint NOT NULL REFERENCES shop.customer (id) ON DELETE CASCADE,
    note         text DEFAULT 'n/a; see ''support'' desk',
    total_cents  integer NOT NULL CHECK (total_cents >= 0)
);

CREATE INDEX order_customer_idx ON shop."order" (customer_id);

COMMENT ON TABLE shop.customer IS 'People who buy things; one row per e-mail';
COMMENT ON COLUMN shop."order".note IS 'Free text; may contain ";" and quotes like ''this''';

INSERT INTO shop.customer (email, name)
VALUES ('ann@example.com', 'Ann O''Neil'),
       ('bob@example.com', 'Bob; the builder');
