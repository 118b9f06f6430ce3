CREATE TABLE accounts (
    id serial PRIMARY KEY,
    balance numeric(12,2) NOT NULL DEFAULT 0,
    updated_at timestamptz
);

CREATE FUNCTION accounts_check() RETURNS trigger AS '
BEGIN
    IF NEW.balance < 0 THEN
        RAISE EXCEPTION ''balance of % would be negative; rejected'', NEW.id;
    END IF;
    NEW.updated_at := now();
    RETURN NEW;
END;
' LANGUAGE plpgsql;

CREATE TRIGGER accounts_check BEFORE INSERT OR UPDATE ON accounts
    FOR EACH ROW EXECUTE PROCEDURE accounts_check();

CREATE TRIGGER accounts_touch
    AFTER UPDATE ON accounts
    FOR EACH ROW
    WHEN (OLD.balance IS DISTINCT FROM NEW.balance)
    EXECUTE FUNCTION accounts_check();

SELECT setval('accounts_id_seq', 100, true);
