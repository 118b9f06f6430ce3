--
-- PostgreSQL database dump
--

-- Dumped from database version 15.4
-- Dumped by pg_dump version 15.4

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

--
-- Name: inventory; Type: SCHEMA; Schema: -; Owner: app
--

CREATE SCHEMA inventory;


ALTER SCHEMA inventory OWNER TO app;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: product; Type: TABLE; Schema: inventory; Owner: app
--

CREATE TABLE inventory.product (
    id integer NOT NULL,
    sku character varying(32) NOT NULL,
    title text DEFAULT ''::text NOT NULL,
    price numeric(10,2)
);


ALTER TABLE inventory.product OWNER TO app;

--
-- Name: product_id_seq; Type: SEQUENCE; Schema: inventory; Owner: app
--

CREATE SEQUENCE inventory.product_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


ALTER TABLE inventory.product_id_seq OWNER TO app;

ALTER SEQUENCE inventory.product_id_seq OWNED BY inventory.product.id;

ALTER TABLE ONLY inventory.product ALTER COLUMN id SET DEFAULT nextval('inventory.product_id_seq'::regclass);

ALTER TABLE ONLY inventory.product
    ADD CONSTRAINT product_pkey PRIMARY KEY (id);

CREATE UNIQUE INDEX product_sku_key ON inventory.product USING btree (lower((sku)::text));

COMMENT ON COLUMN inventory.product.title IS 'Shown to customers; keep it short';

GRANT USAGE ON SCHEMA inventory TO PUBLIC;

--
-- PostgreSQL database dump complete
--

