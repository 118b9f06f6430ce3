CREATE TABLE sales (region text, day date, amount numeric);

CREATE VIEW "sales;by;region" AS
WITH daily AS (
    SELECT region, day, sum(amount) AS total
      FROM sales
     GROUP BY region, day
)
SELECT region,
       day,
       total,
       sum(total) OVER (PARTITION BY region ORDER BY day) AS running_total,
       rank() OVER w AS rnk
  FROM daily
WINDOW w AS (PARTITION BY day ORDER BY total DESC);

CREATE MATERIALIZED VIEW """quoted""view" AS
SELECT region, count(*) AS n FROM sales GROUP BY region
WITH NO DATA;

REFRESH MATERIALIZED VIEW """quoted""view";

CREATE OR REPLACE VIEW recent_sales AS
SELECT * FROM sales WHERE day > current_date - interval '7 days'
WITH LOCAL CHECK OPTION;
