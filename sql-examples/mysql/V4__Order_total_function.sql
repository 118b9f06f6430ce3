-- MySQL/MariaDB: the body's semicolons would end the statement, so the
-- script switches the delimiter around it, as the mysql client does.
DELIMITER $$

CREATE FUNCTION customer_lifetime_value(p_customer_id INTEGER)
RETURNS BIGINT
READS SQL DATA
COMMENT 'Sum of a customer''s orders; cents'
BEGIN
    DECLARE v_total BIGINT;
    SELECT COALESCE(SUM(total_cents), 0) INTO v_total
    FROM orders
    WHERE customer_id = p_customer_id AND status <> 'cancelled';
    RETURN v_total;
END$$

CREATE PROCEDURE place_order(IN p_customer_id INTEGER, IN p_total_cents INTEGER)
MODIFIES SQL DATA
BEGIN
    DECLARE v_next INTEGER;
    SELECT COALESCE(MAX(id), 0) + 1 INTO v_next FROM orders;
    INSERT INTO orders (id, customer_id, total_cents)
    VALUES (v_next, p_customer_id, p_total_cents);
END$$

DELIMITER ;
