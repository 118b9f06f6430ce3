CREATE INDEX CONCURRENTLY IF NOT EXISTS orders_created_idx
    ON orders (created_at DESC NULLS LAST);

CREATE UNIQUE INDEX CONCURRENTLY orders_ref_key ON orders (lower(ref));

DROP INDEX CONCURRENTLY IF EXISTS orders_old_idx;

REINDEX INDEX CONCURRENTLY orders_ref_key;

VACUUM (ANALYZE, VERBOSE) orders;
