-- flyway:executeInTransaction=false
VACUUM;
