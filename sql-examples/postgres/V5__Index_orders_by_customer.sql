-- Built without blocking writes. CREATE INDEX CONCURRENTLY cannot run inside a
-- transaction: Runway detects it and runs this script outside one, so it
-- lives in a script of its own.
CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_customer_id_idx
    ON orders (customer_id, placed_at);
