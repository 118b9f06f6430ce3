-- € price
SELECT 1;
