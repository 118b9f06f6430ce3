DO $$
BEGIN
    IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'reporting') THEN
        CREATE ROLE reporting;
    END IF;
END
$$;

DO LANGUAGE plpgsql $do$
DECLARE
    r record;
BEGIN
    FOR r IN SELECT tablename FROM pg_tables WHERE schemaname = 'shop' LOOP
        EXECUTE format('GRANT SELECT ON shop.%I TO reporting;', r.tablename);
    END LOOP;
END
$do$;

DO 'BEGIN RAISE NOTICE ''quoted body; still one statement''; END';

DO $outer$
BEGIN
    EXECUTE $inner$ CREATE TEMP TABLE scratch (x int); $inner$;
    PERFORM 1;
END
$outer$;
