--
-- PostgreSQL database dump (data only)
--

SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;

COPY public.copy_test (id, name, city) FROM stdin;
1	Jürgen	Köln
2	\N	München
3	Søren; Ærø	\N
\.

COPY public.copy_test_two (id, note)
FROM stdin;
1	it's; a \"note\"
2	\\.
\.

SELECT pg_catalog.setval('public.copy_test_id_seq', 3, true);
