-- café
SELECT 1;
