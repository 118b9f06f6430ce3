CREATE OR REPLACE VIEW account_count AS
SELECT count(*) AS accounts FROM accounts;
