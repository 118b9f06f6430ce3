/* Settings the application reads at start-up. The region comes from the
   placeholder ${region} (set in conf/runway.toml or -placeholders.region=). */
CREATE TABLE app_settings (
    name  VARCHAR(100) PRIMARY KEY,
    value VARCHAR(1000) NOT NULL
);

INSERT INTO app_settings (name, value) VALUES ('region', '${region}');
INSERT INTO app_settings (name, value) VALUES ('currency', 'EUR');
