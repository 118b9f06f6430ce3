CREATE TABLE messages (id int, body text, bits bit varying, raw bytea);

INSERT INTO messages VALUES (1, E'it\'s; escaped', B'1010', '\x00ff');
INSERT INTO messages VALUES (2, e'lower-case e: \\; and \'', B'01', NULL);
INSERT INTO messages VALUES (3, E'tab\there\nnewline', X'1F', NULL);
INSERT INTO messages VALUES (4, U&'d\0061t\+000061; unicode', NULL, NULL);
INSERT INTO messages VALUES (5, E'continued'
    '\'; on the next line', NULL, NULL);
INSERT INTO messages VALUES (6, 'plain C:\path\', NULL, NULL);
INSERT INTO messages VALUES (7, N'national; string', NULL, NULL);
SELECT U&"d\0061t" FROM (SELECT 1 AS dat) AS s;
