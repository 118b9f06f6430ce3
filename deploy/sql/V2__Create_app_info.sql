-- ${greeting} comes from /flyway/conf/flyway.toml: this migration fails
-- if the image does not read its default config file.
CREATE TABLE app_info (
  name  TEXT PRIMARY KEY,
  value TEXT NOT NULL
);
INSERT INTO app_info (name, value) VALUES ('greeting', '${greeting}');
