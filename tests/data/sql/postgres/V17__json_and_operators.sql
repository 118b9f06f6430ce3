CREATE TABLE events (id bigserial, payload jsonb, tags text[]);

INSERT INTO events (payload, tags)
VALUES ('{"kind": "signup", "note": "a; b", "quote": "it''s"}', '{a,"b;c"}'),
       (jsonb_build_object('kind', 'login'), ARRAY['x', 'y;z']);

SELECT payload ->> 'kind' AS kind,
       payload #> '{note}' AS note,
       payload ? 'quote' AS has_quote,
       payload ?| array['a', 'b'] AS any_key,
       tags && '{a}'::text[] AS overlaps,
       5--3 is a comment here, the next line continues
       + 1 AS five_plus_one,
       2 */* comment after an operator; */ 3 AS six
  FROM events
 WHERE payload @> '{"kind": "signup"}';

SELECT 1.5e3::numeric, .5, 1e-2 FROM generate_series(1, 2);
