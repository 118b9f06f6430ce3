CREATE TYPE mood AS ENUM ('sad', 'ok', 'happy; really');
CREATE TYPE """quoted""" AS (a int, "b;c" text);
CREATE TYPE address AS (
    street text,
    city   text,
    zip    varchar(10)
);

CREATE DOMAIN us_postal_code AS text
    CHECK (VALUE ~ '^\d{5}$' OR VALUE ~ '^\d{5}-\d{4}$');

CREATE DOMAIN positive_int AS integer DEFAULT 1 CONSTRAINT positive CHECK (VALUE > 0);

CREATE TABLE person (
    id       serial,
    feeling  mood DEFAULT 'ok',
    home     address,
    zip      us_postal_code,
    weird    """quoted"""
);

ALTER TYPE mood ADD VALUE IF NOT EXISTS 'ecstatic' AFTER 'happy; really';
ALTER TYPE mood RENAME VALUE 'sad' TO 'blue';
