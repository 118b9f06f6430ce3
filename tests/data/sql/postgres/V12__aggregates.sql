CREATE FUNCTION concat_step(state text, item text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    AS $$
BEGIN
    IF state = '' THEN
        RETURN item;
    ELSE
        RETURN state || ';' || item;
    END IF;
END;
$$;

CREATE AGGREGATE semicolon_join(text) (
    sfunc = concat_step,
    stype = text,
    initcond = ''
);

CREATE TYPE complex_shell;

CREATE OPERATOR === (
    leftarg = integer,
    rightarg = integer,
    function = int4eq,
    commutator = ===
);

SELECT semicolon_join(x) FROM (VALUES ('a'), ('b;c')) AS v(x);
