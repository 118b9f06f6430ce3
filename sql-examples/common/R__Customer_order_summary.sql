-- Repeatable: re-applied whenever this file (or the region placeholder) changes.
DROP VIEW IF EXISTS customer_order_summary;

CREATE VIEW customer_order_summary AS
SELECT c.id,
       c.name,
       COUNT(o.id)                   AS order_count,
       COALESCE(SUM(o.total_cents), 0) AS total_cents,
       '${region}'                   AS region
FROM customers c
LEFT JOIN orders o ON o.customer_id = c.id AND o.status <> 'cancelled'
GROUP BY c.id, c.name;
