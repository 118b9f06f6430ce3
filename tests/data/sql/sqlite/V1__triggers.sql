-- Tables, a trigger and a view for SQLite.
PRAGMA foreign_keys = ON;

CREATE TABLE [order] (
    id INTEGER PRIMARY KEY AUTOINCREMENT,
    "note" TEXT DEFAULT 'n/a; it''s fine',
    `stamp` TEXT,
    data BLOB DEFAULT x'00FF'
);

CREATE TRIGGER order_stamp AFTER INSERT ON [order]
BEGIN
    -- it's a comment; inside the trigger
    UPDATE [order] SET stamp = CASE WHEN new.note IS NULL THEN 'none' ELSE datetime('now') END
     WHERE id = new.id;
    INSERT INTO log (msg) VALUES ('inserted; ' || new.id);
END;

CREATE VIEW recent AS SELECT * FROM [order] /* newest; first */ ORDER BY id DESC;

BEGIN TRANSACTION;
INSERT INTO [order] (note) VALUES ('first');
COMMIT;

VACUUM;
