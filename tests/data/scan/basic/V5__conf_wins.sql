-- flyway:executeInTransaction=false
-- runway:placeholderReplacement=false
SELECT 5;
