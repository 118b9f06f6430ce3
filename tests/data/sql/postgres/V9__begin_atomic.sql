CREATE TABLE ledger (id int, amount int);

CREATE FUNCTION add_numbers(a integer, b integer) RETURNS integer
    LANGUAGE sql IMMUTABLE
BEGIN ATOMIC
    SELECT a + b;
END;

CREATE OR REPLACE PROCEDURE record_amount(p_id int, p_amount int)
LANGUAGE sql
BEGIN ATOMIC
    INSERT INTO ledger (id, amount) VALUES (p_id, p_amount);
    UPDATE ledger SET amount = CASE WHEN amount < 0 THEN 0 ELSE amount END
     WHERE id = p_id;
END;

CREATE FUNCTION sign_of(x int) RETURNS text
LANGUAGE sql
RETURN CASE WHEN x > 0 THEN 'positive' WHEN x < 0 THEN 'negative' ELSE 'zero' END;

CALL record_amount(1, 10);
SELECT add_numbers(1, 2), sign_of(-3);
