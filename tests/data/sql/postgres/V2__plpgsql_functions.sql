CREATE OR REPLACE FUNCTION shop.touch_updated_at()
RETURNS trigger
LANGUAGE plpgsql
AS $$
BEGIN
    NEW.updated_at := now();  -- keep it simple; no "magic"
    RETURN NEW;
END;
$$;

CREATE FUNCTION shop.order_total(p_customer bigint)
RETURNS bigint
LANGUAGE plpgsql STABLE
AS $body$
DECLARE
    result bigint := 0;
    msg    text := $$it's $1; not a param$$;
BEGIN
    SELECT coalesce(sum(total_cents), 0)
      INTO result
      FROM shop."order"
     WHERE customer_id = p_customer;
    IF result < 0 THEN
        RAISE EXCEPTION 'negative total for %; msg %', p_customer, msg;
    END IF;
    RETURN result;
END
$body$;

CREATE FUNCTION shop.greet(who text) RETURNS text
    LANGUAGE plpgsql IMMUTABLE
    AS $function$
BEGIN
  RETURN format('Hello, %s; welcome!', who);
END;
$function$;

SELECT shop.greet('world');
