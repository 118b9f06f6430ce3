-- flyway:executeInTransaction=false
CREATE INDEX CONCURRENTLY i ON t (id);
