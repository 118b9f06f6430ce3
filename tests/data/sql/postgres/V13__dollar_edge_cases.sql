CREATE FUNCTION add(integer, integer) RETURNS integer
    AS $_$SELECT $1 + $2;$_$
    LANGUAGE sql IMMUTABLE;

CREATE TABLE "dol$lar" (price$ numeric, a$b int);
SELECT price$, a$b FROM "dol$lar";

PREPARE by_price(numeric) AS SELECT * FROM "dol$lar" WHERE price$ > $1;
EXECUTE by_price(10);
DEALLOCATE by_price;

CREATE FUNCTION quote_demo() RETURNS text AS $outer$
    SELECT $$inner; $$ || $q$it's$q$ || '$not a tag$';
$outer$ LANGUAGE sql;

SELECT $a$;$a$, $Tag_1$ $tag_1$; $Tag_1$;
SELECT $é$ unicode tag; $é$;
