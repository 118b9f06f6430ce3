CREATE TABLE items (id int PRIMARY KEY, name text);
CREATE TABLE items_log (id int, op text, at timestamptz DEFAULT now());
CREATE TABLE items_stats (n int);

CREATE RULE log_item_update AS ON UPDATE TO items DO ALSO (
    INSERT INTO items_log (id, op) VALUES (old.id, 'update');
    UPDATE items_stats SET n = n + 1;
);

CREATE RULE no_delete AS ON DELETE TO items DO INSTEAD NOTHING;

CREATE VIEW item_names AS SELECT name FROM items;
CREATE RULE item_names_ins AS ON INSERT TO item_names DO INSTEAD
    INSERT INTO items (id, name) VALUES ((SELECT coalesce(max(id), 0) + 1 FROM items), new.name);
