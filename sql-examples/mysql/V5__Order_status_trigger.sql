# MySQL/MariaDB: a trigger keeps an audit of status changes. Its body is a
# BEGIN ... END block; Runway (like Flyway) sees the block and keeps it whole
# without a DELIMITER change.
CREATE TABLE order_status_log (
    order_id   INTEGER NOT NULL,
    old_status VARCHAR(20),
    new_status VARCHAR(20) NOT NULL,
    changed_at TIMESTAMP NOT NULL DEFAULT CURRENT_TIMESTAMP
);

CREATE TRIGGER orders_status_audit
AFTER UPDATE ON orders
FOR EACH ROW
BEGIN
    IF OLD.status <> NEW.status THEN
        INSERT INTO order_status_log (order_id, old_status, new_status)
        VALUES (NEW.id, OLD.status, NEW.status);
    END IF;
END;

CREATE INDEX orders_customer_id_idx ON orders (customer_id, placed_at);
