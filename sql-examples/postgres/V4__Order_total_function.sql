-- PL/pgSQL: the body is dollar-quoted, so its semicolons stay inside.
CREATE FUNCTION customer_lifetime_value(p_customer_id INTEGER)
RETURNS BIGINT
LANGUAGE plpgsql STABLE
AS $body$
DECLARE
    v_total BIGINT;
BEGIN
    SELECT COALESCE(SUM(total_cents), 0) INTO v_total
    FROM orders
    WHERE customer_id = p_customer_id AND status <> 'cancelled';
    RETURN v_total;
END;
$body$;

COMMENT ON FUNCTION customer_lifetime_value(INTEGER) IS 'Sum of a customer''s orders; cents';
